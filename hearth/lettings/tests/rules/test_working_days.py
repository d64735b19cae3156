"""Working days skip weekends and bank holidays in England and Wales."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.lettings.rules.working_days import is_working_day, working_days_after


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (dt.date(2026, 12, 8), 2, dt.date(2026, 12, 10)),  # Tuesday: by Thursday
        (dt.date(2026, 12, 11), 2, dt.date(2026, 12, 15)),  # Friday: over the weekend
        # Wednesday 23 December: Christmas Day (Friday) and the substitute Boxing Day (Monday 28)
        (dt.date(2026, 12, 23), 2, dt.date(2026, 12, 29)),
        (dt.date(2027, 3, 25), 1, dt.date(2027, 3, 30)),  # Good Friday, then Easter Monday
        (dt.date(2026, 12, 8), 0, dt.date(2026, 12, 8)),
    ],
)
def test_an_offer_is_due_after_working_days(start: dt.date, days: int, due: dt.date) -> None:
    assert working_days_after(start, days) == due


def test_bank_holidays_and_weekends_are_not_working_days() -> None:
    assert not is_working_day(dt.date(2026, 12, 25))
    assert not is_working_day(dt.date(2026, 12, 26))  # a Saturday
    assert is_working_day(dt.date(2026, 12, 24))


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        working_days_after(dt.date(2026, 12, 8), -1)
