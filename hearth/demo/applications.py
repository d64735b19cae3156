"""Applications for the demo register's households (see `demo_households`), in every state.

`demo_applications` gives each household an application when the households are made: most are
on the register, the rest spread over every other state of the lifecycle. Households whose facts
rule them out (not eligible, a home of their own, high income or savings, unacceptable
behaviour) are the ones told they do not qualify, so their assessments agree.

`demo_application_records_seed` (in `demo_application_records`), run once the register is
assessed, then fills in what each state implies: the history of status changes, decisions with
reasons, review requests, documents asked for and sent (small generated PDF and PNG files in
the evidence storage), messages both ways and reported changes; and gives each demo applicant
sign-in a household in its state. Both are deterministic (seeded); the records are made once.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable
from decimal import Decimal

from hearth.core import clock
from hearth.register.models import Application, Household
from hearth.register.rules import lifecycle

SEED = 4004
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


def demo_applications(households: Iterable[Household], on_date: dt.date) -> list[Application]:
    """An application for each household, in the state `demo_statuses` gives it."""
    ordered = list(households)
    rng = random.Random(SEED + 1)  # noqa: S311 - made-up demo data
    return [
        _application(household, status, on_date, rng)
        for household, status in zip(ordered, demo_statuses(ordered), strict=True)
    ]


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
        changed = min(on_date, sent + dt.timedelta(days=3))
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
