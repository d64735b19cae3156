"""The yearly renewal: reminders, the applicant renewing, and cancelling what was not renewed.

Every year (`lifecycle.RENEWAL_EVERY_DAYS`) the household confirms it still wants to be on the
register. A reminder goes 28 days before the renewal date; 8 weeks after it an application that
was not renewed is cancelled, with a notice saying it can be reinstated within 6 months (with
its original dates: cancelling never touches the registration or priority dates).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import Application, CancelReason
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import applicant_or_officer_check
from hearth.register.services.lifecycle import application_status_move
from hearth.register.services.messages import CouncilMessage, message_from_council_send

# Households on the register renew; one under offer is reminded but never cancelled mid-offer.
RENEWS = frozenset({lifecycle.ACTIVE, lifecycle.SUSPENDED, lifecycle.UNDER_OFFER})
CANCELLED_FOR_RENEWAL = frozenset({lifecycle.ACTIVE, lifecycle.SUSPENDED})


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def renewal_open(application: Application, today: dt.date) -> bool:
    """The applicant can renew now: due within 28 days, or overdue but not yet cancelled."""
    due = application.renewal_due_on
    return (
        application.status in RENEWS
        and due is not None
        and today >= due - dt.timedelta(days=lifecycle.RENEWAL_REMINDER_DAYS)
    )


def next_renewal_on(due: dt.date, today: dt.date) -> dt.date:
    """A year on from `due` (keeping the anniversary), later than today."""
    later = due + dt.timedelta(days=lifecycle.RENEWAL_EVERY_DAYS)
    while later <= today:
        later += dt.timedelta(days=lifecycle.RENEWAL_EVERY_DAYS)
    return later


def application_renew(*, actor: Actor, application: Application) -> dt.date:
    """The household confirms it still wants to be on the register: the renewal date moves a
    year on. Returns the new renewal date."""
    applicant_or_officer_check(actor, application)
    today = clock.today()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not renewal_open(locked, today) or locked.renewal_due_on is None:
            raise ValidationError("Your application does not need renewing yet")
        before = locked.renewal_due_on
        locked.renewal_due_on = next_renewal_on(before, today)
        locked.save(update_fields=["renewal_due_on", "updated_at"])
        audit_record(
            actor=actor,
            verb="application.renewed",
            target=locked,
            organisation=locked.household.council,
            changes=changes_of(
                before={"renewal_due_on": before}, after={"renewal_due_on": locked.renewal_due_on}
            ),
        )
    application.renewal_due_on = locked.renewal_due_on
    return locked.renewal_due_on


def renewals_remind(*, on_date: dt.date) -> int:
    """Remind households whose renewal is due within 28 days (or overdue, if never reminded)
    and not reminded for this renewal yet. Returns how many were reminded."""
    system = SYSTEM
    window_start = on_date - dt.timedelta(days=lifecycle.RENEWAL_GRACE_DAYS)
    window_end = on_date + dt.timedelta(days=lifecycle.RENEWAL_REMINDER_DAYS)
    candidates = Application.objects.filter(
        status__in=sorted(RENEWS),
        renewal_due_on__gt=window_start,
        renewal_due_on__lte=window_end,
    ).select_related("household", "household__council", "household__council__scheme")
    reminded = 0
    for application in candidates.iterator(chunk_size=500):
        due = application.renewal_due_on
        if due is None:
            continue
        first_day = due - dt.timedelta(days=lifecycle.RENEWAL_REMINDER_DAYS)
        reminded_on = application.renewal_reminded_on
        if reminded_on is not None and reminded_on >= first_day:
            continue  # already reminded for this renewal
        with transaction.atomic():
            # Conditional, so two runs on the same day remind once.
            updated = (
                Application.objects.filter(pk=application.pk, renewal_due_on=due)
                .exclude(renewal_reminded_on__gte=first_day)
                .update(renewal_reminded_on=on_date)
            )
            if not updated:
                continue
            message_from_council_send(
                application=application,
                kind=CouncilMessage.RENEWAL_REMINDER,
                context={"due_on": due, "cancel_on": lifecycle.renewal_cancel_on(due)},
            )
            audit_record(
                actor=system,
                verb="application.renewal_reminded",
                target=application,
                organisation=application.household.council,
                changes=changes_of(context={"renewal_due_on": due}),
            )
        reminded += 1
    return reminded


def renewals_cancel(*, on_date: dt.date) -> int:
    """Cancel applications not renewed 8 weeks after their renewal date, with a notice.

    An application whose status changed on or after the cancellation day (an officer reinstated
    it) is left alone. Returns how many were cancelled.
    """
    system = SYSTEM
    latest_due = on_date - dt.timedelta(days=lifecycle.RENEWAL_GRACE_DAYS)
    candidates = Application.objects.filter(
        status__in=sorted(CANCELLED_FOR_RENEWAL), renewal_due_on__lte=latest_due
    ).values_list("pk", flat=True)
    cancelled = 0
    for pk in list(candidates):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update()
                .select_related("household", "household__council", "household__council__scheme")
                .get(pk=pk)
            )
            due = application.renewal_due_on
            if (
                application.status not in CANCELLED_FOR_RENEWAL
                or due is None
                or lifecycle.renewal_cancel_on(due) > on_date
                or application.status_changed_at.astimezone(clock.LONDON).date()
                >= lifecycle.renewal_cancel_on(due)
            ):
                continue
            application_status_move(
                actor=system,
                application=application,
                to=lifecycle.CANCELLED,
                reason=f"Not renewed: the renewal was due on {_long(due)}",
                cancel_reason=CancelReason.RENEWAL,
            )
            message_from_council_send(
                application=application,
                kind=CouncilMessage.RENEWAL_CANCELLED,
                context={"due_on": due},
            )
        cancelled += 1
    return cancelled
