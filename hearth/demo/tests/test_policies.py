"""The demo councils' policies, each assessed against a few hand-built households."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from hearth.demo.policies import demo_policy_texts
from hearth.policy.rules.assess import assess
from hearth.policy.rules.connection import months_before
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_from_text
from hearth.policy.rules.facts import HomeFacts, HouseholdFacts, Period, PersonFacts
from hearth.policy.rules.rank import Bidder, Home, rank
from hearth.policy.tests.assess_support import (
    ON,
    codes,
    family,
    household,
    lead,
    lived,
    person,
)

TEXTS = demo_policy_texts()


def policy(council: str) -> PolicyDocument:
    return document_from_text(TEXTS[council])


def bids(council: str, *households: HouseholdFacts) -> list[Bidder]:
    """Bids from households assessed today under `council`'s policy, named by household."""
    document = policy(council)
    return [Bidder.of(h.household_id, h, assess(document, h, ON)) for h in households]


# --- Every policy ------------------------------------------------------------------------------


@pytest.mark.parametrize("council", sorted(TEXTS))
def test_every_rule_explains_itself(council: str) -> None:
    document = policy(council)
    texts = [
        document.summary,
        document.local_connection.text,
        document.bedrooms.text,
        document.priority_date.text,
        document.shortlist.text,
        *(rule.text for rule in document.qualification),
        *(reason.text for reason in document.need_reasons),
        *(reason.label for reason in document.need_reasons),
        *(rule.text for rule in document.cumulative),
        *(cap.text for cap in document.caps),
        *(band.meaning for band in document.bands),
        *(rule.text for rule in document.refusals),
        *(plan.text for plan in document.shortlist.local_lettings_plans),
        *(
            group.connection.text
            for plan in document.shortlist.local_lettings_plans
            for group in plan.groups
        ),
    ]
    if document.bid_limit is not None:
        texts.append(document.bid_limit.text)
    if document.points is not None:
        texts.append(document.points.text)
    assert all(text.strip() for text in texts)


@pytest.mark.parametrize("council", sorted(TEXTS))
def test_a_settled_household_with_no_need_qualifies(council: str) -> None:
    result = assess(policy(council), household(council=council), ON)
    assert result.qualifies and result.needs == () and result.problems == ()
    assert result.priority_date == dt.date(2024, 1, 10)


# --- Marshvale City ----------------------------------------------------------------------------

TWO_BEDROOMS = HomeFacts("private_rented", 2)
TEENAGERS = family((12, "male"), (14, "female"))  # 3 bedrooms under the statutory standard


def test_marshvale_two_band_b_reasons_make_band_a() -> None:
    facts = household(
        *TEENAGERS, awards={"harassment_risk": dt.date(2025, 9, 1)}, home=TWO_BEDROOMS
    )
    result = assess(policy("marshvale-city"), facts, ON)
    assert sorted(codes(result)) == ["harassment_risk", "overcrowded_1"]
    assert (result.band, result.priority_date) == ("A", dt.date(2025, 9, 1))


def test_marshvale_without_a_local_connection_is_band_c_at_most() -> None:
    facts = household(
        residence=(lived("northfen", dt.date(2010, 1, 1)),),
        awards={"urgent_medical": dt.date(2024, 6, 1)},
    )
    result = assess(policy("marshvale-city"), facts, ON)
    assert not result.local_connection
    assert (result.band, result.ranked_below) == ("C", True)
    settled = household(household_id="settled", awards={"medium_medical": dt.date(2025, 1, 1)})
    shortlist = rank(
        policy("marshvale-city"),
        Home(bedrooms=1, council="marshvale-city"),
        [
            Bidder.of("outsider", facts, result),
            Bidder.of("settled", settled, assess(policy("marshvale-city"), settled, ON)),
        ],
        ON,
    )
    # the settled Band C household comes first although the outsider's date is earlier
    assert result.priority_date == dt.date(2024, 6, 1)
    assert [p.bid_id for p in shortlist.placed] == ["settled", "outsider"]


def test_marshvale_overcrowding_by_2_is_band_a() -> None:
    result = assess(
        policy("marshvale-city"), household(*TEENAGERS, home=HomeFacts("private_rented", 1)), ON
    )
    assert codes(result) == ["overcrowded_2"] and result.band == "A"


# --- Northfen (points) -------------------------------------------------------------------------


def northfen(*members: PersonFacts, registered: dt.date, **extra: Any) -> HouseholdFacts:
    return household(*members, council="northfen", registered=registered, **extra)


def test_northfen_points_add_up_with_waiting_time() -> None:
    facts = northfen(
        *TEENAGERS,
        registered=months_before(ON, 24),
        awards={"high_medical": dt.date(2025, 1, 1)},
        home=TWO_BEDROOMS,
    )
    result = assess(policy("northfen"), facts, ON)
    assert sorted(codes(result)) == ["high_medical", "overcrowded_1"]
    assert result.points == 100 + 50 + 24
    assert result.band == ""


def test_northfen_waiting_points_stop_at_60() -> None:
    facts = northfen(registered=dt.date(2019, 3, 1), homelessness_duty="main")
    assert assess(policy("northfen"), facts, ON).points == 150 + 60


def test_northfen_gives_every_adult_of_18_a_room() -> None:
    sons = (
        lead(45),
        person("son1", 18, "male", "child"),
        person("son2", 19, "male", "child"),
    )
    facts = northfen(*sons, registered=ON, home=HomeFacts("private_rented", 2))
    result = assess(policy("northfen"), facts, ON)
    assert result.bedroom_need == 3
    assert codes(result) == ["overcrowded_1"] and result.points == 50
    # Marshvale's statutory standard lets two brothers under 21 share
    assert assess(policy("marshvale-city"), household(*sons), ON).bedroom_need == 2


def test_northfen_needs_a_local_connection_unless_exempt() -> None:
    stranger = northfen(registered=ON, residence=())
    assert assess(policy("northfen"), stranger, ON).status == "not_qualifying"
    fleeing = northfen(registered=ON, residence=(), exemptions=frozenset({"domestic_abuse"}))
    assert assess(policy("northfen"), fleeing, ON).qualifies


def test_northfen_ranks_by_points_then_registration_date() -> None:
    shortlist = rank(
        policy("northfen"),
        Home(bedrooms=2, council="northfen"),
        bids(
            "northfen",
            northfen(registered=dt.date(2025, 6, 15), household_id="newer-12"),
            northfen(registered=dt.date(2024, 6, 15), household_id="older-24"),
            northfen(registered=dt.date(2025, 6, 14), household_id="earlier-12"),
            northfen(
                registered=dt.date(2026, 6, 1), household_id="relief", homelessness_duty="relief"
            ),
        ),
        ON,
    )
    assert [(p.bid_id, p.keys[0][1]) for p in shortlist.placed] == [
        ("relief", "100"),
        ("older-24", "24"),
        ("earlier-12", "12"),
        ("newer-12", "12"),
    ]


# --- Eastmere (rural) --------------------------------------------------------------------------

PARISH = "saltby"
SITE = Home(
    bedrooms=2,
    council="eastmere",
    parish=PARISH,
    lettings_plan="rural_exception",
    max_bedroom_need=3,
)


def eastmere(household_id: str, *members: PersonFacts, **extra: Any) -> HouseholdFacts:
    """An Eastmere household living in the district, outside the parish unless told otherwise."""
    extra.setdefault("residence", (lived("eastmere", dt.date(2012, 1, 1), parish="mere-end"),))
    return household(*members, council="eastmere", household_id=household_id, **extra)


def test_eastmere_rural_exception_site_puts_the_parish_first() -> None:
    shortlist_bids = bids(
        "eastmere",
        # Gold (overcrowded by 2), no tie to the parish
        eastmere("gold-outsider", *TEENAGERS, home=HomeFacts("private_rented", 1)),
        # Bronze, working in the parish 20 hours a week
        eastmere(
            "bronze-worker", work=(Period("eastmere", dt.date(2023, 1, 1), None, PARISH, 20),)
        ),
        # Bronze, mother in the parish since 2010
        eastmere("bronze-family", family=(lived("eastmere", dt.date(2010, 1, 1), parish=PARISH),)),
        # Bronze, living in the parish since 2020
        eastmere(
            "bronze-resident", residence=(lived("eastmere", dt.date(2020, 1, 1), parish=PARISH),)
        ),
        # Silver (overcrowded by 1), living in the parish since 2018
        eastmere(
            "silver-resident",
            *TEENAGERS,
            residence=(lived("eastmere", dt.date(2018, 1, 1), parish=PARISH),),
            home=TWO_BEDROOMS,
        ),
    )
    shortlist = rank(policy("eastmere"), SITE, shortlist_bids, ON)
    assert [p.bid_id for p in shortlist.placed] == [
        "silver-resident",
        "bronze-resident",
        "bronze-family",
        "bronze-worker",
        "gold-outsider",
    ]
    # an ordinary home in the district: band first, the parish counts for nothing
    ordinary = rank(
        policy("eastmere"),
        Home(bedrooms=2, council="eastmere", max_bedroom_need=3),
        [bid for bid in shortlist_bids if bid.bid_id in {"gold-outsider", "bronze-resident"}],
        ON,
    )
    assert [p.bid_id for p in ordinary.placed] == ["gold-outsider", "bronze-resident"]


def test_eastmere_orders_band_then_bedrooms_then_debt_then_date() -> None:
    couple_with_child = family((3, "female"))  # 2 bedrooms
    shortlist = rank(
        policy("eastmere"),
        Home(bedrooms=2, council="eastmere", max_bedroom_need=3),
        bids(
            "eastmere",
            eastmere("one-bed-early", homelessness_duty="main", registered=dt.date(2020, 1, 1)),
            eastmere(
                "two-bed-debt",
                *couple_with_child,
                homelessness_duty="main",
                housing_debt=Decimal(120),
                registered=dt.date(2021, 1, 1),
            ),
            eastmere(
                "two-bed-late",
                *couple_with_child,
                homelessness_duty="main",
                registered=dt.date(2023, 1, 1),
            ),
            eastmere(
                "two-bed-early",
                *couple_with_child,
                homelessness_duty="main",
                registered=dt.date(2022, 1, 1),
            ),
            eastmere("silver", *couple_with_child, home=HomeFacts("private_rented", 1)),
        ),
        ON,
    )
    assert [p.bid_id for p in shortlist.placed] == [
        "two-bed-early",
        "two-bed-late",
        "two-bed-debt",
        "one-bed-early",
        "silver",
    ]


def test_eastmere_two_silver_reasons_make_gold() -> None:
    facts = eastmere(
        "h", home=HomeFacts("private_rented", 1, disrepair=True), awards={"hardship_move": ON}
    )
    result = assess(policy("eastmere"), facts, ON)
    assert sorted(codes(result)) == ["hardship_move", "unsatisfactory_home"]
    assert result.band == "gold"


def test_eastmere_needs_a_local_connection_and_lets_owners_in_only_with_a_duty() -> None:
    eastmere_policy = policy("eastmere")
    assert assess(eastmere_policy, eastmere("h", residence=()), ON).status == "not_qualifying"
    owner = eastmere("h", owns_property=True, home=HomeFacts("owner", 3))
    assert assess(eastmere_policy, owner, ON).status == "not_qualifying"
    owed = eastmere("h", owns_property=True, home=HomeFacts("owner", 3), homelessness_duty="relief")
    result = assess(eastmere_policy, owed, ON)
    assert result.qualifies and result.band == "silver"


def test_eastmere_emergency_band() -> None:
    result = assess(policy("eastmere"), eastmere("h", awards={"emergency": ON}), ON)
    assert (result.band, result.priority_date) == ("emergency", ON)


# --- Kingsbarrow (direct matching) -------------------------------------------------------------


def kingsbarrow(household_id: str = "h", **extra: Any) -> HouseholdFacts:
    return household(council="kingsbarrow", household_id=household_id, **extra)


def test_kingsbarrow_matches_directly_without_bidding() -> None:
    document = policy("kingsbarrow")
    assert document.lettings == "direct_match"
    assert document.bid_limit is None
    assert [b.code for b in document.bands] == ["A", "B", "C"]
    assert [k.key for k in document.shortlist.order] == ["band", "priority_date"]


@pytest.mark.parametrize(
    ("extra", "band", "ranked_below"),
    [
        ({"homelessness_duty": "main"}, "A", False),
        ({"homelessness_duty": "prevention"}, "B", False),
        ({"awards": {"urgent_medical": ON}}, "A", False),
        ({"awards": {"urgent_medical": ON}, "residence": ()}, "C", True),
        ({"awards": {"medium_medical": ON}}, "C", False),
        ({}, "C", False),
    ],
)
def test_kingsbarrow_bands(extra: dict[str, Any], band: str, ranked_below: bool) -> None:
    result = assess(policy("kingsbarrow"), kingsbarrow(**extra), ON)
    assert (result.band, result.ranked_below) == (band, ranked_below)


def test_kingsbarrow_lists_band_then_priority_date() -> None:
    shortlist = rank(
        policy("kingsbarrow"),
        Home(bedrooms=1, council="kingsbarrow"),
        bids(
            "kingsbarrow",
            kingsbarrow("c-early", registered=dt.date(2019, 1, 1)),
            kingsbarrow("a-late", awards={"urgent_medical": dt.date(2026, 1, 1)}),
            kingsbarrow("a-early", awards={"urgent_medical": dt.date(2025, 1, 1)}),
            kingsbarrow("b", homelessness_duty="relief"),
        ),
        ON,
    )
    assert [p.bid_id for p in shortlist.placed] == ["a-early", "a-late", "b", "c-early"]
