"""Connection to a place: local connection to a council area, or a parish for a lettings plan.

Residence is counted in days over the window (overlapping address records count once), so
"6 of the last 12 months" means at least as many days as the 6 months before the date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

from hearth.policy.rules.document import ConnectionTest
from hearth.policy.rules.facts import HouseholdFacts, Period

EXEMPTION_TEXT = {
    "armed_forces": "serving or recently serving in the armed forces",
    "domestic_abuse": "fleeing domestic abuse",
    "care_leaver": "a care leaver",
    "homelessness_duty": "owed a homelessness duty",
}


@dataclass(frozen=True, slots=True)
class Place:
    council: str
    parish: str = ""

    def holds(self, period: Period) -> bool:
        if self.parish:
            return period.parish == self.parish
        return period.council == self.council


@dataclass(frozen=True, slots=True)
class Connection:
    met: bool
    because: str  # the route that met the test, or why none did


@functools.lru_cache(maxsize=1024)
def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier (the last day, if that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def days_lived(periods: tuple[Period, ...], place: Place, start: dt.date, end: dt.date) -> int:
    """Days between `start` and `end` covered by residence in `place` (overlaps once)."""
    spans = sorted(
        (max(p.start, start), min(p.end or end, end))
        for p in periods
        if place.holds(p) and p.start <= end and (p.end or end) >= start
    )
    covered, reach = 0, start
    for first, last in spans:
        first = max(first, reach)
        if last >= first:
            covered += (last - first).days
            reach = last
    return covered


def connection_check(
    test: ConnectionTest, household: HouseholdFacts, place: Place, on_date: dt.date
) -> Connection:
    exempt = sorted(set(test.exemptions) & household.exemptions)
    if exempt:
        return Connection(True, f"exempt: {EXEMPTION_TEXT.get(exempt[0], exempt[0])}")
    for rule in test.residence:
        window_start = months_before(on_date, rule.within_months)
        needed = (on_date - months_before(on_date, rule.months)).days
        lived = days_lived(household.residence, place, window_start, on_date)
        if lived >= needed:
            return Connection(
                True, f"lived here {rule.months} or more of the last {rule.within_months} months"
            )
    if test.work_hours_per_week is not None:
        for job in household.work:
            ongoing = job.start <= on_date and (job.end is None or job.end >= on_date)
            if place.holds(job) and ongoing and job.hours_per_week >= test.work_hours_per_week:
                return Connection(True, f"works here {job.hours_per_week} hours a week")
    if test.family_years is not None:
        for relative in household.family:
            ongoing = relative.end is None or relative.end >= on_date
            years_ago = months_before(on_date, 12 * test.family_years)
            if place.holds(relative) and ongoing and relative.start <= years_ago:
                return Connection(
                    True, f"close family have lived here {test.family_years} years or more"
                )
    return Connection(False, "no residence, work, family or exemption that meets the test")
