"""Moving an application through its lifecycle (`hearth.register.rules.lifecycle`).

`application_status_move` is the only code that writes `Application.status`. Other services call
it inside their own transaction after checking permission; `application_status_change` is the
officer's own action (suspend, reinstate, cancel, mark housed…) and checks permission itself.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import Application, Household, StatusChange
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import officer_check

# Statuses an officer's "change status" action may set directly; the rest follow from
# submitting, deciding, reviewing and (later) offers and lettings.
OFFICER_SETTABLE = frozenset(
    {lifecycle.SUSPENDED, lifecycle.ACTIVE, lifecycle.CANCELLED, lifecycle.HOUSED}
)


def application_status_move(
    *,
    actor: Actor,
    application: Application,
    to: str,
    reason: str = "",
    cancel_reason: str = "",
) -> StatusChange:
    """Move `application` to status `to`, recording the change and its audit event.

    Raises `lifecycle.TransitionError` if the lifecycle does not allow it. Must run inside the
    caller's transaction (the caller has checked permission).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("application_status_move must run inside a transaction")
    current = application.status
    lifecycle.transition_check(current, to)
    now = clock.now()
    if to == lifecycle.CANCELLED:
        application.cancelled_on = now.date()
        application.cancel_reason = cancel_reason or "officer"
    elif current == lifecycle.CANCELLED:
        application.cancelled_on = None
        application.cancel_reason = ""
    if to in (lifecycle.SUSPENDED, lifecycle.UNDER_OFFER, lifecycle.UNDER_REVIEW):
        application.status_before = current
    if current == lifecycle.SUSPENDED:
        application.suspended_until = None
    if to == lifecycle.ACTIVE and application.activated_on is None:
        application.activated_on = now.date()
    if to == lifecycle.SUBMITTED and application.submitted_at is None:
        application.submitted_at = now
    application.status = to
    application.status_changed_at = now
    application.save(
        update_fields=[
            "status",
            "status_changed_at",
            "status_before",
            "cancelled_on",
            "cancel_reason",
            "activated_on",
            "submitted_at",
            "suspended_until",
            "updated_at",
        ]
    )
    change = StatusChange.objects.create(
        application=application,
        from_status=current,
        to_status=to,
        reason=reason,
        changed_by=actor.user,
        on_behalf_of=actor.on_behalf_of,
        occurred_at=now,
    )
    audit_record(
        actor=actor,
        verb="application.status_changed",
        target=application,
        organisation=application.household.council,
        changes=changes_of(
            before={"status": current}, after={"status": to}, context={"reason": reason}
        ),
    )
    return change


def application_status_change(
    *, actor: Actor, application: Application, to: str, reason: str, on_date: dt.date | None = None
) -> StatusChange:
    """An officer suspends, reinstates, cancels or marks an application housed, with a reason.

    Reinstating a cancelled application is allowed within six months of cancellation; it keeps
    the original registration and priority dates.
    """
    officer_check(actor, application.household, Capability.ASSESS_APPLICATIONS)
    if to not in OFFICER_SETTABLE:
        raise lifecycle.TransitionError("Officers cannot set that status directly")
    if not reason.strip():
        raise lifecycle.TransitionError("Give a reason for the change")
    today = on_date or clock.today()
    if application.status == lifecycle.CANCELLED and not lifecycle.reinstatement_allowed(
        application.cancelled_on, today
    ):
        raise lifecycle.TransitionError(
            "This application was cancelled more than 6 months ago: the household must apply again"
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        change = application_status_move(
            actor=actor, application=locked, to=to, reason=reason.strip()
        )
    application.refresh_from_db()
    return change


def household_refusal_count_add(*, actor: Actor, application: Application, reason: str) -> int:
    """Count one more refusal of a suitable offer against the household, for the policy's
    refusal rules (and any rule reading `household.reasonable_refusals`). Returns the new count.

    Must run inside the caller's transaction; the caller (the lettings service recording the
    refusal) has checked permission and judged that the refusal counts."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("household_refusal_count_add must run inside a transaction")
    household = Household.objects.select_for_update().get(pk=application.household_id)
    before = household.reasonable_refusals
    household.reasonable_refusals = before + 1
    household.save(update_fields=["reasonable_refusals", "updated_at"])
    audit_record(
        actor=actor,
        verb="household.refusal_counted",
        target=household,
        organisation=application.council,
        changes=changes_of(
            before={"reasonable_refusals": before},
            after={"reasonable_refusals": household.reasonable_refusals},
            context={"reason": reason},
        ),
    )
    return household.reasonable_refusals


def application_suspend_until(
    *, actor: Actor, application: Application, until: dt.date, reason: str
) -> StatusChange:
    """Suspend the application until `until`, when it becomes active again by itself
    (`suspensions_end`). Must run inside the caller's transaction; the caller has checked
    permission (say, the lettings service applying a policy's refusal rule)."""
    change = application_status_move(
        actor=actor, application=application, to=lifecycle.SUSPENDED, reason=reason
    )
    application.suspended_until = until
    application.save(update_fields=["suspended_until", "updated_at"])
    return change


def suspensions_end(*, on_date: dt.date) -> int:
    """Make active again every application whose suspension for a set time ended by `on_date`.
    Safe to run more than once a day. Returns how many were made active."""
    system = SYSTEM
    due = Application.objects.filter(
        status=lifecycle.SUSPENDED, suspended_until__lte=on_date
    ).values_list("pk", flat=True)
    ended = 0
    for pk in list(due):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update()
                .select_related("household", "household__council")
                .get(pk=pk)
            )
            until = application.suspended_until
            if application.status != lifecycle.SUSPENDED or until is None or until > on_date:
                continue
            application_status_move(
                actor=system,
                application=application,
                to=lifecycle.ACTIVE,
                reason=f"The suspension ended on {until:%-d %B %Y}",
            )
        ended += 1
    return ended
