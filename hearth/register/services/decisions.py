"""Deciding an application: accepted (with band or points, priority date and bedroom need), does
not qualify, or not eligible.

An officer assesses and decides on one page: the decision rests on the household's assessment
made that day (or on an approved override's), and when there is none this service assesses
first, so a decision always announces an assessment under the policy in force. The decision
moves the application (accepted → active; otherwise → not qualifying), gives the applicant 21
days to ask for a review, and sends a message to their account.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import (
    REVIEW_WINDOW_DAYS,
    Application,
    Assessment,
    AssessmentOverride,
    Decision,
    DecisionKind,
    Household,
    OverrideStatus,
    ReviewRequest,
    ReviewStatus,
)
from hearth.register.rules import lifecycle
from hearth.register.rules.decision_wording import HEADLINES, decision_reasons, kind_for
from hearth.register.rules.permissions import officer_check
from hearth.register.selectors.assessment import assessment_latest
from hearth.register.services.assessment_reassess import NoPolicyInForceError, household_assess
from hearth.register.services.lifecycle import application_status_move
from hearth.register.services.messages import CouncilMessage, message_from_council_send

NOTE_MAX = 2000

# Statuses in which an application can be decided: waiting for a decision, on the register
# (a new decision after a reassessment), or told it does not qualify (a fresh look).
DECIDABLE = frozenset(
    {
        lifecycle.SUBMITTED,
        lifecycle.PENDING_DOCUMENTS,
        lifecycle.ACTIVE,
        lifecycle.UNDER_REVIEW,
        lifecycle.NOT_QUALIFYING,
    }
)

STATUS_AFTER: dict[str, str] = {
    DecisionKind.ACCEPTED: lifecycle.ACTIVE,
    DecisionKind.NOT_QUALIFYING: lifecycle.NOT_QUALIFYING,
    DecisionKind.INELIGIBLE: lifecycle.NOT_QUALIFYING,
}

_OUTCOME_WORDS: dict[str, str] = {
    DecisionKind.ACCEPTED: "qualifies",
    DecisionKind.NOT_QUALIFYING: "does not qualify",
    DecisionKind.INELIGIBLE: "is not eligible",
}


def assessment_current(household: Household, on_date: dt.date) -> Assessment | None:
    """The assessment a decision made on `on_date` can rest on without assessing again: the
    household's latest, if it was made that day or is what a team leader approved as an
    override (assessing again would throw the approved band or points away)."""
    latest = assessment_latest(household, on_date=on_date)
    if latest is None:
        return None
    if latest.assessed_on == on_date:
        return latest
    approved = AssessmentOverride.objects.filter(
        result=latest, status=OverrideStatus.APPROVED
    ).exists()
    return latest if approved else None


def assessment_for_decision(*, actor: Actor, household: Household, on_date: dt.date) -> Assessment:
    """The assessment to decide on: the current one, or a new one made now."""
    found = assessment_current(household, on_date)
    if found is not None:
        return found
    try:
        return household_assess(actor=actor, household=household, on_date=on_date)
    except NoPolicyInForceError as missing:
        raise ValidationError(
            f"{household.council.name} has no allocation policy in force, so this application "
            "cannot be assessed. Ask your policy admin to publish one."
        ) from missing


def decision_record(
    *,
    actor: Actor,
    application: Application,
    kind: str,
    note: str = "",
    on_date: dt.date | None = None,
) -> Decision:
    """An officer decides `application` on the assessment of the day (made now if needed).

    Raises `ValidationError` (by field: "kind", "note") when the decision cannot be made.
    """
    officer_check(actor, application.household, Capability.ASSESS_APPLICATIONS)
    day = on_date or clock.today()
    note = _note_clean(note)
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("household")
            .get(pk=application.pk)
        )
        if ReviewRequest.objects.filter(application=locked, status=ReviewStatus.REQUESTED).exists():
            raise ValidationError(
                "The applicant has asked for a review of the last decision. A team leader "
                "records the outcome of the review, which may be a new decision."
            )
        decision = decision_write(
            actor=actor, application=locked, kind=kind, note=note, on_date=day
        )
    application.refresh_from_db()
    return decision


def decision_write(
    *,
    actor: Actor,
    application: Application,
    kind: str,
    note: str,
    on_date: dt.date,
    assessment: Assessment | None = None,
    notify: bool = True,
) -> Decision:
    """Record a decision inside the caller's transaction (the caller has checked permission
    and locked `application`). Also used when a review changes a decision."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("decision_write must run inside a transaction")
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": "Select the decision"})
    if application.status not in DECIDABLE:
        label = lifecycle.STATUS_TEXT[application.status].label.lower()
        raise ValidationError(f"An application that is {label} cannot be decided")
    household = application.household
    used = assessment or assessment_for_decision(actor=actor, household=household, on_date=on_date)
    supported = kind_for(used)
    if kind != supported:
        raise ValidationError(
            {
                "kind": (
                    f"The assessment says this household {_OUTCOME_WORDS[supported]}. To decide "
                    "differently, correct the household's details or needs and assess again"
                )
            }
        )
    target = STATUS_AFTER[kind]
    decision = Decision.objects.create(
        application=application,
        kind=kind,
        assessment=used,
        reasons=decision_reasons(used),
        note=note,
        decided_on=on_date,
        decided_by=actor.user,
        review_by=on_date + dt.timedelta(days=REVIEW_WINDOW_DAYS),
    )
    if application.status != target:
        try:
            application_status_move(
                actor=actor,
                application=application,
                to=target,
                reason=f"Decision: {decision.get_kind_display()}",
            )
        except lifecycle.TransitionError as refused:
            raise ValidationError(refused.message) from refused
    if notify:
        message_from_council_send(
            application=application,
            kind=CouncilMessage.DECISION,
            context={"decision": decision, "headline": HEADLINES[decision.kind]},
        )
    audit_record(
        actor=actor,
        verb="decision.recorded",
        target=decision,
        organisation=household.council,
        label=f"Decision on {household.reference}",
        changes=changes_of(
            after={
                "kind": kind,
                "assessment": used,
                "band": used.band,
                "points": used.points,
                "priority_date": used.priority_date,
                "bedroom_need": used.bedroom_need,
                "review_by": decision.review_by,
            }
        ),
    )
    return decision


def _note_clean(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"The note must be {NOTE_MAX:,} characters or fewer"})
    return note
