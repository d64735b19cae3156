"""Access rules for the what-if simulation pages, merged into tests/test_access_matrix.py.

`RULES` maps URL names to rules (see tests/access_rules.py). `objects(world)` creates what those
URLs name, in the world's home organisations; `url_kwargs(objects, name, principal)` gives the
URL arguments for one principal, or None for URLs this module does not know.

Who gets what: a council's policy admins (`EDIT_POLICY`) start runs of their own drafts and read
their own council's runs; the partnership team (scheme admins, `VIEW_POLICY` for every council)
read every council's runs in their scheme but start none. Other staff who may read a policy
(`VIEW_POLICY` alone) get 403 here: a simulation lists households by reference. The draft and
the run belong to the home council, so policy admins of another council, and scheme admins of
another scheme, get 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hearth.core.access.roles import Capability, OrganisationKind, Role
from hearth.demo.policies import demo_policy_texts
from hearth.policy.models import PolicyStatus, PolicyVersion, SimulationRun, SimulationStatus
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.simulation.results import RegisterMovement
from tests.access_rules import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Principal, Rule, capability


def _reader(p: Principal) -> bool:
    return p.role in (Role.POLICY_ADMIN, Role.SCHEME_ADMIN)


def reads_runs(*, scoped: bool) -> Rule:
    """Policy admins and scheme admins; when `scoped`, the URL names the home council's run."""

    def rule(p: Principal) -> int:
        if p.name == "anonymous":
            return REDIRECT
        if not _reader(p):
            return FORBIDDEN
        return NOT_FOUND if scoped and p.away else OK

    return rule


RULES: dict[str, Rule] = {
    "policy:simulation_start": capability(Capability.EDIT_POLICY, scoped=True),
    "policy:simulation_list": reads_runs(scoped=False),
    "policy:simulation_detail": reads_runs(scoped=True),
    "policy:simulation_movers_csv": reads_runs(scoped=True),
    "policy:simulation_matrix_csv": reads_runs(scoped=True),
}


@dataclass(frozen=True)
class Objects:
    draft: PolicyVersion
    run: SimulationRun


def objects(world: Any) -> Objects:
    """A draft of the home council's policy and a finished run of it over an empty register."""
    council = world.home[OrganisationKind.COUNCIL]
    document = document_from_text(demo_policy_texts()["marshvale-city"])
    draft = PolicyVersion.objects.create(
        council=council,
        number=1,
        status=PolicyStatus.DRAFT,
        title="Draft allocation scheme",
        document=document_data(document),
        source_text="(access matrix)",
    )
    movement = RegisterMovement(baseline=None, draft=document, on_date=dt.date(2026, 6, 15))
    run = SimulationRun.objects.create(
        council=council,
        draft=draft,
        on_date=dt.date(2026, 6, 15),
        status=SimulationStatus.DONE,
        results={movement.key: movement.data()},
    )
    return Objects(draft=draft, run=run)


def url_kwargs(objects: Objects, name: str, principal: Principal) -> dict[str, object] | None:
    if name == "policy:simulation_start":
        return {"pk": objects.draft.pk}
    if name == "policy:simulation_list":
        return {}
    if name in RULES:
        return {"pk": objects.run.pk}
    return None
