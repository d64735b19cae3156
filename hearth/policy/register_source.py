"""The housing register as the policy app sees it: households and their facts, for previews and
simulations.

`policy` sits below `register` (docs/adr/0012-layers-and-extension-points.md): the register
imports the engine to assess households, so the policy app must never import the register.
The register app registers a `RegisterSource` in its `AppConfig.ready()`
(`register_source_register`), and the policy previews and the what-if simulation read through
`register_source()`. Callers check permission first: a source answers for any council.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from hearth.core.models import Organisation
from hearth.policy.rules.facts import HouseholdFacts


@dataclass(frozen=True)
class RegisterHousehold:
    """A household on a council's register, as a preview names it."""

    id: str
    reference: str
    # The household's own row, for the audit record that a preview showed it.
    record: models.Model


class RegisterSource(Protocol):
    """What the policy app reads from the register. Every method makes a fixed number of
    queries, however many households it answers for."""

    def household_find(self, *, council: Organisation, reference: str) -> RegisterHousehold | None:
        """The council's household with this reference (any letter case), or None."""
        ...

    def households_find(
        self, *, council: Organisation, references: Sequence[str]
    ) -> list[RegisterHousehold]:
        """The council's households with these upper-case references, by reference."""
        ...

    def households_on_register(self, *, council: Organisation) -> list[RegisterHousehold]:
        """Every household on the council's register or being decided, by reference."""
        ...

    def households_on_register_count(self, *, council: Organisation) -> int:
        """How many households `households_on_register` would list."""
        ...

    def household_facts(self, *, ids: Sequence[str], on_date: dt.date) -> list[HouseholdFacts]:
        """The engine's facts for these households as on `on_date`, by reference."""
        ...

    def ethnicity_choices(self) -> list[tuple[str, str]]:
        """(code, label) for each ethnic group the register records, for equality tables."""
        ...


_SOURCE: list[RegisterSource] = []


def register_source_register(source: RegisterSource) -> None:
    """Read households through `source` from now on (the last registration wins)."""
    _SOURCE[:] = [source]


def register_source() -> RegisterSource:
    """The registered source of households."""
    if not _SOURCE:
        raise ImproperlyConfigured("No app has registered a source of households for policies")
    return _SOURCE[0]
