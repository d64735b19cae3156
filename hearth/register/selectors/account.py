"""Reads for the applicant's account: the dashboard of their application, in plain English."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.policy.documents.loaded import document_of
from hearth.register.models import (
    Application,
    Assessment,
    CircumstanceChange,
    CircumstanceChangeStatus,
    Decision,
    EvidenceRequest,
    EvidenceRequestStatus,
)
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import application_of_applicant
from hearth.register.selectors.assessment import assessment_latest
from hearth.register.selectors.messages import Thread, message_threads
from hearth.register.services.account import applicant_cancellable, change_reportable
from hearth.register.services.renewals import renewal_open

LATEST_THREADS = 3
# The band, points and bedroom need are the applicant's once the council has decided.
SHOWS_ASSESSMENT = frozenset({lifecycle.ACTIVE, lifecycle.SUSPENDED, lifecycle.UNDER_OFFER})

NEXT_STEPS: dict[str, str] = {
    lifecycle.DRAFT: "Finish your application and send it to us. We save your answers as you go.",
    lifecycle.SUBMITTED: (
        "An officer will check your application. We may ask you for documents. We will send "
        "you a message when we have decided."
    ),
    lifecycle.PENDING_DOCUMENTS: (
        "Send the documents in your tasks by the date shown. If you cannot, send us a message."
    ),
    lifecycle.ACTIVE: (
        "Look for homes that match your bedroom need and bid for them. Tell us if anything "
        "changes, and renew your application each year."
    ),
    lifecycle.SUSPENDED: (
        "Read your messages to find out why you cannot bid for now and what you need to do."
    ),
    lifecycle.UNDER_OFFER: "Reply to the landlord about the home you have been offered.",
    lifecycle.HOUSED: "You do not need to do anything. We hope you are happy in your new home.",
    lifecycle.CANCELLED: (
        "If you still need housing and your application was cancelled in the last 6 months, "
        "send us a message or contact us: we can reinstate it. Otherwise you can apply again."
    ),
    lifecycle.NOT_QUALIFYING: (
        "Read your decision letter. If you think we got it wrong, you can ask for a review "
        "within 21 days of the decision."
    ),
    lifecycle.UNDER_REVIEW: "A senior officer will look at our decision again and tell you.",
}


STATUS_TAG: dict[str, str] = {
    lifecycle.DRAFT: "grey",
    lifecycle.SUBMITTED: "blue",
    lifecycle.PENDING_DOCUMENTS: "yellow",
    lifecycle.ACTIVE: "green",
    lifecycle.SUSPENDED: "orange",
    lifecycle.UNDER_OFFER: "purple",
    lifecycle.HOUSED: "turquoise",
    lifecycle.CANCELLED: "grey",
    lifecycle.NOT_QUALIFYING: "red",
    lifecycle.UNDER_REVIEW: "yellow",
}


@dataclass(frozen=True)
class Task:
    text: str
    url: str
    status: str  # what the tag says
    tag_class: str  # GOV.UK tag colour modifier
    hint: str = ""


@dataclass(frozen=True)
class Standing:
    """What the latest assessment means for the applicant."""

    band: str
    band_label: str
    band_meaning: str
    points: int | None
    points_meaning: str
    priority_date: dt.date | None
    bedroom_need: int
    qualifies: bool


@dataclass(frozen=True)
class AccountDashboard:
    application: Application | None
    status_label: str = ""
    status_tag: str = ""
    status_meaning: str = ""
    next_steps: str = ""
    standing: Standing | None = None
    tasks: list[Task] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)
    unread: int = 0
    decisions: list[tuple[Decision, str]] = field(default_factory=list)
    open_changes: int = 0
    renew: bool = False
    can_report_change: bool = False
    can_cancel: bool = False


def _standing(assessment: Assessment) -> Standing:
    band_label = band_meaning = points_meaning = ""
    try:
        document = document_of(assessment.policy_version)
    except Exception:
        document = None
    if document is not None and assessment.band:
        band = next((b for b in document.bands if b.code == assessment.band), None)
        if band is not None:
            band_label, band_meaning = band.label, band.meaning
    if document is not None and assessment.points is not None and document.points is not None:
        points_meaning = document.points.text
    return Standing(
        band=assessment.band,
        band_label=band_label or (f"Band {assessment.band}" if assessment.band else ""),
        band_meaning=band_meaning,
        points=assessment.points,
        points_meaning=points_meaning,
        priority_date=assessment.priority_date,
        bedroom_need=assessment.bedroom_need,
        qualifies=assessment.qualifies,
    )


def _tasks(application: Application, today: dt.date) -> list[Task]:
    tasks: list[Task] = []
    if application.status == lifecycle.DRAFT:
        tasks.append(
            Task("Finish your application", reverse("register:apply_tasks"), "To do", "blue")
        )
    requests = EvidenceRequest.objects.filter(
        application=application, status=EvidenceRequestStatus.REQUESTED
    ).order_by("due_on", "id")
    documents_url = reverse("register:documents")
    for request in requests:
        overdue = request.due_on < today
        tasks.append(
            Task(
                text=f"Send {request.get_kind_display().lower()}",
                url=documents_url,
                status="Overdue" if overdue else "To do",
                tag_class="red" if overdue else "blue",
                hint=(
                    f"{request.description} "
                    f"{'Was due' if overdue else 'Send by'} {request.due_on.day} "
                    f"{request.due_on:%B %Y}."
                ),
            )
        )
    due = application.renewal_due_on
    if due is not None and renewal_open(application, today):
        overdue = due < today
        tasks.append(
            Task(
                text="Renew your application",
                url=reverse("register:renew"),
                status="Overdue" if overdue else "To do",
                tag_class="red" if overdue else "blue",
                hint=(
                    f"{'Was due' if overdue else 'Due'} {due.day} {due:%B %Y}. If you do not "
                    f"renew by {lifecycle.renewal_cancel_on(due).day} "
                    f"{lifecycle.renewal_cancel_on(due):%B %Y} we will cancel your application."
                ),
            )
        )
    return tasks


def circumstance_change_get(
    *, actor: Actor, application: Application, pk: uuid.UUID | str
) -> CircumstanceChange:
    """A change reported on `application` (which the caller got through a scoped selector),
    or 404."""
    try:
        return CircumstanceChange.objects.select_related("reported_by", "assessed_by").get(
            pk=pk, application=application
        )
    except (CircumstanceChange.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def account_dashboard(*, actor: Actor) -> AccountDashboard:
    """The signed-in applicant's application at a glance, in a fixed number of queries."""
    application = application_of_applicant(actor=actor)
    if application is None:
        return AccountDashboard(application=None)
    today = clock.today()
    status = application.status
    text = lifecycle.STATUS_TEXT[status]
    standing = None
    if status in SHOWS_ASSESSMENT:
        latest = assessment_latest(application.household)
        standing = _standing(latest) if latest is not None else None
    threads = message_threads(actor=actor, application=application)
    decisions = [
        (decision, reverse("register:decision", kwargs={"pk": decision.pk}))
        for decision in Decision.objects.filter(application=application)
    ]
    open_changes = CircumstanceChange.objects.filter(
        application=application, status=CircumstanceChangeStatus.OPEN
    ).count()
    return AccountDashboard(
        application=application,
        status_label=text.label,
        status_tag=STATUS_TAG[status],
        status_meaning=text.meaning,
        next_steps=NEXT_STEPS[status],
        standing=standing,
        tasks=_tasks(application, today),
        threads=threads[:LATEST_THREADS],
        unread=sum(thread.unread for thread in threads),
        decisions=decisions,
        open_changes=open_changes,
        renew=renewal_open(application, today),
        can_report_change=change_reportable(application),
        can_cancel=applicant_cancellable(application),
    )
