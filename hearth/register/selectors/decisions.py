"""Reads of the register: decisions and reviews (scoped to the actor).

Applicants read their own decisions; officers of the council read its decisions; team leaders
see its reviews waiting. Anything else is the same 404 as a record that does not exist.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.assess import assess
from hearth.policy.selectors import policy_in_force
from hearth.register.fetch import household_facts_one
from hearth.register.models import (
    REVIEW_WINDOW_DAYS,
    Application,
    Assessment,
    Decision,
    ReviewRequest,
    ReviewStatus,
)
from hearth.register.rules.decision_wording import (
    DecisionWording,
    decision_reasons,
    decision_wording,
    kind_for,
    review_due_on,
)
from hearth.register.rules.permissions import is_council_officer
from hearth.register.selectors.applications import applications_visible
from hearth.register.services.assessment_reassess import assessment_row
from hearth.register.services.decisions import DECIDABLE, assessment_current

_DECISION_RELATED = (
    "application__household__council__scheme",
    "assessment__policy_version",
    "decided_by",
)


def decision_get(*, actor: Actor, pk: uuid.UUID | str) -> Decision:
    """One decision on an application `actor` may read (their own, or their council's), or 404."""
    found = (
        Decision.objects.select_related(*_DECISION_RELATED)
        .filter(application__in=applications_visible(actor=actor).values("pk"), pk=pk)
        .first()
        if _is_uuid(pk)
        else None
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class ReviewState:
    """Where a decision stands on review, for the applicant's pages."""

    review: ReviewRequest | None  # the review asked for, if any (open or decided)
    replaced: bool  # a newer decision has been made
    out_of_time: bool
    withdrawn: ReviewRequest | None = None  # the latest request the applicant withdrew

    @property
    def is_open(self) -> bool:
        return self.review is not None and self.review.status == ReviewStatus.REQUESTED

    @property
    def may_ask(self) -> bool:
        return self.review is None and not self.replaced and not self.out_of_time

    @property
    def due_on(self) -> dt.date | None:
        return review_due_on(self.review.requested_on) if self.review is not None else None


def review_state(*, decision: Decision, on_date: dt.date) -> ReviewState:
    """A withdrawn request does not count as asked: the applicant may ask again in time."""
    reviews = list(decision.reviews.order_by("-requested_on", "-id"))
    review = next((r for r in reviews if r.status != ReviewStatus.WITHDRAWN), None)
    withdrawn = [r for r in reviews if r.status == ReviewStatus.WITHDRAWN]
    newest = (
        Decision.objects.filter(application_id=decision.application_id)
        .order_by("-decided_on", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    return ReviewState(
        review=review,
        replaced=newest != decision.pk,
        out_of_time=on_date > decision.review_by,
        withdrawn=max(withdrawn, key=_withdrawn_when) if withdrawn else None,
    )


def _withdrawn_when(review: ReviewRequest) -> dt.datetime:
    return review.withdrawn_at or dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class DecisionPreview:
    """What the officer sees before deciding: the assessment the decision would rest on (the
    day's, or one worked out now and recorded only when they decide) and its wording."""

    assessment: Assessment
    recorded: bool  # False: the engine's outcome, to be recorded with the decision
    suggested_kind: str
    reasons: list[str]
    wording: DecisionWording
    decision: Decision  # unsaved, for the letter preview


def decision_preview(
    *, actor: Actor, application: Application, on_date: dt.date
) -> DecisionPreview | None:
    """The decision the assessment supports, without writing anything; None when the council
    has no policy in force."""
    household = application.household
    if not is_council_officer(actor, household, Capability.ASSESS_APPLICATIONS):
        raise Http404
    assessment = assessment_current(household, on_date)
    recorded = assessment is not None
    if assessment is None:
        version = policy_in_force(household.council, on_date)
        if version is None:
            return None
        result = assess(document_of(version), household_facts_one(household, on_date), on_date)
        assessment = assessment_row(str(household.pk), version, on_date, result)
    kind = kind_for(assessment)
    reasons = decision_reasons(assessment)
    try:
        document = document_of(assessment.policy_version)
    except ValueError:
        document = None
    unsaved = Decision(
        application=application,
        kind=kind,
        assessment=assessment,
        reasons=reasons,
        decided_on=on_date,
        review_by=on_date + dt.timedelta(days=REVIEW_WINDOW_DAYS),
    )
    return DecisionPreview(
        assessment=assessment,
        recorded=recorded,
        suggested_kind=kind,
        reasons=reasons,
        wording=decision_wording(kind=kind, assessment=assessment, document=document),
        decision=unsaved,
    )


def open_review_of(application: Application) -> ReviewRequest | None:
    return (
        ReviewRequest.objects.filter(application=application, status=ReviewStatus.REQUESTED)
        .order_by("requested_on")
        .first()
    )


def reviews_waiting(*, actor: Actor) -> QuerySet[ReviewRequest]:
    """The council's reviews waiting for a team leader, oldest first."""
    if actor.organisation is None or not actor.can(Capability.APPROVE_DECISIONS):
        return ReviewRequest.objects.none()
    return (
        ReviewRequest.objects.filter(council=actor.organisation, status=ReviewStatus.REQUESTED)
        .select_related("application__household", "decision__decided_by")
        .order_by("requested_on", "id")
    )


def review_get(*, actor: Actor, pk: uuid.UUID | str) -> ReviewRequest:
    """One review of a decision on an application `actor` may read, or 404."""
    found = (
        ReviewRequest.objects.select_related(
            "application__household__council__scheme",
            "decision__assessment__policy_version",
            "decision__decided_by",
            "decided_by",
        )
        .filter(application__in=applications_visible(actor=actor).values("pk"), pk=pk)
        .first()
        if _is_uuid(pk)
        else None
    )
    if found is None:
        raise Http404
    return found


def decisions_panel(*, actor: Actor, application: Application) -> dict[str, Any]:
    """What the officer's application page shows about decisions (template
    register/workspace/application/_decisions.html), in a fixed number of queries."""
    household = application.household
    if not is_council_officer(actor, household, Capability.VIEW_REGISTER):
        return {"decisions_visible": False}
    decisions = list(
        Decision.objects.filter(application=application)
        .select_related("decided_by", "assessment")
        .order_by("-decided_on", "-id")
    )
    reviews = list(
        ReviewRequest.objects.filter(application=application)
        .select_related("decided_by")
        .order_by("-requested_on", "-id")
    )
    return {
        "decisions_visible": True,
        "decisions": decisions,
        "reviews": [(review, review_due_on(review.requested_on)) for review in reviews],
        "can_decide": application.status in DECIDABLE
        and is_council_officer(actor, household, Capability.ASSESS_APPLICATIONS)
        and not any(r.status == ReviewStatus.REQUESTED for r in reviews),
        "can_review": is_council_officer(actor, household, Capability.APPROVE_DECISIONS),
        "decide_url": reverse("register:decision_new", kwargs={"pk": application.pk}),
    }


def _is_uuid(value: uuid.UUID | str) -> bool:
    if isinstance(value, uuid.UUID):
        return True
    try:
        uuid.UUID(str(value))
    except (ValueError, ValidationError):
        return False
    return True
