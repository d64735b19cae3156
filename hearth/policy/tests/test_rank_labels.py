"""An advert's mobility and age labels, and a local connection to the home's own area: who may
bid, who comes first, and how the shortlist says so. Pure: no database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from hearth.policy.rules.context import expression_problems
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts, Period
from hearth.policy.rules.labels import ages_meet, counted_people, mobility_matches
from hearth.policy.rules.rank import Bidder, eligibility_check, needs_full_facts, rank
from hearth.policy.tests.assess_support import (
    MARSHVALE,
    ON,
    demo_changed,
    household,
    lead,
    lived,
    person,
)
from hearth.policy.tests.rank_support import HOME, bidder, order, ordered_by

# --- Mobility -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assessed", "label", "matches"),
    [
        ("1", "1", True),
        ("1", "2", True),  # a household needing a wheelchair home is among those needing 1 or 2
        ("2", "1", False),
        ("3", "3", True),
        ("", "3", False),  # self-reported mobility never counts: only an officer's assessment
        ("2", "", False),
    ],
)
def test_a_mobility_label_is_for_households_assessed_as_needing_that_home_or_more(
    assessed: str, label: str, matches: bool
) -> None:
    assert mobility_matches(assessed, label) is matches


def _assessed(bid_id: str, need: str, **assessment: object) -> Bidder:
    facts = household(household_id=f"h-{bid_id}", assessed_mobility=need)
    return bidder(bid_id, facts, **assessment)


def test_a_mobility_filter_lets_only_matching_households_bid_and_says_why_not() -> None:
    # Given a home only for households assessed as needing a mobility 1 or 2 home
    home = dataclasses.replace(HOME, mobility_need="2", mobility_use="filter")
    check = eligibility_check(ordered_by({"key": "band"}), home, ON)
    # When three households ask
    wheelchair, step_free, unassessed = _assessed("a", "1"), _assessed("b", "3"), _assessed("c", "")
    # Then only the one needing a wheelchair home may bid, and the others are told why
    assert check(wheelchair) is None
    refused = check(step_free)
    assert refused is not None
    assert refused.officer == (
        "assessed mobility need: mobility 3; this home is only for households assessed as "
        "needing a mobility 1 or 2 home"
    )
    assert refused.applicant() == (
        "This home is only for households assessed as needing a mobility 1 or 2 home. Your "
        "household is assessed as needing a mobility 3 home."
    )
    not_assessed = check(unassessed)
    assert not_assessed is not None
    assert "has not been assessed as needing an accessible home" in not_assessed.applicant()


def test_a_mobility_priority_group_comes_first_then_everyone_in_the_usual_order() -> None:
    # Given a home for households needing a wheelchair home first, ranked by band
    home = dataclasses.replace(HOME, mobility_need="1", mobility_use="priority")
    policy = ordered_by({"key": "band"})
    bids = [
        _assessed("band-a", "", band="A"),
        _assessed("band-c-wheelchair", "1", band="C"),
        _assessed("band-b", "3", band="B"),
        _assessed("band-d-wheelchair", "1", band="D"),
    ]
    # When the bids are ranked
    result = rank(policy, home, bids, ON)
    # Then the priority group comes first in band order, then everyone else in band order
    assert order(result) == ["band-c-wheelchair", "band-d-wheelchair", "band-a", "band-b"]
    assert not result.excluded
    first, third = result.placed[0], result.placed[2]
    assert first.keys[0] == ("Assessed mobility need", "mobility 1, in the priority group")
    assert third.keys[0] == ("Assessed mobility need", "none assessed, not in the priority group")
    assert result.explanation[0] == (
        "Households assessed as needing a wheelchair home (mobility 1) come first (the advert's "
        "priority group), then everyone else; each in the order below."
    )


# --- Age: whose age counts ----------------------------------------------------------------------


def _couple(lead_age: int, partner_age: int, *others: int) -> HouseholdFacts:
    return household(
        lead(lead_age, partner_id="p"),
        person("p", partner_age, "male", "partner", partner_id="lead"),
        *(person(f"o{i}", age, relationship="child") for i, age in enumerate(others)),
    )


@pytest.mark.parametrize(
    ("whose", "members", "meets"),
    [
        ("applicant", (50, 60), False),
        ("applicant_or_partner", (50, 60), True),  # either of the couple will do
        ("applicant_or_partner", (50, 52), False),
        ("every_adult", (60, 58), True),
        ("every_adult", (60, 58, 30), False),  # an adult son of 30 counts
        ("every_adult", (60, 58, 12), True),  # a child does not
    ],
)
def test_an_age_label_counts_the_ages_it_says(
    whose: str, members: tuple[int, ...], meets: bool
) -> None:
    facts = _couple(*members)
    ages = counted_people(facts, whose, ON)
    assert ages_meet(ages, whose, 55, 0) is meets


def test_an_age_label_on_the_applicant_or_partner_refuses_and_explains() -> None:
    # Given a home for people aged 55 or over, the lead applicant or their partner
    home = dataclasses.replace(HOME, minimum_age=55, age_applies_to="applicant_or_partner")
    policy = ordered_by({"key": "band"})
    # Then ranking it needs the households' people, not only their stored standing
    assert needs_full_facts(policy, home, MARSHVALE)
    check = eligibility_check(policy, home, ON)
    assert check(bidder("older", _couple(50, 60))) is None
    refused = check(bidder("younger", _couple(50, 52)))
    assert refused is not None
    assert refused.officer == (
        "this home is for people aged 55 or over (the lead applicant or their partner)"
    )
    assert refused.applicant() == (
        "This home is for households where you or your partner are aged 55 or over."
    )


def test_a_maximum_age_refuses_older_applicants() -> None:
    home = dataclasses.replace(HOME, minimum_age=18, maximum_age=25)
    check = eligibility_check(ordered_by({"key": "band"}), home, ON)
    assert check(bidder("young", household(lead(25)))) is None
    refused = check(bidder("older", household(lead(26))))
    assert refused is not None
    assert refused.applicant() == "This home is for people aged 18 to 25."
    every = dataclasses.replace(home, age_applies_to="every_adult")
    refused = eligibility_check(ordered_by({"key": "band"}), every, ON)(
        bidder("with-parent", household(lead(24), person("mum", 50, relationship="parent")))
    )
    assert refused is not None
    assert refused.applicant() == "This home is for households where every adult is aged 18 to 25."


# --- A local connection to the home's own area --------------------------------------------------

PARISH = "riverside"
PARISH_HOME = dataclasses.replace(HOME, parish=PARISH)


def _parish_first() -> PolicyDocument:
    return ordered_by(
        {"key": "local_connection", "to": "advert_parish"},
        {"key": "local_connection"},
        {"key": "band"},
    )


def test_a_connection_to_the_homes_own_area_comes_first_whichever_register() -> None:
    # Given households connected to the home's parish by residence, by work and by family,
    # one of them on another partner's register, and a Marshvale household living elsewhere
    since = dt.date(2015, 1, 1)
    elsewhere = lived(MARSHVALE, since, parish="docklands")
    resident = household(household_id="h-r", residence=(lived(MARSHVALE, since, parish=PARISH),))
    worker = household(
        household_id="h-w",
        residence=(elsewhere,),
        work=(Period(MARSHVALE, since, None, PARISH, 20),),
    )
    family = household(
        household_id="h-f",
        council="eastmere",
        residence=(lived("eastmere", since),),
        family=(Period(MARSHVALE, since, None, PARISH),),
    )
    other = household(household_id="h-o", residence=(elsewhere,))
    policy = _parish_first()
    bids = [
        bidder("other", other, band="A", policy=policy),
        bidder("family", family, band="D", policy=policy),
        bidder("worker", worker, band="C", policy=policy),
        bidder("resident", resident, band="B", policy=policy),
    ]
    # When the bids are ranked with a connection to the home's area first
    result = rank(policy, PARISH_HOME, bids, ON)
    # Then everyone connected to the parish comes first, in band order, then the rest
    assert order(result) == ["resident", "worker", "family", "other"]
    assert result.placed[2].keys[:2] == (
        ("Local connection to the home's area", "yes"),
        ("Local connection", "yes"),
    )
    assert result.placed[3].keys[0] == ("Local connection to the home's area", "no")
    assert result.explanation == (
        "Ordered by the scheme's usual order: households with a local connection to the home's "
        "own area or parish first, then households with a local connection first, then highest "
        "band first.",
    )


def test_a_home_without_an_area_places_nobody_first_by_it_and_says_so() -> None:
    result = rank(_parish_first(), HOME, [bidder("a"), bidder("b", band="A")], ON)
    assert order(result) == ["b", "a"]
    assert result.problems == (
        "Local connection to the home's area: the home has no area or parish, so nobody was "
        "placed first by it",
    )


# --- Whether the council allows each use of a mobility label -----------------------------------


def _filters_only(data: dict[str, Any]) -> None:
    data["shortlist"]["mobility_labels"] = ["filter"]


def test_a_priority_label_the_policy_does_not_allow_is_not_applied() -> None:
    # Given a council that allows mobility labels only as filters
    policy = demo_changed(MARSHVALE, _filters_only)
    assert policy.shortlist.mobility_labels == ("filter",)
    home = dataclasses.replace(HOME, mobility_need="1", mobility_use="priority")
    bids = [_assessed("a", "", band="A"), _assessed("b", "1", band="B")]
    # When an advert approved earlier with a priority label is ranked
    result = rank(policy, home, bids, ON)
    # Then the usual order applies, and the problems say why
    assert order(result) == ["a", "b"]
    assert result.problems == (
        "this policy does not allow a mobility label used as a priority group; bids were "
        "ranked without it",
    )
    assert eligibility_check(policy, home, ON)(bids[0]) is None


def test_an_expression_reads_the_assessed_need_and_the_adverts_label() -> None:
    # Given an order that puts households assessed as needing a wheelchair home first
    policy = ordered_by(
        {
            "key": "expression",
            "label": "Needs a wheelchair home",
            "expression": 'household.assessed_mobility == "1" ? 1 : 0',
        },
        {"key": "band"},
    )
    bids = [_assessed("b", "3", band="A"), _assessed("a", "1", band="C")]
    # When a home without a mobility label is ranked
    result = rank(policy, HOME, bids, ON)
    # Then the household needing a wheelchair home comes first, by the expression
    assert order(result) == ["a", "b"]
    assert ("Needs a wheelchair home", "1") in result.placed[0].keys
    # And an advert's label can be read too
    assert not expression_problems('home.mobility_need == "1"', "bid_condition")
