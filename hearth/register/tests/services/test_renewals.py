"""The yearly renewal: reminders 28 days before, cancelling 8 weeks after, renewing moves the
date a year on. Time is frozen so the boundary days are exact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.tests.factories import ApplicantFactory
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.models import AuditEvent
from hearth.register import tasks
from hearth.register.models import Application, Message, StatusChange
from hearth.register.rules import lifecycle
from hearth.register.services.renewals import application_renew, next_renewal_on, renewal_open
from hearth.register.tests.factories import ApplicationFactory, HouseholdFactory

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 7, 1)


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=clock.LONDON)


def make(*, status: str = lifecycle.ACTIVE, due: dt.date = DUE, **extra) -> Application:
    household = HouseholdFactory(applicant=ApplicantFactory(), application=None)
    with clock.clock_frozen_at(noon(dt.date(2025, 7, 1))):
        return ApplicationFactory(household=household, status=status, renewal_due_on=due, **extra)


def test_the_reminder_goes_28_days_before_and_only_once(django_capture_on_commit_callbacks) -> None:
    # given an application due for renewal on 1 July
    application = make()
    # when the job runs the day before the reminder window opens, nothing happens
    with clock.clock_frozen_at(noon(DUE - dt.timedelta(days=29))):
        assert tasks.renewals_remind() == 0
    # then on the 28th day before, a message and an email go out
    with (
        clock.clock_frozen_at(noon(DUE - dt.timedelta(days=28))),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.renewals_remind() == 1
        assert tasks.renewals_remind() == 0  # a second run the same day
    application.refresh_from_db()
    assert application.renewal_reminded_on == DUE - dt.timedelta(days=28)
    message = Message.objects.get(application=application)
    assert "renewal" in message.body and "1 July 2026" in message.body
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.household.applicant.email]
    assert AuditEvent.objects.filter(verb="application.renewal_reminded").count() == 1
    # and the next day nothing more
    with clock.clock_frozen_at(noon(DUE - dt.timedelta(days=27))):
        assert tasks.renewals_remind() == 0


def test_an_overdue_application_never_reminded_is_reminded() -> None:
    make(due=DUE)
    with clock.clock_frozen_at(noon(DUE + dt.timedelta(days=10))):
        assert tasks.renewals_remind() == 1


def test_closed_and_undecided_applications_are_not_reminded() -> None:
    make(status=lifecycle.CANCELLED, cancelled_on=DUE)
    make(status=lifecycle.SUBMITTED)
    with clock.clock_frozen_at(noon(DUE)):
        assert tasks.renewals_remind() == 0


def test_last_years_reminder_does_not_count_for_this_year() -> None:
    application = make(renewal_reminded_on=DUE - dt.timedelta(days=365 + 28))
    with clock.clock_frozen_at(noon(DUE - dt.timedelta(days=5))):
        assert tasks.renewals_remind() == 1
    application.refresh_from_db()
    assert application.renewal_reminded_on == DUE - dt.timedelta(days=5)


def test_cancelled_8_weeks_after_the_renewal_date_keeping_the_dates() -> None:
    # given an application not renewed, registered and activated long ago
    application = make(activated_on=dt.date(2023, 5, 2))
    registered = application.household.registration_date
    cancel_day = lifecycle.renewal_cancel_on(DUE)
    assert cancel_day == DUE + dt.timedelta(days=56)
    # when the job runs the day before the 8 weeks are up, nothing happens
    with clock.clock_frozen_at(noon(cancel_day - dt.timedelta(days=1))):
        assert tasks.renewals_cancel() == 0
    # then on the day, it is cancelled for "renewal", with notice, by the system
    with clock.clock_frozen_at(noon(cancel_day)):
        assert tasks.renewals_cancel() == 1
        assert tasks.renewals_cancel() == 0
    application.refresh_from_db()
    assert application.status == lifecycle.CANCELLED
    assert application.cancel_reason == "renewal" and application.cancelled_on == cancel_day
    assert application.activated_on == dt.date(2023, 5, 2)
    assert application.household.registration_date == registered
    change = StatusChange.objects.get(application=application)
    assert change.changed_by is None and change.to_status == lifecycle.CANCELLED
    notice = Message.objects.get(application=application)
    assert "6 months" in notice.body and "reinstate" in notice.body
    assert lifecycle.reinstatement_allowed(application.cancelled_on, cancel_day)


def test_under_offer_is_not_cancelled_and_a_reinstated_one_is_left_alone() -> None:
    make(status=lifecycle.UNDER_OFFER)
    cancel_day = lifecycle.renewal_cancel_on(DUE)
    with clock.clock_frozen_at(noon(cancel_day + dt.timedelta(days=3))):
        reinstated = ApplicationFactory(renewal_due_on=DUE)  # status changed today
        assert tasks.renewals_cancel() == 0
    reinstated.refresh_from_db()
    assert reinstated.status == lifecycle.ACTIVE


def test_renewing_moves_the_date_a_year_on() -> None:
    application = make()
    me = Actor(user=application.household.applicant, scheme=None)
    with clock.clock_frozen_at(noon(DUE - dt.timedelta(days=29))):
        assert not renewal_open(application, clock.today())
        with pytest.raises(ValidationError):
            application_renew(actor=me, application=application)
    with clock.clock_frozen_at(noon(DUE - dt.timedelta(days=28))):
        assert application_renew(actor=me, application=application) == DUE + dt.timedelta(365)
    application.refresh_from_db()
    assert application.renewal_due_on == DUE + dt.timedelta(days=365)
    assert AuditEvent.objects.filter(verb="application.renewed").exists()


def test_renewing_late_keeps_the_anniversary() -> None:
    assert next_renewal_on(DUE, DUE + dt.timedelta(days=20)) == DUE + dt.timedelta(days=365)
    assert next_renewal_on(DUE, DUE + dt.timedelta(days=400)) == DUE + dt.timedelta(days=730)


def test_someone_else_cannot_renew() -> None:
    application = make()
    stranger = Actor(user=ApplicantFactory(), scheme=None)
    with clock.clock_frozen_at(noon(DUE)), pytest.raises(PermissionDenied):
        application_renew(actor=stranger, application=application)
