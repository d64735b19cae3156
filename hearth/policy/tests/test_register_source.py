"""The policy app reads households through whichever register source is registered, never by
importing the register (docs/adr/0012-layers-and-extension-points.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import pytest
from django.core.exceptions import ImproperlyConfigured

from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy import register_source as source_module
from hearth.policy.register_source import (
    RegisterHousehold,
    RegisterSource,
    register_source,
    register_source_register,
)
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.simulation import selectors
from hearth.policy.tests.assess_support import ON, household

pytestmark = pytest.mark.django_db


class ListedRegister:
    """A register of two households held in memory: what any source must answer."""

    def __init__(self, council: Organisation) -> None:
        self.council = council
        self.facts = {
            "h1": household(household_id="h1"),
            "h2": household(household_id="h2", registered=dt.date(2020, 5, 1)),
        }
        self.listed = [
            RegisterHousehold(id="h1", reference="MC-000001", record=council),
            RegisterHousehold(id="h2", reference="MC-000002", record=council),
        ]

    def household_find(self, *, council: Organisation, reference: str) -> RegisterHousehold | None:
        wanted = reference.strip().upper()
        return next((h for h in self.listed if h.reference == wanted), None)

    def households_find(
        self, *, council: Organisation, references: Sequence[str]
    ) -> list[RegisterHousehold]:
        return [h for h in self.listed if h.reference in references]

    def households_on_register(self, *, council: Organisation) -> list[RegisterHousehold]:
        return list(self.listed) if council == self.council else []

    def households_on_register_count(self, *, council: Organisation) -> int:
        return len(self.households_on_register(council=council))

    def household_facts(self, *, ids: Sequence[str], on_date: dt.date) -> list[HouseholdFacts]:
        return [self.facts[i] for i in sorted(ids)]

    def ethnicity_choices(self) -> list[tuple[str, str]]:
        return [("white_british", "White: English, Welsh, Scottish, Northern Irish or British")]


@pytest.fixture
def restore_source() -> Iterator[None]:
    registered = list(source_module._SOURCE)
    yield
    source_module._SOURCE[:] = registered


def test_the_simulation_reads_the_register_through_the_registered_source(
    restore_source: None,
) -> None:
    # Given a source of two households registered for a council
    council = OrganisationFactory()
    source: RegisterSource = ListedRegister(council)
    register_source_register(source)
    # When the simulation reads the council's register
    listed = selectors.simulation_register(council=council)
    size = selectors.simulation_register_size(council=council)
    facts = selectors.simulation_register_facts(ids=[pk for pk, _ in listed], on_date=ON)
    # Then it sees exactly those households, in reference order, with their facts
    assert listed == [("h1", "MC-000001"), ("h2", "MC-000002")]
    assert size == 2
    assert [f.registration_date for f in facts] == [dt.date(2024, 1, 10), dt.date(2020, 5, 1)]


def test_without_a_registered_source_reading_households_says_what_is_missing(
    restore_source: None,
) -> None:
    source_module._SOURCE.clear()
    with pytest.raises(ImproperlyConfigured, match="source of households"):
        register_source()
