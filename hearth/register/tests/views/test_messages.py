"""The message pages: the applicant's list and thread with reply; the officer writing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import User
from hearth.accounts.tests.factories import ApplicantFactory, staff_member
from hearth.core.access.roles import Role
from hearth.core.tests.submission_support import with_token
from hearth.register.models import Application, CircumstanceChange, Message
from hearth.register.services.messages import BODY_MAX
from hearth.register.tests.factories import (
    CircumstanceChangeFactory,
    HouseholdFactory,
    MessageFactory,
)
from hearth.register.tests.services.test_account import policy_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def application() -> Application:
    return HouseholdFactory(applicant=ApplicantFactory()).application


@pytest.fixture
def applicant(client: Client, application: Application) -> User:
    user = application.household.applicant
    client.force_login(user)
    return user


@pytest.fixture
def officer(client: Client, application: Application) -> User:
    user = staff_member(application.household.council, [Role.REGISTER_OFFICER]).user
    client.force_login(user)
    return user


def test_the_message_list_in_few_queries(
    client: Client, applicant: User, application: Application, django_assert_max_num_queries
) -> None:
    for number in range(15):
        first = MessageFactory(application=application, subject=f"Subject {number}")
        MessageFactory(application=application, reply_to=first, from_applicant=True)
    MessageFactory(subject="Someone else's")
    with django_assert_max_num_queries(11):  # 1 of them the header's unread count
        page = client.get(reverse("register:messages")).content.decode()
    # One link per thread (the header's "Messages" link is /account/messages/ itself).
    assert page.count('href="/account/messages/') - page.count('href="/account/messages/"') == 15
    assert "Someone else" not in page


def test_the_list_when_there_are_none(client: Client, applicant: User) -> None:
    assert "You have no messages" in client.get(reverse("register:messages")).content.decode()


def test_reading_a_thread_marks_it_read(
    client: Client, applicant: User, application: Application
) -> None:
    first = MessageFactory(application=application, body="Please call us.")
    page = client.get(reverse("register:message", args=[first.pk])).content.decode()
    assert "Please call us." in page
    first.refresh_from_db()
    assert first.read_at is not None


def test_replying(client: Client, applicant: User, application: Application) -> None:
    first = MessageFactory(application=application)
    url = reverse("register:message", args=[first.pk])
    response = client.post(url, with_token({"body": "I will call tomorrow."}))
    assert response["Location"] == url
    reply = Message.objects.get(reply_to=first)
    assert reply.from_applicant and reply.body == "I will call tomorrow."
    assert "I will call tomorrow." in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("body", "error"),
    [("", "Enter your reply"), ("x" * (BODY_MAX + 1), f"{BODY_MAX} characters or fewer")],
)
def test_a_bad_reply_is_explained_and_kept(
    client: Client, applicant: User, application: Application, body: str, error: str
) -> None:
    first = MessageFactory(application=application)
    response = client.post(reverse("register:message", args=[first.pk]), with_token({"body": body}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and error in page
    assert not Message.objects.filter(reply_to=first).exists()


def test_someone_elses_thread_is_not_found(client: Client, applicant: User) -> None:
    other = MessageFactory()
    assert client.get(reverse("register:message", args=[other.pk])).status_code == 404


def test_an_officer_writes_to_the_applicant(
    client: Client, officer: User, application: Application, django_capture_on_commit_callbacks
) -> None:
    url = reverse("register:message_new", args=[application.pk])
    assert "Write to the applicant" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, with_token({"subject": "Your form", "body": "Please sign page 3."})
        )
    assert response.status_code == 302
    message = Message.objects.get(application=application)
    assert message.author == officer and not message.from_applicant
    assert len(mail.outbox) == 1


def test_an_officer_answers_a_thread(
    client: Client, officer: User, application: Application
) -> None:
    first = MessageFactory(application=application, subject="Medical form")
    reply = MessageFactory(application=application, reply_to=first, from_applicant=True)
    url = reverse("register:message_new", args=[application.pk]) + f"?reply_to={first.pk}"
    page = client.get(url).content.decode()
    assert "Re: Medical form" in page
    client.post(url, with_token({"subject": "Re: Medical form", "body": "Thanks, received."}))
    answer = Message.objects.get(body="Thanks, received.")
    assert answer.reply_to == first
    reply.refresh_from_db()
    assert reply.read_at is not None


def test_an_officer_message_with_errors(
    client: Client, officer: User, application: Application
) -> None:
    url = reverse("register:message_new", args=[application.pk])
    page = client.post(url, with_token({"subject": "Kept subject", "body": ""})).content.decode()
    assert "Enter your message" in page and "Kept subject" in page
    assert not Message.objects.exists()


def test_the_change_page_reassesses(
    client: Client, officer: User, application: Application
) -> None:
    policy_for(application.household.council)
    change = CircumstanceChangeFactory(application=application, summary="New baby")
    url = reverse("register:change_assessed", args=[application.pk, change.pk])
    page = client.get(url).content.decode()
    assert "New baby" in page and "Reassess now" in page
    response = client.post(url)
    assert response["Location"] == url
    change.refresh_from_db()
    assert change.status == "assessed" and change.assessed_by == officer
    page = client.get(url).content.decode()
    assert "Reassess now" not in page and "Reassessed" in page


def test_the_change_page_explains_a_missing_policy(
    client: Client, officer: User, application: Application
) -> None:
    change = CircumstanceChangeFactory(application=application)
    url = reverse("register:change_assessed", args=[application.pk, change.pk])
    response = client.post(url)
    assert response.status_code == 400
    assert "no allocation policy in force" in response.content.decode()
    assert CircumstanceChange.objects.get().status == "open"


def test_a_change_of_another_application_is_not_found(
    client: Client, officer: User, application: Application
) -> None:
    other = CircumstanceChangeFactory(application__household__council=application.household.council)
    url = reverse("register:change_assessed", args=[application.pk, other.pk])
    assert client.get(url).status_code == 404
