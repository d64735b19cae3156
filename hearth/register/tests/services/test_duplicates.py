"""Finding likely duplicates when an application is sent: flagged for an officer, audited,
never for a draft, and only by someone who may act on the application."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Scheme
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import Application, DuplicateFlag, Household, Relationship
from hearth.register.services.apply import application_submit
from hearth.register.services.duplicates import duplicate_flags_raise
from hearth.register.tests.apply_setup import NOON, council_with_policy, draft_complete
from hearth.register.tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


def _applicant() -> Actor:
    return Actor(user=ApplicantFactory(), scheme=Scheme.objects.first())


def _already_registered_elsewhere() -> Household:
    """Someone on another council's register with the same NI number as `draft_complete`'s lead."""
    other = HouseholdFactory(council=OrganisationFactory(), lead=None)
    PersonFactory(
        household=other,
        full_name="Alex Carter",
        date_of_birth=dt.date(1990, 3, 27),
        national_insurance_number="AB123456C",
        relationship=Relationship.LEAD,
    )
    return other


def test_sending_an_application_audits_each_likely_duplicate_it_flags() -> None:
    # given someone already on another council's register with the same NI number
    other = _already_registered_elsewhere()
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    # when the applicant sends their application
    application_submit(actor=actor, application=application, incomplete=(), consent_to_share=True)
    # then the match is flagged, and the flag has its own audit event, by the applicant
    flag = DuplicateFlag.objects.get(application=application)
    assert flag.other_household == other
    event = AuditEvent.objects.get(verb="duplicate.flagged")
    assert event.object_id == str(flag.pk)
    assert event.actor == actor.user
    assert event.organisation == application.household.council
    assert event.changes["matched_on"] == {
        "before": None,
        "after": ["date_of_birth", "name", "national_insurance_number"],
    }


def test_checking_again_flags_nothing_new() -> None:
    # given a sent application already flagged against another household
    _already_registered_elsewhere()
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    application_submit(actor=actor, application=application, incomplete=(), consent_to_share=True)
    # when it is checked again
    again = duplicate_flags_raise(actor=actor, application=application)
    # then nothing new is flagged or audited
    assert again == []
    assert DuplicateFlag.objects.filter(application=application).count() == 1
    assert AuditEvent.objects.filter(verb="duplicate.flagged").count() == 1


def test_a_draft_is_never_checked() -> None:
    # given a draft whose lead matches someone already registered
    _already_registered_elsewhere()
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    # when the check runs before it is sent, then it is refused and nothing is flagged
    with pytest.raises(ValidationError, match="Send the application"):
        duplicate_flags_raise(actor=actor, application=application)
    assert not DuplicateFlag.objects.exists()


def test_an_officer_of_another_council_may_not_run_the_check() -> None:
    # given a sent application with a likely duplicate
    _already_registered_elsewhere()
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    application_submit(actor=actor, application=application, incomplete=(), consent_to_share=True)
    DuplicateFlag.objects.all().delete()
    stranger = actor_for(staff_member(OrganisationFactory(), [Role.REGISTER_OFFICER]))
    # when an officer of another council runs it, then it is refused and nothing is flagged
    with pytest.raises(PermissionDenied):
        duplicate_flags_raise(
            actor=stranger, application=Application.objects.get(pk=application.pk)
        )
    assert not DuplicateFlag.objects.exists()
