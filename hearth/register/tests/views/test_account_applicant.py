"""The applicant's account pages: the dashboard, report a change, renew, cancel, bids."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import User
from hearth.accounts.tests.factories import ApplicantFactory
from hearth.core import clock
from hearth.core.tests.submission_support import with_token
from hearth.register.models import Application, Assessment, CircumstanceChange
from hearth.register.rules import lifecycle
from hearth.register.tests.factories import (
    DecisionFactory,
    EvidenceRequestFactory,
    HouseholdFactory,
    MessageFactory,
)
from hearth.register.tests.services.test_account import policy_for

pytestmark = pytest.mark.django_db
HOME = "/account/"


@pytest.fixture
def applicant(client: Client) -> User:
    user = ApplicantFactory()
    client.force_login(user)
    return user


def mine(user: User, **application: object) -> Application:
    return HouseholdFactory(
        applicant=user, **{f"application__{k}": v for k, v in application.items()}
    ).application


def test_no_application_offers_to_apply(client: Client, applicant: User) -> None:
    page = client.get(HOME).content.decode()
    assert "You have not applied to join the housing register yet." in page


def test_the_dashboard_shows_status_band_date_bedrooms_and_tasks(
    client: Client, applicant: User, django_assert_max_num_queries
) -> None:
    # given an active application with a band C assessment, documents due and messages
    application = mine(applicant, renewal_due_on=clock.today() + dt.timedelta(days=10))
    policy = policy_for(application.household.council)
    Assessment.objects.create(
        household=application.household,
        policy_version=policy,
        assessed_on=clock.today(),
        qualifies=True,
        status="qualifies",
        band="C",
        priority_date=dt.date(2024, 4, 1),
        bedroom_need=2,
        local_connection=True,
    )
    EvidenceRequestFactory(application=application, description="Your payslips.")
    EvidenceRequestFactory(
        application=application,
        requested_on=clock.today() - dt.timedelta(days=40),
        due_on=clock.today() - dt.timedelta(days=2),
    )
    for _ in range(5):
        MessageFactory(application=application)
    DecisionFactory(application=application)
    # when the applicant opens their account
    with django_assert_max_num_queries(15):  # 1 of them the header's unread message count
        page = client.get(HOME).content.decode()
    # then they see where they stand and what to do
    assert "On the housing register" in page
    assert lifecycle.STATUS_TEXT["active"].meaning in page
    assert application.household.reference in page
    assert "Band C" in page and "1 April 2024" in page and "2 bedrooms" in page
    assert "Your payslips." in page and "Overdue" in page
    assert "Renew your application" in page and reverse("register:renew") in page
    assert "5 unread messages" in page
    assert "Cancel my application" in page and "Report a change" in page
    assert reverse("lettings:bids") in page


def test_the_dashboard_says_how_to_contact_the_council(client: Client, applicant: User) -> None:
    # given an application with a council that has set its contact details
    application = mine(applicant)
    council = application.household.council
    council.contact_phone = "01632 960 123"
    council.contact_email = "housing@example.org"
    council.contact_hours = "Monday to Friday, 9am to 5pm"
    council.postal_address = "Civic Centre\n1 Market Street"
    council.save()
    # when the applicant opens their account
    page = client.get(HOME).content.decode()
    # then they can phone, email or write to that council
    assert f"Contact {council.name}" in page
    assert 'href="tel:01632960123"' in page and "01632 960 123" in page
    assert 'href="mailto:housing@example.org"' in page
    assert "Monday to Friday, 9am to 5pm" in page
    assert "Civic Centre<br>1 Market Street" in page


def test_no_contact_block_without_contact_details(client: Client, applicant: User) -> None:
    # given a council with no contact details set
    application = mine(applicant)
    # when the applicant opens their account
    page = client.get(HOME).content.decode()
    # then there is no empty contact section
    assert f"Contact {application.household.council.name}" not in page


def test_a_draft_asks_to_finish_and_hides_the_band(client: Client, applicant: User) -> None:
    mine(applicant, status=lifecycle.DRAFT, submitted_at=None, renewal_due_on=None)
    page = client.get(HOME).content.decode()
    assert "Finish your application" in page
    assert "Bedrooms you need" not in page
    assert "Report a change" not in page


@pytest.mark.parametrize("status", lifecycle.STATUSES)
def test_every_status_is_explained(client: Client, applicant: User, status: str) -> None:
    extra = {"cancelled_on": clock.today()} if status == lifecycle.CANCELLED else {}
    mine(applicant, status=status, **extra)
    page = client.get(HOME).content.decode()
    assert lifecycle.STATUS_TEXT[status].label in page
    assert ("Cancel my application" in page) == (
        lifecycle.CANCELLED in lifecycle.TRANSITIONS[status]
    )


def test_report_a_change(client: Client, applicant: User) -> None:
    application = mine(applicant)
    response = client.post(
        reverse("register:change_report"),
        with_token({"sections": ["people", "money"], "summary": "My partner moved in."}),
    )
    assert response["Location"] == reverse("register:change_sent")
    change = CircumstanceChange.objects.get(application=application)
    assert change.sections == ["people", "money"] and change.status == "open"
    page = client.get(response["Location"]).content.decode()
    assert "reassess" in page and "documents" in page


def test_a_change_with_nothing_chosen_keeps_what_was_typed(client: Client, applicant: User) -> None:
    mine(applicant)
    response = client.post(reverse("register:change_report"), with_token({"summary": "Kept text"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Select what has changed" in page
    assert "Kept text" in page
    assert not CircumstanceChange.objects.exists()


def test_renewing_with_no_changes(client: Client, applicant: User) -> None:
    due = clock.today() + dt.timedelta(days=5)
    application = mine(applicant, renewal_due_on=due)
    page = client.post(reverse("register:renew"), {}).content.decode()
    assert "Select yes if anything has changed" in page
    response = client.post(reverse("register:renew"), {"changed": "no"})
    assert response["Location"] == reverse("register:renewed")
    application.refresh_from_db()
    assert application.renewal_due_on == due + dt.timedelta(days=365)
    assert "Your application is renewed" in client.get(response["Location"]).content.decode()


def test_renewing_with_changes_goes_to_report_a_change(client: Client, applicant: User) -> None:
    due = clock.today() + dt.timedelta(days=5)
    application = mine(applicant, renewal_due_on=due)
    response = client.post(reverse("register:renew"), {"changed": "yes"})
    assert response["Location"] == reverse("register:change_report")
    application.refresh_from_db()
    assert application.renewal_due_on == due


def test_renewal_not_due_yet(client: Client, applicant: User) -> None:
    application = mine(applicant, renewal_due_on=clock.today() + dt.timedelta(days=90))
    page = client.get(reverse("register:renew")).content.decode()
    assert "You do not need to renew yet" in page
    client.post(reverse("register:renew"), {"changed": "no"})
    application.refresh_from_db()
    assert application.renewal_due_on == clock.today() + dt.timedelta(days=90)


def test_cancelling(client: Client, applicant: User) -> None:
    application = mine(applicant)
    page = client.post(reverse("register:cancel"), {"reason": "moved_away"}).content.decode()
    assert "Select yes if you want to cancel your application" in page
    response = client.post(reverse("register:cancel"), {"reason": "moved_away", "confirm": "no"})
    assert response["Location"] == HOME
    application.refresh_from_db()
    assert application.status == lifecycle.ACTIVE
    response = client.post(reverse("register:cancel"), {"reason": "moved_away", "confirm": "yes"})
    assert response["Location"] == reverse("register:cancelled")
    application.refresh_from_db()
    assert application.status == lifecycle.CANCELLED and application.cancel_reason == "applicant"
    assert "Your application is cancelled" in client.get(response["Location"]).content.decode()


def test_cannot_cancel_under_offer(client: Client, applicant: User) -> None:
    application = mine(applicant, status=lifecycle.UNDER_OFFER)
    page = client.post(
        reverse("register:cancel"), {"reason": "other", "confirm": "yes"}
    ).content.decode()
    assert "You cannot cancel your application online" in page
    application.refresh_from_db()
    assert application.status == lifecycle.UNDER_OFFER


@pytest.mark.parametrize("name", ["change_report", "renew", "cancel"])
def test_pages_needing_an_application_send_you_home_without_one(
    client: Client, applicant: User, name: str
) -> None:
    assert client.get(reverse(f"register:{name}"))["Location"] == HOME
