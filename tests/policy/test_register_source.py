"""The register app answers the policy app's questions about households: a preview finds a
household by reference in any letter case, and a simulation lists only the council's
households on the register or being decided."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.register_source import register_source
from hearth.register.models import Ethnicity
from hearth.register.selectors.policy_source import RegisterPolicySource
from hearth.register.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def test_the_register_is_the_registered_source_of_households() -> None:
    assert isinstance(register_source(), RegisterPolicySource)


def test_a_preview_finds_the_councils_household_and_its_facts() -> None:
    # Given a household on one council's register, and one on another's
    council = OrganisationFactory()
    found = HouseholdFactory(council=council, reference="MC-000001")
    HouseholdFactory(council=OrganisationFactory(), reference="MC-000002")
    source = register_source()
    # When a preview asks by reference, in any letter case
    one = source.household_find(council=council, reference=" mc-000001 ")
    many = source.households_find(council=council, references=["MC-000001", "MC-000002"])
    # Then only the council's household answers, with the row the audit record names
    assert one is not None and (one.id, one.reference, one.record) == (
        str(found.pk),
        "MC-000001",
        found,
    )
    assert source.household_find(council=council, reference="MC-000002") is None
    assert [h.reference for h in many] == ["MC-000001"]
    (facts,) = source.household_facts(ids=[one.id], on_date=dt.date(2026, 6, 15))
    assert facts.household_id == str(found.pk)


def test_the_ethnic_groups_are_the_registers_own() -> None:
    assert register_source().ethnicity_choices() == [
        (str(code), str(label)) for code, label in Ethnicity.choices
    ]
