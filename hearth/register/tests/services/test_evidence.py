"""Evidence services: asking for documents, uploads, checks, and what they do to the status."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.register.models import (
    Application,
    ApplicationStatus,
    DocumentStatus,
    EvidenceDocument,
    EvidenceKind,
    EvidenceRequest,
    EvidenceRequestStatus,
    Message,
    StatusChange,
)
from hearth.register.rules import lifecycle
from hearth.register.selectors.evidence import applicant_documents
from hearth.register.services.evidence import (
    evidence_document_check,
    evidence_document_upload,
    evidence_request_cancel,
    evidence_request_create,
)
from hearth.register.tests.factories import (
    ApplicationFactory,
    EvidenceRequestFactory,
    HouseholdFactory,
    PersonFactory,
)
from hearth.register.tests.rules.test_file_types import EXE, PDF, PNG

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=clock.LONDON)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.clock_frozen_at(NOW):
        yield


def application_of(status: str = ApplicationStatus.SUBMITTED, **fields: object) -> Application:
    applicant = ApplicantFactory()
    household = HouseholdFactory(applicant=applicant, application=None)
    return ApplicationFactory(household=household, status=status, activated_on=None, **fields)


def officer(application: Application, role: str = Role.REGISTER_OFFICER) -> Actor:
    return actor_for(staff_member(application.household.council, [role]))


def applicant_of(application: Application) -> Actor:
    user = application.household.applicant
    assert user is not None
    return Actor(user=user, scheme=application.household.council.scheme)


def upload(name: str = "passport.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_files() -> list[Path]:
    return [p for p in Path(settings.HEARTH_EVIDENCE_ROOT).rglob("*") if p.is_file()]


# --- Asking ------------------------------------------------------------------------------------


def test_an_officer_asks_for_a_document_due_in_28_days_and_the_applicant_is_told() -> None:
    # Given a submitted application
    application = application_of()
    # When a register officer asks for proof of identity, pausing the application
    request = evidence_request_create(
        actor=officer(application),
        application=application,
        kind=EvidenceKind.IDENTITY,
        description="  Your passport or driving licence  ",
        pause_application=True,
    )
    # Then it is due 28 days from today, the applicant has a message, and it is audited
    assert request.due_on == TODAY + dt.timedelta(days=lifecycle.EVIDENCE_DUE_DAYS)
    assert request.description == "Your passport or driving licence"
    assert request.status == EvidenceRequestStatus.REQUESTED
    message = Message.objects.get(application=application)
    assert "Your passport or driving licence" in message.body
    assert "13 July 2026" in message.body
    assert "may cancel your application" in message.body
    assert AuditEvent.objects.filter(verb="evidence.requested", object_id=str(request.pk)).exists()
    # And the application waits for documents, through the lifecycle
    application.refresh_from_db()
    assert application.status == lifecycle.PENDING_DOCUMENTS
    assert StatusChange.objects.filter(
        application=application, to_status=lifecycle.PENDING_DOCUMENTS
    ).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"description": "  "}, "description", "Enter what the applicant should send"),
        (
            {"due_on": TODAY - dt.timedelta(days=1)},
            "due_on",
            "The date to send it by must be today or in the future",
        ),
        ({"kind": "horoscope"}, "kind", "Select the document you need"),
        ({"other_person": True}, "person", "Select someone in this household"),
        (
            {"pause_application": True, "status": ApplicationStatus.ACTIVE},
            "pause_application",
            "Only an application that has been sent and not yet decided can wait for documents",
        ),
    ],
)
def test_a_request_that_cannot_be_made_saves_nothing(
    change: dict[str, object], field: str, message: str
) -> None:
    # Given an application and a request with one thing wrong
    application = application_of(str(change.pop("status", ApplicationStatus.SUBMITTED)))
    arguments: dict[str, object] = {
        "kind": EvidenceKind.ADDRESS,
        "description": "A council tax bill",
    }
    if change.pop("other_person", False):
        arguments["person"] = PersonFactory()
    arguments.update(change)
    # When an officer makes it
    with pytest.raises(ValidationError) as refused:
        evidence_request_create(
            actor=officer(application),
            application=application,
            **arguments,  # type: ignore[arg-type]
        )
    # Then the officer is told which answer is wrong, and nothing is saved
    assert refused.value.message_dict == {field: [message]}
    assert not application.evidence_requests.exists()
    assert not Message.objects.exists()


@pytest.mark.parametrize("who", ["other_council", "lettings_officer", "applicant"])
def test_only_an_assessing_officer_of_the_council_may_ask(who: str) -> None:
    application = application_of()
    actor = {
        "other_council": lambda: officer(application_of()),
        "lettings_officer": lambda: officer(application, Role.LETTINGS_OFFICER),
        "applicant": lambda: applicant_of(application),
    }[who]()
    with pytest.raises(PermissionDenied):
        evidence_request_create(
            actor=actor, application=application, kind=EvidenceKind.INCOME, description="Payslips"
        )


# --- Uploading ---------------------------------------------------------------------------------


def test_an_upload_for_a_request_is_kept_privately_with_its_fingerprint() -> None:
    # Given a request for proof of identity
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    # When the applicant uploads a PDF with a path in its name
    document = evidence_document_upload(
        actor=applicant_of(application),
        application=application,
        upload=upload("C:\\scans\\my passport.PDF"),
        request=request,
    )
    # Then the file is in the private evidence folder under a name we chose
    assert [p.name for p in stored_files()] == [str(document.pk)]
    assert document.file.name == f"{application.pk}/{document.pk}"
    # And its facts come from its content
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.original_name == "my passport.PDF"
    assert document.kind == EvidenceKind.IDENTITY
    # And it is in its application's council's evidence queue
    assert document.council_id == application.council_id
    # And the request is received, and the upload audited
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.RECEIVED
    assert AuditEvent.objects.filter(verb="evidence.uploaded", object_id=str(document.pk)).exists()


def test_a_disguised_file_is_refused_and_nothing_is_kept() -> None:
    # Given a request
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    # When the applicant uploads a program renamed as a PDF
    with pytest.raises(ValidationError) as refused:
        evidence_document_upload(
            actor=applicant_of(application),
            application=application,
            upload=upload("passport.pdf", EXE),
            request=request,
        )
    # Then it is refused with a clear message, and nothing is stored or changed
    assert refused.value.message_dict == {
        "file": ["The selected file must be a PDF, JPG, PNG, HEIC or Word document"]
    }
    assert not EvidenceDocument.objects.exists()
    assert stored_files() == []
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.REQUESTED


def test_a_file_over_the_size_limit_is_refused(settings: pytest.FixtureRequest) -> None:
    settings.HEARTH_EVIDENCE_MAX_BYTES = 1024  # type: ignore[attr-defined]
    application = application_of()
    with pytest.raises(ValidationError) as refused:
        evidence_document_upload(
            actor=applicant_of(application),
            application=application,
            upload=upload("scan.pdf", PDF + b"0" * 2000),
            kind=EvidenceKind.INCOME,
        )
    assert refused.value.message_dict == {"file": ["The selected file must be smaller than 1KB"]}


def test_a_request_answered_already_cannot_be_answered_again() -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    actor = applicant_of(application)
    evidence_document_upload(actor=actor, application=application, upload=upload(), request=request)
    with pytest.raises(ValidationError) as refused:
        evidence_document_upload(
            actor=actor, application=application, upload=upload(), request=request
        )
    assert refused.value.message_dict == {"file": ["We already have this document"]}
    assert EvidenceDocument.objects.count() == 1
    assert len(stored_files()) == 1


def test_if_saving_fails_the_stored_file_is_removed() -> None:
    # Given a request someone else answered after this page loaded (the in-memory copy is stale)
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    type(request).objects.filter(pk=request.pk).update(status=EvidenceRequestStatus.RECEIVED)
    # When the applicant uploads against the stale copy
    with pytest.raises(ValidationError):
        evidence_document_upload(
            actor=applicant_of(application),
            application=application,
            upload=upload(),
            request=request,
        )
    # Then no document row and no orphan file
    assert not EvidenceDocument.objects.exists()
    assert stored_files() == []


def test_another_applicant_cannot_upload_to_an_application() -> None:
    application = application_of()
    stranger = applicant_of(application_of())
    with pytest.raises(PermissionDenied):
        evidence_document_upload(
            actor=stranger, application=application, upload=upload(), kind=EvidenceKind.OTHER
        )


def test_an_officer_can_upload_for_the_applicant() -> None:
    # Assisted digital: an officer sends a document the applicant brought to the office
    application = application_of()
    document = evidence_document_upload(
        actor=officer(application),
        application=application,
        upload=upload("letter.png", PNG),
        kind=EvidenceKind.MEDICAL,
    )
    assert document.content_type == "image/png"
    assert document.council_id == application.council_id


# --- Checking ----------------------------------------------------------------------------------


def _requested_and_sent(application: Application) -> EvidenceDocument:
    request = EvidenceRequestFactory(application=application)
    return evidence_document_upload(
        actor=applicant_of(application), application=application, upload=upload(), request=request
    )


def test_accepting_the_last_document_sends_the_application_back_to_the_officer() -> None:
    # Given an application waiting for two documents, both sent
    application = application_of(ApplicationStatus.PENDING_DOCUMENTS)
    first, second = _requested_and_sent(application), _requested_and_sent(application)
    actor = officer(application)
    # When the officer accepts the first
    evidence_document_check(actor=actor, document=first, accept=True)
    # Then it is verified and its request closed, but the application still waits
    assert first.status == DocumentStatus.VERIFIED
    assert first.checked_by == actor.user
    assert first.request is not None
    first.request.refresh_from_db()
    assert first.request.status == EvidenceRequestStatus.VERIFIED
    assert first.request.closed_on == TODAY
    application.refresh_from_db()
    assert application.status == lifecycle.PENDING_DOCUMENTS
    # When the second is accepted too
    evidence_document_check(actor=actor, document=second, accept=True)
    # Then the application is back with the officer, as submitted
    application.refresh_from_db()
    assert application.status == lifecycle.SUBMITTED
    assert AuditEvent.objects.filter(verb="evidence.checked").count() == 2


def test_rejecting_a_document_asks_again_and_tells_the_applicant_why() -> None:
    # Given a document sent for a request due in 3 days, already reminded
    application = application_of(ApplicationStatus.PENDING_DOCUMENTS)
    document = _requested_and_sent(application)
    assert document.request is not None
    type(document.request).objects.filter(pk=document.request.pk).update(
        due_on=TODAY + dt.timedelta(days=3), reminded_on=TODAY
    )
    # When the officer rejects it with a reason
    evidence_document_check(
        actor=officer(application), document=document, accept=False, note="The photo is blurred"
    )
    # Then the request is open again, with 28 days from today and a fresh reminder to come
    request = document.request
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.REQUESTED
    assert request.due_on == TODAY + dt.timedelta(days=28)
    assert request.reminded_on is None
    assert document.status == DocumentStatus.REJECTED
    # And the applicant is told why; the application keeps waiting
    message = Message.objects.filter(application=application).latest("sent_at")
    assert "The photo is blurred" in message.body
    application.refresh_from_db()
    assert application.status == lifecycle.PENDING_DOCUMENTS


def test_rejecting_needs_a_reason_and_a_document_is_checked_once() -> None:
    application = application_of()
    document = _requested_and_sent(application)
    actor = officer(application)
    with pytest.raises(ValidationError) as no_reason:
        evidence_document_check(actor=actor, document=document, accept=False, note=" ")
    assert no_reason.value.message_dict == {"note": ["Enter why the document was not accepted"]}
    evidence_document_check(actor=actor, document=document, accept=True)
    with pytest.raises(ValidationError) as twice:
        evidence_document_check(actor=actor, document=document, accept=False, note="Blurred")
    assert twice.value.message_dict == {"outcome": ["This document has already been checked"]}
    document.refresh_from_db()
    assert document.status == DocumentStatus.VERIFIED


def test_an_officer_of_another_council_cannot_check_a_document() -> None:
    application = application_of()
    document = _requested_and_sent(application)
    with pytest.raises(PermissionDenied):
        evidence_document_check(actor=officer(application_of()), document=document, accept=True)


# --- Cancelling --------------------------------------------------------------------------------


def test_cancelling_a_request_tells_the_applicant_and_takes_it_off_their_list() -> None:
    # Given a request for proof of income, still waiting
    application = application_of(ApplicationStatus.ACTIVE)
    request = EvidenceRequestFactory(application=application, kind=EvidenceKind.INCOME)
    actor = officer(application)
    # When an officer cancels it with a reason
    evidence_request_cancel(actor=actor, request=request, reason="  We have your payslips.  ")
    # Then it is no longer needed, with the reason and the time, and the applicant is told why
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.CANCELLED
    assert request.get_status_display() == "No longer needed"
    assert request.cancel_reason == "We have your payslips."
    assert request.cancelled_at == NOW
    assert request.closed_on == TODAY
    message = Message.objects.get(application=application)
    assert message.subject == "We no longer need proof of income, savings or benefits"
    assert "We have your payslips." in message.body
    event = AuditEvent.objects.get(verb="evidence.cancelled")
    assert event.changes["status"] == {"before": "requested", "after": "cancelled"}
    assert event.changes["context"]["reason"] == "We have your payslips."
    # And the applicant's task list no longer has it
    assert applicant_documents(actor=applicant_of(application)).waiting == []


def test_cancelling_the_last_outstanding_request_releases_a_waiting_application() -> None:
    # Given an application waiting for two documents: one accepted, one still to send
    application = application_of(ApplicationStatus.PENDING_DOCUMENTS)
    sent = _requested_and_sent(application)
    outstanding = EvidenceRequestFactory(application=application)
    evidence_document_check(actor=officer(application), document=sent, accept=True)
    application.refresh_from_db()
    assert application.status == lifecycle.PENDING_DOCUMENTS
    # When the officer cancels the one still outstanding
    evidence_request_cancel(
        actor=officer(application), request=outstanding, reason="Not needed after all"
    )
    # Then the application goes back to the officer's queue, and the history says why
    application.refresh_from_db()
    assert application.status == lifecycle.SUBMITTED
    change = StatusChange.objects.filter(application=application).latest("occurred_at")
    assert change.to_status == lifecycle.SUBMITTED
    assert change.reason == "No document asked for is still needed"


def test_a_waiting_application_keeps_waiting_while_another_request_is_open() -> None:
    application = application_of(ApplicationStatus.PENDING_DOCUMENTS)
    first, second = (
        EvidenceRequestFactory(application=application),
        EvidenceRequestFactory(application=application),
    )
    evidence_request_cancel(actor=officer(application), request=first, reason="Duplicate")
    application.refresh_from_db()
    assert application.status == lifecycle.PENDING_DOCUMENTS
    second.refresh_from_db()
    assert second.status == EvidenceRequestStatus.REQUESTED


def test_a_received_request_can_be_cancelled_and_its_document_kept() -> None:
    application = application_of()
    document = _requested_and_sent(application)
    assert document.request is not None
    evidence_request_cancel(
        actor=officer(application), request=document.request, reason="We asked twice"
    )
    document.refresh_from_db()
    assert document.request is not None
    assert document.request.status == EvidenceRequestStatus.CANCELLED
    assert document.status == DocumentStatus.UNCHECKED


@pytest.mark.parametrize(
    ("reason", "problem"),
    [
        ("   ", "Enter why the document is no longer needed"),
        ("x" * 501, "The reason must be 500 characters or fewer"),
    ],
)
def test_cancelling_needs_a_reason_of_500_characters_or_fewer(reason: str, problem: str) -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    with pytest.raises(ValidationError) as refused:
        evidence_request_cancel(actor=officer(application), request=request, reason=reason)
    assert refused.value.message_dict == {"reason": [problem]}
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.REQUESTED
    assert not Message.objects.exists()
    assert not AuditEvent.objects.filter(verb="evidence.cancelled").exists()


def test_a_checked_or_cancelled_request_cannot_be_cancelled() -> None:
    # Given one request whose document was accepted, and one already cancelled
    application = application_of()
    document = _requested_and_sent(application)
    actor = officer(application)
    evidence_document_check(actor=actor, document=document, accept=True)
    cancelled = EvidenceRequestFactory(application=application)
    evidence_request_cancel(actor=actor, request=cancelled, reason="Not needed")
    assert document.request is not None
    for request, problem in (
        (document.request, "This document has already been checked, so it is still needed"),
        (cancelled, "This request has already been cancelled"),
    ):
        # When an officer tries to cancel it, they are told why not and nothing changes
        before = EvidenceRequest.objects.get(pk=request.pk)
        with pytest.raises(ValidationError) as refused:
            evidence_request_cancel(actor=actor, request=request, reason="Again")
        assert refused.value.messages == [problem]
        after = EvidenceRequest.objects.get(pk=request.pk)
        assert (after.status, after.cancel_reason) == (before.status, before.cancel_reason)
    assert AuditEvent.objects.filter(verb="evidence.cancelled").count() == 1


@pytest.mark.parametrize("who", ["other_council", "lettings_officer", "applicant"])
def test_only_an_assessing_officer_of_the_council_may_cancel(who: str) -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    actor = {
        "other_council": lambda: officer(application_of()),
        "lettings_officer": lambda: officer(application, Role.LETTINGS_OFFICER),
        "applicant": lambda: applicant_of(application),
    }[who]()
    with pytest.raises(PermissionDenied):
        evidence_request_cancel(actor=actor, request=request, reason="Not needed")
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.REQUESTED


def test_a_cancelled_request_cannot_be_answered() -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    evidence_request_cancel(actor=officer(application), request=request, reason="Not needed")
    with pytest.raises(ValidationError) as refused:
        evidence_document_upload(
            actor=applicant_of(application),
            application=application,
            upload=upload(),
            request=request,
        )
    assert refused.value.message_dict == {"file": ["We no longer need this document"]}
    assert not EvidenceDocument.objects.exists()
