"""Assessing one household against one council's policy: a pure function, explained.

`assess(policy, household, on_date)` decides qualification, the need reasons that apply (each
with the date it applies from), the band or points, bedroom need, priority date and local
connection, and writes a plain-English trace citing every rule that applied. A rule whose
expression fails for this household is skipped and reported in `problems`; it never stops a run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.policy.rules.bedrooms import BedroomStandard, bedroom_need
from hearth.policy.rules.connection import Place, connection_check, months_before
from hearth.policy.rules.context import (
    HouseholdView,
    PersonView,
    expression_compiled,
)
from hearth.policy.rules.document import NeedReason, PolicyDocument
from hearth.policy.rules.expressions import ExpressionRuntimeError
from hearth.policy.rules.facts import HouseholdFacts, age_on

QUALIFIES, NOT_QUALIFYING, INELIGIBLE = "qualifies", "not_qualifying", "ineligible"


@dataclass(frozen=True, slots=True)
class NeedResult:
    code: str
    label: str
    band: str
    points: int
    since: dt.date
    awarded: str  # officer | derived


@dataclass(frozen=True, slots=True)
class Assessment:
    status: str
    reasons_not_qualifying: tuple[str, ...]
    band: str
    points: int | None
    needs: tuple[NeedResult, ...]
    bedroom_need: int
    priority_date: dt.date | None
    local_connection: bool
    ranked_below: bool  # capped, and ranked below households the cap did not touch
    trace: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def qualifies(self) -> bool:
        return self.status == QUALIFIES


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (0 if `end` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and months_before(end, months) < start:
        months -= 1
    return max(months, 0)


def bedroom_standard(policy: PolicyDocument) -> BedroomStandard:
    rules = policy.bedrooms
    return BedroomStandard(
        adult_age=rules.adult_age,
        pairing_age=rules.pairing_age,
        extra_room_for_overnight_carer=rules.extra_room_for_overnight_carer,
        extra_room_reasons=frozenset(rules.extra_room_reasons),
    )


def household_view(
    household: HouseholdFacts, *, bedrooms: int, local_connection: bool, on_date: dt.date
) -> HouseholdView:
    members = tuple(
        PersonView(
            age=age_on(m.date_of_birth, on_date),
            sex=m.sex,
            relationship=m.relationship,
            pregnant=m.pregnant,
            disabled=m.disabled,
            needs_overnight_carer=m.needs_overnight_carer,
        )
        for m in household.members
    )
    home = household.home
    return HouseholdView(
        size=len(members),
        members=members,
        lead_age=age_on(household.lead.date_of_birth, on_date),
        children=sum(1 for m in members if m.age < 18),
        bedroom_need=bedrooms,
        home_bedrooms=home.bedrooms,
        overcrowded_by=max(bedrooms - home.bedrooms, 0),
        under_occupying_by=max(home.bedrooms - bedrooms, 0),
        home_tenure=home.tenure,
        social_tenant=home.tenure == "social_rented",
        shares_facilities=home.shares_facilities,
        disrepair=home.disrepair,
        local_connection=local_connection,
        homelessness_duty=household.homelessness_duty,
        is_transfer=household.is_transfer,
        eligible=household.eligible,
        income_yearly=float(household.income_yearly),
        savings=float(household.savings),
        owns_property=household.owns_property,
        unacceptable_behaviour=household.unacceptable_behaviour,
        housing_debt=float(household.housing_debt),
        months_registered=months_between(household.registration_date, on_date),
        reasonable_refusals=household.reasonable_refusals,
        awarded=tuple(sorted({a.code for a in household.need_awards if a.awarded_on <= on_date})),
        exemptions=tuple(sorted(household.exemptions)),
    )


class _Run:
    """One assessment in progress: the trace and any rule failures."""

    def __init__(self, variables: dict[str, object]) -> None:
        self.variables = variables
        self.trace: list[str] = []
        self.problems: list[str] = []

    def holds(self, source: str, rule: str) -> bool:
        try:
            return bool(expression_compiled(source, "condition").evaluate(self.variables))
        except ExpressionRuntimeError as failure:
            self.problems.append(f"{rule}: {failure.message}")
            return False


def assess(policy: PolicyDocument, household: HouseholdFacts, on_date: dt.date) -> Assessment:
    need = bedroom_need(household, bedroom_standard(policy), on_date)
    connection = connection_check(
        policy.local_connection, household, Place(household.council), on_date
    )
    view = household_view(
        household, bedrooms=need.bedrooms, local_connection=connection.met, on_date=on_date
    )
    run = _Run({"household": view, "today": on_date})
    run.trace.append(
        f"Bedroom need: {need.bedrooms} ({'; '.join(need.explanation) or 'one person'})."
    )
    run.trace.append(
        "Local connection: " + ("yes, " if connection.met else "no: ") + connection.because + "."
    )

    refusals: list[str] = []
    status = QUALIFIES
    if not household.eligible:
        status = INELIGIBLE
        refusals.append(
            "You are not eligible for an allocation of social housing because of your "
            "immigration status (Housing Act 1996, section 160ZA)."
        )
    for rule in policy.qualification:
        if run.holds(rule.when, f"qualification rule {rule.code}"):
            refusals.append(rule.text)
            run.trace.append(f"Does not qualify ({rule.code}): {rule.text}")
            if rule.outcome == INELIGIBLE:
                status = INELIGIBLE
            elif status == QUALIFIES:
                status = NOT_QUALIFYING
    if status != QUALIFIES:
        return Assessment(
            status=status,
            reasons_not_qualifying=tuple(refusals),
            band="",
            points=None,
            needs=(),
            bedroom_need=need.bedrooms,
            priority_date=None,
            local_connection=connection.met,
            ranked_below=False,
            trace=tuple(run.trace),
            problems=tuple(run.problems),
        )

    needs = _needs(policy, household, view, run, on_date)
    if policy.scheme == "points":
        points = _points(policy, needs, view, run)
        priority = household.registration_date
        return Assessment(
            status=QUALIFIES,
            reasons_not_qualifying=(),
            band="",
            points=points,
            needs=needs,
            bedroom_need=need.bedrooms,
            priority_date=priority,
            local_connection=connection.met,
            ranked_below=False,
            trace=tuple(run.trace),
            problems=tuple(run.problems),
        )
    band, ranked_below = _band(policy, needs, run)
    priority = _priority_date(policy, household, needs, band, run, on_date)
    return Assessment(
        status=QUALIFIES,
        reasons_not_qualifying=(),
        band=band,
        points=None,
        needs=needs,
        bedroom_need=need.bedrooms,
        priority_date=priority,
        local_connection=connection.met,
        ranked_below=ranked_below,
        trace=tuple(run.trace),
        problems=tuple(run.problems),
    )


def _needs(
    policy: PolicyDocument,
    household: HouseholdFacts,
    view: HouseholdView,
    run: _Run,
    on_date: dt.date,
) -> tuple[NeedResult, ...]:
    found: list[NeedResult] = []
    awards = {a.code: a.awarded_on for a in household.need_awards if a.awarded_on <= on_date}
    # Facts that held when the household registered date from registration; after an earlier
    # assessment, a newly true condition can only be dated to this assessment.
    derived_since = household.registration_date if household.previous is None else on_date
    for reason in policy.need_reasons:
        if reason.awarded == "officer":
            if reason.code not in awards:
                continue
            since = awards[reason.code]
            how = f"awarded by an officer on {long_date(since)}"
        elif run.holds(reason.when, f"need reason {reason.code}"):
            since = derived_since
            how = "from the application"
        else:
            continue
        found.append(
            NeedResult(reason.code, reason.label, reason.band, reason.points, since, reason.awarded)
        )
        run.trace.append(f"Need: {reason.label} ({_worth(reason)}), {how}. {reason.text}")
    unknown = sorted(set(awards) - {r.code for r in policy.need_reasons})
    if unknown:
        run.problems.append(f"awards not in this policy: {', '.join(unknown)}")
    return tuple(found)


def _worth(reason: NeedReason) -> str:
    return f"Band {reason.band}" if reason.band else f"{reason.points} points"


def _band(policy: PolicyDocument, needs: tuple[NeedResult, ...], run: _Run) -> tuple[str, bool]:
    codes = [b.code for b in policy.bands]
    if needs:
        band = min((n.band for n in needs), key=codes.index)
    else:
        band = policy.default_band
        run.trace.append(f"No need reasons apply: Band {band}.")
    for rule in policy.cumulative:  # applied in the order written, so rules can build on each other
        count = sum(1 for n in needs if n.band == rule.band)
        if count >= rule.count and codes.index(rule.gives) < codes.index(band):
            band = rule.gives
            run.trace.append(f"{rule.text} ({count} Band {rule.band} reasons): Band {band}.")
    ranked_below = False
    for cap in policy.caps:
        if codes.index(band) < codes.index(cap.max_band) and run.holds(cap.when, "band cap"):
            band = cap.max_band
            ranked_below = ranked_below or cap.rank_below_uncapped
            run.trace.append(f"{cap.text} Band {band}.")
        elif (
            cap.rank_below_uncapped
            and codes.index(band) == codes.index(cap.max_band)
            and run.holds(cap.when, "band cap")
        ):
            ranked_below = True
            run.trace.append(cap.text)
    run.trace.append(f"Band {band}: {policy.band(band).meaning}")
    return band, ranked_below


def _points(
    policy: PolicyDocument, needs: tuple[NeedResult, ...], view: HouseholdView, run: _Run
) -> int:
    scheme = policy.points
    need_points = sum(n.points for n in needs)
    waiting = 0
    if scheme is not None and scheme.waiting_points_per_month:
        waiting = view.months_registered * scheme.waiting_points_per_month
        if scheme.waiting_points_cap is not None:
            waiting = min(waiting, scheme.waiting_points_cap)
        run.trace.append(
            f"Waiting time: {view.months_registered} full months on the register, {waiting} points."
        )
    total = need_points + waiting
    if scheme is not None and scheme.total_cap is not None and total > scheme.total_cap:
        total = scheme.total_cap
        run.trace.append(f"Points are capped at {total}.")
    run.trace.append(f"Total: {total} points ({need_points} for need, {waiting} for waiting time).")
    return total


def _priority_date(
    policy: PolicyDocument,
    household: HouseholdFacts,
    needs: tuple[NeedResult, ...],
    band: str,
    run: _Run,
    on_date: dt.date,
) -> dt.date:
    in_band = [n.since for n in needs if n.band == band]
    entered = (
        max(min(in_band), household.registration_date) if in_band else household.registration_date
    )
    previous = household.previous
    if previous is None or previous.band not in [b.code for b in policy.bands]:
        run.trace.append(f"Priority date: {long_date(entered)}, when you entered Band {band}.")
        return entered
    now_rank, was_rank = policy.band_rank(band), policy.band_rank(previous.band)
    if now_rank == was_rank:
        date, why = previous.band_since, f"still in Band {band}"
    elif now_rank < was_rank:
        # Moving up resets the date to the move, never earlier than the last band's date.
        date, why = max(entered, previous.band_since), f"moved up to Band {band}"
        if date <= previous.band_since:
            date = on_date
    else:
        rule = policy.priority_date.on_band_down
        if rule == "keep":
            date, why = previous.band_since, f"moved down to Band {band}; the earlier date is kept"
        elif rule == "registration_date":
            date, why = (
                household.registration_date,
                f"moved down to Band {band}; the date you registered applies",
            )
        else:
            date, why = on_date, f"moved down to Band {band}"
    run.trace.append(f"Priority date: {long_date(date)} ({why}).")
    return date


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
