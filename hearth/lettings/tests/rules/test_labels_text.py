"""An advert's labels, charges and times in plain English."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from hearth.core import clock
from hearth.lettings.rules.labels_text import (
    AdvertLabels,
    address_line,
    charges_text,
    date_time_text,
    home_title,
    labels_text,
    moment_text,
    ordinal,
    time_text,
)

FAMILY_HOME = AdvertLabels(min_bedroom_need=2, max_bedroom_need=3, council_name="Northfen")


def test_a_family_home_says_who_it_is_for() -> None:
    assert labels_text(FAMILY_HOME) == (
        "For households that need 2 or 3 bedrooms.",
        "For households with a local connection to Northfen.",
        "Ask the landlord about pets.",
    )


def test_an_older_persons_flat_with_every_label() -> None:
    labels = dataclasses.replace(
        FAMILY_HOME,
        min_bedroom_need=1,
        max_bedroom_need=1,
        minimum_age=60,
        age_applies_to="applicant_or_partner",
        mobility_need="3",
        mobility_use="priority",
        connection_scope="partners",
        lettings_plan="Rural exception site",
        pets="not_allowed",
    )
    assert labels_text(labels) == (
        "For households that need 1 bedroom.",
        "For people aged 60 or over (the lead applicant or their partner).",
        "Priority for households assessed as needing a mobility home (1, 2 or 3), then "
        "everyone else.",
        "For households with a local connection to any partner council.",
        "A local lettings plan applies: Rural exception site.",
        "No pets.",
    )


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (55, None, "For people aged 55 or over (every adult in the household)."),
        (None, 25, "For people aged 25 or under (every adult in the household)."),
        (18, 25, "For people aged 18 to 25 (every adult in the household)."),
    ],
)
def test_age_labels(low: int | None, high: int | None, text: str) -> None:
    labels = dataclasses.replace(
        FAMILY_HOME, minimum_age=low, maximum_age=high, age_applies_to="every_adult"
    )
    assert text in labels_text(labels)


@pytest.mark.parametrize(
    ("scope", "text"),
    [
        ("none", "Open to anyone on a partner council's housing register."),
        ("plan", "For households with a connection to the local lettings plan's area."),
    ],
)
def test_connection_scopes(scope: str, text: str) -> None:
    assert text in labels_text(dataclasses.replace(FAMILY_HOME, connection_scope=scope))


def test_a_mobility_filter() -> None:
    labels = dataclasses.replace(FAMILY_HOME, mobility_need="1", pets="allowed")
    lines = labels_text(labels)
    assert "Only for households assessed as needing a wheelchair home (mobility 1)." in lines
    assert "Pets allowed." in lines


def test_charges_a_week() -> None:
    assert charges_text(Decimal("112.50"), Decimal("8.20")) == (
        "£120.70 a week (£112.50 rent and £8.20 service charge)"
    )
    assert charges_text(Decimal("90"), Decimal("0")) == "£90.00 a week rent, no service charge"


@pytest.mark.parametrize(
    ("hour", "minute", "text"),
    [(23, 59, "11:59pm"), (0, 1, "12:01am"), (9, 0, "9am"), (0, 0, "midnight"), (12, 0, "midday")],
)
def test_clock_times_the_govuk_way(hour: int, minute: int, text: str) -> None:
    assert time_text(dt.datetime(2026, 6, 15, hour, minute, tzinfo=clock.LONDON)) == text


def test_moments_are_told_in_london_time() -> None:
    # Given a close instant stored in UTC (22:59 UTC is 23:59 in British Summer Time)
    closes = dt.datetime(2026, 6, 15, 22, 59, tzinfo=dt.UTC)
    now = dt.datetime(2026, 6, 12, 9, 0, tzinfo=clock.LONDON)
    assert moment_text(closes, now) == "11:59pm on Monday 15 June"
    assert moment_text(closes, now.replace(year=2025)) == "11:59pm on Monday 15 June 2026"
    assert date_time_text(closes) == "15 June 2026 at 11:59pm"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (102, "102nd"),
        (111, "111th"),
    ],
)
def test_ordinals(number: int, text: str) -> None:
    assert ordinal(number) == text


def test_a_homes_title_and_address_line() -> None:
    assert home_title(2, "flat", "Flat") == "2 bedroom flat"
    assert home_title(0, "bedsit", "Bedsit or studio") == "Bedsit or studio"
    assert address_line("Flat 3, Heron Court\nMarshvale", "Riverside", "MV1 2AB") == (
        "Flat 3, Heron Court, Riverside, MV1 2AB"
    )
    assert address_line("", "", "MV1 2AB") == "MV1 2AB"
