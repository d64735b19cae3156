"""Assessing one household against one council's policy: a pure function, explained.

`assess(policy, household, on_date)` decides qualification, the need reasons that apply (each
with the date it applies from), the band or points, bedroom need, priority date and local
connection, and explains itself: `Assessment.trace` is plain English citing every rule that
applied. A rule whose expression fails for this household is skipped and reported in
`problems`; it never stops a run.

The engine is on the hot path of simulations (whole registers) and shortlists, so a policy's
rules are compiled once per document (`policy_compiled`) and the trace is kept as structured
steps, turned into sentences only when someone reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hearth.policy.rules.bedrooms import BedroomStandard, bedroom_need
from hearth.policy.rules.connection import (
    connected_anywhere,
    connection_check,
    council_place,
    months_before,
)
from hearth.policy.rules.context import HouseholdView, expression_compiled
from hearth.policy.rules.document import (
    BandCap,
    BandLower,
    BidRefusal,
    ConnectionTest,
    NeedReason,
    PolicyDocument,
    QualificationRule,
)
from hearth.policy.rules.expressions import ExpressionRuntimeError
from hearth.policy.rules.facts import HouseholdFacts, PersonFacts, ages_on

QUALIFIES, NOT_QUALIFYING, INELIGIBLE = "qualifies", "not_qualifying", "ineligible"
INELIGIBLE_TEXT = (
    "You are not eligible for an allocation of social housing because of your immigration "
    "status (Housing Act 1996, section 160ZA)."
)

Evaluate = Callable[[Mapping[str, object]], object]
Step = tuple[str, tuple[object, ...]]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# How each kind of step reads. Kept apart from the engine so wording can change freely.
def _render(kind: str, args: tuple[object, ...]) -> str:
    match kind:
        case "bedrooms":
            bedrooms, lines = args
            return f"Bedroom need: {bedrooms} ({'; '.join(lines) or 'one person'})."  # type: ignore[arg-type]
        case "connection":
            met, because = args
            return f"Local connection: {'yes, ' if met else 'no: '}{because}."
        case "not_qualifying":
            code, text = args
            return f"Does not qualify ({code}): {text}"
        case "need":
            label, band, points, awarded_on, text = args
            worth = f"Band {band}" if band else f"{points} points"
            how = (
                f"awarded by an officer on {long_date(awarded_on)}"  # type: ignore[arg-type]
                if awarded_on is not None
                else "from the application"
            )
            return f"Need: {label} ({worth}), {how}. {text}"
        case "default_band":
            return f"No need reasons apply: Band {args[0]}."
        case "cumulative":
            text, count, _counted, band = args
            return f"{str(text).rstrip('.')}: you have {count}, so Band {band}."
        case "cap":
            text, band = args
            return f"{text} Your band is limited to Band {band}." if band else str(text)
        case "band_lower" | "refusal_lower":
            why, was, band = args
            if kind == "refusal_lower":
                why = f"You refused suitable offers, so until {long_date(why)} your band is lower."  # type: ignore[arg-type]
            if was == band:
                return f"{why} You are already in the lowest band, Band {band}."
            return f"{why} Your band is lowered from Band {was} to Band {band}."
        case "band":
            band, meaning = args
            return f"Band {band}: {meaning}"
        case "waiting":
            months, points = args
            return f"Waiting time: {months} full months on the register, {points} points."
        case "points_cap":
            return f"Points are capped at {args[0]}."
        case "points_total":
            total, need, waiting = args
            return f"Total: {total} points ({need} for need, {waiting} for waiting time)."
        case "priority_first":
            day, band = args
            return f"Priority date: {long_date(day)}, when you entered Band {band}."  # type: ignore[arg-type]
        case "priority":
            day, why = args
            return f"Priority date: {long_date(day)} ({why})."  # type: ignore[arg-type]
        case _:
            return " ".join(str(a) for a in args)


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
    steps: tuple[Step, ...]
    problems: tuple[str, ...]

    @property
    def qualifies(self) -> bool:
        return self.status == QUALIFIES

    @property
    def trace(self) -> tuple[str, ...]:
        """The explanation, in plain English, one sentence per rule that applied."""
        return tuple(_render(kind, args) for kind, args in self.steps)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (0 if `end` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and months_before(end, months) < start:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True, slots=True)
class CompiledPolicy:
    """A document with its rules compiled, ready to run many times.

    The steps a rule adds to the explanation are made here when they are the same for every
    household, so an assessment only appends them."""

    document: PolicyDocument
    standard: BedroomStandard
    qualification: tuple[tuple[QualificationRule, Evaluate, Step], ...]
    # each reason with its condition (none for officer reasons) and its step when derived
    reasons: tuple[tuple[NeedReason, Evaluate | None, Step], ...]
    derived: tuple[tuple[NeedReason, Evaluate | None, Step], ...]  # those with a condition
    reason_codes: frozenset[str]
    caps: tuple[tuple[BandCap, Evaluate], ...]
    band_lower: tuple[tuple[BandLower, Evaluate], ...]
    bid_refusals: tuple[tuple[BidRefusal, Evaluate], ...]
    band_index: Mapping[str, int]
    band_meaning: Mapping[str, str]
    band_steps: Mapping[str, Step]
    default_band_step: Step


_COMPILED: dict[int, tuple[PolicyDocument, CompiledPolicy]] = {}


def policy_compiled(document: PolicyDocument) -> CompiledPolicy:
    """Compile once per document object. The cache holds the document, so its id stays unique."""
    found = _COMPILED.get(id(document))
    if found is not None and found[0] is document:
        return found[1]
    rules = document.bedrooms
    reasons = tuple(_reason_compiled(r) for r in document.need_reasons)
    compiled = CompiledPolicy(
        document=document,
        standard=BedroomStandard(
            adult_age=rules.adult_age,
            pairing_age=rules.pairing_age,
            extra_room_for_overnight_carer=rules.extra_room_for_overnight_carer,
            extra_room_reasons=frozenset(rules.extra_room_reasons),
        ),
        qualification=tuple(
            (
                rule,
                expression_compiled(rule.when, "condition").evaluate,
                ("not_qualifying", (rule.code, rule.text)),
            )
            for rule in document.qualification
        ),
        reasons=reasons,
        derived=tuple(r for r in reasons if r[1] is not None),
        reason_codes=frozenset(r.code for r in document.need_reasons),
        caps=tuple(
            (cap, expression_compiled(cap.when, "condition").evaluate) for cap in document.caps
        ),
        band_lower=tuple(
            (rule, expression_compiled(rule.when, "condition").evaluate)
            for rule in document.band_lower
        ),
        bid_refusals=tuple(
            (rule, expression_compiled(rule.when, "condition").evaluate)
            for rule in document.bidding.refusals
        ),
        band_index={b.code: i for i, b in enumerate(document.bands)},
        band_meaning={b.code: b.meaning for b in document.bands},
        band_steps={b.code: ("band", (b.code, b.meaning)) for b in document.bands},
        default_band_step=("default_band", (document.default_band,)),
    )
    if len(_COMPILED) > 256:
        _COMPILED.clear()
    _COMPILED[id(document)] = (document, compiled)
    return compiled


def _reason_compiled(reason: NeedReason) -> tuple[NeedReason, Evaluate | None, Step]:
    step: Step = ("need", (reason.label, reason.band, reason.points, None, reason.text))
    if reason.awarded != "derived":
        return reason, None, step
    return reason, expression_compiled(reason.when, "condition").evaluate, step


def bedroom_standard(policy: PolicyDocument) -> BedroomStandard:
    return policy_compiled(policy).standard


def household_view(
    household: HouseholdFacts,
    *,
    bedrooms: int,
    local_connection: bool,
    on_date: dt.date,
    ages: list[int] | None = None,
    connection_test: ConnectionTest | None = None,
) -> HouseholdView:
    """The household as a policy's expressions see it. `connection_test`: the policy's local
    connection test, for `partner_connection` (without it, only the household's own council)."""
    people = household.members
    if ages is None:
        ages = ages_on(people, on_date)
    home = household.home
    awards = household.need_awards
    return HouseholdView(
        size=len(people),
        lead_age=ages[_lead_index(people)],
        children=len([age for age in ages if age < 18]),
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
        repayment_arrangement=household.repayment_arrangement,
        months_registered=months_between(household.registration_date, on_date),
        reasonable_refusals=household.reasonable_refusals,
        awarded=tuple(sorted({a.code for a in awards if a.awarded_on <= on_date}))
        if awards
        else (),
        exemptions=tuple(sorted(household.exemptions)) if household.exemptions else (),
        people=people,
        ages=ages,
        connected_elsewhere=None
        if connection_test is None
        else lambda: connected_anywhere(connection_test, household, on_date),
        assessed_mobility=household.assessed_mobility,
    )


def _lead_index(people: Sequence[PersonFacts]) -> int:
    """Where the lead applicant is among the members (the first member if none is marked)."""
    for i, person in enumerate(people):
        if person.relationship == "lead":
            return i
    return 0


class _Run:
    """One assessment in progress: the steps taken and any rule failures."""

    __slots__ = ("problems", "steps", "variables")

    def __init__(self, variables: dict[str, object], steps: list[Step]) -> None:
        self.variables = variables
        self.steps = steps
        self.problems: list[str] = []

    def holds(self, evaluate: Evaluate, rule: str) -> bool:
        try:
            return bool(evaluate(self.variables))
        except ExpressionRuntimeError as failure:
            self.failed(rule, failure)
            return False

    def failed(self, rule: str, failure: ExpressionRuntimeError) -> None:
        self.problems.append(f"{rule}: {failure.message}")


def assess(policy: PolicyDocument, household: HouseholdFacts, on_date: dt.date) -> Assessment:
    compiled = policy_compiled(policy)
    ages = ages_on(household.members, on_date)
    need = bedroom_need(household, compiled.standard, on_date, ages)
    connection = connection_check(
        policy.local_connection, household, council_place(household.council), on_date
    )
    view = household_view(
        household,
        bedrooms=need.bedrooms,
        local_connection=connection.met,
        on_date=on_date,
        ages=ages,
        connection_test=policy.local_connection,
    )
    variables: dict[str, object] = {"household": view, "today": on_date}
    run = _Run(
        variables,
        [
            ("bedrooms", (need.bedrooms, need.explanation)),
            ("connection", (connection.met, connection.because)),
        ],
    )

    refusals: list[str] = []
    status = QUALIFIES
    if not household.eligible:
        status = INELIGIBLE
        refusals.append(INELIGIBLE_TEXT)
    for rule, evaluate, step in compiled.qualification:
        # `run.holds`, written out: this loop and the one in `_needs` run for every household.
        try:
            refused = evaluate(variables)
        except ExpressionRuntimeError as failure:
            run.failed(rule.code, failure)
            continue
        if refused:
            refusals.append(rule.text)
            run.steps.append(step)
            if rule.outcome == INELIGIBLE:
                status = INELIGIBLE
            elif status == QUALIFIES:
                status = NOT_QUALIFYING
    band, points, priority, ranked_below = "", None, None, False
    needs: tuple[NeedResult, ...] = ()
    if status == QUALIFIES:
        needs = _needs(compiled, household, run, on_date)
        if policy.scheme == "points":
            points = _points(policy, needs, view, run)
            priority = household.registration_date
        else:
            band, ranked_below = _band(compiled, needs, run)
            if compiled.band_lower or household.band_lowered_until is not None:
                band = _band_lowered(compiled, household, band, run, on_date)
            run.steps.append(compiled.band_steps[band])
            priority = _priority_date(compiled, household, needs, band, run, on_date)
    return Assessment(
        status=status,
        reasons_not_qualifying=tuple(refusals),
        band=band,
        points=points,
        needs=needs,
        bedroom_need=need.bedrooms,
        priority_date=priority,
        local_connection=connection.met,
        ranked_below=ranked_below,
        steps=tuple(run.steps),
        problems=tuple(run.problems),
    )


def _needs(
    compiled: CompiledPolicy, household: HouseholdFacts, run: _Run, on_date: dt.date
) -> tuple[NeedResult, ...]:
    found: list[NeedResult] = []
    steps, variables = run.steps, run.variables
    awards = (
        {a.code: a.awarded_on for a in household.need_awards if a.awarded_on <= on_date}
        if household.need_awards
        else {}
    )
    # Facts that held when the household registered date from registration; after an earlier
    # assessment, a newly true condition can only be dated to this assessment.
    derived_since = household.registration_date if household.previous is None else on_date
    # Without awards, only the derived reasons can apply (still in the policy's order).
    for reason, evaluate, step in compiled.reasons if awards else compiled.derived:
        if evaluate is None:
            awarded_on = awards.get(reason.code)
            if awarded_on is None:
                continue
            since = awarded_on
            step = ("need", (reason.label, reason.band, reason.points, awarded_on, reason.text))
        else:
            try:
                applies = evaluate(variables)
            except ExpressionRuntimeError as failure:
                run.failed(reason.code, failure)
                continue
            if not applies:
                continue
            since = derived_since
        found.append(
            NeedResult(reason.code, reason.label, reason.band, reason.points, since, reason.awarded)
        )
        steps.append(step)
    if awards:
        unknown = sorted(awards.keys() - compiled.reason_codes)
        if unknown:
            run.problems.append(f"awards not in this policy: {', '.join(unknown)}")
    return tuple(found)


def _band(compiled: CompiledPolicy, needs: tuple[NeedResult, ...], run: _Run) -> tuple[str, bool]:
    policy, index = compiled.document, compiled.band_index
    bands = [n.band for n in needs]
    if bands:
        band = min(bands, key=index.__getitem__)
    else:
        band = policy.default_band
        run.steps.append(compiled.default_band_step)
    for rule in policy.cumulative:  # in the order written, so rules can build on each other
        count = bands.count(rule.band)
        if count >= rule.count and index[rule.gives] < index[band]:
            band = rule.gives
            run.steps.append(("cumulative", (rule.text, count, rule.band, band)))
    ranked_below = False
    for cap, evaluate in compiled.caps:
        above, at = index[band] < index[cap.max_band], index[band] == index[cap.max_band]
        if (above or (at and cap.rank_below_uncapped)) and run.holds(evaluate, "band cap"):
            if above:
                band = cap.max_band
            ranked_below = ranked_below or cap.rank_below_uncapped
            run.steps.append(("cap", (cap.text, band if above else "")))
    return band, ranked_below


def _band_lowered(
    compiled: CompiledPolicy, household: HouseholdFacts, band: str, run: _Run, on_date: dt.date
) -> str:
    """The band after every other rule, one lower if any `band_lower` rule holds (one band
    however many hold; each that holds is explained), and one lower again while a refusal
    rule's lower band is in force (it ends by itself). Never below the lowest band."""
    bands, lowest = compiled.document.bands, len(compiled.document.bands) - 1
    need = band
    for rule, evaluate in compiled.band_lower:
        if run.holds(evaluate, "band lower"):
            band = bands[min(compiled.band_index[need] + 1, lowest)].code
            run.steps.append(("band_lower", (rule.text, need, band)))
    until = household.band_lowered_until
    if until is not None and on_date < until:
        was, band = band, bands[min(compiled.band_index[band] + 1, lowest)].code
        run.steps.append(("refusal_lower", (until, was, band)))
    return band


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
        run.steps.append(("waiting", (view.months_registered, waiting)))
    total = need_points + waiting
    if scheme is not None and scheme.total_cap is not None and total > scheme.total_cap:
        total = scheme.total_cap
        run.steps.append(("points_cap", (total,)))
    run.steps.append(("points_total", (total, need_points, waiting)))
    return total


def _priority_date(
    compiled: CompiledPolicy,
    household: HouseholdFacts,
    needs: tuple[NeedResult, ...],
    band: str,
    run: _Run,
    on_date: dt.date,
) -> dt.date:
    registered = household.registration_date
    entered = _entered_band(compiled, needs, band, registered)
    previous = household.previous
    if previous is None or previous.band not in compiled.band_index:
        run.steps.append(("priority_first", (entered, band)))
        return entered
    now_rank, was_rank = compiled.band_index[band], compiled.band_index[previous.band]
    if now_rank == was_rank:
        date, why = previous.band_since, f"still in Band {band}"
    elif now_rank < was_rank:
        # Moving up resets the date to the move, never earlier than the last band's date.
        date, why = max(entered, previous.band_since), f"moved up to Band {band}"
        if date <= previous.band_since:
            date = on_date
    else:
        rule = compiled.document.priority_date.on_band_down
        if rule == "keep":
            date, why = previous.band_since, f"moved down to Band {band}; the earlier date is kept"
        elif rule == "registration_date":
            date = registered
            why = f"moved down to Band {band}; the date you registered applies"
        else:
            date, why = on_date, f"moved down to Band {band}"
    run.steps.append(("priority", (date, why)))
    return date


def _entered_band(
    compiled: CompiledPolicy, needs: tuple[NeedResult, ...], band: str, registered: dt.date
) -> dt.date:
    """When the household reached `band`: its earliest need at or above the band (above only
    when capped), or the day a cumulative rule was met, never before registration. Everyone
    qualifying is in the default band from registration."""
    index = compiled.band_index
    if band == compiled.document.default_band:
        return registered
    rank = index[band]
    dates = [n.since for n in needs if index[n.band] <= rank]
    for rule in compiled.document.cumulative:
        if index[rule.gives] <= rank:
            counted = sorted(n.since for n in needs if n.band == rule.band)
            if len(counted) >= rule.count:
                dates.append(counted[rule.count - 1])
    return max(min(dates), registered) if dates else registered
