"""Reads of the register: evidence (scoped to the actor).

Officers see the documents of their own council's applications; applicants see their own.
Anything else is the same 404 as a document that does not exist.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.register.models import (
    Application,
    EvidenceDocument,
    EvidenceRequest,
    EvidenceRequestStatus,
    Person,
)
from hearth.register.rules.permissions import is_council_officer
from hearth.register.selectors.applications import application_of_applicant


@dataclass(frozen=True)
class RequestRow:
    """A document asked for, with what the page needs to say about its date."""

    request: EvidenceRequest
    overdue: bool
    days_left: int  # negative once overdue

    @property
    def days_late(self) -> int:
        return -self.days_left


def request_row(request: EvidenceRequest, today: dt.date) -> RequestRow:
    waiting = request.status == EvidenceRequestStatus.REQUESTED
    days_left = (request.due_on - today).days
    return RequestRow(request=request, overdue=waiting and days_left < 0, days_left=days_left)


def _requests_of(application: Application) -> QuerySet[EvidenceRequest]:
    return application.evidence_requests.select_related("person").order_by("status", "due_on", "id")


def _documents_of(application: Application) -> QuerySet[EvidenceDocument]:
    return application.documents.select_related("person", "request").order_by("-uploaded_at", "id")


# --- The officer's application page ------------------------------------------------------------


@dataclass(frozen=True)
class EvidencePanel:
    application: Application
    waiting: list[RequestRow]  # asked for and not yet sent
    to_check: list[RequestRow]  # sent, waiting for an officer
    closed: list[RequestRow]
    documents: list[EvidenceDocument]
    overdue_count: int
    may_request: bool
    today: dt.date

    @property
    def rows(self) -> list[RequestRow]:
        """Every request: waiting first, then those to check, then closed ones."""
        return [*self.waiting, *self.to_check, *self.closed]


def evidence_panel(*, actor: Actor, application: Application) -> dict[str, Any]:
    """What the officer's application page shows about evidence (template
    register/workspace/application/_evidence.html), in a fixed number of queries (two)."""
    household = application.household
    if not is_council_officer(actor, household, Capability.VIEW_REGISTER):
        return {}
    today = clock.today()
    rows = [request_row(request, today) for request in _requests_of(application)]
    waiting = [row for row in rows if row.request.status == EvidenceRequestStatus.REQUESTED]
    return {
        "evidence": EvidencePanel(
            application=application,
            waiting=waiting,
            to_check=[r for r in rows if r.request.status == EvidenceRequestStatus.RECEIVED],
            closed=[
                r
                for r in rows
                if r.request.status
                in (EvidenceRequestStatus.VERIFIED, EvidenceRequestStatus.CANCELLED)
            ],
            documents=list(_documents_of(application)),
            overdue_count=sum(1 for row in waiting if row.overdue),
            may_request=actor.can(Capability.ASSESS_APPLICATIONS),
            today=today,
        )
    }


# --- The applicant's documents page ------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantDocuments:
    application: Application | None
    waiting: list[RequestRow]
    sent: list[RequestRow]  # received or checked
    documents: list[EvidenceDocument]
    overdue_count: int


def applicant_documents(*, actor: Actor) -> ApplicantDocuments:
    """The signed-in applicant's requests (open ones first) and the files they have sent."""
    application = application_of_applicant(actor=actor)
    if application is None:
        return ApplicantDocuments(None, [], [], [], 0)
    today = clock.today()
    rows = [
        request_row(request, today)
        for request in _requests_of(application).exclude(status=EvidenceRequestStatus.CANCELLED)
    ]
    waiting = [row for row in rows if row.request.status == EvidenceRequestStatus.REQUESTED]
    return ApplicantDocuments(
        application=application,
        waiting=waiting,
        sent=[row for row in rows if row.request.status != EvidenceRequestStatus.REQUESTED],
        documents=list(_documents_of(application)),
        overdue_count=sum(1 for row in waiting if row.overdue),
    )


def evidence_request_of_applicant(*, actor: Actor, pk: uuid.UUID | str) -> EvidenceRequest:
    """One of the signed-in applicant's own requests, or 404."""
    if not actor.is_applicant or actor.user is None:
        raise Http404
    try:
        return EvidenceRequest.objects.select_related(
            "person", "application__household__council"
        ).get(pk=pk, application__household__applicant=actor.user)
    except (EvidenceRequest.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def evidence_request_get(*, actor: Actor, pk: uuid.UUID | str) -> EvidenceRequest:
    """One request on an application of the officer's own council, or 404."""
    if actor.organisation is None or not actor.can(Capability.VIEW_REGISTER):
        raise Http404
    try:
        return EvidenceRequest.objects.select_related(
            "person", "requested_by", "application__household__council"
        ).get(pk=pk, application__council=actor.organisation)
    except (EvidenceRequest.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def household_people(*, application: Application) -> list[Person]:
    """Everyone in the application's household (the caller has the application already, so
    the actor may see it)."""
    return list(application.household.members.all())


# --- One document ------------------------------------------------------------------------------


def documents_visible(*, actor: Actor) -> QuerySet[EvidenceDocument]:
    """Documents `actor` may open: their council's (officers who can view the register) or
    their own (applicants)."""
    base = EvidenceDocument.objects.select_related(
        "application__household__council", "person", "request", "checked_by"
    )
    if actor.organisation is not None:
        if not actor.can(Capability.VIEW_REGISTER):
            return base.none()
        return base.filter(council=actor.organisation)
    if actor.is_applicant and actor.user is not None:
        return base.filter(application__household__applicant=actor.user)
    return base.none()


def evidence_document_get(*, actor: Actor, pk: uuid.UUID | str) -> EvidenceDocument:
    """One document `actor` may open, or 404."""
    try:
        return documents_visible(actor=actor).get(pk=pk)
    except (EvidenceDocument.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing
