"""Assessing one household: need reasons derived from the facts (the bedroom standard, the home,
homelessness duties) and awarded by officers, with dates on the boundaries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HomeFacts, PersonFacts, PreviousOutcome
from hearth.policy.tests.assess_support import (
    DAY,
    MARSHVALE,
    ON,
    cites,
    codes,
    demo_changed,
    family,
    household,
    lead,
    marshvale,
    person,
)

__all__ = ["marshvale"]


# --- Derived need reasons ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "home", "expected", "band"),
    [
        # bedroom standard: couple (1) + boy 12 and girl 14 (a room each) = 3 bedrooms
        (family((12, "male"), (14, "female")), HomeFacts("private_rented", 3), [], "D"),
        (
            family((12, "male"), (14, "female")),
            HomeFacts("private_rented", 2),
            ["overcrowded_1"],
            "B",
        ),
        (
            family((12, "male"), (14, "female")),
            HomeFacts("private_rented", 1),
            ["overcrowded_2"],
            "A",
        ),
        # two boys of 12 and 14 share: 2 bedrooms, so a 1-bedroom home is overcrowded by 1 only
        (
            family((12, "male"), (14, "male")),
            HomeFacts("private_rented", 1),
            ["overcrowded_1"],
            "B",
        ),
        # a boy of 9 and a girl of 9 share under 10
        (family((9, "male"), (9, "female")), HomeFacts("private_rented", 2), [], "D"),
        # a social tenant with 2 spare bedrooms; by 1 is not enough; a private tenant never
        ((lead(),), HomeFacts("social_rented", 3), ["under_occupying_2"], "A"),
        ((lead(),), HomeFacts("social_rented", 2), [], "D"),
        ((lead(),), HomeFacts("private_rented", 3), [], "D"),
        # sharing facilities or disrepair
        (
            (lead(),),
            HomeFacts("private_rented", 1, shares_facilities=True),
            ["unsatisfactory_home"],
            "C",
        ),
        ((lead(),), HomeFacts("private_rented", 1, disrepair=True), ["unsatisfactory_home"], "C"),
    ],
)
def test_derived_reasons_from_the_bedroom_standard_and_the_home(
    marshvale: PolicyDocument,
    members: tuple[PersonFacts, ...],
    home: HomeFacts,
    expected: list[str],
    band: str,
) -> None:
    result = assess(marshvale, household(*members, home=home), ON)
    assert codes(result) == expected
    assert result.band == band


@pytest.mark.parametrize(
    ("duty", "expected", "band"),
    [
        ("main", ["main_duty"], "A"),
        ("prevention", ["prevention_duty"], "B"),
        ("relief", ["prevention_duty"], "B"),
        ("", [], "D"),
    ],
)
def test_derived_reasons_from_homelessness_duties(
    marshvale: PolicyDocument, duty: str, expected: list[str], band: str
) -> None:
    result = assess(marshvale, household(homelessness_duty=duty), ON)
    assert codes(result) == expected
    assert result.band == band


def test_a_derived_reason_dates_from_registration_then_from_the_assessment(
    marshvale: PolicyDocument,
) -> None:
    first = assess(marshvale, household(homelessness_duty="main"), ON)
    assert first.needs[0].since == dt.date(2024, 1, 10)
    assert first.needs[0].awarded == "derived"
    again = household(homelessness_duty="main", previous=PreviousOutcome("D", dt.date(2024, 1, 10)))
    assert assess(marshvale, again, ON).needs[0].since == ON


# --- Officer awards ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("awarded_on", "band"),
    [(ON - DAY, "B"), (ON, "B"), (ON + DAY, "D")],
)
def test_an_officer_award_counts_from_its_date(
    marshvale: PolicyDocument, awarded_on: dt.date, band: str
) -> None:
    result = assess(marshvale, household(awards={"high_medical": awarded_on}), ON)
    assert result.band == band
    if band == "B":
        assert result.needs[0].since == awarded_on and result.needs[0].awarded == "officer"
        reason = marshvale.reason("high_medical")
        assert reason is not None
        assert cites(result, "awarded by an officer", reason.text)
    else:
        assert result.needs == ()


def test_an_award_dated_later_is_invisible_to_expressions() -> None:
    def change(data: dict[str, Any]) -> None:
        data["need_reasons"].append(
            {
                "code": "has_medical",
                "label": "Test",
                "awarded": "derived",
                "when": 'household.awarded.exists(a, a == "medium_medical")',
                "band": "B",
                "text": "Test.",
            }
        )

    policy = demo_changed(MARSHVALE, change)
    assert "has_medical" in codes(assess(policy, household(awards={"medium_medical": ON}), ON))
    assert codes(assess(policy, household(awards={"medium_medical": ON + DAY}), ON)) == []


def test_an_extra_room_award_dated_later_adds_no_bedroom(marshvale: PolicyDocument) -> None:
    later = household(awards={"medical_extra_room": ON + DAY})
    assert assess(marshvale, later, ON).bedroom_need == 1


def test_an_extra_room_award_adds_a_bedroom(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(awards={"medical_extra_room": ON}), ON)
    assert result.bedroom_need == 2
    assert codes(result) == ["overcrowded_1", "medical_extra_room"]  # in the policy's order
    assert result.band == "B"


def test_an_award_the_policy_does_not_have_is_a_problem(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(awards={"gold_welfare": ON}), ON)
    assert result.band == "D"
    assert result.problems == ("awards not in this policy: gold_welfare",)


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ((lead(70),), []),
        ((lead(70, disabled=True),), ["older_disabled"]),
        (
            (lead(30), person("mother", 61, relationship="parent", disabled=True)),
            ["older_disabled"],
        ),
        ((lead(30, disabled=True), person("mother", 59, relationship="parent")), []),
    ],
)
def test_a_derived_reason_can_look_at_each_member(
    members: tuple[PersonFacts, ...], expected: list[str]
) -> None:
    # Given a reason that holds when any member is 60 or over and disabled
    def change(data: dict[str, Any]) -> None:
        data["need_reasons"].append(
            {
                "code": "older_disabled",
                "label": "Older and disabled",
                "awarded": "derived",
                "when": "household.members.exists(m, m.age >= 60 && m.disabled)",
                "band": "C",
                "text": "Someone in your household is 60 or over and disabled.",
            }
        )

    policy = demo_changed(MARSHVALE, change)
    # When the household is assessed, then the reason follows its members' ages and disability
    home = HomeFacts("private_rented", bedrooms=len(members))
    assert codes(assess(policy, household(*members, home=home), ON)) == expected
