"""The register as a source of households for the policy app's previews and simulations.

Registered in `RegisterConfig.ready()` (see `hearth.policy.register_source`). No actor: the
policy app checks that the actor may preview or simulate the council's policy before it asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from hearth.core.models import Organisation
from hearth.policy.register_source import RegisterHousehold
from hearth.policy.rules.facts import HouseholdFacts
from hearth.register.fetch import household_facts
from hearth.register.models import Ethnicity, Household
from hearth.register.selectors.households import households_on_register


def _named(households: Iterable[Household]) -> list[RegisterHousehold]:
    return [RegisterHousehold(id=str(h.pk), reference=h.reference, record=h) for h in households]


class RegisterPolicySource:
    """`hearth.policy.register_source.RegisterSource` over the register's tables."""

    def household_find(self, *, council: Organisation, reference: str) -> RegisterHousehold | None:
        found = Household.objects.filter(council=council, reference__iexact=reference.strip())
        return next(iter(_named(found[:1])), None)

    def households_find(
        self, *, council: Organisation, references: Sequence[str]
    ) -> list[RegisterHousehold]:
        wanted = {r.strip().upper() for r in references if r.strip()}
        found = Household.objects.filter(council=council, reference__in=wanted)
        return _named(found.order_by("reference"))

    def households_on_register(self, *, council: Organisation) -> list[RegisterHousehold]:
        rows = households_on_register(council).order_by("reference").only("id", "reference")
        return _named(rows)

    def households_on_register_count(self, *, council: Organisation) -> int:
        return households_on_register(council).count()

    def household_facts(self, *, ids: Sequence[str], on_date: dt.date) -> list[HouseholdFacts]:
        households = Household.objects.filter(pk__in=list(ids)).order_by("reference")
        return household_facts(households, on_date=on_date)

    def ethnicity_choices(self) -> list[tuple[str, str]]:
        return [(str(code), str(label)) for code, label in Ethnicity.choices]
