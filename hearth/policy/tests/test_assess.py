"""Assessing one household: every rule type, with dates on the boundaries.

The household builders here are shared with the ranking and demo-policy tests.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from hearth.policy.demo import demo_policy_texts
from hearth.policy.rules.assess import Assessment, assess, months_between
from hearth.policy.rules.connection import Place, connection_check, months_before
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_data, document_from_text, document_read
from hearth.policy.rules.facts import (
    HomeFacts,
    HouseholdFacts,
    NeedAward,
    Period,
    PersonFacts,
    PreviousOutcome,
)

ON = dt.date(2026, 6, 15)
MARSHVALE = "marshvale-city"
DAY = dt.timedelta(days=1)

# --- Builders ----------------------------------------------------------------------------------


def demo(council: str) -> PolicyDocument:
    return document_from_text(demo_policy_texts()[council])


def demo_changed(council: str, change: Callable[[dict[str, Any]], object]) -> PolicyDocument:
    """A demo policy with one change made to its data, read again (so it is still valid)."""
    data = copy.deepcopy(document_data(demo(council)))
    change(data)
    return document_read(data)


def birthday(age: int, on: dt.date = ON) -> dt.date:
    """The date of birth of someone who turns `age` on `on`."""
    return on.replace(year=on.year - age)


def person(
    pid: str, age: int, sex: str = "female", relationship: str = "other", **extra: Any
) -> PersonFacts:
    return PersonFacts(pid, birthday(age) - DAY, sex, relationship, **extra)


def lead(age: int = 30, sex: str = "female", **extra: Any) -> PersonFacts:
    return person("lead", age, sex, "lead", **extra)


def family(*children: tuple[int, str]) -> tuple[PersonFacts, ...]:
    """A couple aged 35 and 36 with children of the given (age, sex)."""
    return (
        person("lead", 35, "female", "lead", partner_id="partner"),
        person("partner", 36, "male", "partner", partner_id="lead"),
        *(person(f"child{i}", age, sex, "child") for i, (age, sex) in enumerate(children)),
    )


def lived(council: str, since: dt.date, until: dt.date | None = None, parish: str = "") -> Period:
    return Period(council, since, until, parish)


def household(
    *members: PersonFacts,
    council: str = MARSHVALE,
    registered: dt.date = dt.date(2024, 1, 10),
    home: HomeFacts | None = None,
    residence: tuple[Period, ...] | None = None,
    awards: dict[str, dt.date] | None = None,
    household_id: str = "h1",
    **extra: Any,
) -> HouseholdFacts:
    """A household on `council`'s register that has lived there for years, in a private let
    just big enough for a single person, unless told otherwise."""
    return HouseholdFacts(
        household_id=household_id,
        council=council,
        registration_date=registered,
        members=members or (lead(),),
        home=home or HomeFacts("private_rented", bedrooms=1),
        residence=(lived(council, dt.date(2015, 1, 1)),) if residence is None else residence,
        need_awards=tuple(NeedAward(code, on) for code, on in (awards or {}).items()),
        **extra,
    )


def codes(assessment: Assessment) -> list[str]:
    return [n.code for n in assessment.needs]


def cites(assessment: Assessment, *parts: str) -> bool:
    """Whether one sentence of the explanation holds every part (a rule's text may lose its
    closing full stop inside a sentence)."""
    wanted = [part.rstrip(".") for part in parts]
    return any(all(part in line for part in wanted) for line in assessment.trace)


@pytest.fixture(scope="module")
def marshvale() -> PolicyDocument:
    return demo(MARSHVALE)


# --- Qualification -----------------------------------------------------------------------------

UNDER_16 = "You must be 16 or over to join the housing register."


@pytest.mark.parametrize(
    ("change", "status", "refused"),
    [
        # the 16th birthday is the day they qualify
        ({"members": (PersonFacts("lead", birthday(16), "female", "lead"),)}, "qualifies", None),
        (
            {"members": (PersonFacts("lead", birthday(16) + DAY, "female", "lead"),)},
            "not_qualifying",
            UNDER_16,
        ),
        ({"income_yearly": Decimal("60000")}, "qualifies", None),
        ({"income_yearly": Decimal("60000.01")}, "not_qualifying", "£60,000"),
        ({"savings": Decimal("30000")}, "qualifies", None),
        ({"savings": Decimal("30000.01")}, "not_qualifying", "£30,000"),
        ({"unacceptable_behaviour": True}, "not_qualifying", "section 160ZA(7)"),
        # owning a home big enough for the household; owning one that is too small is not a bar
        (
            {"owns_property": True, "home": HomeFacts("owner", bedrooms=1)},
            "not_qualifying",
            "You own a home",
        ),
        (
            {
                "owns_property": True,
                "home": HomeFacts("owner", bedrooms=1),
                "members": family((12, "male")),
            },
            "qualifies",
            None,
        ),
        ({"eligible": False}, "ineligible", "immigration status"),
    ],
)
def test_qualification(
    marshvale: PolicyDocument, change: dict[str, Any], status: str, refused: str | None
) -> None:
    change = dict(change)
    members = change.pop("members", (lead(),))
    result = assess(marshvale, household(*members, **change), ON)
    assert result.status == status
    if refused is None:
        assert result.qualifies and result.reasons_not_qualifying == ()
        assert result.band
    else:
        assert not result.qualifies
        assert any(refused in reason for reason in result.reasons_not_qualifying)
        assert result.band == "" and result.priority_date is None and result.needs == ()


def test_every_reason_for_not_qualifying_is_given(marshvale: PolicyDocument) -> None:
    young = PersonFacts("lead", birthday(15), "female", "lead")
    result = assess(marshvale, household(young, savings=Decimal(40000), eligible=False), ON)
    assert result.status == "ineligible"
    assert len(result.reasons_not_qualifying) == 3
    assert UNDER_16 in result.reasons_not_qualifying
    assert cites(result, "under_16", UNDER_16)


def test_an_ineligible_outcome_rule_makes_the_household_ineligible() -> None:
    def change(data: dict[str, Any]) -> None:
        data["qualification"].append(
            {
                "code": "no_recourse",
                "when": 'household.exemptions.exists(e, e == "armed_forces")',
                "outcome": "ineligible",
                "text": "Test rule.",
            }
        )

    policy = demo_changed(MARSHVALE, change)
    result = assess(policy, household(exemptions=frozenset({"armed_forces"})), ON)
    assert result.status == "ineligible" and result.reasons_not_qualifying == ("Test rule.",)


# --- Local connection --------------------------------------------------------------------------


def connected(policy: PolicyDocument, facts: HouseholdFacts, on: dt.date = ON) -> bool:
    return connection_check(policy.local_connection, facts, Place(facts.council), on).met


SIX_MONTHS_AGO = months_before(ON, 6)
FIVE_YEARS_AGO = months_before(ON, 60)


@pytest.mark.parametrize(
    ("facts", "met"),
    [
        # 6 of the last 12 months: exactly, and one day short
        ({"residence": (lived(MARSHVALE, SIX_MONTHS_AGO),)}, True),
        ({"residence": (lived(MARSHVALE, SIX_MONTHS_AGO + DAY),)}, False),
        # two overlapping address records count the shared days once
        (
            {
                "residence": (
                    lived(MARSHVALE, SIX_MONTHS_AGO + 10 * DAY),
                    lived(MARSHVALE, SIX_MONTHS_AGO + DAY, SIX_MONTHS_AGO + 20 * DAY),
                )
            },
            False,
        ),
        (
            {
                "residence": (
                    lived(MARSHVALE, SIX_MONTHS_AGO + 10 * DAY),
                    lived(MARSHVALE, SIX_MONTHS_AGO, SIX_MONTHS_AGO + 20 * DAY),
                )
            },
            True,
        ),
        # living somewhere else does not count
        ({"residence": (lived("eastmere", dt.date(2010, 1, 1)),)}, False),
        # 3 of the last 5 years, all of it long ago: exactly, and one day short
        ({"residence": (lived(MARSHVALE, FIVE_YEARS_AGO, months_before(ON, 24)),)}, True),
        ({"residence": (lived(MARSHVALE, FIVE_YEARS_AGO, months_before(ON, 24) - DAY),)}, False),
        # ... and 3 years that began more than 5 years ago only count from 5 years ago
        ({"residence": (lived(MARSHVALE, FIVE_YEARS_AGO - DAY, months_before(ON, 25)),)}, False),
        # work: 16 hours is enough, 15 is not; the job must be going on the day
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), hours_per_week=16),)}, True),
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), hours_per_week=15),)}, False),
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), ON, hours_per_week=30),)}, True),
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), ON - DAY, hours_per_week=30),)}, False),
        ({"work": (Period(MARSHVALE, ON + DAY, hours_per_week=30),)}, False),
        ({"work": (Period("northfen", dt.date(2020, 1, 1), hours_per_week=37),)}, False),
        # close family living here 5 years: exactly, and one day short; and they must still live
        # here
        ({"family": (lived(MARSHVALE, FIVE_YEARS_AGO),)}, True),
        ({"family": (lived(MARSHVALE, FIVE_YEARS_AGO + DAY),)}, False),
        ({"family": (lived(MARSHVALE, dt.date(2000, 1, 1), ON - DAY),)}, False),
        # each exemption
        ({"exemptions": frozenset({"armed_forces"})}, True),
        ({"exemptions": frozenset({"domestic_abuse"})}, True),
        ({"exemptions": frozenset({"care_leaver"})}, True),
        ({"exemptions": frozenset({"homelessness_duty"})}, True),
        ({}, False),
    ],
)
def test_local_connection(marshvale: PolicyDocument, facts: dict[str, Any], met: bool) -> None:
    subject = household(**{"residence": (), **facts})
    assert connected(marshvale, subject) is met
    assert assess(marshvale, subject, ON).local_connection is met


def test_the_connection_route_is_explained(marshvale: PolicyDocument) -> None:
    exempt = household(residence=(), exemptions=frozenset({"care_leaver"}))
    assert cites(assess(marshvale, exempt, ON), "Local connection: yes", "a care leaver")
    work = household(residence=(), work=(Period(MARSHVALE, ON, hours_per_week=20),))
    assert cites(assess(marshvale, work, ON), "Local connection: yes", "20 hours a week")
    nothing = household(residence=())
    assert cites(assess(marshvale, nothing, ON), "Local connection: no")


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


# --- Cumulative rules and caps -----------------------------------------------------------------

# a family needing 3 bedrooms in a 2-bedroom home
TEENAGERS = family((12, "male"), (14, "female"))
TWO_BEDROOMS = HomeFacts("private_rented", 2)
CUMULATIVE_TEXT = "Two or more Band B reasons give Band A."


def test_two_band_b_reasons_give_band_a(marshvale: PolicyDocument) -> None:
    result = assess(
        marshvale, household(*TEENAGERS, home=TWO_BEDROOMS, awards={"high_medical": ON}), ON
    )
    assert sorted(codes(result)) == ["high_medical", "overcrowded_1"]
    assert result.band == "A"
    assert cites(result, CUMULATIVE_TEXT, "2", "Band A")


def test_one_band_b_reason_stays_b(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(*TEENAGERS, home=TWO_BEDROOMS), ON)
    assert result.band == "B"
    assert not cites(result, CUMULATIVE_TEXT)


def test_a_band_a_reason_with_one_band_b_is_a(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(awards={"urgent_medical": ON, "high_medical": ON}), ON)
    assert result.band == "A"


@pytest.mark.parametrize(
    ("awards", "connection", "band", "ranked_below"),
    [
        ({"urgent_medical": ON}, False, "C", True),
        ({"high_medical": ON}, False, "C", True),
        ({"medium_medical": ON}, False, "C", True),  # at the cap: still ranked below
        ({}, False, "D", False),  # below the cap: untouched
        ({"urgent_medical": ON}, True, "A", False),
        ({"medium_medical": ON}, True, "C", False),
    ],
)
def test_no_local_connection_caps_at_band_c_and_ranks_below(
    marshvale: PolicyDocument,
    awards: dict[str, dt.date],
    connection: bool,
    band: str,
    ranked_below: bool,
) -> None:
    residence = None if connection else ()
    result = assess(marshvale, household(awards=awards, residence=residence), ON)
    assert (result.band, result.ranked_below) == (band, ranked_below)
    assert cites(result, marshvale.caps[0].text) is ranked_below


# --- Points ------------------------------------------------------------------------------------


def northfen_household(registered: dt.date, **extra: Any) -> HouseholdFacts:
    return household(council="northfen", registered=registered, **extra)


@pytest.mark.parametrize(
    ("registered", "on", "months"),
    [
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28), 0),  # not a full month yet
        (dt.date(2026, 1, 31), dt.date(2026, 3, 1), 1),
        (dt.date(2026, 1, 15), dt.date(2026, 2, 14), 0),
        (dt.date(2026, 1, 15), dt.date(2026, 2, 15), 1),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28), 11),
        (dt.date(2024, 2, 29), dt.date(2025, 3, 1), 12),
        (dt.date(2026, 3, 1), dt.date(2026, 2, 1), 0),  # registered after the date
    ],
)
def test_full_months_on_the_register(registered: dt.date, on: dt.date, months: int) -> None:
    assert months_between(registered, on) == months
    result = assess(demo("northfen"), northfen_household(registered), on)
    assert result.points == months
    assert cites(result, f"{months} full months", f"{months} points")


@pytest.mark.parametrize(
    ("registered", "waiting"),
    [
        (months_before(ON, 59), 59),
        (months_before(ON, 60), 60),
        (months_before(ON, 61), 60),
        (dt.date(2000, 1, 1), 60),
    ],
)
def test_waiting_points_are_capped_at_60(registered: dt.date, waiting: int) -> None:
    result = assess(demo("northfen"), northfen_household(registered), ON)
    assert result.points == waiting
    assert result.band == "" and result.priority_date == registered


def test_need_points_and_waiting_points_add_up() -> None:
    subject = household(
        *family((12, "male"), (14, "female")),
        council="northfen",
        registered=months_before(ON, 7),
        home=HomeFacts("private_rented", 2, disrepair=True),
        awards={"high_medical": dt.date(2026, 1, 1)},
    )
    result = assess(demo("northfen"), subject, ON)
    assert sorted(codes(result)) == ["disrepair", "high_medical", "overcrowded_1"]
    assert result.points == 100 + 50 + 30 + 7
    assert cites(result, "187 points", "180", "7")


def test_a_points_total_cap() -> None:
    def change(data: dict[str, Any]) -> None:
        data["points"]["total_cap"] = 100

    policy = demo_changed("northfen", change)
    subject = northfen_household(months_before(ON, 30), homelessness_duty="main")
    result = assess(policy, subject, ON)
    assert result.points == 100
    assert cites(result, "capped at 100")


# --- Priority date -----------------------------------------------------------------------------

REGISTERED = dt.date(2024, 1, 10)


@pytest.mark.parametrize(
    ("extra", "band", "priority"),
    [
        # no need: the registration date
        ({}, "D", REGISTERED),
        # a need known at registration: the registration date
        ({"homelessness_duty": "main"}, "A", REGISTERED),
        # an award dated before registration: never before registration
        ({"awards": {"high_medical": dt.date(2023, 5, 1)}}, "B", REGISTERED),
        # an award after registration: the day it applies from
        ({"awards": {"high_medical": dt.date(2025, 3, 4)}}, "B", dt.date(2025, 3, 4)),
        # two Band B awards: Band A only from the second
        (
            {
                "awards": {
                    "high_medical": dt.date(2025, 3, 4),
                    "harassment_risk": dt.date(2025, 1, 2),
                }
            },
            "A",
            dt.date(2025, 3, 4),
        ),
        # a lower need first, then a higher: the date of the higher
        (
            {
                "awards": {
                    "medium_medical": dt.date(2024, 6, 1),
                    "urgent_medical": dt.date(2025, 2, 1),
                }
            },
            "A",
            dt.date(2025, 2, 1),
        ),
        # capped at C without a local connection: C from the first need at or above C
        (
            {"residence": (), "awards": {"urgent_medical": dt.date(2025, 2, 1)}},
            "C",
            dt.date(2025, 2, 1),
        ),
    ],
)
def test_the_first_priority_date_is_when_the_household_entered_its_band(
    marshvale: PolicyDocument, extra: dict[str, Any], band: str, priority: dt.date
) -> None:
    result = assess(marshvale, household(registered=REGISTERED, **extra), ON)
    assert (result.band, result.priority_date) == (band, priority)


def test_the_default_band_dates_from_registration() -> None:
    # Kingsbarrow's medium medical need is in Band C, the band every household starts in
    result = assess(
        demo("kingsbarrow"),
        household(council="kingsbarrow", awards={"medium_medical": dt.date(2025, 5, 5)}),
        ON,
    )
    assert (result.band, result.priority_date) == ("C", REGISTERED)


WAS_IN_B = PreviousOutcome("B", dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("council", "extra", "band", "priority"),
    [
        # still in the same band: the date is kept
        (MARSHVALE, {"awards": {"high_medical": dt.date(2024, 12, 1)}}, "B", WAS_IN_B.band_since),
        # moving up on an officer award: the day of the award
        (MARSHVALE, {"awards": {"urgent_medical": dt.date(2026, 5, 1)}}, "A", dt.date(2026, 5, 1)),
        # moving up on a fact found at this assessment: today
        (MARSHVALE, {"homelessness_duty": "main"}, "A", ON),
        # moving up on an award dated before the last band date: the move is today
        (MARSHVALE, {"awards": {"urgent_medical": dt.date(2024, 6, 1)}}, "A", ON),
        # moving down: Marshvale keeps the date
        (MARSHVALE, {}, "D", WAS_IN_B.band_since),
        # Eastmere goes back to the registration date
        ("eastmere", {}, "bronze", REGISTERED),
        # Kingsbarrow uses the date of the move
        ("kingsbarrow", {}, "C", ON),
    ],
)
def test_priority_date_after_a_change_of_band(
    council: str, extra: dict[str, Any], band: str, priority: dt.date
) -> None:
    previous = WAS_IN_B if council != "eastmere" else PreviousOutcome("silver", dt.date(2025, 1, 1))
    result = assess(
        demo(council),
        household(council=council, registered=REGISTERED, previous=previous, **extra),
        ON,
    )
    assert (result.band, result.priority_date) == (band, priority)
    assert cites(result, "Priority date", f"{priority.day} {priority:%B %Y}")


def test_a_previous_band_the_policy_does_not_have_counts_as_a_first_assessment(
    marshvale: PolicyDocument,
) -> None:
    subject = household(previous=PreviousOutcome("gold", dt.date(2025, 1, 1)))
    result = assess(marshvale, subject, ON)
    assert (result.band, result.priority_date) == ("D", REGISTERED)


# --- Failing expressions and the explanation ---------------------------------------------------


def _with_dividing_rule(data: dict[str, Any]) -> None:
    data["need_reasons"].append(
        {
            "code": "crowded_per_child",
            "label": "Many people per child",
            "awarded": "derived",
            "when": "household.size / household.children > 5",
            "band": "B",
            "text": "Test.",
        }
    )


def test_a_failing_expression_is_reported_and_the_assessment_completes() -> None:
    policy = demo_changed(MARSHVALE, _with_dividing_rule)
    alone = assess(policy, household(awards={"medium_medical": ON}), ON)
    assert alone.qualifies and alone.band == "C"
    assert codes(alone) == ["medium_medical"]
    assert len(alone.problems) == 1
    assert alone.problems[0].startswith("crowded_per_child")
    assert "zero" in alone.problems[0].lower()
    # the same rule works for a household with children
    parents = assess(
        policy, household(*family((3, "male")), home=HomeFacts("private_rented", 2)), ON
    )
    assert parents.problems == () and codes(parents) == []


def test_a_failing_qualification_rule_does_not_refuse() -> None:
    def change(data: dict[str, Any]) -> None:
        data["qualification"].append(
            {"code": "odd", "when": "household.size / household.children > 2", "text": "Test."}
        )

    result = assess(demo_changed(MARSHVALE, change), household(), ON)
    assert result.qualifies
    assert len(result.problems) == 1 and result.problems[0].startswith("odd")


def test_the_explanation_cites_the_rules_that_applied(marshvale: PolicyDocument) -> None:
    result = assess(
        marshvale,
        household(*TEENAGERS, home=TWO_BEDROOMS, awards={"high_medical": dt.date(2025, 2, 3)}),
        ON,
    )
    medical = marshvale.reason("high_medical")
    crowded = marshvale.reason("overcrowded_1")
    assert medical is not None and crowded is not None
    assert result.trace[0].startswith("Bedroom need: 3")
    assert cites(result, "Local connection: yes", "6 or more of the last 12 months")
    assert cites(result, medical.label, "awarded by an officer on 3 February 2025", medical.text)
    assert cites(result, crowded.label, "from the application", crowded.text)
    assert cites(result, CUMULATIVE_TEXT)
    assert cites(result, "Band A", marshvale.band("A").meaning)
    assert cites(result, "Priority date: 3 February 2025", "Band A")
    assert result.problems == ()


def test_the_explanation_of_a_household_with_no_need(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(), ON)
    assert cites(result, "No need reasons apply", "Band D")
    assert cites(result, "Bedroom need: 1", "aged 21 or over")
    assert cites(result, marshvale.band("D").meaning)
