"""A local lettings plan with its own order: on Marshvale's new Brook Farm estate, people in the
plan's groups are placed longest registered first, whatever their band; everyone else follows in
the scheme's usual order (band, then priority date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.document import OrderKey, PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import Bidder, Home, rank
from hearth.policy.rules.rank_wording import order_described, order_explained
from hearth.policy.simulation.results import shortlist_orders_changed
from hearth.policy.tests.assess_support import MARSHVALE, ON, demo_changed, household, lead
from hearth.policy.tests.rank_support import BASE, DATES, bidder, order

BROOK_FARM_HOME = Home(bedrooms=2, council=MARSHVALE, lettings_plan="brook_farm")


def brook_farm(*plan_order: object, scheme_order: list[dict[str, str]] | None = None) -> Any:
    """Marshvale's policy with the Brook Farm plan: armed forces households first, then care
    leavers, each group in `plan_order` (the scheme's usual order when none is given)."""

    def change(data: dict[str, Any]) -> None:
        plan: dict[str, Any] = {
            "code": "brook_farm",
            "name": "Brook Farm",
            "text": "A new estate: longest registered first within each group.",
            "groups": [
                {"name": "Armed forces", "connection": {"exemptions": ["armed_forces"]}},
                {"name": "Care leavers", "connection": {"exemptions": ["care_leaver"]}},
            ],
        }
        if plan_order:
            plan["order"] = list(plan_order)
        data["shortlist"]["local_lettings_plans"] = [plan]
        if scheme_order is not None:
            data["shortlist"]["order"] = scheme_order

    return demo_changed(MARSHVALE, change)


LONGEST_REGISTERED = brook_farm("registration_date")


def applicant(
    bid_id: str, band: str, registered: dt.date, *exemptions: str, policy: PolicyDocument
) -> Bidder:
    facts = household(
        household_id=f"h-{bid_id}", registered=registered, exemptions=frozenset(exemptions)
    )
    return bidder(bid_id, facts, policy=policy, band=band, priority_date=registered)


def test_within_the_plans_groups_the_longest_registered_come_first_whatever_the_band() -> None:
    policy = LONGEST_REGISTERED
    bids = [
        applicant("forces-new-A", "A", dt.date(2025, 1, 1), "armed_forces", policy=policy),
        applicant("forces-old-D", "D", dt.date(2012, 1, 1), "armed_forces", policy=policy),
        applicant("forces-mid-B", "B", dt.date(2019, 1, 1), "armed_forces", policy=policy),
        applicant("leaver-new-A", "A", dt.date(2024, 1, 1), "care_leaver", policy=policy),
        applicant("leaver-old-C", "C", dt.date(2010, 1, 1), "care_leaver", policy=policy),
        # in no group: the scheme's usual order, band first
        applicant("other-old-D", "D", dt.date(2001, 1, 1), policy=policy),
        applicant("other-new-A", "A", dt.date(2025, 6, 1), policy=policy),
    ]
    result = rank(policy, BROOK_FARM_HOME, bids, ON)
    assert order(result) == [
        "forces-old-D",
        "forces-mid-B",
        "forces-new-A",
        "leaver-old-C",
        "leaver-new-A",
        "other-new-A",
        "other-old-D",
    ]
    shown = {p.bid_id: p.keys for p in result.placed}
    # in a group: the group, then the plan's keys; in none: the scheme's keys
    assert shown["forces-old-D"] == (
        ("Brook Farm", "Armed forces"),
        ("Registration date", "1 January 2012"),
    )
    assert shown["other-old-D"] == (
        ("Brook Farm", "not in a priority group"),
        ("Band", "Band D"),
        ("Priority date", "1 January 2001"),
    )


def test_without_its_own_order_a_plan_keeps_the_schemes_order_within_its_groups() -> None:
    policy = brook_farm()
    bids = [
        applicant("forces-old-D", "D", dt.date(2012, 1, 1), "armed_forces", policy=policy),
        applicant("forces-new-A", "A", dt.date(2025, 1, 1), "armed_forces", policy=policy),
    ]
    assert order(rank(policy, BROOK_FARM_HOME, bids, ON)) == ["forces-new-A", "forces-old-D"]


def test_a_plan_order_can_chain_keys_and_break_ties_by_the_next_key() -> None:
    policy = brook_farm("registration_date", {"key": "band"})
    same_day = dt.date(2018, 3, 1)
    bids = [
        applicant("same-day-C", "C", same_day, "armed_forces", policy=policy),
        applicant("same-day-A", "A", same_day, "armed_forces", policy=policy),
        applicant("earlier-D", "D", dt.date(2017, 3, 1), "armed_forces", policy=policy),
    ]
    assert order(rank(policy, BROOK_FARM_HOME, bids, ON)) == [
        "earlier-D",
        "same-day-A",
        "same-day-C",
    ]


def test_the_shortlist_says_in_plain_english_how_it_was_ordered() -> None:
    result = rank(LONGEST_REGISTERED, BROOK_FARM_HOME, [], ON)
    assert result.explanation == (
        "Households in the Brook Farm plan's priority groups come first, group by group: "
        "Armed forces; Care leavers.",
        "Ordered by the Brook Farm plan: longest registered first.",
        "Households in none of its groups come after them, in the scheme's usual order: "
        "highest band first, then earliest priority date first.",
    )
    assert order_explained(brook_farm(), None) == (
        "Ordered by the scheme's usual order: highest band first, then earliest priority date "
        "first.",
    )
    assert order_explained(brook_farm(), brook_farm().shortlist.local_lettings_plans[0])[-1] == (
        "Within each group, and after them, the scheme's usual order: highest band first, then "
        "earliest priority date first."
    )


def test_every_order_key_reads_as_plain_english() -> None:
    assert order_described(
        (
            OrderKey("bedroom_match"),
            OrderKey("no_housing_debt"),
            OrderKey("local_connection"),
            OrderKey("transfer", prefer="new"),
            OrderKey("expression", prefer="lower", expression="bid.points", label="Points"),
            OrderKey("random"),
        )
    ) == (
        "households needing exactly this number of bedrooms first, then households with no "
        "housing debt first, then households with a local connection first, then new applicants "
        "first, then Points, lowest first, then a random draw"
    )


# --- Properties --------------------------------------------------------------------------------

PROPERTY_POLICY = brook_farm("registration_date", {"key": "band"})


@st.composite
def plan_bidders(draw: st.DrawFn) -> list[Bidder]:
    ids = draw(st.lists(st.text("abcdef", min_size=1, max_size=3), max_size=12, unique=True))
    found = []
    for bid_id in ids:
        facts = HouseholdFacts(
            household_id=f"h-{bid_id}",
            council=MARSHVALE,
            registration_date=draw(DATES),
            members=(lead(),),
            exemptions=frozenset(
                draw(st.sets(st.sampled_from(["armed_forces", "care_leaver"]), max_size=1))
            ),
        )
        assessment = dataclasses.replace(
            BASE, band=draw(st.sampled_from("ABCD")), priority_date=draw(DATES), bedroom_need=2
        )
        found.append(Bidder.of(bid_id, facts, assessment))
    return found


def _group(bid: Bidder) -> int:
    assert bid.household is not None
    exemptions = bid.household.exemptions
    return 0 if "armed_forces" in exemptions else 1 if "care_leaver" in exemptions else 2


@settings(max_examples=150, deadline=None)
@given(plan_bidders(), st.randoms(use_true_random=False))
def test_a_plans_order_is_total_and_followed_within_each_group(
    bids: list[Bidder], shuffler: Any
) -> None:
    expected = rank(PROPERTY_POLICY, BROOK_FARM_HOME, bids, ON)
    shuffled = list(bids)
    shuffler.shuffle(shuffled)
    assert rank(PROPERTY_POLICY, BROOK_FARM_HOME, shuffled, ON) == expected
    by_id = {b.bid_id: b for b in bids}
    placed = [by_id[p.bid_id] for p in expected.placed]
    assert len(placed) == len(bids)
    groups = [_group(b) for b in placed]
    assert groups == sorted(groups)
    bands = "ABCD"
    for before, after in itertools.pairwise(placed):
        if _group(before) != _group(after):
            continue
        if _group(before) < 2:  # the plan's order: registration date, then band
            first = (before.standing.registration_date, bands.index(before.standing.band))
            second = (after.standing.registration_date, bands.index(after.standing.band))
        else:  # the scheme's usual order: band, then priority date
            first = (bands.index(before.standing.band), before.standing.priority_date)
            second = (bands.index(after.standing.band), after.standing.priority_date)
        assert first <= second  # type: ignore[operator]


# --- What a simulation of a draft reports -------------------------------------------------------


def test_a_simulation_lists_the_shortlist_orders_a_draft_changes() -> None:
    now = brook_farm()
    assert shortlist_orders_changed(now, now) == []
    assert shortlist_orders_changed(None, LONGEST_REGISTERED) == []
    # a plan given its own order, and the scheme's order changed too
    draft = brook_farm("registration_date", scheme_order=[{"key": "priority_date"}])
    found = shortlist_orders_changed(now, draft)
    assert [(f["plan"], f["now"], f["draft"]) for f in found] == [
        ("", [_key("band"), _key("priority_date")], [_key("priority_date")]),
        ("brook_farm", None, [_key("registration_date")]),
    ]
    # a plan with its own order dropped from the draft
    (dropped,) = shortlist_orders_changed(LONGEST_REGISTERED, demo_changed(MARSHVALE, _no_plans))
    assert (dropped["name"], dropped["now"], dropped["draft"]) == (
        "Brook Farm",
        [_key("registration_date")],
        None,
    )


def _key(name: str) -> dict[str, str]:
    return {"key": name, "prefer": "", "expression": "", "label": "", "to": ""}


def _no_plans(data: dict[str, Any]) -> None:
    data["shortlist"]["local_lettings_plans"] = []
