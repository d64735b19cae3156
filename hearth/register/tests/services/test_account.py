"""Reporting a change, reassessing after it, and the applicant cancelling their application."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent, Organisation
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Application, CircumstanceChange, StatusChange
from hearth.register.rules import lifecycle
from hearth.register.services.account import (
    application_cancel,
    circumstance_change_assess,
    circumstance_change_report,
)
from hearth.register.services.assessment_reassess import NoPolicyInForceError
from hearth.register.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def policy_for(council: Organisation) -> PolicyVersion:
    text = example_policy_texts()["marshvale-city"]
    return PolicyVersion.objects.create(
        council=council,
        number=1,
        status=PolicyStatus.PUBLISHED,
        title="Allocation scheme",
        document=document_data(document_from_text(text)),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=clock.now(),
    )


@pytest.fixture
def application() -> Application:
    return HouseholdFactory(applicant=ApplicantFactory()).application


def me(application: Application) -> Actor:
    return Actor(user=application.household.applicant, scheme=None)


def officer(application: Application, role: str = Role.REGISTER_OFFICER) -> Actor:
    return actor_for(staff_member(application.household.council, [role]))


def test_a_reported_change_waits_for_an_officer(application: Application) -> None:
    change = circumstance_change_report(
        actor=me(application),
        application=application,
        sections=["work", "people"],
        summary="  My son moved in on 3 May.  ",
    )
    assert change.status == "open" and change.sections == ["people", "work"]
    assert change.summary == "My son moved in on 3 May."
    assert change.reported_by == application.household.applicant
    assert change.council_id == application.council_id  # in that council's changes queue
    assert AuditEvent.objects.filter(verb="circumstance_change.reported").exists()


@pytest.mark.parametrize(
    ("sections", "summary", "field"),
    [([], "Text", "sections"), (["nonsense"], "Text", "sections"), (["money"], " ", "summary")],
)
def test_a_change_needs_what_and_how(
    application: Application, sections: list[str], summary: str, field: str
) -> None:
    with pytest.raises(ValidationError) as problem:
        circumstance_change_report(
            actor=me(application), application=application, sections=sections, summary=summary
        )
    assert field in problem.value.error_dict
    assert not CircumstanceChange.objects.exists()


def test_no_change_on_a_closed_application() -> None:
    application = HouseholdFactory(
        applicant=ApplicantFactory(),
        application__status=lifecycle.HOUSED,
    ).application
    with pytest.raises(ValidationError):
        circumstance_change_report(
            actor=me(application), application=application, sections=["money"], summary="x"
        )


def test_someone_else_cannot_report_a_change(application: Application) -> None:
    with pytest.raises(PermissionDenied):
        circumstance_change_report(
            actor=Actor(user=ApplicantFactory(), scheme=None),
            application=application,
            sections=["money"],
            summary="x",
        )


def test_an_officer_reassesses_and_closes_the_change(application: Application) -> None:
    policy_for(application.household.council)
    change = circumstance_change_report(
        actor=me(application), application=application, sections=["money"], summary="New job"
    )
    assessor = officer(application)
    assessment = circumstance_change_assess(actor=assessor, change=change)
    assert str(assessment.household_id) == str(application.household_id)
    change.refresh_from_db()
    assert change.status == "assessed" and change.assessed_by == assessor.user
    assert change.assessed_at is not None
    with pytest.raises(ValidationError):
        circumstance_change_assess(actor=assessor, change=change)


def test_no_policy_means_nothing_is_saved(application: Application) -> None:
    change = circumstance_change_report(
        actor=me(application), application=application, sections=["money"], summary="New job"
    )
    with pytest.raises(NoPolicyInForceError):
        circumstance_change_assess(actor=officer(application), change=change)
    change.refresh_from_db()
    assert change.status == "open"


def test_only_assessing_officers_of_the_council_reassess(application: Application) -> None:
    change = circumstance_change_report(
        actor=me(application), application=application, sections=["money"], summary="New job"
    )
    for actor in (
        officer(application, Role.LETTINGS_OFFICER),
        actor_for(staff_member(roles=[Role.REGISTER_OFFICER])),
        me(application),
    ):
        with pytest.raises(PermissionDenied):
            circumstance_change_assess(actor=actor, change=change)


def test_the_applicant_cancels_and_the_dates_stay(application: Application) -> None:
    activated, registered = application.activated_on, application.household.registration_date
    application_cancel(actor=me(application), application=application, reason="found_home")
    application.refresh_from_db()
    assert application.status == lifecycle.CANCELLED
    assert application.cancel_reason == "applicant" and application.cancelled_on == clock.today()
    assert application.activated_on == activated
    assert application.household.registration_date == registered
    change = StatusChange.objects.get(application=application)
    assert "found a home" in change.reason


def test_cancelling_needs_a_reason_and_an_open_application() -> None:
    application = HouseholdFactory(
        applicant=ApplicantFactory(), application__status=lifecycle.UNDER_OFFER
    ).application
    with pytest.raises(ValidationError) as problem:
        application_cancel(actor=me(application), application=application, reason="bored")
    assert "reason" in problem.value.error_dict
    with pytest.raises(ValidationError):
        application_cancel(actor=me(application), application=application, reason="other")
    application.refresh_from_db()
    assert application.status == lifecycle.UNDER_OFFER
