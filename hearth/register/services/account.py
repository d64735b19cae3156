"""What an applicant does from their account: report a change of circumstances, cancel their
application; and the officer's side of a reported change (reassess, mark it assessed)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import (
    Application,
    Assessment,
    CancelReason,
    CircumstanceChange,
    CircumstanceChangeStatus,
)
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import applicant_or_officer_check, officer_check
from hearth.register.services.assessment_reassess import household_assess
from hearth.register.services.lifecycle import application_status_move

# What can have changed, as the applicant chooses it (codes are the form's sections).
CHANGE_SECTIONS: dict[str, str] = {
    "people": "People moving in or out",
    "home": "Your address or your home",
    "needs": "Health or disability",
    "money": "Money: income, savings or benefits",
    "work": "Work",
    "other": "Something else",
}
SUMMARY_MAX = 5000

# The applicant's own reasons for cancelling, as recorded in the history.
CANCEL_REASONS: dict[str, str] = {
    "found_home": "I have found somewhere to live",
    "moved_away": "I have moved away from the area",
    "other": "Another reason",
}
CANCEL_HISTORY: dict[str, str] = {
    "found_home": "found a home",
    "moved_away": "moved away",
    "other": "another reason",
}

# A change can be reported while the council still has the application (not a draft being
# filled in, not closed).
CHANGE_REPORTABLE = frozenset(set(lifecycle.STATUSES) - {lifecycle.DRAFT} - lifecycle.CLOSED)


def change_reportable(application: Application) -> bool:
    return application.status in CHANGE_REPORTABLE


def applicant_cancellable(application: Application) -> bool:
    """The lifecycle lets this application be cancelled (not under offer, housed or closed)."""
    return lifecycle.CANCELLED in lifecycle.TRANSITIONS[application.status]


def circumstance_change_report(
    *, actor: Actor, application: Application, sections: list[str], summary: str
) -> CircumstanceChange:
    """The applicant (or an officer for them) reports a change; it waits in the officers'
    changes queue until an officer reassesses."""
    applicant_or_officer_check(actor, application)
    summary = summary.strip()
    errors: dict[str, str] = {}
    unknown = [code for code in sections if code not in CHANGE_SECTIONS]
    if not sections or unknown:
        errors["sections"] = "Select what has changed"
    if not summary:
        errors["summary"] = "Tell us what has changed"
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = f"What has changed must be {SUMMARY_MAX:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    if not change_reportable(application):
        raise ValidationError(
            "You cannot report a change on an application that is "
            f"{lifecycle.STATUS_TEXT[application.status].label.lower()}"
        )
    ordered = [code for code in CHANGE_SECTIONS if code in sections]
    with transaction.atomic():
        change = CircumstanceChange.objects.create(
            application=application,
            council_id=application.council_id,
            sections=ordered,
            summary=summary,
            reported_at=clock.now(),
            reported_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb="circumstance_change.reported",
            target=change,
            organisation=application.household.council,
            label=f"Change reported on {application.household.reference}",
            changes=changes_of(after={"sections": ordered}),
        )
    return change


def circumstance_change_assess(
    *, actor: Actor, change: CircumstanceChange, on_date: dt.date | None = None
) -> Assessment:
    """An officer reassesses the household after a reported change and closes the change.

    Raises `NoPolicyInForceError` when the council has no policy to assess with (nothing is
    saved then) and `ValidationError` when the change was already assessed.
    """
    household = change.application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    with transaction.atomic():
        locked = CircumstanceChange.objects.select_for_update().get(pk=change.pk)
        if locked.status != CircumstanceChangeStatus.OPEN:
            raise ValidationError("This change has already been assessed")
        assessment = household_assess(
            actor=actor, household=household, on_date=on_date or clock.today()
        )
        now = clock.now()
        # Conditional, so two officers pressing at once close it only once.
        closed = CircumstanceChange.objects.filter(
            pk=change.pk, status=CircumstanceChangeStatus.OPEN
        ).update(status=CircumstanceChangeStatus.ASSESSED, assessed_at=now, assessed_by=actor.user)
        if not closed:
            raise ValidationError("This change has already been assessed")
        audit_record(
            actor=actor,
            verb="circumstance_change.assessed",
            target=locked,
            organisation=household.council,
            label=f"Change reported on {household.reference}",
            changes=changes_of(
                before={"status": "open"},
                after={"status": "assessed"},
                context={"assessment": str(assessment.pk)},
            ),
        )
    change.refresh_from_db()
    return assessment


def application_cancel(*, actor: Actor, application: Application, reason: str) -> None:
    """The applicant asks us to cancel their application, giving a reason.

    The registration and priority dates are left as they are, so an officer can reinstate the
    application within six months without the household losing its place.
    """
    if reason not in CANCEL_REASONS:
        raise ValidationError({"reason": "Select why you want to cancel"})
    applicant_or_officer_check(actor, application)
    if not applicant_cancellable(application):
        raise ValidationError(
            "You cannot cancel an application that is "
            f"{lifecycle.STATUS_TEXT[application.status].label.lower()}. Contact us instead."
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        application_status_move(
            actor=actor,
            application=locked,
            to=lifecycle.CANCELLED,
            reason=f"The applicant asked us to cancel ({CANCEL_HISTORY[reason]})",
            cancel_reason=CancelReason.APPLICANT,
        )
    application.refresh_from_db()
