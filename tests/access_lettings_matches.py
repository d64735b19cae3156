"""Access rules for match lists and direct lets, merged into tests/test_access_matrix.py.

The home council's lettings officers (and team leaders) work match lists for the homes in its
area; the home named in the URLs is the home landlord's, in the home council, and the household
is the world applicant's (active on the home council's register). Away officers get 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hearth.core.access.roles import Capability, OrganisationKind
from hearth.lettings.models import Property
from hearth.lettings.tests.factories import PropertyFactory
from hearth.register.models import Application
from tests.access_register_world import register_records
from tests.access_rules import Principal, Rule, capability

RULES: dict[str, Rule] = {
    "lettings:homes_to_match": capability(Capability.MANAGE_LETTINGS),
    "lettings:matches": capability(Capability.MANAGE_LETTINGS, scoped=True),
    "lettings:match_choose": capability(Capability.MANAGE_LETTINGS, scoped=True),
}


@dataclass(frozen=True)
class MatchRecords:
    home: Property
    application: Application


def objects(world: Any) -> MatchRecords:
    found = getattr(world, "_match_records", None)
    if found is None:
        register = register_records(world)
        home = PropertyFactory(
            council=world.home[OrganisationKind.COUNCIL],
            landlord=world.home[OrganisationKind.LANDLORD],
            bedrooms=1,
        )
        found = world._match_records = MatchRecords(home=home, application=register.application)
    return found


def url_kwargs(objects: MatchRecords, name: str, principal: Principal) -> dict[str, object] | None:
    if name == "lettings:homes_to_match":
        return {}
    if name == "lettings:matches":
        return {"home": objects.home.pk}
    if name == "lettings:match_choose":
        return {"home": objects.home.pk, "application": objects.application.pk}
    return None
