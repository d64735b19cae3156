"""Messages between officers and applicants: the service, the selectors and the officer panel."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.register.models import Application, Message
from hearth.register.selectors.messages import (
    message_thread_get,
    message_threads,
    messages_panel,
    messages_unread_count,
)
from hearth.register.services.messages import BODY_MAX, message_send, message_thread_read
from hearth.register.tests.factories import HouseholdFactory, MessageFactory

pytestmark = pytest.mark.django_db


def applicant_actor(user) -> Actor:
    return Actor(user=user, scheme=None)


@pytest.fixture
def application() -> Application:
    household = HouseholdFactory(applicant=ApplicantFactory(email="sam@example.org"))
    return household.application


@pytest.fixture
def officer(application: Application) -> Actor:
    return actor_for(staff_member(application.household.council, [Role.REGISTER_OFFICER]))


def test_an_officer_writes_and_the_applicant_is_emailed_without_details(
    application: Application, officer: Actor, django_capture_on_commit_callbacks
) -> None:
    # given an officer of the applicant's council
    # when they write to the applicant
    with django_capture_on_commit_callbacks(execute=True):
        message = message_send(
            actor=officer,
            application=application,
            subject="Your medical form",
            body="Please send the medical form about your asthma.",
        )
    # then the message is in the account, audited, and a short email says it is waiting
    assert not message.from_applicant and message.author == officer.user
    assert AuditEvent.objects.filter(verb="message.sent", object_id=str(message.pk)).exists()
    (email,) = mail.outbox
    assert email.to == ["sam@example.org"]
    assert "sign in" in email.body.lower()
    assert "asthma" not in email.body and "medical" not in email.subject.lower()
    assert application.household.reference not in email.body


def test_the_applicant_replies_in_the_thread_and_nobody_is_emailed(
    application: Application, officer: Actor, django_capture_on_commit_callbacks
) -> None:
    first = message_send(actor=officer, application=application, subject="Hello", body="Hi")
    me = applicant_actor(application.household.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        reply = message_send(
            actor=me, application=application, subject="", body="Thanks", reply_to=first
        )
    assert reply.from_applicant and reply.reply_to == first
    assert reply.subject == "Re: Hello"
    first.refresh_from_db()
    assert first.read_at is not None  # answering it means it was read
    assert mail.outbox == []


def test_a_reply_to_a_reply_joins_the_first_message(
    application: Application, officer: Actor
) -> None:
    first = MessageFactory(application=application)
    reply = MessageFactory(application=application, reply_to=first, from_applicant=True)
    answer = message_send(
        actor=officer, application=application, subject="Re", body="Ok", reply_to=reply
    )
    assert answer.reply_to == first


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [("Hello", "   ", "body"), ("", "Hi", "subject"), ("Hello", "x" * (BODY_MAX + 1), "body")],
)
def test_empty_or_long_messages_are_refused(
    application: Application, officer: Actor, subject: str, body: str, field: str
) -> None:
    with pytest.raises(ValidationError) as problem:
        message_send(actor=officer, application=application, subject=subject, body=body)
    assert field in problem.value.error_dict
    assert not Message.objects.exists()


def test_only_the_owner_and_the_councils_assessing_officers_may_write(
    application: Application,
) -> None:
    stranger = applicant_actor(ApplicantFactory())
    viewer = actor_for(staff_member(application.household.council, [Role.LETTINGS_OFFICER]))
    away = actor_for(staff_member(roles=[Role.REGISTER_OFFICER]))
    for actor in (stranger, viewer, away):
        with pytest.raises(PermissionDenied):
            message_send(actor=actor, application=application, subject="S", body="B")


def test_a_reply_to_another_applications_message_is_refused(
    application: Application, officer: Actor
) -> None:
    elsewhere = MessageFactory()
    with pytest.raises(PermissionDenied):
        message_send(
            actor=officer, application=application, subject="S", body="B", reply_to=elsewhere
        )


def test_threads_newest_first_with_unread_counts(application: Application) -> None:
    me = applicant_actor(application.household.applicant)
    old = MessageFactory(application=application, sent_at="2026-01-01T10:00Z")
    new = MessageFactory(application=application, sent_at="2026-02-01T10:00Z")
    MessageFactory(application=application, reply_to=old, sent_at="2026-03-01T10:00Z", read_at=None)
    MessageFactory(application=application, reply_to=old, from_applicant=True)
    threads = message_threads(actor=me, application=application)
    assert [t.first for t in threads] == [old, new]
    assert [t.unread for t in threads] == [2, 1]
    assert messages_unread_count(actor=me, application=application) == 3
    # reading marks only the council's messages in that thread
    assert message_thread_read(actor=me, message=old) == 2
    assert messages_unread_count(actor=me, application=application) == 1


def test_a_thread_is_found_only_by_its_owner(application: Application) -> None:
    first = MessageFactory(application=application)
    reply = MessageFactory(application=application, reply_to=first)
    me = applicant_actor(application.household.applicant)
    assert message_thread_get(actor=me, pk=reply.pk).first == first
    with pytest.raises(Http404):
        message_thread_get(actor=applicant_actor(ApplicantFactory()), pk=first.pk)
    with pytest.raises(Http404):
        message_thread_get(actor=me, pk="not-a-uuid")


def test_the_officer_panel_flags_unread_replies_in_few_queries(
    application: Application, officer: Actor, django_assert_max_num_queries
) -> None:
    for _ in range(12):
        first = MessageFactory(application=application)
        MessageFactory(application=application, reply_to=first, from_applicant=True)
    with django_assert_max_num_queries(3):
        panel = messages_panel(actor=officer, application=application)
    assert panel["message_unread_replies"] == 12
    assert len(panel["message_threads"]) == 10 and panel["message_threads_more"] == 2
    assert panel["message_new_url"].endswith(f"/applications/{application.pk}/messages/new/")


def test_the_panel_is_empty_for_another_council(application: Application) -> None:
    away = actor_for(staff_member(roles=[Role.REGISTER_OFFICER]))
    assert messages_panel(actor=away, application=application) == {}


def test_a_viewer_sees_the_panel_but_cannot_write(application: Application) -> None:
    viewer = actor_for(staff_member(application.household.council, [Role.LETTINGS_OFFICER]))
    MessageFactory(application=application)
    panel = messages_panel(actor=viewer, application=application)
    assert len(panel["message_threads"]) == 1
    assert panel["message_new_url"] == ""
