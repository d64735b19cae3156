"""Officers ask for documents, check what arrives, cancel requests no longer needed, and
download files (their council only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.core.access import capability_required, request_actor
from hearth.core.audit import record_viewed
from hearth.core.form_errors import errors_onto_form
from hearth.core.roles import Capability
from hearth.register.forms.evidence import (
    ACCEPT,
    DocumentCheckForm,
    EvidenceRequestCancelForm,
    EvidenceRequestForm,
)
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


@assess
def evidence_request_new(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    people = household_people(application=application)
    form = EvidenceRequestForm(
        request.POST if request.method == "POST" else None,
        people=people,
        may_pause=application.status == lifecycle.SUBMITTED,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence_request_create(
                actor=actor,
                application=application,
                kind=data["kind"],
                description=data["description"],
                person=data["person"],
                due_on=data["due_on"],
                pause_application=bool(data.get("pause_application")),
            )
        except ValidationError as problem:
            errors_onto_form(form, problem)
        else:
            messages.success(request, _("Document requested. The applicant has been told."))
            return redirect("register:application", pk=application.pk)
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
    form = EvidenceRequestCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_open and form.is_valid():
        try:
            evidence_request_cancel(
                actor=actor, request=evidence_request, reason=form.cleaned_data["reason"]
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="reason")
        else:
            messages.success(request, _("Request cancelled. The applicant has been told."))
            return redirect("register:application", pk=application.pk)
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


@assess
def document_check(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    document = evidence_document_get(actor=actor, pk=pk)
    form = DocumentCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["outcome"] == ACCEPT
        try:
            evidence_document_check(
                actor=actor, document=document, accept=accept, note=form.cleaned_data["note"]
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="outcome")
        else:
            messages.success(
                request,
                _("Document accepted")
                if accept
                else _("Document not accepted. The applicant has been asked for another."),
            )
            return redirect("register:application", pk=document.application_id)
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
