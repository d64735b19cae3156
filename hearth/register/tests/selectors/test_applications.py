"""Who can find which application: officers their own council's, applicants their own."""

from __future__ import annotations

import uuid

import pytest
from django.http import Http404

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.selectors.applications import (
    application_get,
    application_of_applicant,
    applications_visible,
)
from hearth.register.selectors.households import households_on_register
from hearth.register.tests.factories import ApplicationFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def _applicant_actor(user: object) -> Actor:
    return Actor(user=user, scheme=None)  # type: ignore[arg-type]


def test_officers_see_only_their_own_councils_applications() -> None:
    # Given applications on two councils' registers
    mine = ApplicationFactory()
    ApplicationFactory()
    officer = actor_for(staff_member(mine.household.council, [Role.REGISTER_OFFICER]))
    # Then the officer sees only their council's
    assert list(applications_visible(actor=officer)) == [mine]


@pytest.mark.parametrize("role", [Role.POLICY_ADMIN, Role.COUNCIL_ADMIN, Role.REPORTING_ANALYST])
def test_council_staff_without_register_access_see_none(role: Role) -> None:
    application = ApplicationFactory()
    someone = actor_for(staff_member(application.household.council, [role]))
    assert not applications_visible(actor=someone).exists()


def test_an_applicant_sees_only_their_own() -> None:
    applicant = ApplicantFactory()
    mine = ApplicationFactory(household__applicant=applicant)
    ApplicationFactory()
    assert list(applications_visible(actor=_applicant_actor(applicant))) == [mine]


def test_someone_elses_application_is_the_same_404_as_a_missing_one() -> None:
    # Given an application on another council's register
    theirs = ApplicationFactory()
    officer = actor_for(staff_member(OrganisationFactory(), [Role.REGISTER_OFFICER]))
    # Then asking for it, for a missing id, or for nonsense all give 404
    for pk in (theirs.pk, uuid.uuid4(), "not-an-id"):
        with pytest.raises(Http404):
            application_get(actor=officer, pk=pk)


def test_the_applicants_current_application_is_the_open_one() -> None:
    # Given an applicant whose first application was cancelled and who applied again
    applicant = ApplicantFactory()
    ApplicationFactory(
        household__applicant=applicant, status="cancelled", cancelled_on="2025-01-01"
    )
    current = ApplicationFactory(household__applicant=applicant, status="draft", submitted_at=None)
    # Then their current application is the new draft
    assert application_of_applicant(actor=_applicant_actor(applicant)) == current


def test_staff_have_no_applicant_application() -> None:
    officer = actor_for(staff_member(roles=[Role.REGISTER_OFFICER]))
    assert application_of_applicant(actor=officer) is None


@pytest.mark.parametrize(
    ("status", "on_register"),
    [
        ("draft", False),
        ("submitted", True),
        ("pending_documents", True),
        ("active", True),
        ("suspended", True),
        ("under_offer", True),
        ("under_review", True),
        ("housed", False),
        ("cancelled", False),
        ("not_qualifying", False),
    ],
)
def test_which_households_are_assessed_with_the_register(status: str, on_register: bool) -> None:
    household = HouseholdFactory(application__status=status, application__cancelled_on="2026-01-01")
    assert households_on_register(household.council).exists() is on_register


def test_a_household_without_an_application_is_not_on_the_register() -> None:
    household = HouseholdFactory(application=None)
    assert not households_on_register(household.council).exists()
