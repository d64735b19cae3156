"""Working days in England and Wales: weekdays that are not bank holidays.

An applicant has a number of working days to answer an offer. The bank holidays come from the
`govuk-bank-holidays` package's own copy of the GOV.UK list (never fetched at run time), which
is updated with the package; a date beyond the years it knows counts only weekends.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from govuk_bank_holidays.bank_holidays import BankHolidays


@cache
def _bank_holidays() -> frozenset[dt.date]:
    holidays = BankHolidays(use_cached_holidays=True)
    return frozenset(
        holiday["date"]
        for holiday in holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    )


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays()


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (`start` itself not counted): an offer made
    on Tuesday with 2 working days to answer is due by the end of Thursday."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
