"""Assessing one household under a points scheme (Northfen's): full months on the register, need
points and waiting points, and their caps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearth.policy.rules.assess import assess, months_between
from hearth.policy.rules.connection import months_before
from hearth.policy.rules.facts import HomeFacts, HouseholdFacts
from hearth.policy.tests.assess_support import (
    ON,
    cites,
    codes,
    demo,
    demo_changed,
    family,
    household,
)

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
