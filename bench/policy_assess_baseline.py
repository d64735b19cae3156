"""Marshvale City's allocation rules written by hand in Python: the baseline for
`bench_policy_assess`.

This is what the council's scheme would look like as code instead of configuration: the same
qualification rules, local connection test, bedroom standard, need reasons (derived and officer),
cumulative rule, band cap and priority-date rules as `hearth/demo/policies/marshvale-city.yaml`,
written straight against the household facts. It records which need reasons apply (with their
dates) but writes no explanation. It must agree with the engine for every household; the
benchmark checks that it does.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from hearth.policy.rules.facts import HouseholdFacts, Period

COUNCIL_BANDS = ("A", "B", "C", "D")
INCOME_LIMIT = Decimal(60000)
SAVINGS_LIMIT = Decimal(30000)
ADULT_AGE, PAIRING_AGE = 21, 10
EXTRA_ROOM_REASONS = frozenset({"medical_extra_room"})
EXEMPTIONS = frozenset({"armed_forces", "domestic_abuse", "care_leaver", "homelessness_duty"})
# Officer-awarded reasons and their bands.
OFFICER_BANDS = {"urgent_medical": "A", "high_medical": "B", "harassment_risk": "B"} | {
    "medium_medical": "C",
    "medical_extra_room": "C",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str
    band: str
    priority_date: dt.date | None
    bedroom_need: int
    local_connection: bool
    ranked_below: bool
    needs: dict[str, dt.date]  # need reason code: the date it applies from


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _bedrooms(household: HouseholdFacts, ages: list[int], on: dt.date) -> int:
    members = household.members
    position = {m.person_id: i for i, m in enumerate(members)}
    in_couple: set[int] = set()
    rooms = 0
    for i, member in enumerate(members):
        j = position.get(member.partner_id) if member.partner_id else None
        if j is not None and j != i and i not in in_couple and j not in in_couple:
            in_couple.add(i)
            in_couple.add(j)
            rooms += 1
    teens: dict[str, int] = {}
    under_ten: dict[str, int] = {}
    for i, member in enumerate(members):
        if i in in_couple:
            continue
        if ages[i] >= ADULT_AGE:
            rooms += 1
        elif ages[i] >= PAIRING_AGE:
            teens[member.sex] = teens.get(member.sex, 0) + 1
        else:
            under_ten[member.sex] = under_ten.get(member.sex, 0) + 1
    young_children = sum(under_ten.values()) + sum(1 for m in members if m.pregnant)
    for sex, count in teens.items():
        rooms += (count + 1) // 2
        if count % 2 and under_ten.get(sex, 0):  # the odd one out shares with a younger child
            young_children -= 1
            under_ten[sex] -= 1
    rooms += (young_children + 1) // 2
    if any(m.needs_overnight_carer for m in members):
        rooms += 1
    if any(a.code in EXTRA_ROOM_REASONS and a.awarded_on <= on for a in household.need_awards):
        rooms += 1
    return max(rooms, 1)


def _days_in(periods: tuple[Period, ...], council: str, start: dt.date, end: dt.date) -> int:
    spans = sorted(
        (max(p.start, start), min(p.end or end, end))
        for p in periods
        if p.council == council and p.start <= end and (p.end is None or p.end >= start)
    )
    days, reached = 0, start
    for first, last in spans:
        if last > reached:
            days += (last - max(first, reached)).days
            reached = last
    return days


def _connected(household: HouseholdFacts, on: dt.date) -> bool:
    if household.exemptions & EXEMPTIONS:
        return True
    council = household.council
    for months, within in ((6, 12), (36, 60)):
        needed = (on - _months_back(on, months)).days
        if _days_in(household.residence, council, _months_back(on, within), on) >= needed:
            return True
    for job in household.work:
        if (
            job.council == council
            and job.hours_per_week >= 16
            and job.start <= on
            and (job.end is None or job.end >= on)
        ):
            return True
    five_years_ago = _months_back(on, 60)
    return any(
        relative.council == council
        and relative.start <= five_years_ago
        and (relative.end is None or relative.end >= on)
        for relative in household.family
    )


def marshvale_assess(household: HouseholdFacts, on: dt.date) -> Outcome:
    """Marshvale City's scheme, by hand."""
    members = household.members
    ages = [_age(m.date_of_birth, on) for m in members]
    lead = next((i for i, m in enumerate(members) if m.relationship == "lead"), 0)
    bedrooms = _bedrooms(household, ages, on)
    connected = _connected(household, on)
    home = household.home

    status = "qualifies" if household.eligible else "ineligible"
    if status == "qualifies" and (
        ages[lead] < 16
        or household.income_yearly > INCOME_LIMIT
        or household.savings > SAVINGS_LIMIT
        or (household.owns_property and bedrooms <= home.bedrooms)
        or household.unacceptable_behaviour
    ):
        status = "not_qualifying"
    if status != "qualifies":
        return Outcome(status, "", None, bedrooms, connected, False, {})

    since = household.registration_date if household.previous is None else on
    needs: dict[str, dt.date] = {}
    needs_band: dict[str, str] = {}

    def need(code: str, band: str, day: dt.date) -> None:
        needs[code], needs_band[code] = day, band

    for award in household.need_awards:
        band = OFFICER_BANDS.get(award.code)
        if band is not None and award.awarded_on <= on:
            need(award.code, band, award.awarded_on)
    duty = household.homelessness_duty
    if duty == "main":
        need("main_duty", "A", since)
    elif duty in ("prevention", "relief"):
        need("prevention_duty", "B", since)
    if bedrooms - home.bedrooms >= 2:
        need("overcrowded_2", "A", since)
    elif bedrooms - home.bedrooms == 1:
        need("overcrowded_1", "B", since)
    if home.tenure == "social_rented" and home.bedrooms - bedrooms >= 2:
        need("under_occupying_2", "A", since)
    if home.shares_facilities or home.disrepair:
        need("unsatisfactory_home", "C", since)

    bands = sorted(needs_band.values())  # "A" < "B" < "C" < "D"
    band = bands[0] if bands else "D"
    band_b_dates = sorted(day for code, day in needs.items() if needs_band[code] == "B")
    if len(band_b_dates) >= 2:
        band = "A"  # two Band B reasons give Band A
    ranked_below = False
    if not connected and band <= "C":  # no local connection: Band C at most, ranked below
        band, ranked_below = "C", True

    registered = household.registration_date
    if band == "D":
        entered = registered
    else:
        dates = [day for code, day in needs.items() if needs_band[code] <= band]
        if len(band_b_dates) >= 2:
            dates.append(band_b_dates[1])
        entered = max(min(dates), registered) if dates else registered
    previous = household.previous
    if previous is None or previous.band not in COUNCIL_BANDS:
        priority = entered
    elif band == previous.band:
        priority = previous.band_since
    elif band < previous.band:  # moved up: the date of the move
        priority = max(entered, previous.band_since)
        if priority <= previous.band_since:
            priority = on
    else:  # moved down: the earlier date is kept
        priority = previous.band_since
    return Outcome("qualifies", band, priority, bedrooms, connected, ranked_below, needs)
