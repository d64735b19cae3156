"""Evidence pages: the applicant's documents and uploads, officers' requests, checks, downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.core.tests.submission_support import with_token
from hearth.register.models import (
    Application,
    ApplicationStatus,
    DocumentStatus,
    EvidenceDocument,
    EvidenceKind,
    EvidenceRequest,
    EvidenceRequestStatus,
)
from hearth.register.selectors.evidence import evidence_panel
from hearth.register.tests.factories import (
    EvidenceDocumentFactory,
    EvidenceRequestFactory,
    PersonFactory,
)
from hearth.register.tests.rules.test_file_types import EXE, HEIC, PDF
from hearth.register.tests.services.test_evidence import NOW, TODAY, application_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.clock_frozen_at(NOW):
        yield


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def applicant_client(application: Application) -> Client:
    return signed_in(application.household.applicant)


def officer_client(application: Application, role: str = Role.REGISTER_OFFICER) -> Client:
    return signed_in(staff_member(application.household.council, [role]).user)


def pdf(name: str = "passport.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def streamed(response: Any) -> bytes:
    return b"".join(response.streaming_content)


# --- The applicant's documents page ------------------------------------------------------------


def test_the_documents_page_lists_what_is_due_late_and_sent_in_few_queries(
    django_assert_max_num_queries: Any,
) -> None:
    # Given two requests (one late, one for a named person) and three documents sent
    application = application_of()
    person = PersonFactory(household=application.household, full_name="Robin Example")
    late = EvidenceRequestFactory(
        application=application,
        requested_on=TODAY - dt.timedelta(days=40),
        due_on=TODAY - dt.timedelta(days=2),
        description="Your last three payslips",
        kind=EvidenceKind.INCOME,
    )
    medical = EvidenceRequestFactory(
        application=application, person=person, kind=EvidenceKind.MEDICAL
    )
    for _ in range(3):
        EvidenceDocumentFactory(application=application, person=person)
    client = applicant_client(application)
    # When the applicant opens their documents page
    with django_assert_max_num_queries(12):
        response = client.get(reverse("register:documents"))
    # Then they see each request with its date, the late one marked, and what lateness means
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your last three payslips" in html
    assert "Send by 13 June 2026" in html
    assert "Late" in html
    assert "Medical evidence" in html and "for Robin Example" in html
    assert "What happens if you are late" in html
    assert "an officer may cancel your application" in html
    for request in (late, medical):
        assert reverse("register:document_upload", args=[request.pk]) in html
    assert html.count("Not checked yet") == 3


def test_the_documents_page_explains_itself_before_an_application() -> None:
    from hearth.accounts.tests.factories import ApplicantFactory

    response = signed_in(ApplicantFactory()).get(reverse("register:documents"))
    assert response.status_code == 200
    assert "You have not applied" in response.content.decode()


# --- Uploading ---------------------------------------------------------------------------------


def test_uploading_the_document_asked_for_marks_it_received() -> None:
    # Given a request
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    url = reverse("register:document_upload", args=[request.pk])
    # When the applicant sends a photo from their phone
    response = applicant_client(application).post(url, {"file": pdf("IMG_0001.HEIC", HEIC)})
    # Then they are back on their documents page and the request is received
    assert response.status_code == 302
    assert response.url == reverse("register:documents")
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.RECEIVED
    assert EvidenceDocument.objects.get().content_type == "image/heic"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a file"),
        (("empty.pdf", b""), "The selected file is empty"),
        (("passport.pdf", EXE), "The selected file must be a PDF, JPG, PNG, HEIC or Word document"),
        (("passport.pdf", HEIC), "The selected file is not really a PDF."),
    ],
)
def test_a_bad_upload_is_explained_next_to_the_field_and_in_the_summary(
    upload: tuple[str, bytes] | None, message: str
) -> None:
    # Given a request
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    data = {} if upload is None else {"file": pdf(*upload)}
    # When the applicant sends nothing, an empty file, or a disguised one
    response = applicant_client(application).post(
        reverse("register:document_upload", args=[request.pk]), data
    )
    # Then the page explains, GOV.UK style, and nothing is kept
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert html.count(message) == 2  # in the summary and by the field
    assert "Error:" in html  # in the page title
    assert not EvidenceDocument.objects.exists()


def test_a_file_over_the_limit_is_refused_with_the_limit(settings: Any) -> None:
    settings.HEARTH_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    application = application_of()
    big = pdf("scan.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = applicant_client(application).post(
        reverse("register:document_upload_any"), {"kind": EvidenceKind.INCOME, "file": big}
    )
    assert "The selected file must be smaller than 10MB" in response.content.decode()
    assert not EvidenceDocument.objects.exists()


def test_someone_elses_request_is_not_found() -> None:
    mine, theirs = application_of(), application_of()
    request = EvidenceRequestFactory(application=theirs)
    response = applicant_client(mine).get(reverse("register:document_upload", args=[request.pk]))
    assert response.status_code == 404


def test_an_applicant_can_send_a_document_nobody_asked_for() -> None:
    application = application_of()
    person = PersonFactory(household=application.household)
    client = applicant_client(application)
    url = reverse("register:document_upload_any")
    # When they forget to say what it is, the file choice is asked for again but the rest is kept
    response = client.post(url, {"person": str(person.pk), "file": pdf()})
    assert "Select what the document is" in response.content.decode()
    # When they answer everything
    response = client.post(
        url, {"kind": EvidenceKind.MEDICAL, "person": str(person.pk), "file": pdf()}
    )
    assert response.status_code == 302
    document = EvidenceDocument.objects.get()
    assert (document.kind, document.person, document.request) == (
        EvidenceKind.MEDICAL,
        person,
        None,
    )


def test_the_applicant_downloads_only_their_own_files() -> None:
    application = application_of()
    document = EvidenceDocumentFactory(application=application)
    other = EvidenceDocumentFactory(application=application_of())
    client = applicant_client(application)
    response = client.get(reverse("register:document_file_own", args=[document.pk]))
    assert response.status_code == 200
    assert streamed(response) == PDF
    assert client.get(reverse("register:document_file_own", args=[other.pk])).status_code == 404


# --- Officers ----------------------------------------------------------------------------------


def test_an_officer_asks_for_a_document_with_28_days_filled_in() -> None:
    # Given a submitted application
    application = application_of()
    client = officer_client(application)
    url = reverse("register:evidence_request_new", args=[application.pk])
    # When the officer opens the form, the date is 28 days away
    html = client.get(url).content.decode()
    assert 'value="13"' in html and 'value="7"' in html and 'value="2026"' in html
    # When they send it, pausing the application
    response = client.post(
        url,
        with_token(
            {
                "kind": EvidenceKind.ADDRESS,
                "person": "",
                "description": "A council tax bill from the last 3 months",
                "due_on_day": "13",
                "due_on_month": "7",
                "due_on_year": "2026",
                "pause_application": "on",
            }
        ),
    )
    # Then they are back on the application, which waits for documents
    assert response.status_code == 302
    assert response.url == reverse("register:application", args=[application.pk])
    request = EvidenceRequest.objects.get()
    assert request.due_on == dt.date(2026, 7, 13)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING_DOCUMENTS


def test_a_request_with_a_past_date_keeps_what_was_typed() -> None:
    application = application_of()
    response = officer_client(application).post(
        reverse("register:evidence_request_new", args=[application.pk]),
        {
            "kind": EvidenceKind.ADDRESS,
            "description": "A council tax bill",
            "due_on_day": "1",
            "due_on_month": "1",
            "due_on_year": "2026",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The date to send it by must be today or in the future" in html
    assert "A council tax bill" in html
    assert not EvidenceRequest.objects.exists()


def test_an_officer_checks_a_document_and_a_rejection_needs_a_reason() -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application, status=EvidenceRequestStatus.RECEIVED)
    document = EvidenceDocumentFactory(application=application, request=request)
    client = officer_client(application)
    url = reverse("register:document_check", args=[document.pk])
    # The page shows the file to download and records the view
    html = client.get(url).content.decode()
    assert reverse("register:document_file", args=[document.pk]) in html
    assert AuditEvent.objects.filter(verb="viewed", object_id=str(document.pk)).exists()
    # Rejecting without a reason is explained
    response = client.post(url, {"outcome": "reject", "note": ""})
    assert "Enter why the document was not accepted" in response.content.decode()
    # Accepting works and goes back to the application
    response = client.post(url, {"outcome": "accept", "note": ""})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.VERIFIED
    # A checked document shows its outcome and no form
    html = client.get(url).content.decode()
    assert "Accepted" in html and "Save the check" not in html


def test_the_file_is_sent_as_a_download_of_the_detected_type_and_the_view_recorded() -> None:
    application = application_of()
    document = EvidenceDocumentFactory(application=application, original_name="my passport.pdf")
    # A lettings officer can view the register, so may download
    client = officer_client(application, Role.LETTINGS_OFFICER)
    response = client.get(reverse("register:document_file", args=[document.pk]))
    assert response.status_code == 200
    assert streamed(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="my passport.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(verb="viewed", object_id=str(document.pk)).count() == 1


def test_the_file_is_unreachable_for_other_councils_other_applicants_and_the_web() -> None:
    application = application_of()
    document = EvidenceDocumentFactory(application=application)
    staff_url = reverse("register:document_file", args=[document.pk])
    own_url = reverse("register:document_file_own", args=[document.pk])
    # Another council's register officer and team leader: not found
    elsewhere = application_of()
    for role in (Role.REGISTER_OFFICER, Role.TEAM_LEADER):
        assert officer_client(elsewhere, role).get(staff_url).status_code == 404
        assert officer_client(elsewhere, role).get(own_url).status_code == 403
    # Another applicant: not found on their own URL, forbidden on the staff one
    stranger = applicant_client(elsewhere)
    assert stranger.get(own_url).status_code == 404
    assert stranger.get(staff_url).status_code == 403
    # Nobody signed in: sent to sign in
    assert Client().get(staff_url).status_code == 302
    # The file is kept outside the web root and has no public address
    root = Path(settings.HEARTH_EVIDENCE_ROOT).resolve()
    for public in (Path(settings.STATIC_ROOT).resolve(), Path(settings.MEDIA_ROOT).resolve()):
        assert not root.is_relative_to(public)
    assert Client().get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404


# --- The panel on the officer's application page ----------------------------------------------


def test_the_evidence_panel_shows_requests_and_documents_in_two_queries(
    django_assert_num_queries: Any,
) -> None:
    # Given an application with an overdue request, one to check, one cancelled, and documents
    application = application_of()
    EvidenceRequestFactory(
        application=application,
        requested_on=TODAY - dt.timedelta(days=40),
        due_on=TODAY - dt.timedelta(days=3),
    )
    received = EvidenceRequestFactory(
        application=application, status=EvidenceRequestStatus.RECEIVED
    )
    EvidenceRequestFactory(
        application=application,
        status=EvidenceRequestStatus.CANCELLED,
        cancelled_at=NOW,
        cancel_reason="We have it from the council tax team",
    )
    for _ in range(4):
        EvidenceDocumentFactory(
            application=application,
            request=received,
            person=PersonFactory(household=application.household),
        )
    actor = actor_for(staff_member(application.household.council, [Role.REGISTER_OFFICER]))
    # When the panel is read
    with django_assert_num_queries(2):
        context = evidence_panel(actor=actor, application=application)
        html = render_to_string("register/workspace/application/_evidence.html", context)
    # Then the overdue request is tagged and officers are told nothing cancels by itself
    panel = context["evidence"]
    assert panel.overdue_count == 1
    assert "Overdue by 3 days" in html
    assert "Nothing is cancelled automatically" in html
    assert reverse("register:evidence_request_new", args=[application.pk]) in html
    assert html.count("Check<span") == 4
    # And a cancelled request shows its reason; only open ones can be cancelled
    assert "We have it from the council tax team" in html
    assert html.count("Cancel request<span") == 2


def test_the_panel_is_empty_for_someone_who_cannot_see_the_register() -> None:
    application = application_of()
    other = actor_for(staff_member(application_of().household.council, [Role.TEAM_LEADER]))
    assert evidence_panel(actor=other, application=application) == {}


# --- Cancelling a request ----------------------------------------------------------------------


def test_an_officer_cancels_a_request_from_the_application_page() -> None:
    # Given a pending application waiting for one document, which is on the applicant's tasks
    application = application_of(ApplicationStatus.PENDING_DOCUMENTS)
    request = EvidenceRequestFactory(application=application, kind=EvidenceKind.INCOME)
    applicant = applicant_client(application)
    assert (
        "Send proof of income" in applicant.get(reverse("accounts:applicant_home")).content.decode()
    )
    client = officer_client(application)
    cancel_url = reverse("register:evidence_request_cancel", args=[request.pk])
    # The application page links to the cancel page from the request's row
    page = client.get(reverse("register:application", args=[application.pk])).content.decode()
    assert cancel_url in page
    # The cancel page asks why, with a warning button
    form = client.get(cancel_url).content.decode()
    assert "Why is this document no longer needed?" in form
    assert "govuk-button--warning" in form and "Cancel this request" in form
    # When the officer gives a reason and cancels
    done = client.post(cancel_url, {"reason": "Your bank statement shows your income."})
    # Then they are back on the application with a success banner, the request shows as no
    # longer needed with the reason, and the application is back in the queue
    assert done["Location"] == reverse("register:application", args=[application.pk])
    page = client.get(done["Location"]).content.decode()
    assert "Request cancelled. The applicant has been told." in page
    assert "No longer needed" in page
    assert "Your bank statement shows your income." in page
    assert cancel_url not in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    # And the applicant no longer has it to do, but has a message saying why
    home = applicant.get(reverse("accounts:applicant_home")).content.decode()
    assert "Send proof of income" not in home
    documents = applicant.get(reverse("register:documents")).content.decode()
    assert "We do not need any documents from you at the moment." in documents
    upload_page = applicant.get(reverse("register:document_upload", args=[request.pk]))
    assert "We no longer need this document" in upload_page.content.decode()


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("  ", "Enter why the document is no longer needed"),
        ("x" * 501, "The reason must be 500 characters or fewer"),
    ],
)
def test_a_missing_or_long_reason_is_shown_in_the_summary_and_by_the_field(
    reason: str, message: str
) -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    response = officer_client(application).post(
        reverse("register:evidence_request_cancel", args=[request.pk]), {"reason": reason}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert html.count(message) == 2  # in the summary and by the field
    assert "Error:" in html  # in the page title
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.REQUESTED


def test_a_checked_request_shows_why_it_cannot_be_cancelled() -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application, status=EvidenceRequestStatus.VERIFIED)
    client = officer_client(application)
    url = reverse("register:evidence_request_cancel", args=[request.pk])
    page = client.get(url).content.decode()
    assert "This request cannot be cancelled" in page
    assert "Cancel this request" not in page
    client.post(url, {"reason": "Not needed"})
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.VERIFIED


def test_only_the_councils_assessing_officers_reach_the_cancel_page() -> None:
    application = application_of()
    request = EvidenceRequestFactory(application=application)
    url = reverse("register:evidence_request_cancel", args=[request.pk])
    elsewhere = application_of()
    # Another council's officer: not found, even posting
    other = officer_client(elsewhere)
    assert other.get(url).status_code == 404
    assert other.post(url, {"reason": "Not needed"}).status_code == 404
    # Staff who cannot assess, and applicants: forbidden
    assert officer_client(application, Role.LETTINGS_OFFICER).get(url).status_code == 403
    assert applicant_client(application).post(url, {"reason": "x"}).status_code == 403
    request.refresh_from_db()
    assert request.status == EvidenceRequestStatus.REQUESTED
