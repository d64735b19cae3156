"""Assisted digital beyond the form: an officer uploads, reports a change, renews and asks for a
review for the applicant; the audit log records the officer on behalf of the applicant."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory, staff_member
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.core.tests.submission_support import with_token
from hearth.register.models import (
    Application,
    ApplicationStatus,
    CircumstanceChange,
    DecisionKind,
    EvidenceDocument,
    EvidenceKind,
    EvidenceRequestStatus,
    ReviewRequest,
)
from hearth.register.services.decisions import decision_record
from hearth.register.tests.decisions_setup import (
    RICH,
    council_with_policy,
    household_on,
    officer,
    today,
)
from hearth.register.tests.decisions_setup import (
    application_of as application_of_household,
)
from hearth.register.tests.factories import (
    ApplicationFactory,
    EvidenceRequestFactory,
    HouseholdFactory,
)
from hearth.register.tests.rules.test_file_types import EXE, PDF

# Every test runs on the same frozen day (the `today` fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]
__all__ = ["today"]


def application_on(council: Organisation | None = None, **fields: Any) -> Application:
    household = HouseholdFactory(
        council=council or OrganisationFactory(), applicant=ApplicantFactory(), application=None
    )
    return ApplicationFactory(household=household, **fields)


def officer_client(council: Organisation, role: str = Role.REGISTER_OFFICER) -> tuple[Client, Any]:
    user = staff_member(council, [role]).user
    client = Client()
    client.force_login(user)
    return client, user


def url(name: str, record: Any) -> str:
    return reverse(f"register:{name}", kwargs={"pk": record.pk})


def pdf(content: bytes = PDF, name: str = "payslip.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def assert_on_behalf(verb: str, user: Any, application: Application) -> None:
    event = AuditEvent.objects.get(verb=verb)
    assert event.actor_id == user.pk
    assert event.on_behalf_of_id == application.household.applicant_id


# --- Documents ---------------------------------------------------------------------------------


def test_an_officer_uploads_a_document_of_any_kind_for_the_applicant() -> None:
    # given an application of the officer's council
    application = application_on()
    client, user = officer_client(application.household.council)
    # when the officer uploads a payslip for the applicant
    response = client.post(
        url("assisted_document_upload", application),
        {"kind": EvidenceKind.INCOME, "person": "", "file": pdf()},
    )
    # then it is kept, recorded as by the officer on behalf of the applicant
    assert response.status_code == 302
    assert response["Location"] == url("application", application)
    document = EvidenceDocument.objects.get(application=application)
    assert document.kind == EvidenceKind.INCOME
    assert_on_behalf("evidence.uploaded", user, application)


def test_an_officer_uploads_a_requested_document_and_the_request_is_received() -> None:
    # given a document asked for
    application = application_on()
    asked = EvidenceRequestFactory(application=application, kind=EvidenceKind.ADDRESS)
    client, user = officer_client(application.household.council)
    target = f"{url('assisted_document_upload', application)}?request={asked.pk}"
    # when the page is shown and the officer uploads the file
    page = client.get(target).content.decode()
    assert "Upload proof of address for the applicant" in page
    assert "You are completing this application for" in page
    response = client.post(target, {"file": pdf()})
    # then the request is received, with the audit showing on whose behalf
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == EvidenceRequestStatus.RECEIVED
    assert EvidenceDocument.objects.get().request_id == asked.pk
    assert_on_behalf("evidence.uploaded", user, application)


def test_a_file_that_is_not_what_it_claims_is_refused_with_a_message() -> None:
    # given an officer of the council
    application = application_on()
    client, _ = officer_client(application.household.council)
    # when they upload a program named as a PDF, or choose no kind
    response = client.post(
        url("assisted_document_upload", application),
        {"kind": EvidenceKind.IDENTITY, "person": "", "file": pdf(EXE, "passport.pdf")},
    )
    empty = client.post(url("assisted_document_upload", application), {"person": ""})
    # then nothing is kept and the page says why
    assert response.status_code == 200
    assert "The selected file must be a PDF, JPG, PNG, HEIC or Word document" in (
        response.content.decode()
    )
    assert "Select what the document is" in empty.content.decode()
    assert not EvidenceDocument.objects.exists()
    assert not AuditEvent.objects.filter(verb="evidence.uploaded").exists()


def test_a_request_of_another_application_or_another_councils_officer_is_not_found() -> None:
    # given two applications of the same council and an officer of another council
    application = application_on()
    other = application_on(application.household.council)
    asked_elsewhere = EvidenceRequestFactory(application=other)
    client, _ = officer_client(application.household.council)
    away, _ = officer_client(OrganisationFactory())
    # then the request cannot be used through the wrong application, nor by the away officer
    target = url("assisted_document_upload", application)
    assert client.get(f"{target}?request={asked_elsewhere.pk}").status_code == 404
    assert client.get(f"{target}?request=not-an-id").status_code == 404
    assert away.get(target).status_code == 404
    assert away.post(target, {"kind": "income", "file": pdf()}).status_code == 404
    assert not EvidenceDocument.objects.exists()


# --- Change of circumstances -------------------------------------------------------------------


def test_an_officer_reports_a_change_for_the_applicant() -> None:
    application = application_on()
    client, user = officer_client(application.household.council)
    response = client.post(
        url("assisted_change_report", application),
        with_token({"sections": ["people"], "summary": "Their son Adam moved in on 3 May"}),
    )
    assert response.status_code == 302
    change = CircumstanceChange.objects.get(application=application)
    assert change.sections == ["people"]
    assert_on_behalf("circumstance_change.reported", user, application)


def test_a_change_without_answers_is_explained_and_a_draft_refuses() -> None:
    # given an application, and a draft not yet sent
    application = application_on()
    closed = application_on(application.household.council, status=ApplicationStatus.DRAFT)
    client, _ = officer_client(application.household.council)
    # when the officer sends nothing, then the errors are shown and nothing is saved
    page = client.post(url("assisted_change_report", application), with_token({"summary": "  "}))
    assert page.status_code == 200
    assert "Select what has changed" in page.content.decode()
    # and a draft cannot take a change
    refused = client.post(
        url("assisted_change_report", closed),
        with_token({"sections": ["work"], "summary": "New job"}),
    )
    assert "A change cannot be reported because the application is draft" in (
        refused.content.decode()
    )
    assert not CircumstanceChange.objects.exists()


def test_another_councils_officer_cannot_report_a_change() -> None:
    application = application_on()
    away, _ = officer_client(OrganisationFactory())
    response = away.post(
        url("assisted_change_report", application),
        with_token({"sections": ["work"], "summary": "x"}),
    )
    assert response.status_code == 404
    assert not CircumstanceChange.objects.exists()


# --- Renewal -----------------------------------------------------------------------------------


def test_an_officer_renews_for_the_applicant(today: dt.date) -> None:
    # given an application due for renewal in ten days
    due = today + dt.timedelta(days=10)
    application = application_on(renewal_due_on=due)
    client, user = officer_client(application.household.council)
    # when the officer says nothing has changed
    response = client.post(url("assisted_renew", application), {"changed": "no"})
    # then the renewal moves a year on, recorded on the applicant's behalf
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.renewal_due_on == due + dt.timedelta(days=365)
    assert_on_behalf("application.renewed", user, application)


def test_renewing_with_a_change_goes_to_the_change_and_an_early_renewal_is_refused(
    today: dt.date,
) -> None:
    application = application_on(renewal_due_on=today + dt.timedelta(days=10))
    later = application_on(
        application.household.council, renewal_due_on=today + dt.timedelta(days=200)
    )
    client, _ = officer_client(application.household.council)
    changed = client.post(url("assisted_renew", application), {"changed": "yes"})
    assert changed["Location"] == url("assisted_change_report", application)
    unanswered = client.post(url("assisted_renew", application), {})
    assert "Select yes if anything has changed" in unanswered.content.decode()
    early = client.post(url("assisted_renew", later), {"changed": "no"})
    assert "This application does not need renewing yet" in early.content.decode()
    later.refresh_from_db()
    assert later.renewal_due_on == today + dt.timedelta(days=200)
    assert not AuditEvent.objects.filter(verb="application.renewed").exists()


def test_another_councils_officer_cannot_renew(today: dt.date) -> None:
    application = application_on(renewal_due_on=today + dt.timedelta(days=10))
    away, _ = officer_client(OrganisationFactory())
    assert away.post(url("assisted_renew", application), {"changed": "no"}).status_code == 404


# --- Review ------------------------------------------------------------------------------------


def refused_household(on_date: dt.date | None = None) -> Any:
    household = household_on(council_with_policy(), **RICH)
    decision = decision_record(
        actor=officer(household.council),
        application=application_of_household(household),
        kind=DecisionKind.NOT_QUALIFYING,
        on_date=on_date,
    )
    return household, decision


def test_an_officer_asks_for_a_review_for_the_applicant(today: dt.date) -> None:
    household, decision = refused_household()
    client, user = officer_client(household.council)
    response = client.post(
        url("assisted_review_request", decision), {"grounds": "They have lived here ten years"}
    )
    assert response.status_code == 302
    review = ReviewRequest.objects.get(decision=decision)
    assert review.requested_by_id == household.applicant_id
    application = application_of_household(household)
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert_on_behalf("review.requested", user, application)


def test_an_officer_accepts_a_late_review_request(today: dt.date) -> None:
    household, decision = refused_household(today - dt.timedelta(days=30))
    client, _ = officer_client(household.council)
    page = client.get(url("assisted_review_request", decision)).content.decode()
    assert "Sending this accepts a late request" in page
    client.post(url("assisted_review_request", decision), {"grounds": "Was in hospital"})
    assert AuditEvent.objects.get(verb="review.requested").changes["context"]["late"] is True


def test_a_review_without_grounds_or_asked_twice_is_explained(today: dt.date) -> None:
    household, decision = refused_household()
    client, _ = officer_client(household.council)
    empty = client.post(url("assisted_review_request", decision), {"grounds": ""})
    assert "Enter why you think our decision is wrong" in empty.content.decode()
    client.post(url("assisted_review_request", decision), {"grounds": "First"})
    again = client.post(url("assisted_review_request", decision), {"grounds": "Second"})
    assert "A review of this decision has already been asked for" in again.content.decode()
    assert ReviewRequest.objects.count() == 1


def test_another_councils_officer_cannot_ask_for_a_review(today: dt.date) -> None:
    _, decision = refused_household()
    away, _ = officer_client(OrganisationFactory())
    response = away.post(url("assisted_review_request", decision), {"grounds": "x"})
    assert response.status_code == 404
    assert not ReviewRequest.objects.exists()


# --- Links -------------------------------------------------------------------------------------


def test_the_application_page_links_to_each_journey(today: dt.date) -> None:
    household, decision = refused_household()
    application = application_of_household(household)
    asked = EvidenceRequestFactory(application=application)
    client, _ = officer_client(household.council)
    page = client.get(url("application", application)).content.decode()
    assert url("assisted_document_upload", application) in page
    assert f"{url('assisted_document_upload', application)}?request={asked.pk}" in page
    assert url("assisted_change_report", application) in page
    assert url("assisted_renew", application) in page
    assert url("assisted_review_request", decision) in page
