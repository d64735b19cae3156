"""Access rules for the register's account pages, merged into tests/test_access_matrix.py.

The records the URLs name come from tests/access_register_world.py (shared by every register
area, built once per matrix world). The applicant's pages answer the world applicant (who owns
an active application); officers write messages and reassess changes for their own council only.
"""

from __future__ import annotations

from typing import Any

from hearth.core.access.roles import Capability
from tests.access_register_world import RegisterRecords, register_records
from tests.access_rules import Principal, Rule, applicant, capability

assess = capability(Capability.ASSESS_APPLICATIONS, scoped=True)

RULES: dict[str, Rule] = {
    "register:messages": applicant,
    "register:message": applicant,
    "register:change_report": applicant,
    "register:change_sent": applicant,
    "register:renew": applicant,
    "register:renewed": applicant,
    "register:cancel": applicant,
    "register:cancelled": applicant,
    "register:message_new": assess,
    "register:change_assessed": assess,
}


def objects(world: Any) -> RegisterRecords:
    return register_records(world)


def url_kwargs(
    objects: RegisterRecords, name: str, principal: Principal
) -> dict[str, object] | None:
    if name == "register:message":
        return {"pk": objects.message.pk}
    if name == "register:message_new":
        return {"pk": objects.application.pk}
    if name == "register:change_assessed":
        return {"pk": objects.application.pk, "change": objects.change.pk}
    if name in RULES:
        return {}
    return None
