"""Ranking the bids for one home: each order key, points, a key whose expression fails, and the
random draw.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import Bidder, rank
from hearth.policy.rules.rank_wording import KEY_LABELS
from hearth.policy.tests.assess_support import MARSHVALE, ON, demo, family, household
from hearth.policy.tests.rank_support import HOME, bidder, order, ordered_by

# --- Each order key ----------------------------------------------------------------------------


def _registered(day: dt.date, bid_id: str) -> HouseholdFacts:
    return household(registered=day, household_id=bid_id)


@pytest.mark.parametrize(
    ("key", "first", "second"),
    [
        ({"key": "band"}, bidder("b2", band="A"), bidder("b1", band="B")),
        # ranked below: after uncapped households in the same band, before the next band
        ({"key": "band"}, bidder("b2", band="C"), bidder("b1", band="C", ranked_below=True)),
        ({"key": "band"}, bidder("b2", band="C", ranked_below=True), bidder("b1", band="D")),
        (
            {"key": "priority_date"},
            bidder("b2", priority_date=dt.date(2024, 3, 1)),
            bidder("b1", priority_date=dt.date(2024, 3, 2)),
        ),
        (
            {"key": "registration_date"},
            bidder("b2", _registered(dt.date(2023, 1, 1), "b2")),
            bidder("b1", _registered(dt.date(2023, 1, 2), "b1")),
        ),
        ({"key": "bedroom_match"}, bidder("b2", bedroom_need=2), bidder("b1", bedroom_need=1)),
        (
            {"key": "no_housing_debt"},
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(household_id="b1", housing_debt=Decimal("0.01"))),
        ),
        (
            {"key": "local_connection"},
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(household_id="b1", residence=())),
        ),
        (
            {"key": "transfer", "prefer": "transfer"},
            bidder("b2", household(household_id="b2", is_transfer=True)),
            bidder("b1", household(household_id="b1")),
        ),
        (
            {"key": "transfer", "prefer": "new"},
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(household_id="b1", is_transfer=True)),
        ),
        (
            {"key": "expression", "expression": "household.children", "label": "Children"},
            bidder("b2", household(*family((3, "male")), household_id="b2")),
            bidder("b1", household(household_id="b1")),
        ),
        (
            {
                "key": "expression",
                "expression": "household.children",
                "prefer": "lower",
                "label": "Children",
            },
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(*family((3, "male")), household_id="b1")),
        ),
        (
            {
                "key": "expression",
                "expression": "home.bedrooms - bid.bedroom_need",
                "prefer": "lower",
                "label": "Spare bedrooms",
            },
            bidder("b2", bedroom_need=2),
            bidder("b1", bedroom_need=1),
        ),
    ],
)
def test_each_order_key(key: dict[str, str], first: Bidder, second: Bidder) -> None:
    """`b2` comes first although `b1` would win the final tie-break on bid identifier."""
    policy = ordered_by(key)
    result = rank(policy, HOME, [second, first], ON)
    assert order(result) == ["b2", "b1"]
    assert [p.position for p in result.placed] == [1, 2]
    # each placed bid shows the key that placed it
    label, value = result.placed[0].keys[0]
    assert label == (key["label"] if key["key"] == "expression" else KEY_LABELS[key["key"]])
    assert value
    # equal on the key: the bid identifier decides
    tie = rank(policy, HOME, [first, first._replace(bid_id="b0")], ON)
    assert order(tie) == ["b0", "b2"]


def test_points_rank_highest_first() -> None:
    northfen = demo("northfen")
    facts = household(council="northfen")
    low = bidder("b1", facts, policy=northfen, points=50)
    high = bidder("b2", facts, policy=northfen, points=70)
    result = rank(northfen, dataclasses.replace(HOME, council="northfen"), [low, high], ON)
    assert order(result) == ["b2", "b1"]
    assert result.placed[0].keys[0] == ("Points", "70")


def test_band_then_priority_date(marshvale_bids: list[Bidder]) -> None:
    result = rank(demo(MARSHVALE), HOME, marshvale_bids, ON)
    assert order(result) == ["a-2023", "a-2025", "b-2022", "c-2020", "c-below-2019", "d-2018"]
    assert result.placed[0].keys == (("Band", "Band A"), ("Priority date", "1 March 2023"))
    assert result.placed[4].keys[0] == ("Band", "Band C (ranked below uncapped households)")


@pytest.fixture
def marshvale_bids() -> list[Bidder]:
    def bid(bid_id: str, band: str, day: dt.date, below: bool = False) -> Bidder:
        return bidder(bid_id, band=band, priority_date=day, ranked_below=below)

    return [
        bid("d-2018", "D", dt.date(2018, 1, 1)),
        bid("c-below-2019", "C", dt.date(2019, 1, 1), below=True),
        bid("c-2020", "C", dt.date(2020, 1, 1)),
        bid("b-2022", "B", dt.date(2022, 1, 1)),
        bid("a-2025", "A", dt.date(2025, 1, 1)),
        bid("a-2023", "A", dt.date(2023, 3, 1)),
    ]


def test_a_failing_expression_key_ranks_last_and_is_reported() -> None:
    policy = ordered_by(
        {"key": "expression", "expression": "1.0 / household.children", "label": "Per child"}
    )
    none = bidder("b1", household(household_id="b1"))
    one = bidder("b2", household(*family((3, "male")), household_id="b2"))
    result = rank(policy, HOME, [none, one], ON)
    assert order(result) == ["b2", "b1"]
    assert result.placed[1].keys[0] == ("Per child", "could not be worked out")
    assert len(result.problems) == 1 and result.problems[0].startswith("b1: Per child:")


# --- Random draw -------------------------------------------------------------------------------


def test_a_random_key_is_reproducible_with_the_stored_seed() -> None:
    policy = ordered_by({"key": "band"}, {"key": "random"})
    bids = [bidder(f"b{i}", band="B") for i in range(8)] + [bidder("a", band="A")]
    first = rank(policy, HOME, bids, ON, seed="advert-41:2026-06-15")
    again = rank(policy, HOME, list(reversed(bids)), ON, seed="advert-41:2026-06-15")
    assert first == again
    assert order(first)[0] == "a"  # the draw only breaks ties within the band
    orders = {tuple(order(rank(policy, HOME, bids, ON, seed=f"seed-{n}"))) for n in range(10)}
    assert len(orders) > 1  # a different seed gives a different draw
    assert first.placed[1].keys[1] == ("Random draw", "drawn")
