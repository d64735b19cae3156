"""Access rules for the council lettings pages, merged into tests/test_access_matrix.py.

Scheme admins change any council's lettings settings and go-live date in their own scheme; the
council named in the URLs is the home council, so the other scheme's admins ("away") get 404.
"""

from __future__ import annotations

from typing import Any

from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import Organisation
from tests.access_rules import Principal, Rule, capability

RULES: dict[str, Rule] = {
    "lettings:councils": capability(Capability.EDIT_SCHEME),
    "lettings:council_lettings_settings": capability(Capability.EDIT_SCHEME, scoped=True),
    "lettings:council_go_live": capability(Capability.EDIT_SCHEME, scoped=True),
}


def objects(world: Any) -> Organisation:
    council: Organisation = world.home[OrganisationKind.COUNCIL]
    return council


def url_kwargs(objects: Organisation, name: str, principal: Principal) -> dict[str, object] | None:
    if name == "lettings:councils":
        return {}
    if name in RULES:
        return {"council": objects.pk}
    return None
