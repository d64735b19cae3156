"""Reminders about documents due: once, 7 days ahead, as a message and an email; never for a
request that is no longer needed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings

from hearth.core import clock
from hearth.core.models import AuditEvent
from hearth.register.models import (
    ApplicationStatus,
    EvidenceRequest,
    EvidenceRequestStatus,
    Message,
)
from hearth.register.services import evidence
from hearth.register.services.evidence import evidence_reminders_send, evidence_request_cancel
from hearth.register.tasks import evidence_reminders
from hearth.register.tests.factories import EvidenceRequestFactory
from hearth.register.tests.services.test_evidence import NOW, TODAY, application_of, officer

pytestmark = pytest.mark.django_db


def due_in(days: int, **fields: Any) -> Any:
    application = fields.pop("application", None) or application_of()
    return EvidenceRequestFactory(
        application=application,
        requested_on=TODAY - dt.timedelta(days=30),
        due_on=TODAY + dt.timedelta(days=days),
        **fields,
    )


def test_a_request_due_within_7_days_is_reminded_once_by_message_and_email(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    # Given requests due in 7, 3 and 8 days, and one reminded already
    seven, three, eight = due_in(7), due_in(3), due_in(8)
    reminded = due_in(5, reminded_on=TODAY - dt.timedelta(days=2))
    # When the daily job runs, twice
    with django_capture_on_commit_callbacks(execute=True):
        sent = evidence_reminders_send(on_date=TODAY)
        again = evidence_reminders_send(on_date=TODAY)
    # Then the 7- and 3-day ones are reminded, once each
    assert (sent, again) == (2, 0)
    for request in (seven, three, eight, reminded):
        request.refresh_from_db()
    assert seven.reminded_on == TODAY and three.reminded_on == TODAY
    assert eight.reminded_on is None
    assert reminded.reminded_on == TODAY - dt.timedelta(days=2)
    # And each applicant has a message saying what happens if they are late, and an email
    message = Message.objects.get(application=seven.application)
    assert message.subject == "Reminder: send us proof of identity"
    assert "may cancel your application" in message.body
    assert len(mailoutbox) == 2
    assert {m.to[0] for m in mailoutbox} == {
        seven.application.household.applicant.email,
        three.application.household.applicant.email,
    }
    # The email carries no personal details: it sends the applicant to their account
    assert "passport" not in mailoutbox[0].body
    assert AuditEvent.objects.filter(verb="evidence.reminded").count() == 2


def test_late_received_and_closed_requests_are_not_reminded_nor_cancelled() -> None:
    # Given an overdue request, a received one and one on a cancelled application
    late = due_in(-1)
    received = due_in(2, status=EvidenceRequestStatus.RECEIVED)
    cancelled = application_of(ApplicationStatus.CANCELLED, cancelled_on=TODAY)
    closed = due_in(2, application=cancelled)
    # When the job runs
    assert evidence_reminders_send(on_date=TODAY) == 0
    # Then nothing is reminded, and the late application is left for an officer to decide
    late.application.refresh_from_db()
    assert late.application.status == ApplicationStatus.SUBMITTED
    for request in (late, received, closed):
        request.refresh_from_db()
        assert request.reminded_on is None


def test_a_household_without_an_account_gets_the_message_but_no_email(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    application = application_of()
    application.household.applicant = None
    application.household.save()
    due_in(4, application=application)
    with django_capture_on_commit_callbacks(execute=True):
        assert evidence_reminders_send(on_date=TODAY) == 1
    assert Message.objects.filter(application=application).count() == 1
    assert mailoutbox == []


def test_the_daily_task_is_scheduled_and_uses_today() -> None:
    # Given a request due in a week
    request = due_in(7)
    # When the scheduled task runs today
    assert any(
        entry["task"] == "register.evidence_reminders"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    with clock.clock_frozen_at(NOW):
        assert evidence_reminders.delay().get() == 1
    # Then the request is reminded
    request.refresh_from_db()
    assert request.reminded_on == TODAY


def test_a_cancelled_request_is_never_reminded() -> None:
    # Given a request due in 3 days that an officer has said is no longer needed
    request = due_in(3)
    evidence_request_cancel(
        actor=officer(request.application), request=request, reason="We have it already"
    )
    # When the job runs
    assert evidence_reminders_send(on_date=TODAY) == 0
    # Then it is not reminded, and the only message is the one saying it is not needed
    request.refresh_from_db()
    assert request.reminded_on is None
    assert list(Message.objects.values_list("subject", flat=True)) == [
        "We no longer need proof of identity"
    ]


def test_a_request_cancelled_while_the_job_runs_is_skipped(monkeypatch: Any) -> None:
    # Given two requests due this week, the second cancelled just after the job read the list
    first, second = due_in(2), due_in(5)
    tell = evidence._applicant_tell

    def tell_then_cancel(**kwargs: Any) -> Message:
        EvidenceRequest.objects.filter(pk=second.pk).update(
            status=EvidenceRequestStatus.CANCELLED,
            cancelled_at=NOW,
            cancel_reason="Not needed",
        )
        return tell(**kwargs)

    monkeypatch.setattr(evidence, "_applicant_tell", tell_then_cancel)
    # When the job runs
    sent = evidence_reminders_send(on_date=TODAY)
    # Then only the first is reminded
    assert sent == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.reminded_on == TODAY
    assert second.reminded_on is None
