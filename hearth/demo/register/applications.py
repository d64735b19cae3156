"""Applications for the demo register's households (see `demo_households`), in every state.

`demo_applications` gives each household an application when the households are made: most are
on the register, the rest spread over every other state of the lifecycle. Households whose facts
rule them out (not eligible, a home of their own, high income or savings, unacceptable
behaviour) are the ones told they do not qualify, so their assessments agree. Each household's
registration date is the one the register's services give it: the day its draft was started
(`application_start`), then the day it was sent (`application_submit`).

`demo_history` is the status history that led each application where it is, step by step, and
`demo_sign_ins` gives each demo applicant sign-in a household in its state: the household is
theirs from the start, as one an applicant starts for themselves.

`demo_application_records_seed` (in `demo_application_records`), run once the register is
assessed, then writes that history and fills in what each state implies: decisions with
reasons, review requests, documents asked for and sent (small generated PDF and PNG files in
the evidence storage), messages both ways and reported changes. Both are deterministic
(seeded); the records are made once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from hearth.accounts.models import User
from hearth.core import clock
from hearth.demo.partnership import demo_applicant_states
from hearth.demo.register.application_content import EVIDENCE_ASKED
from hearth.register.models import Application, DecisionKind, EvidenceKind, Household
from hearth.register.rules import lifecycle

SEED = 4004
# The first applications of each council (in reference order) get documents and messages:
# every one at test size, several hundred in the full demo.
RICH_PER_COUNCIL = 120
# The demo council whose households the applicant sign-ins own.
SIGN_IN_COUNCIL = "marshvale-city"
# The reasons the register's services give for the moves they make.
SENT = "Application sent"
WAITING = f"Waiting for {EvidenceKind(EVIDENCE_ASKED[0][0]).label.lower()}"
REVIEW = "Review asked for"
# A sent application was started this long before it was sent.
DRAFTING = dt.timedelta(days=2)
# The share of the other households in each state (the rest are active).
_SHARES: tuple[tuple[str, float], ...] = (
    (lifecycle.DRAFT, 0.05),
    (lifecycle.SUBMITTED, 0.06),
    (lifecycle.PENDING_DOCUMENTS, 0.06),
    (lifecycle.SUSPENDED, 0.04),
    (lifecycle.UNDER_OFFER, 0.03),
    (lifecycle.HOUSED, 0.04),
    (lifecycle.CANCELLED, 0.06),
)
_LIMIT_INCOME = Decimal("60000")
_LIMIT_SAVINGS = Decimal("30000")


def at_ten(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=clock.LONDON)


def _renewal_due(registered: dt.date, on_date: dt.date) -> dt.date:
    """The next yearly anniversary of registration on or after `on_date`."""
    due = registered + dt.timedelta(days=lifecycle.RENEWAL_EVERY_DAYS)
    while due < on_date:
        due += dt.timedelta(days=lifecycle.RENEWAL_EVERY_DAYS)
    return due


def started_at(app: Application) -> dt.datetime:
    """When the application was started (`application_start`): a draft's status last changed
    then; a sent one was drafted for `DRAFTING` before it was sent (counted in UTC, as the
    time read back from the database is, so that it is the same moment before and after)."""
    if app.submitted_at is None:
        return app.status_changed_at
    return app.submitted_at.astimezone(dt.UTC) - DRAFTING


def ruled_out(household: Household) -> bool:
    """Facts that the demo policies' qualification rules turn away."""
    return (
        not household.eligible
        or household.owns_property
        or household.unacceptable_behaviour
        or household.income_yearly > _LIMIT_INCOME
        or household.savings > _LIMIT_SAVINGS
    )


def demo_statuses(households: list[Household]) -> list[str]:
    """The status of each household's application, in order (seeded: always the same)."""
    rng = random.Random(SEED)  # noqa: S311 - made-up demo data
    statuses: list[str] = []
    out = 0
    for household in households:
        roll = rng.random()
        if ruled_out(household):
            out += 1
            statuses.append(lifecycle.UNDER_REVIEW if out % 4 == 2 else lifecycle.NOT_QUALIFYING)
            continue
        status, cumulative = lifecycle.ACTIVE, 0.0
        for candidate, share in _SHARES:
            cumulative += share
            if roll < cumulative:
                status = candidate
                break
        statuses.append(status)
    # Every state at least once, however small the register.
    for wanted, _share in _SHARES:
        if wanted not in statuses:
            statuses[statuses.index(lifecycle.ACTIVE, len(statuses) // 2)] = wanted
    return statuses


def demo_applications(
    households: Iterable[Household],
    on_date: dt.date,
    qualifies: Callable[[Household, dt.date, dt.date], bool | None] | None = None,
) -> list[Application]:
    """An application for each household, in the state `demo_statuses` gives it. Sets the
    registration date of each household whose application has not been accepted to the day
    the register's services would have given it (accepted ones keep theirs: they were sent on
    the day they registered).

    `qualifies` (the policy engine, see `household_facts.DemoQualification`) has the last word
    on a decided application: one its council's policy would not have accepted on the day of
    the decision is refused instead, and one it would have accepted is accepted; where even
    that does not agree with the day, the application is still waiting for its decision."""
    ordered = list(households)
    rng = random.Random(SEED + 1)  # noqa: S311 - made-up demo data
    applications = []
    for household, status in zip(ordered, demo_statuses(ordered), strict=True):
        app = _application(household, status, on_date, rng)
        if qualifies is not None:
            app = _as_the_policy_decides(app, on_date, rng, qualifies)
        history = demo_history(app, on_date)
        # The services stamp the status's time with the last move's.
        app.status_changed_at = history[-1].at
        started_or_sent = app.submitted_at or history[0].at
        household.registration_date = started_or_sent.astimezone(clock.LONDON).date()
        applications.append(app)
    return applications


_REFUSED = frozenset({lifecycle.NOT_QUALIFYING, lifecycle.UNDER_REVIEW})


def _as_the_policy_decides(
    app: Application,
    on_date: dt.date,
    rng: random.Random,
    qualifies: Callable[[Household, dt.date, dt.date], bool | None],
) -> Application:
    for _attempt in range(2):
        accepted = app.activated_on is not None
        if not accepted and app.status not in _REFUSED:
            return app  # no decision yet
        # Registered the day it was sent (as `demo_applications` then records).
        assert app.submitted_at is not None  # noqa: S101 - every decided application was sent
        registered = app.submitted_at.astimezone(clock.LONDON).date()
        answer = qualifies(app.household, decided_on(app, on_date), registered)
        if answer is None or answer == accepted:
            return app
        status = lifecycle.NOT_QUALIFYING if accepted else lifecycle.ACTIVE
        app = _application(app.household, status, on_date, rng)
    return _application(app.household, lifecycle.SUBMITTED, on_date, rng)


def demo_rich(applications: Iterable[Application]) -> set[uuid.UUID]:
    """The applications that get documents and messages: each council's first
    `RICH_PER_COUNCIL`, in reference order."""
    seen: Counter[str] = Counter()
    rich: set[uuid.UUID] = set()
    for app in sorted(applications, key=lambda app: app.household.reference):
        seen[app.household.council.slug] += 1
        if seen[app.household.council.slug] <= RICH_PER_COUNCIL:
            rich.add(app.pk)
    return rich


def demo_sign_ins(
    applications: Iterable[Application], users: Mapping[str, User]
) -> dict[uuid.UUID, User]:
    """Household id -> the applicant sign-in (by email, from `users`) that owns it: for each
    sign-in, a household in its state, in the sign-in council with documents and messages
    where there is one."""
    ordered = sorted(applications, key=lambda app: app.household.reference)
    rich = demo_rich(ordered)
    owners: dict[uuid.UUID, User] = {}
    for email, state in demo_applicant_states().items():
        user = users.get(email)
        if user is None:
            continue
        candidates = [
            app for app in ordered if app.status == state and app.household_id not in owners
        ]
        # Prefer the sign-in council's households with documents and messages.
        candidates.sort(
            key=lambda app: (app.household.council.slug != SIGN_IN_COUNCIL, app.pk not in rich)
        )
        if candidates:
            owners[candidates[0].household_id] = user
    return owners


class By(enum.Enum):
    """Who made a move: the household (from its own account, or an officer for it when it has
    none), an officer of the council, or nobody (a renewal missed)."""

    HOUSEHOLD = "household"
    OFFICER = "officer"
    NOBODY = "nobody"


@dataclass(frozen=True)
class HistoryStep:
    """One status change: from `before` to `after`, at `at`, for `reason`, made `by`."""

    before: str
    after: str
    at: dt.datetime
    reason: str
    by: By


@functools.cache
def decided_because(kind: str) -> str:
    """The reason `decision_write` gives for the move a decision makes (once per kind: the
    label is translated each time it is read)."""
    return f"Decision: {DecisionKind(kind).label}"


def refusal(app: Application) -> DecisionKind:
    """The kind of decision that told the household it does not qualify."""
    return DecisionKind.NOT_QUALIFYING if app.household.eligible else DecisionKind.INELIGIBLE


def decided_on(app: Application, on_date: dt.date) -> dt.date:
    if app.activated_on is not None:
        return app.activated_on
    sent = app.submitted_at or app.status_changed_at
    return min(on_date, sent.astimezone(clock.LONDON).date() + dt.timedelta(14))


_MOVED_BECAUSE = {
    lifecycle.SUSPENDED: "Rent arrears at the current home",
    lifecycle.UNDER_OFFER: "Offered a home",
    lifecycle.HOUSED: "Tenancy signed",
}


def demo_history(app: Application, on_date: dt.date) -> list[HistoryStep]:
    """The status changes that led `app` to where it is, with the reasons the services that
    make them give. Each step is at least a minute after the one before, so the history reads
    in order on any database (rows with the same time come back in no particular order)."""
    household, officer = By.HOUSEHOLD, By.OFFICER
    steps = [HistoryStep("", lifecycle.DRAFT, started_at(app), "", household)]
    if app.submitted_at is not None:
        steps.append(
            HistoryStep(lifecycle.DRAFT, lifecycle.SUBMITTED, app.submitted_at, SENT, household)
        )
    status = app.status
    if status == lifecycle.PENDING_DOCUMENTS:
        steps.append(
            HistoryStep(lifecycle.SUBMITTED, status, app.status_changed_at, WAITING, officer)
        )
    if status in (lifecycle.NOT_QUALIFYING, lifecycle.UNDER_REVIEW):
        decided = at_ten(decided_on(app, on_date))
        refused = decided_because(refusal(app))
        steps.append(
            HistoryStep(lifecycle.SUBMITTED, lifecycle.NOT_QUALIFYING, decided, refused, officer)
        )
        if status == lifecycle.UNDER_REVIEW:
            steps.append(
                HistoryStep(
                    lifecycle.NOT_QUALIFYING, status, app.status_changed_at, REVIEW, household
                )
            )
    if app.activated_on is not None:
        accepted = decided_because(DecisionKind.ACCEPTED)
        steps.append(
            HistoryStep(
                lifecycle.SUBMITTED, lifecycle.ACTIVE, at_ten(app.activated_on), accepted, officer
            )
        )
        if status != lifecycle.ACTIVE:
            reason = _MOVED_BECAUSE.get(status) or app.get_cancel_reason_display()
            by = By.NOBODY if app.cancel_reason == "renewal" else officer
            steps.append(HistoryStep(lifecycle.ACTIVE, status, app.status_changed_at, reason, by))
    ordered = steps[:1]
    for step in steps[1:]:
        if step.at <= ordered[-1].at:
            step = dataclasses.replace(step, at=ordered[-1].at + dt.timedelta(minutes=1))
        ordered.append(step)
    return ordered


def _days_before(rng: random.Random, on_date: dt.date, low: int, high: int) -> dt.date:
    return on_date - dt.timedelta(days=rng.randint(low, high))


def _application(
    household: Household, status: str, on_date: dt.date, rng: random.Random
) -> Application:
    registered = household.registration_date
    app = Application(
        id=uuid.UUID(int=rng.getrandbits(128), version=4),
        household=household,
        council_id=household.council_id,
        status=status,
        consent_to_share=True,
        sections_done=[],
    )
    if status == lifecycle.DRAFT:
        app.sections_done = ["people", "home", "addresses"][: rng.randint(0, 3)]
        app.status_changed_at = at_ten(_days_before(rng, on_date, 1, 30))
        return app
    if status in (lifecycle.SUBMITTED, lifecycle.PENDING_DOCUMENTS):
        sent = _days_before(rng, on_date, 2, 20)
        app.submitted_at = app.declaration_at = at_ten(sent)
        # Waiting for documents from a day or so after it was sent, before today.
        changed = min(on_date - dt.timedelta(days=1), sent + dt.timedelta(days=3))
        app.status_changed_at = at_ten(changed if status != lifecycle.SUBMITTED else sent)
        return app
    if status in (lifecycle.NOT_QUALIFYING, lifecycle.UNDER_REVIEW):
        sent = _days_before(rng, on_date, 25, 120)
        app.submitted_at = app.declaration_at = at_ten(sent)
        decided = sent + dt.timedelta(days=14)
        app.status_changed_at = at_ten(decided)
        if status == lifecycle.UNDER_REVIEW:
            app.status_before = lifecycle.NOT_QUALIFYING
            app.status_changed_at = at_ten(min(on_date, decided + dt.timedelta(days=5)))
        return app
    # On the register since registration, then perhaps moved on.
    app.submitted_at = app.declaration_at = at_ten(registered)
    app.activated_on = registered
    app.status_changed_at = at_ten(registered)
    moved = max(registered, _days_before(rng, on_date, 1, 200))
    if status in (lifecycle.ACTIVE, lifecycle.SUSPENDED, lifecycle.UNDER_OFFER):
        app.renewal_due_on = _renewal_due(registered, on_date)
        if status != lifecycle.ACTIVE:
            app.status_before = lifecycle.ACTIVE
            app.status_changed_at = at_ten(moved)
    elif status == lifecycle.HOUSED:
        app.status_changed_at = at_ten(moved)
    elif status == lifecycle.CANCELLED:
        app.status_changed_at = at_ten(moved)
        app.cancelled_on = moved
        app.cancel_reason = rng.choice(("applicant", "renewal", "documents"))
        due = moved - dt.timedelta(days=lifecycle.RENEWAL_GRACE_DAYS)
        if app.cancel_reason == "renewal" and due >= registered + dt.timedelta(days=365):
            app.renewal_due_on = due
        elif app.cancel_reason == "renewal":
            app.cancel_reason = "applicant"  # too new to have missed a renewal
    return app
