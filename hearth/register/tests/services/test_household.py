"""The household services serve any case that owns a household, not only an application: the
case's own context decides who may change the household and whose audit log records it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import PermissionDenied

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import (
    Application,
    Household,
    Period,
    PeriodKind,
    Person,
    Relationship,
    Sex,
    Tenure,
)
from hearth.register.rules import apply_sections as routing
from hearth.register.services.household import (
    household_answers_save,
    period_remove,
    period_save,
    person_remove,
    person_save,
)
from hearth.register.tests.apply_setup import NOON
from hearth.register.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


@dataclass
class CaseContext:
    """A stand-in for a case that is not an application (as a homelessness case will be): any
    officer of the council holding the case may record its household."""

    case_household: Household
    council: Organisation
    people_changes: list[int] = field(default_factory=list)

    @property
    def household(self) -> Household:
        return self.case_household

    @property
    def organisation(self) -> Organisation:
        return self.council

    def check(self, actor: Actor) -> None:
        if not (actor.is_staff and actor.organisation == self.council):
            raise PermissionDenied

    def acting_actor(self, actor: Actor) -> Actor:
        return actor

    def people_changed(self) -> None:
        self.people_changes.append(Person.objects.filter(household=self.case_household).count())


def _case() -> tuple[CaseContext, Actor]:
    council = OrganisationFactory()
    household = HouseholdFactory(council=council, lead=None, application=None)
    officer = actor_for(staff_member(council, [Role.REGISTER_OFFICER]))
    return CaseContext(household, council), officer


def test_a_case_with_no_application_records_people_and_addresses() -> None:
    # given a household owned by a case, with no application
    case, officer = _case()
    household = case.household
    edit = {"actor": officer, "household": household, "context": case}
    # when an officer of the case's council records who lives there and where they have lived
    lead = person_save(
        **edit,
        person=None,
        values={
            "full_name": "Dana Moss",
            "date_of_birth": dt.date(1988, 4, 2),
            "sex": Sex.FEMALE,
            "relationship": Relationship.LEAD,
        },
    )
    partner = person_save(
        **edit,
        person=None,
        values={
            "full_name": "Sam Moss",
            "date_of_birth": dt.date(1987, 9, 12),
            "sex": Sex.MALE,
            "relationship": Relationship.PARTNER,
        },
    )
    child = person_save(
        **edit,
        person=None,
        values={
            "full_name": "Kit Moss",
            "date_of_birth": dt.date(2019, 1, 5),
            "sex": Sex.MALE,
            "relationship": Relationship.CHILD,
        },
    )
    person_remove(**edit, person=child)
    current = period_save(
        **edit,
        kind=PeriodKind.RESIDENCE,
        period=None,
        values={"start": dt.date(2022, 3, 1), "end": None, "address": "Flat 2, Mill Row"},
    )
    earlier = period_save(
        **edit,
        kind=PeriodKind.RESIDENCE,
        period=None,
        values={
            "start": dt.date(2017, 1, 1),
            "end": dt.date(2022, 2, 28),
            "address": "4 Dyke Road",
        },
    )
    work = period_save(
        **edit,
        kind=PeriodKind.WORK,
        period=None,
        values={"start": dt.date(2020, 1, 1), "address": "Depot", "detail": "Driver"},
    )
    period_remove(**edit, period=work)
    household_answers_save(
        **edit,
        section=routing.HOME,
        changes={
            "home_address": "Flat 3, Mill Row",
            "home_postcode": "zz9 9zz",
            "home_tenure": Tenure.OWNER,
            "home_landlord": "Someone",
        },
    )

    # then the rows are saved, with what belongs to any household kept as it is for applications
    assert not Application.objects.filter(household=household).exists()
    assert set(household.members.values_list("full_name", flat=True)) == {"Dana Moss", "Sam Moss"}
    lead.refresh_from_db()
    partner.refresh_from_db()
    assert lead.partner_id == partner.pk and partner.partner_id == lead.pk  # a couple
    assert set(Period.objects.filter(household=household)) == {current, earlier}
    current.refresh_from_db()
    assert current.address == "Flat 3, Mill Row"  # the current address follows the home
    household.refresh_from_db()
    assert household.home_landlord == ""  # owners have no landlord
    # the case's hook ran after each change to the people, inside the write
    assert case.people_changes == [1, 2, 3, 2]
    # and each change is in the case council's audit log, recorded as the officer's
    events = AuditEvent.objects.filter(actor=officer.user).order_by("id")
    assert [e.verb for e in events] == [
        "person.added",
        "person.added",
        "person.added",
        "person.removed",
        "period.saved",
        "period.saved",
        "period.saved",
        "period.removed",
        "household.answers_saved",
        "period.saved",
    ]
    assert {e.organisation_id for e in events} == {case.council.pk}
    assert {e.on_behalf_of_id for e in events} == {None}


def test_an_actor_the_case_does_not_permit_changes_nothing() -> None:
    # given a household owned by a case of one council
    case, _officer = _case()
    household = case.household
    # when an officer of another council tries to record it
    stranger = actor_for(staff_member(OrganisationFactory(), [Role.REGISTER_OFFICER]))
    edit = {"actor": stranger, "household": household, "context": case}
    # then every service refuses, and nothing is written or audited
    with pytest.raises(PermissionDenied):
        person_save(
            **edit,
            person=None,
            values={
                "full_name": "Dana Moss",
                "date_of_birth": dt.date(1988, 4, 2),
                "relationship": Relationship.LEAD,
            },
        )
    with pytest.raises(PermissionDenied):
        period_save(
            **edit,
            kind=PeriodKind.RESIDENCE,
            period=None,
            values={"start": dt.date(2022, 3, 1), "end": None, "address": "Flat 2, Mill Row"},
        )
    with pytest.raises(PermissionDenied):
        household_answers_save(**edit, section=routing.MONEY, changes={"savings": 100})
    assert not household.members.exists()
    assert not Period.objects.filter(household=household).exists()
    assert not AuditEvent.objects.filter(actor=stranger.user).exists()
    assert case.people_changes == []


def test_a_case_cannot_change_a_household_it_does_not_own() -> None:
    # given a case, and another household on the same council's register
    case, officer = _case()
    other = HouseholdFactory(council=case.council, lead=None, application=None)
    # when its officer uses the case to change the other household, it is refused
    with pytest.raises(PermissionDenied):
        household_answers_save(
            actor=officer,
            household=other,
            context=case,
            section=routing.MONEY,
            changes={"savings": 100},
        )
    assert not AuditEvent.objects.filter(actor=officer.user).exists()
