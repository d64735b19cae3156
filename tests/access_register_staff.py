"""Access rules for the register's staff pages, merged into tests/test_access_matrix.py.

The records the URLs name come from tests/access_register_world.py (shared by every register
area, built once per matrix world), plus a need award of the world applicant's household.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hearth.core.access.roles import Capability
from hearth.register.models import NeedAward
from tests.access_register_world import RegisterRecords, register_records
from tests.access_rules import Principal, Rule, capability

VIEW, ASSESS, APPROVE = (
    Capability.VIEW_REGISTER,
    Capability.ASSESS_APPLICATIONS,
    Capability.APPROVE_DECISIONS,
)

RULES: dict[str, Rule] = {
    "register:workspace": capability(VIEW),
    "register:queue": capability(VIEW),
    "register:search": capability(VIEW),
    "register:application": capability(VIEW, scoped=True),
    "register:application_history": capability(VIEW, scoped=True),
    "register:needs_award": capability(ASSESS, scoped=True),
    "register:needs_withdraw": capability(ASSESS, scoped=True),
    "register:mobility_assess": capability(ASSESS, scoped=True),
    "register:assess": capability(ASSESS, scoped=True),
    "register:override_new": capability(ASSESS, scoped=True),
    "register:status_change": capability(ASSESS, scoped=True),
    "register:repayment_arrangement": capability(ASSESS, scoped=True),
    "register:override_queue": capability(APPROVE),
    "register:override_decide": capability(APPROVE, scoped=True),
    "register:duplicate_resolve": capability(VIEW, scoped=True),
}


@dataclass(frozen=True)
class StaffRecords:
    register: RegisterRecords
    award: NeedAward


def objects(world: Any) -> StaffRecords:
    records = register_records(world)
    award = NeedAward.objects.create(
        household=records.application.household,
        code="medical_high",
        awarded_on=dt.date(2026, 1, 5),
    )
    return StaffRecords(register=records, award=award)


def url_kwargs(objects: StaffRecords, name: str, principal: Principal) -> dict[str, object] | None:
    records = objects.register
    application = records.application.pk
    if name == "register:queue":
        return {"queue": "new"}
    if name == "register:needs_withdraw":
        return {"pk": application, "award": objects.award.pk}
    if name in {
        "register:application",
        "register:application_history",
        "register:needs_award",
        "register:mobility_assess",
        "register:assess",
        "register:override_new",
        "register:status_change",
        "register:repayment_arrangement",
    }:
        return {"pk": application}
    if name == "register:override_decide":
        return {"pk": records.override.pk}
    if name == "register:duplicate_resolve":
        return {"pk": records.duplicate.pk}
    return None
