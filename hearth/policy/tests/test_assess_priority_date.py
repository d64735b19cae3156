"""Assessing one household: the priority date, on a first assessment and after a change of band."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import PreviousOutcome
from hearth.policy.tests.assess_support import MARSHVALE, ON, cites, demo, household, marshvale

__all__ = ["marshvale"]


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
