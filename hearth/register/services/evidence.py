"""Evidence: officers ask for documents, applicants upload them, officers check them (or say a
document is no longer needed).

Every function checks permission and records its audit event in its own transaction. Uploaded
files go to the private evidence storage; a file written for a transaction that then fails is
deleted again, so storage never holds a document the database does not know.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import (
    Application,
    DocumentStatus,
    EvidenceDocument,
    EvidenceKind,
    EvidenceRequest,
    EvidenceRequestStatus,
    Message,
    Person,
)
from hearth.register.rules import file_types, lifecycle
from hearth.register.rules.permissions import applicant_or_officer_check, officer_check
from hearth.register.services.lifecycle import application_status_move
from hearth.register.services.messages import CouncilMessage, message_from_council_send

REMIND_DAYS_BEFORE = 7
CANCEL_REASON_MAX = 500
OPEN_REQUEST = (EvidenceRequestStatus.REQUESTED, EvidenceRequestStatus.RECEIVED)


# --- Telling the applicant ---------------------------------------------------------------------


def _applicant_tell(
    *, application: Application, kind: CouncilMessage, context: dict[str, Any]
) -> Message:
    """A message in the applicant's account from the council; if they have an account with an
    email address, a short email (no content) tells them to sign in and read it."""
    return message_from_council_send(application=application, kind=kind, context=context)


# --- Requests ----------------------------------------------------------------------------------


def evidence_request_create(
    *,
    actor: Actor,
    application: Application,
    kind: str,
    description: str,
    person: Person | None = None,
    due_on: dt.date | None = None,
    pause_application: bool = False,
) -> EvidenceRequest:
    """An officer asks the applicant for a document, due in 28 days unless they say otherwise.

    With `pause_application`, a submitted application waits for documents until every request
    is checked.
    """
    household = application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    today = clock.today()
    due_on = due_on or today + dt.timedelta(days=lifecycle.EVIDENCE_DUE_DAYS)
    problems: dict[str, str] = {}
    if kind not in EvidenceKind.values:
        problems["kind"] = "Select the document you need"
    if not description.strip():
        problems["description"] = "Enter what the applicant should send"
    if due_on < today:
        problems["due_on"] = "The date to send it by must be today or in the future"
    if person is not None and person.household_id != household.pk:
        problems["person"] = "Select someone in this household"
    if pause_application and application.status != lifecycle.SUBMITTED:
        problems["pause_application"] = (
            "Only an application that has been sent and not yet decided can wait for documents"
        )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        request = EvidenceRequest.objects.create(
            application=locked,
            kind=kind,
            person=person,
            description=description.strip(),
            requested_on=today,
            due_on=due_on,
            requested_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb="evidence.requested",
            target=request,
            organisation=household.council,
            changes=changes_of(
                after={
                    "application": str(application.pk),
                    "kind": kind,
                    "due_on": due_on,
                    "person": str(person.pk) if person else None,
                }
            ),
        )
        if pause_application:
            application_status_move(
                actor=actor,
                application=locked,
                to=lifecycle.PENDING_DOCUMENTS,
                reason=f"Waiting for {request.get_kind_display().lower()}",
            )
        _applicant_tell(
            application=locked,
            kind=CouncilMessage.EVIDENCE_REQUESTED,
            context={"request": request},
        )
    application.refresh_from_db()
    return request


def _pending_release(
    *,
    actor: Actor,
    application: Application,
    reason: str = "Every document asked for has been checked",
) -> None:
    """Back to the officer's queue once nothing is waiting: no request open any more."""
    if application.status != lifecycle.PENDING_DOCUMENTS:
        return
    if application.evidence_requests.filter(status__in=OPEN_REQUEST).exists():
        return
    application_status_move(
        actor=actor, application=application, to=lifecycle.SUBMITTED, reason=reason
    )


def cancel_reason_clean(reason: str) -> str:
    """The officer's reason a document is no longer needed, checked: required, 500 at most."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why the document is no longer needed")})
    if len(reason) > CANCEL_REASON_MAX:
        raise ValidationError(
            {
                "reason": _("The reason must be %(max)s characters or fewer")
                % {"max": CANCEL_REASON_MAX}
            }
        )
    return reason


def evidence_request_cancel(
    *, actor: Actor, request: EvidenceRequest, reason: str
) -> EvidenceRequest:
    """An officer says a document asked for (and not yet accepted) is no longer needed.

    The applicant is told why and it leaves their task list. An application waiting for
    documents goes back to the officer's queue when nothing else is outstanding.
    """
    application = request.application
    household = application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    reason = cancel_reason_clean(reason)
    with transaction.atomic():
        locked_application = Application.objects.select_for_update().get(pk=application.pk)
        before = (
            EvidenceRequest.objects.select_for_update()
            .filter(pk=request.pk, application=locked_application)
            .values_list("status", flat=True)
            .first()
        )
        # A conditional update as well as the lock (SQLite has no row locks): an upload or a
        # check racing the cancellation finds the request closed, or the cancellation does.
        cancelled = EvidenceRequest.objects.filter(pk=request.pk, status__in=OPEN_REQUEST).update(
            status=EvidenceRequestStatus.CANCELLED,
            closed_on=clock.today(),
            cancelled_at=clock.now(),
            cancel_reason=reason,
        )
        if not cancelled:
            if before == EvidenceRequestStatus.CANCELLED:
                problem = _("This request has already been cancelled")
            else:
                problem = _("This document has already been checked, so it is still needed")
            raise ValidationError(problem)
        request.refresh_from_db()
        audit_record(
            actor=actor,
            verb="evidence.cancelled",
            target=request,
            organisation=household.council,
            changes=changes_of(
                before={"status": before},
                after={"status": EvidenceRequestStatus.CANCELLED},
                context={"reason": reason},
            ),
        )
        _applicant_tell(
            application=locked_application,
            kind=CouncilMessage.EVIDENCE_NOT_NEEDED,
            context={"request": request, "reason": reason},
        )
        _pending_release(
            actor=actor,
            application=locked_application,
            reason="No document asked for is still needed",
        )
    application.refresh_from_db()
    return request


# --- Uploads -----------------------------------------------------------------------------------


def _sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(64 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def evidence_document_upload(
    *,
    actor: Actor,
    application: Application,
    upload: UploadedFile[bytes],
    request: EvidenceRequest | None = None,
    kind: str = "",
    person: Person | None = None,
) -> EvidenceDocument:
    """Keep an uploaded file as evidence: for a request (which is then received), or of the
    `kind` the applicant says. The applicant, or an officer for them (assisted digital).

    The type comes from the file's content; a file that is empty, too big, not an accepted
    type or not what its name claims is refused with a ValidationError on "file".
    """
    applicant_or_officer_check(actor, application)
    household = application.household
    if request is not None:
        if request.application_id != application.pk:
            raise ValidationError({"file": "That document was asked for on another application"})
        if request.status == EvidenceRequestStatus.CANCELLED:
            raise ValidationError({"file": _("We no longer need this document")})
        if request.status != EvidenceRequestStatus.REQUESTED:
            raise ValidationError({"file": "We already have this document"})
        kind, person = request.kind, request.person
    problems: dict[str, str] = {}
    if kind not in EvidenceKind.values:
        problems["kind"] = "Select what the document is"
    if person is not None and person.household_id != household.pk:
        problems["person"] = "Select someone in your household"
    name = upload.name or ""
    size = upload.size or 0
    try:
        found = file_types.evidence_file_check(
            name=name,
            size=size,
            stream=upload.file,  # type: ignore[arg-type]
            max_bytes=settings.HEARTH_EVIDENCE_MAX_BYTES,
        )
    except ValidationError as refused:
        problems["file"] = refused.messages[0]
    if problems:
        raise ValidationError(problems)
    digest = _sha256(upload.file)  # type: ignore[arg-type]
    document = EvidenceDocument(
        application=application,
        council_id=application.council_id,
        request=request,
        kind=kind,
        person=person,
        original_name=file_types.display_name(name),
        content_type=found.content_type,
        size=size,
        sha256=digest,
        uploaded_at=clock.now(),
        uploaded_by=actor.user,
    )
    # The stored name comes from the document's ids (models.evidence_path), never the upload's.
    document.file.save(name or "upload", upload, save=False)
    try:
        with transaction.atomic():
            document.save()
            if request is not None:
                received = EvidenceRequest.objects.filter(
                    pk=request.pk, status=EvidenceRequestStatus.REQUESTED
                ).update(status=EvidenceRequestStatus.RECEIVED)
                if not received:
                    # Someone else sent it a moment ago: keep one answer per request.
                    raise ValidationError({"file": "We already have this document"})
                request.status = EvidenceRequestStatus.RECEIVED
            audit_record(
                actor=actor,
                verb="evidence.uploaded",
                target=document,
                organisation=household.council,
                changes=changes_of(
                    after={
                        "application": str(application.pk),
                        "request": str(request.pk) if request else None,
                        "kind": kind,
                        "content_type": found.content_type,
                        "size": size,
                        "sha256": digest,
                    }
                ),
                label=document.original_name,
            )
    except BaseException:
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


# --- Checks ------------------------------------------------------------------------------------


def evidence_document_check(
    *, actor: Actor, document: EvidenceDocument, accept: bool, note: str = ""
) -> EvidenceDocument:
    """An officer accepts a document (closing its request) or rejects it, telling the applicant
    why and asking again (the request reopens with at least 28 days to send another)."""
    application = document.application
    officer_check(actor, application.household, Capability.ASSESS_APPLICATIONS)
    note = note.strip()
    if not accept and not note:
        raise ValidationError({"note": "Enter why the document was not accepted"})
    today = clock.today()
    with transaction.atomic():
        locked_application = Application.objects.select_for_update().get(pk=application.pk)
        checked = EvidenceDocument.objects.filter(
            pk=document.pk, status=DocumentStatus.UNCHECKED
        ).update(
            status=DocumentStatus.VERIFIED if accept else DocumentStatus.REJECTED,
            checked_at=clock.now(),
            checked_by=actor.user,
            check_note=note,
        )
        if not checked:
            raise ValidationError({"outcome": "This document has already been checked"})
        document.refresh_from_db()
        request = document.request
        if request is not None and request.status in OPEN_REQUEST:
            if accept:
                request.status = EvidenceRequestStatus.VERIFIED
                request.closed_on = today
                request.save(update_fields=["status", "closed_on"])
            else:
                request.status = EvidenceRequestStatus.REQUESTED
                request.closed_on = None
                request.reminded_on = None
                fresh = today + dt.timedelta(days=lifecycle.EVIDENCE_DUE_DAYS)
                request.due_on = max(request.due_on, fresh)
                request.save(update_fields=["status", "closed_on", "reminded_on", "due_on"])
        audit_record(
            actor=actor,
            verb="evidence.checked",
            target=document,
            organisation=application.household.council,
            changes=changes_of(
                before={"status": DocumentStatus.UNCHECKED},
                after={"status": document.status},
                context={"note": note},
            ),
            label=document.original_name,
        )
        if not accept:
            _applicant_tell(
                application=locked_application,
                kind=CouncilMessage.EVIDENCE_NOT_ACCEPTED,
                context={"document": document, "request": request, "note": note},
            )
        _pending_release(actor=actor, application=locked_application)
    application.refresh_from_db()
    return document


# --- Reminders ---------------------------------------------------------------------------------


def evidence_reminders_send(*, on_date: dt.date) -> int:
    """Remind applicants, once, about documents due within 7 days. Returns reminders sent.

    Late documents never cancel an application by themselves: officers decide, and the
    reminder says that the application may be cancelled.
    """
    due = (
        EvidenceRequest.objects.filter(
            status=EvidenceRequestStatus.REQUESTED,
            reminded_on__isnull=True,
            due_on__gte=on_date,
            due_on__lte=on_date + dt.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(application__status__in=lifecycle.CLOSED)
        .select_related("application__household__applicant", "application__household__council")
        .order_by("due_on", "id")
    )
    sent = 0
    for request in due.iterator(chunk_size=200):
        with transaction.atomic():
            # A conditional update: two workers never remind twice.
            # Only a request still waiting: one cancelled since the list was read is skipped.
            if not EvidenceRequest.objects.filter(
                pk=request.pk, status=EvidenceRequestStatus.REQUESTED, reminded_on__isnull=True
            ).update(reminded_on=on_date):
                continue
            application = request.application
            audit_record(
                actor=SYSTEM,
                verb="evidence.reminded",
                target=request,
                organisation=application.household.council,
                changes=changes_of(
                    after={"reminded_on": on_date}, context={"due_on": request.due_on}
                ),
            )
            _applicant_tell(
                application=application,
                kind=CouncilMessage.EVIDENCE_REMINDER,
                context={"request": request},
            )
        sent += 1
    return sent
