"""The applicant's documents: what we asked for and by when, uploads, and their own files."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access import applicant_only, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.register.forms.evidence import DocumentUploadAnyForm, DocumentUploadForm
from hearth.register.rules import file_types
from hearth.register.selectors.applications import application_of_applicant
from hearth.register.selectors.evidence import (
    applicant_documents,
    evidence_document_get,
    evidence_request_of_applicant,
    household_people,
    request_row,
)
from hearth.register.services.evidence import evidence_document_upload
from hearth.register.views.evidence_files import document_response


def _submitted(
    request: HttpRequest,
) -> tuple[QueryDict | None, MultiValueDict[str, UploadedFile[bytes]] | None]:
    """What was posted; a form posted with nothing chosen is still a submitted form."""
    if request.method != "POST":
        return None, None
    return request.POST, request.FILES


def _limit_text() -> str:
    return file_types.size_text(settings.HEARTH_EVIDENCE_MAX_BYTES)


@applicant_only
def documents(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "register/evidence/documents.html",
        {"page": applicant_documents(actor=actor)},
    )


@applicant_only
def document_upload(request: HttpRequest, pk: str) -> HttpResponse:
    """Send the document for one request."""
    actor = request_actor(request)
    evidence_request = evidence_request_of_applicant(actor=actor, pk=pk)
    form = DocumentUploadForm(*_submitted(request), limit_text=_limit_text())
    if request.method == "POST" and form.is_valid():
        try:
            evidence_document_upload(
                actor=actor,
                application=evidence_request.application,
                upload=form.cleaned_data["file"],
                request=evidence_request,
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="file")
        else:
            messages.success(request, _("Document sent. We will check it and tell you."))
            return redirect("register:documents")
    return render(
        request,
        "register/evidence/upload.html",
        {
            "form": form,
            "row": request_row(evidence_request, clock.today()),
            "limit_text": _limit_text(),
        },
    )


@applicant_only
def document_upload_any(request: HttpRequest) -> HttpResponse:
    """Send a document nobody asked for yet (proof of a change, for example)."""
    actor = request_actor(request)
    application = application_of_applicant(actor=actor)
    if application is None:
        raise Http404
    form = DocumentUploadAnyForm(
        *_submitted(request),
        people=household_people(application=application),
        limit_text=_limit_text(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence_document_upload(
                actor=actor,
                application=application,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                person=form.cleaned_data["person"],
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="file")
        else:
            messages.success(request, _("Document sent. We will check it and tell you."))
            return redirect("register:documents")
    return render(
        request,
        "register/evidence/upload_any.html",
        {"form": form, "limit_text": _limit_text()},
    )


@applicant_only
def document_file_own(request: HttpRequest, pk: str) -> FileResponse:
    """The applicant downloads a file they sent."""
    actor = request_actor(request)
    return document_response(actor=actor, document=evidence_document_get(actor=actor, pk=pk))
