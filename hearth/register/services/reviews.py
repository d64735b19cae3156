"""Reviews of decisions (Housing Act 1996 s166A(9)): the applicant asks within 21 days, a team
leader who did not make the decision looks at it again, and the outcome is sent to them.

Asking for a review of a "does not qualify" or "not eligible" decision moves the application
to under review; a review of an accepted decision (band, date, bedrooms) leaves it active so the
household can go on bidding. An upheld review puts a not-qualifying application back; a changed
one records a new accepted decision on the day's assessment. An applicant may withdraw a review
while it waits; the application goes back as if it had been upheld, and they may ask again
while the 21 days are still open.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import (
    Application,
    Decision,
    DecisionKind,
    ReviewRequest,
    ReviewStatus,
)
from hearth.register.rules import lifecycle
from hearth.register.rules.decision_wording import review_due_on
from hearth.register.rules.permissions import (
    applicant_or_officer_check,
    is_council_officer,
    is_owner,
    officer_check,
)
from hearth.register.services.decisions import assessment_for_decision, decision_write
from hearth.register.services.lifecycle import application_status_move
from hearth.register.services.messages import CouncilMessage, message_from_council_send

GROUNDS_MAX = 5000
REASONS_MAX = 5000
OUTCOMES = (ReviewStatus.UPHELD, ReviewStatus.CHANGED)


def review_window_open(decision: Decision, on_date: dt.date) -> bool:
    return on_date <= decision.review_by


def grounds_clean(grounds: str) -> str:
    """The applicant's reasons, checked (also used by the journey's form)."""
    grounds = grounds.strip()
    if not grounds:
        raise ValidationError({"grounds": "Enter why you think our decision is wrong"})
    if len(grounds) > GROUNDS_MAX:
        raise ValidationError(
            {
                "grounds": (
                    "Why you think our decision is wrong must be "
                    f"{GROUNDS_MAX:,} characters or fewer"
                )
            }
        )
    return grounds


def review_request_create(
    *, actor: Actor, decision: Decision, grounds: str, on_date: dt.date | None = None
) -> ReviewRequest:
    """The applicant (or an officer for them) asks for a review of `decision`.

    Within 21 days of the decision; an officer of the council may accept a late request.
    """
    application = decision.application
    household = application.household
    officer = is_council_officer(actor, household, Capability.ASSESS_APPLICATIONS)
    if not (is_owner(actor, household) or officer):
        raise PermissionDenied
    day = on_date or clock.today()
    grounds = grounds_clean(grounds)
    late = not review_window_open(decision, day)
    if late and not officer:
        raise ValidationError(
            "The time to ask for a review of this decision has passed. Contact us if you still "
            "think it is wrong."
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        latest = Decision.objects.filter(application=locked).order_by("-decided_on", "-id").first()
        if latest is None or latest.pk != decision.pk:
            raise ValidationError(
                "This decision has been replaced by a newer one. You can ask for a review of the "
                "newer decision."
            )
        if decision.reviews.exclude(status=ReviewStatus.WITHDRAWN).exists():
            raise ValidationError("You have already asked for a review of this decision")
        try:
            with transaction.atomic():
                review = ReviewRequest.objects.create(
                    decision=decision,
                    application=locked,
                    council_id=locked.council_id,
                    grounds=grounds,
                    requested_on=day,
                    requested_by=actor.on_behalf_of or actor.user,
                )
        except IntegrityError as clash:  # asked twice at once: the database keeps one
            raise ValidationError("You have already asked for a review of this decision") from clash
        if locked.status == lifecycle.NOT_QUALIFYING:
            application_status_move(
                actor=actor,
                application=locked,
                to=lifecycle.UNDER_REVIEW,
                reason="Review asked for",
            )
        message_from_council_send(
            application=locked,
            kind=CouncilMessage.REVIEW_RECEIVED,
            context={"outcome_by": review_due_on(day)},
        )
        audit_record(
            actor=actor,
            verb="review.requested",
            target=review,
            organisation=household.council,
            label=f"Review on {household.reference}",
            changes=changes_of(after={"decision": str(decision.pk)}, context={"late": late}),
        )
    application.refresh_from_db()
    return review


def review_decide(
    *,
    actor: Actor,
    review: ReviewRequest,
    outcome: str,
    reasons: str,
    on_date: dt.date | None = None,
) -> ReviewRequest:
    """A team leader records the outcome of `review`: the decision is upheld, or changed (a new
    accepted decision on the day's assessment). Nobody reviews their own decision."""
    application = review.application
    household = application.household
    officer_check(actor, household, Capability.APPROVE_DECISIONS)
    if actor.user is not None and review.decision.decided_by_id == actor.user.pk:
        raise PermissionDenied("A team leader cannot review their own decision")
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": "Select the outcome of the review"})
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError({"reasons": "Enter the reasons for the outcome"})
    if len(reasons) > REASONS_MAX:
        raise ValidationError(
            {"reasons": f"The reasons must be {REASONS_MAX:,} characters or fewer"}
        )
    day = on_date or clock.today()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("household")
            .get(pk=application.pk)
        )
        # Only an open review can be decided, once: a second team leader finds it done.
        decided = ReviewRequest.objects.filter(pk=review.pk, status=ReviewStatus.REQUESTED).update(
            status=outcome, outcome_reasons=reasons, decided_on=day, decided_by=actor.user
        )
        if not decided:
            if _status_now(review) == ReviewStatus.WITHDRAWN:
                raise ValidationError(_("The applicant has withdrawn this request for a review"))
            raise ValidationError("This review has already been decided")
        new_decision: Decision | None = None
        if outcome == ReviewStatus.CHANGED:
            assessment = assessment_for_decision(
                actor=actor, household=locked.household, on_date=day
            )
            new_decision = decision_write(
                actor=actor,
                application=locked,
                kind=DecisionKind.ACCEPTED,
                note=reasons,
                on_date=day,
                assessment=assessment,
                notify=False,
            )
        elif locked.status == lifecycle.UNDER_REVIEW:
            application_status_move(
                actor=actor,
                application=locked,
                to=lifecycle.NOT_QUALIFYING,
                reason="Review: decision upheld",
            )
        message_from_council_send(
            application=locked,
            kind=CouncilMessage.REVIEW_OUTCOME,
            context={
                "reasons": reasons,
                "new_decision": new_decision if outcome == ReviewStatus.CHANGED else None,
            },
        )
        audit_record(
            actor=actor,
            verb="review.decided",
            target=review,
            organisation=household.council,
            label=f"Review on {household.reference}",
            changes=changes_of(
                before={"status": ReviewStatus.REQUESTED},
                after={
                    "status": outcome,
                    "new_decision": str(new_decision.pk) if new_decision else None,
                },
            ),
        )
    review.refresh_from_db()
    application.refresh_from_db()
    return review


def review_request_withdraw(
    *, actor: Actor, review: ReviewRequest, on_date: dt.date | None = None
) -> ReviewRequest:
    """The applicant (or an officer for them, assisted digital) withdraws `review` while it is
    still waiting for a team leader.

    A not-qualifying application that was under review goes back to not qualifying, as for an
    upheld review. The applicant may ask again while the 21 days for the decision are open.
    """
    application = review.application
    household = application.household
    applicant_or_officer_check(actor, application)
    day = on_date or clock.today()
    with transaction.atomic():
        # The application first, as review_decide does; then a conditional update, so a
        # withdrawal and a team leader's outcome cannot both win.
        locked = Application.objects.select_for_update().get(pk=application.pk)
        withdrawn = ReviewRequest.objects.filter(
            pk=review.pk, application=locked, status=ReviewStatus.REQUESTED
        ).update(status=ReviewStatus.WITHDRAWN, withdrawn_at=clock.now())
        if not withdrawn:
            raise ValidationError(_not_open_text(review))
        review.refresh_from_db()
        if locked.status == lifecycle.UNDER_REVIEW:
            application_status_move(
                actor=actor,
                application=locked,
                to=lifecycle.NOT_QUALIFYING,
                reason="Review withdrawn by the applicant",
            )
        decision = review.decision
        message_from_council_send(
            application=locked,
            kind=CouncilMessage.REVIEW_WITHDRAWN,
            context={"decision": decision, "may_ask_again": review_window_open(decision, day)},
        )
        audit_record(
            actor=actor,
            verb="review.withdrawn",
            target=review,
            organisation=household.council,
            label=f"Review on {household.reference}",
            changes=changes_of(
                before={"status": ReviewStatus.REQUESTED}, after={"status": ReviewStatus.WITHDRAWN}
            ),
        )
    application.refresh_from_db()
    return review


def _status_now(review: ReviewRequest) -> str | None:
    return ReviewRequest.objects.filter(pk=review.pk).values_list("status", flat=True).first()


def _not_open_text(review: ReviewRequest) -> str:
    """Why `review` cannot be withdrawn, from its status now."""
    if _status_now(review) == ReviewStatus.WITHDRAWN:
        return _("This request for a review has already been withdrawn")
    return _("This review has already been decided, so it cannot be withdrawn")
