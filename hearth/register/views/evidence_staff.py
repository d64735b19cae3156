"""Officers ask for documents, check what arrives, cancel requests no longer needed, and
download files (their council only)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.audit import record_viewed
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.evidence import (
    ACCEPT,
    DocumentCheckForm,
    EvidenceRequestCancelForm,
    EvidenceRequestForm,
)
from hearth.register.models import EvidenceDocument
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import application_get
from hearth.register.selectors.evidence import (
    evidence_document_get,
    evidence_request_get,
    household_people,
)
from hearth.register.services.evidence import (
    OPEN_REQUEST,
    evidence_document_check,
    evidence_request_cancel,
    evidence_request_create,
)
from hearth.register.views.evidence_files import document_response

assess = capability_required(Capability.ASSESS_APPLICATIONS)


def _application_url(application_pk: object) -> str:
    return reverse("register:application", kwargs={"pk": application_pk})


@assess
def evidence_request_new(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    people = household_people(application=application)
    form = EvidenceRequestForm(
        posted(request), people=people, may_pause=application.status == lifecycle.SUBMITTED
    )
    if done := form_submit(
        request,
        form,
        lambda data: evidence_request_create(
            actor=actor,
            application=application,
            kind=data["kind"],
            description=data["description"],
            person=data["person"],
            due_on=data["due_on"],
            pause_application=bool(data.get("pause_application")),
        ),
        success=_application_url(application.pk),
        notice=_("Document requested. The applicant has been told."),
        once=_("This document was already requested. It has been requested once."),
    ):
        return done
    return render(
        request,
        "register/evidence/request_new.html",
        {"form": form, "application": application},
    )


@assess
def evidence_request_cancel_page(request: HttpRequest, pk: str) -> HttpResponse:
    """Say a document asked for is no longer needed, and why."""
    actor = request_actor(request)
    evidence_request = evidence_request_get(actor=actor, pk=pk)
    application = evidence_request.application
    is_open = evidence_request.status in OPEN_REQUEST
    form = EvidenceRequestCancelForm(posted(request))
    if is_open and (
        done := form_submit(
            request,
            form,
            lambda data: evidence_request_cancel(
                actor=actor, request=evidence_request, reason=data["reason"]
            ),
            success=_application_url(application.pk),
            notice=_("Request cancelled. The applicant has been told."),
            plain_field="reason",
        )
    ):
        return done
    return render(
        request,
        "register/evidence/request_cancel.html",
        {
            "form": form,
            "evidence_request": evidence_request,
            "application": application,
            "is_open": is_open,
        },
    )


def _document_check(actor: Actor, document: EvidenceDocument, data: dict[str, Any]) -> bool:
    """Accept or refuse the document as the form says; True when accepted."""
    accept: bool = data["outcome"] == ACCEPT
    evidence_document_check(actor=actor, document=document, accept=accept, note=data["note"])
    return accept


@assess
def document_check(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    document = evidence_document_get(actor=actor, pk=pk)
    form = DocumentCheckForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: _document_check(actor, document, data),
        success=_application_url(document.application_id),
        notice=lambda accepted: (
            _("Document accepted")
            if accepted
            else _("Document not accepted. The applicant has been asked for another.")
        ),
        plain_field="outcome",
    ):
        return done
    if request.method == "GET":
        record_viewed(
            actor=actor, target=document, organisation=document.application.household.council
        )
    return render(
        request,
        "register/evidence/document_check.html",
        {"form": form, "document": document, "application": document.application},
    )


@capability_required(Capability.VIEW_REGISTER)
def document_file(request: HttpRequest, pk: str) -> FileResponse:
    actor = request_actor(request)
    return document_response(actor=actor, document=evidence_document_get(actor=actor, pk=pk))
