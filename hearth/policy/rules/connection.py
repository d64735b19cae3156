"""Connection to a place: local connection to a council area, or a parish for a lettings plan.

Residence is counted in days over the window (overlapping address records count once), so
"6 of the last 12 months" means at least as many days as the 6 months before the date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

from hearth.policy.rules.document import ADVERT_PARISH, ConnectionTest
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


_NONE = Connection(False, "no residence, work, family or exemption that meets the test")


@functools.lru_cache(maxsize=1024)
def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier (the last day, if that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=256)
def council_place(council: str) -> Place:
    """The council area `council` as a place (the same object each time)."""
    return Place(council)


def advert_place(council: str, parish: str, to: str) -> Place | None:
    """Where a `local_connection` order key looks: the advertising council's area, or with
    `to: advert_parish` the advertised home's own area or parish (None: the home has none)."""
    if to != ADVERT_PARISH:
        return council_place(council)
    return Place(council, parish) if parish else None


def days_lived(periods: tuple[Period, ...], place: Place, start: dt.date, end: dt.date) -> int:
    """Days between `start` and `end` covered by residence in `place` (overlaps once)."""
    return _days_covered(_there(periods, place), start, end)


def _there(periods: tuple[Period, ...], place: Place) -> list[Period]:
    """Residence in `place`. A placement in supported housing counts in the council area the
    household lived in before it, and in no parish (it was not the household's choice)."""
    if place.parish:
        return [p for p in periods if p.parish == place.parish and not p.placement]
    council = place.council
    return [p for p in periods if (p.placed_from if p.placement else p.council) == council]


def _days_covered(periods: list[Period], start: dt.date, end: dt.date) -> int:
    """Days between `start` and `end` covered by `periods` (overlaps once)."""
    spans = [
        (max(p.start, start), min(p.end or end, end))
        for p in periods
        if p.start <= end and (p.end or end) >= start
    ]
    if len(spans) > 1:
        spans.sort()
    covered, reach = 0, start
    for first, last in spans:
        first = max(first, reach)
        if last >= first:
            covered += (last - first).days
            reach = last
    return covered


# For each residence rule of a test, on a date: the start of its window, the days needed, and
# the connection it gives.
_Windows = tuple[tuple[dt.date, int, Connection], ...]
_WINDOWS: dict[tuple[int, dt.date], tuple[ConnectionTest, _Windows]] = {}


def _windows(test: ConnectionTest, on_date: dt.date) -> _Windows:
    """Worked out once per test and date: a policy's test is used for a whole register. The
    cache holds the test, so its id stays unique."""
    key = (id(test), on_date)
    found = _WINDOWS.get(key)
    if found is not None and found[0] is test:
        return found[1]
    windows = tuple(
        (
            months_before(on_date, rule.within_months),
            (on_date - months_before(on_date, rule.months)).days,
            Connection(
                True, f"lived here {rule.months} or more of the last {rule.within_months} months"
            ),
        )
        for rule in test.residence
    )
    if len(_WINDOWS) > 1024:
        _WINDOWS.clear()
    _WINDOWS[key] = (test, windows)
    return windows


def connection_check(
    test: ConnectionTest, household: HouseholdFacts, place: Place, on_date: dt.date
) -> Connection:
    if household.exemptions:
        exempt = sorted(set(test.exemptions) & household.exemptions)
        if exempt:
            return Connection(True, f"exempt: {EXEMPTION_TEXT.get(exempt[0], exempt[0])}")
    if test.residence:
        lived_there = _there(household.residence, place)
        for window_start, needed, connection in _windows(test, on_date):
            if _days_covered(lived_there, window_start, on_date) >= needed:
                return connection
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
    return _NONE


def connected_anywhere(test: ConnectionTest, household: HouseholdFacts, on_date: dt.date) -> bool:
    """A connection to any partner council: every council the household has lived (or was
    placed from), worked or has family in is tested (places outside the partnership have no
    council), and the council whose register it is on."""
    councils = {household.council}
    for periods in (household.residence, household.work, household.family):
        councils.update(p.placed_from if p.placement else p.council for p in periods)
    councils.discard("")
    return any(
        connection_check(test, household, council_place(council), on_date).met
        for council in sorted(councils)
    )
