"""The application lifecycle rules (pure) and the one service that moves an application."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.register.models import ApplicationStatus, StatusChange
from hearth.register.rules import lifecycle
from hearth.register.services.lifecycle import application_status_change, application_status_move
from hearth.register.tests.factories import ApplicationFactory

LONDON_NOON = dt.datetime(2026, 6, 15, 12, tzinfo=clock.LONDON)


def test_every_status_has_a_meaning_and_its_transitions() -> None:
    # Given the statuses the model allows
    # Then the lifecycle knows each one, explains it, and names only real statuses as next steps
    assert set(lifecycle.STATUSES) == set(ApplicationStatus.values)
    assert set(lifecycle.TRANSITIONS) == set(lifecycle.STATUSES)
    assert set(lifecycle.STATUS_TEXT) == set(lifecycle.STATUSES)
    for following in lifecycle.TRANSITIONS.values():
        assert following <= set(lifecycle.STATUSES)


def test_the_statuses_are_defined_once_and_the_model_uses_them() -> None:
    # The model's status, its history and the staff search all take the lifecycle's list
    from hearth.register.forms.workspace import RegisterSearchForm
    from hearth.register.models import Application

    assert ApplicationStatus is lifecycle.ApplicationStatus
    assert tuple(ApplicationStatus.values) == lifecycle.STATUSES
    for name in ("status", "status_before"):
        assert Application._meta.get_field(name).choices == ApplicationStatus.choices
    assert StatusChange._meta.get_field("to_status").choices == ApplicationStatus.choices
    assert RegisterSearchForm.base_fields["status"].choices[1:] == ApplicationStatus.choices


@pytest.mark.parametrize(
    ("current", "wanted", "allowed"),
    [
        ("draft", "submitted", True),
        ("draft", "active", False),
        ("submitted", "active", True),
        ("submitted", "pending_documents", True),
        ("pending_documents", "submitted", True),
        ("active", "suspended", True),
        ("active", "under_review", False),  # a review of an accepted decision keeps it active
        ("not_qualifying", "under_review", True),
        ("not_qualifying", "active", True),  # a fresh decision after circumstances change
        ("not_qualifying", "suspended", False),
        ("under_review", "active", True),
        ("suspended", "active", True),
        ("under_offer", "housed", True),
        ("housed", "active", False),  # housed is final
        ("cancelled", "active", True),  # reinstatement
        ("cancelled", "submitted", False),
    ],
)
def test_transitions(current: str, wanted: str, allowed: bool) -> None:
    if allowed:
        lifecycle.transition_check(current, wanted)
    else:
        with pytest.raises(lifecycle.TransitionError) as refused:
            lifecycle.transition_check(current, wanted)
        assert "cannot become" in refused.value.message


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(lifecycle.TransitionError, match="not an application status"):
        lifecycle.transition_check("active", "lost")


@pytest.mark.parametrize(
    ("days_ago", "allowed"), [(0, True), (183, True), (184, False), (400, False)]
)
def test_reinstatement_within_six_months(days_ago: int, allowed: bool) -> None:
    today = dt.date(2026, 6, 15)
    cancelled = today - dt.timedelta(days=days_ago)
    assert lifecycle.reinstatement_allowed(cancelled, today) is allowed


def test_never_cancelled_cannot_be_reinstated() -> None:
    assert not lifecycle.reinstatement_allowed(None, dt.date(2026, 6, 15))


def test_an_unrenewed_application_is_cancelled_eight_weeks_after_the_renewal_date() -> None:
    assert lifecycle.renewal_cancel_on(dt.date(2026, 1, 1)) == dt.date(2026, 2, 26)


@pytest.mark.django_db
def test_a_move_is_recorded_in_the_history_and_the_audit_log() -> None:
    # Given an active application and a register officer of its council
    application = ApplicationFactory()
    officer = actor_for(staff_member(application.household.council, [Role.REGISTER_OFFICER]))
    # When the application is suspended
    with clock.clock_frozen_at(LONDON_NOON), transaction.atomic():
        change = application_status_move(
            actor=officer, application=application, to="suspended", reason="Rent arrears"
        )
    # Then the status, the history row and the audit event all say so
    application.refresh_from_db()
    assert application.status == "suspended"
    assert application.status_before == "active"
    assert application.status_changed_at == LONDON_NOON
    assert (change.from_status, change.to_status, change.reason) == (
        "active",
        "suspended",
        "Rent arrears",
    )
    event = AuditEvent.objects.get(verb="application.status_changed")
    assert event.changes == {
        "status": {"before": "active", "after": "suspended"},
        "context": {"reason": "Rent arrears"},
    }
    assert event.organisation == application.household.council


@pytest.mark.django_db(transaction=True)
def test_a_move_outside_a_transaction_is_refused() -> None:
    application = ApplicationFactory()
    with pytest.raises(RuntimeError):
        application_status_move(
            actor=Actor(user=None, scheme=None), application=application, to="suspended"
        )


@pytest.mark.django_db
def test_cancelling_records_the_date_and_reason_and_reinstating_clears_them() -> None:
    # Given an active application, cancelled because the renewal was not returned
    application = ApplicationFactory()
    officer = actor_for(staff_member(application.household.council, [Role.REGISTER_OFFICER]))
    registered = application.household.registration_date
    with clock.clock_frozen_at(LONDON_NOON), transaction.atomic():
        application_status_move(
            actor=officer, application=application, to="cancelled", cancel_reason="renewal"
        )
    assert (application.cancelled_on, application.cancel_reason) == (
        LONDON_NOON.date(),
        "renewal",
    )
    # When an officer reinstates it within six months
    with clock.clock_frozen_at(LONDON_NOON + dt.timedelta(days=30)):
        application_status_change(
            actor=officer, application=application, to="active", reason="Renewal form arrived"
        )
    # Then it is active again, keeping its registration date
    application.refresh_from_db()
    assert application.status == "active"
    assert (application.cancelled_on, application.cancel_reason) == (None, "")
    assert application.household.registration_date == registered


@pytest.mark.django_db
def test_an_application_cancelled_over_six_months_ago_cannot_be_reinstated() -> None:
    application = ApplicationFactory(
        status="cancelled", cancelled_on=dt.date(2025, 1, 1), cancel_reason="applicant"
    )
    officer = actor_for(staff_member(application.household.council, [Role.REGISTER_OFFICER]))
    with pytest.raises(lifecycle.TransitionError, match="more than 6 months"):
        application_status_change(
            actor=officer,
            application=application,
            to="active",
            reason="Asked again",
            on_date=dt.date(2026, 6, 15),
        )
    assert not StatusChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("to", "reason", "message"),
    [
        ("suspended", "  ", "Give a reason"),
        ("submitted", "Because", "cannot set that status"),
        ("under_review", "Because", "cannot set that status"),
    ],
)
def test_the_officer_change_needs_a_reason_and_an_officer_settable_status(
    to: str, reason: str, message: str
) -> None:
    application = ApplicationFactory()
    officer = actor_for(staff_member(application.household.council, [Role.REGISTER_OFFICER]))
    with pytest.raises(lifecycle.TransitionError, match=message):
        application_status_change(actor=officer, application=application, to=to, reason=reason)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.LETTINGS_OFFICER, Role.POLICY_ADMIN, Role.COUNCIL_ADMIN])
def test_only_officers_who_assess_may_change_a_status(role: Role) -> None:
    application = ApplicationFactory()
    someone = actor_for(staff_member(application.household.council, [role]))
    with pytest.raises(PermissionDenied):
        application_status_change(
            actor=someone, application=application, to="suspended", reason="Because"
        )


@pytest.mark.django_db
def test_officers_of_another_council_may_not_change_a_status() -> None:
    application = ApplicationFactory()
    elsewhere = actor_for(staff_member(roles=[Role.REGISTER_OFFICER]))
    with pytest.raises(PermissionDenied):
        application_status_change(
            actor=elsewhere, application=application, to="suspended", reason="Because"
        )
