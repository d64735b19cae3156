"""The applicant's documents: what we asked for and by when, uploads, and their own files.

The upload page also serves an officer uploading for the applicant (assisted digital,
`account_staff`)."""

from __future__ import annotations

import dataclasses

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.permissions import applicant_only, request_actor
from hearth.core.forms.submit import form_submit
from hearth.register.forms.evidence import DocumentUploadAnyForm, DocumentUploadForm
from hearth.register.models import EvidenceRequest, EvidenceRequestStatus
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
from hearth.register.views.account_owner import AccountOwner, AccountPage
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
    page = applicant_documents(actor=request_actor(request))
    return render(request, "register/evidence/documents.html", {"page": page})


DOCUMENT_UPLOAD = AccountPage(
    template="register/evidence/upload.html",
    done_url="register:documents",
    done_message=gettext_lazy("Document sent. We will check it and tell you."),
    officer_template="document_upload.html",
    officer_message=gettext_lazy("Document uploaded for the applicant"),
)
DOCUMENT_UPLOAD_ANY = dataclasses.replace(
    DOCUMENT_UPLOAD, template="register/evidence/upload_any.html"
)


def document_upload_page(
    request: HttpRequest, owner: AccountOwner, evidence_request: EvidenceRequest | None
) -> HttpResponse:
    """Send the document for one request, or (`evidence_request` None) one nobody asked for
    yet, such as proof of a change: the applicant, or an officer for them."""
    application = owner.application
    form: DocumentUploadForm
    if evidence_request is not None:
        form = DocumentUploadForm(*_submitted(request), limit_text=_limit_text())
    else:
        form = DocumentUploadAnyForm(
            *_submitted(request),
            people=household_people(application=application),
            limit_text=_limit_text(),
        )
    page = DOCUMENT_UPLOAD if evidence_request is not None else DOCUMENT_UPLOAD_ANY
    if done := form_submit(
        request,
        form,
        lambda data: evidence_document_upload(
            actor=owner.actor,
            application=application,
            upload=data["file"],
            request=evidence_request,
            kind=data.get("kind", ""),
            person=data.get("person"),
        ),
        success=lambda _document: owner.done(request, page),
        plain_field="file",
    ):
        return done
    return owner.render(
        request,
        page,
        {
            "form": form,
            "row": request_row(evidence_request, clock.today()) if evidence_request else None,
            "limit_text": _limit_text(),
            "waiting": evidence_request is None
            or evidence_request.status == EvidenceRequestStatus.REQUESTED,
        },
    )


@applicant_only
def document_upload(request: HttpRequest, pk: str) -> HttpResponse:
    """Send the document for one request."""
    actor = request_actor(request)
    evidence_request = evidence_request_of_applicant(actor=actor, pk=pk)
    owner = AccountOwner(actor, evidence_request.application, staff=False)
    return document_upload_page(request, owner, evidence_request)


@applicant_only
def document_upload_any(request: HttpRequest) -> HttpResponse:
    """Send a document nobody asked for yet (proof of a change, for example)."""
    actor = request_actor(request)
    application = application_of_applicant(actor=actor)
    if application is None:
        raise Http404
    return document_upload_page(request, AccountOwner(actor, application, staff=False), None)


@applicant_only
def document_file_own(request: HttpRequest, pk: str) -> FileResponse:
    """The applicant downloads a file they sent."""
    actor = request_actor(request)
    return document_response(actor=actor, document=evidence_document_get(actor=actor, pk=pk))
