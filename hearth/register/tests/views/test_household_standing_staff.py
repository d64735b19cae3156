"""The officer's repayment arrangement page, and placements in supported housing in the
address history: recorded, checked, and read by the policy engine."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.fetch import household_facts_one
from hearth.register.models import Household, Period, PeriodKind
from hearth.register.services.apply import ApplicationHouseholdContext
from hearth.register.services.household import period_save
from hearth.register.tests.factories import ApplicationFactory, PeriodFactory
from hearth.register.tests.workspace_setup import NOON, officer, signed_in

pytestmark = pytest.mark.django_db


def _url(application) -> str:  # type: ignore[no-untyped-def]
    return reverse("register:repayment_arrangement", kwargs={"pk": application.pk})


def test_an_officer_records_a_repayment_arrangement_and_it_is_audited() -> None:
    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    client = signed_in(officer(council))
    with clock_frozen_at(NOON):
        page = client.get(_url(application))
        response = client.post(_url(application), {"arranged": "yes", "note": "£15 a week"})
    assert page.status_code == 200
    assert response.status_code == 302
    household = Household.objects.get(pk=application.household_id)
    assert (household.repayment_arrangement, household.repayment_arrangement_note) == (
        True,
        "£15 a week",
    )
    assert AuditEvent.objects.filter(verb="household.repayment_arrangement_set").count() == 1
    assert household_facts_one(household, NOON.date()).repayment_arrangement


def test_an_arrangement_without_what_was_agreed_is_explained_and_nothing_saved() -> None:
    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    response = signed_in(officer(council)).post(_url(application), {"arranged": "yes"})
    assert response.status_code == 200
    assert "Enter what was agreed" in response.text
    missing = signed_in(officer(council)).post(_url(application), {})
    assert "Select yes if the household keeps to a repayment arrangement" in missing.text
    assert not Household.objects.get(pk=application.household_id).repayment_arrangement
    assert not AuditEvent.objects.filter(verb="household.repayment_arrangement_set").exists()


def test_another_councils_officer_cannot_reach_the_page() -> None:
    application = ApplicationFactory(household__council=OrganisationFactory())
    response = signed_in(officer(OrganisationFactory())).get(_url(application))
    assert response.status_code == 404


def _placement_save(application, start: dt.date) -> Period:  # type: ignore[no-untyped-def]
    council = application.household.council
    return period_save(
        actor=actor_for(staff_member(council, [Role.REGISTER_OFFICER])),
        household=application.household,
        context=ApplicationHouseholdContext(application),
        kind=PeriodKind.RESIDENCE,
        period=None,
        values={
            "start": start,
            "end": dt.date(2026, 1, 31),
            "address": "Riverside supported scheme",
            "supported_placement": True,
        },
    )


def test_a_placement_needs_the_address_lived_at_before_it() -> None:
    from django.core.exceptions import ValidationError

    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    Period.objects.filter(household=application.household).delete()
    with clock_frozen_at(NOON), pytest.raises(ValidationError) as refused:
        _placement_save(application, dt.date(2024, 1, 1))
    assert "Add the address you lived at before this placement first" in str(
        refused.value.message_dict["supported_placement"]
    )
    assert not Period.objects.filter(household=application.household).exists()


def test_a_placement_counts_for_the_council_lived_in_before() -> None:
    # Given a household that lived in the council's area, then was placed in supported housing
    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    Period.objects.filter(household=application.household).delete()
    PeriodFactory(
        household=application.household,
        council=council,
        start=dt.date(2015, 1, 1),
        end=dt.date(2023, 12, 31),
    )
    with clock_frozen_at(NOON):
        _placement_save(application, dt.date(2024, 1, 1))
    # When its facts are read, then the placement is marked with the council lived in before
    facts = household_facts_one(application.household, NOON.date())
    placement = next(p for p in facts.residence if p.placement)
    assert placement.placed_from == council.slug
    assert AuditEvent.objects.filter(verb="period.saved").exists()
