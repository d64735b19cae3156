"""Messages, reported changes and document requests are recorded once however many times their
form is sent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory, staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.tests.submission_support import with_token
from hearth.register.models import (
    Application,
    CircumstanceChange,
    EvidenceKind,
    EvidenceRequest,
    Message,
)
from hearth.register.tests.factories import HouseholdFactory, MessageFactory
from hearth.register.tests.services.test_evidence import application_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def application() -> Application:
    return HouseholdFactory(applicant=ApplicantFactory()).application


def applicant_client(application: Application) -> Client:
    client = Client()
    client.force_login(application.household.applicant)
    return client


def officer_client(application: Application) -> Client:
    client = Client()
    client.force_login(staff_member(application.household.council, [Role.REGISTER_OFFICER]).user)
    return client


def sent_twice(client: Client, url: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
    """The same form sent twice in a row (the back button, then the button again)."""
    posted = with_token(data)
    first = client.post(url, posted)
    assert first.status_code == 302
    return client.post(url, posted, follow=True)


def test_an_applicants_reply_sent_twice_is_sent_once(application: Application) -> None:
    first = MessageFactory(application=application)
    url = reverse("register:message", args=[first.pk])
    again = sent_twice(applicant_client(application), url, {"body": "I will call tomorrow."})
    assert Message.objects.filter(reply_to=first).count() == 1
    assert again.redirect_chain[-1][0] == url
    assert "You already sent this reply" in again.content.decode()


def test_an_officers_message_sent_twice_is_sent_once(application: Application) -> None:
    url = reverse("register:message_new", args=[application.pk])
    again = sent_twice(officer_client(application), url, {"subject": "Form", "body": "Sign p3"})
    assert Message.objects.filter(application=application).count() == 1
    assert again.redirect_chain[-1][0] == reverse("register:application", args=[application.pk])
    assert "This message was already sent" in again.content.decode()


def test_a_change_reported_twice_is_recorded_once(application: Application) -> None:
    again = sent_twice(
        applicant_client(application),
        reverse("register:change_report"),
        {"sections": ["people"], "summary": "My partner moved in."},
    )
    assert CircumstanceChange.objects.filter(application=application).count() == 1
    assert again.redirect_chain[-1][0] == reverse("register:change_sent")
    assert "You already sent this change" in again.content.decode()


def test_a_change_an_officer_reports_twice_is_recorded_once(application: Application) -> None:
    again = sent_twice(
        officer_client(application),
        reverse("register:assisted_change_report", args=[application.pk]),
        {"sections": ["people"], "summary": "Their son moved in"},
    )
    assert CircumstanceChange.objects.filter(application=application).count() == 1
    assert "This change was already reported" in again.content.decode()


def test_two_different_messages_are_both_sent(application: Application) -> None:
    client = officer_client(application)
    url = reverse("register:message_new", args=[application.pk])
    for body in ("First", "Second"):
        assert client.post(url, with_token({"subject": "S", "body": body})).status_code == 302
    assert Message.objects.filter(application=application).count() == 2


def test_a_document_asked_for_twice_is_asked_for_once() -> None:
    # Given an officer who has asked for a document
    application = application_of()
    due = clock.today() + dt.timedelta(days=28)
    # When the same form is sent again
    again = sent_twice(
        officer_client(application),
        reverse("register:evidence_request_new", args=[application.pk]),
        {
            "kind": EvidenceKind.ADDRESS,
            "person": "",
            "description": "A council tax bill",
            "due_on_day": str(due.day),
            "due_on_month": str(due.month),
            "due_on_year": str(due.year),
        },
    )
    # Then one request exists, the applicant is told once, and the officer is told so
    assert EvidenceRequest.objects.filter(application=application).count() == 1
    assert Message.objects.filter(application=application).count() == 1
    assert again.redirect_chain[-1][0] == reverse("register:application", args=[application.pk])
    assert "This document was already requested" in again.content.decode()
