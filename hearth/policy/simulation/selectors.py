"""Reads for what-if simulations, scoped to the actor.

A council's own policy admins (`EDIT_POLICY`) run simulations of their drafts and read the
results; the partnership team (scheme admins, who read every council's policy) read the results
of any council in their scheme but run none. Anyone else with access to staff pages gets 403;
a draft or a run outside the actor's reach answers 404, like one that does not exist.

The register and past lettings reads at the end (`simulation_register_*`,
`simulation_past_*`, `simulation_policies_then`) take no actor: they are for the background
run, which was authorised when it was started.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import Organisation
from hearth.policy.documents.loaded import document_of_or_none
from hearth.policy.models import PolicyStatus, PolicyVersion, SimulationRun
from hearth.policy.past_lettings import PastCycle, PastCycleBids, past_lettings_source
from hearth.policy.register_source import register_source
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.selectors import policy_editable_by
from hearth.policy.simulation.replay import PolicyThen


def simulations_read_all(actor: Actor) -> bool:
    """Whether the actor reads every council's simulations (the partnership team)."""
    return (
        actor.organisation is not None
        and actor.organisation.kind == OrganisationKind.PARTNERSHIP
        and actor.can(Capability.VIEW_POLICY)
    )


def simulations_run_own(actor: Actor) -> bool:
    """Whether the actor runs (and reads) simulations for their own council."""
    return (
        actor.organisation is not None
        and actor.organisation.kind == OrganisationKind.COUNCIL
        and policy_editable_by(actor, actor.organisation)
    )


def _scope(actor: Actor) -> dict[str, Any]:
    """The filter for the runs the actor may read; PermissionDenied if they may read none."""
    if actor.scheme is None:
        raise PermissionDenied
    if simulations_read_all(actor):
        return {"council__scheme": actor.scheme}
    if simulations_run_own(actor):
        return {"council": actor.organisation}
    raise PermissionDenied


def simulations_list(*, actor: Actor) -> QuerySet[SimulationRun]:
    """Runs the actor may read, newest first, without their (large) results."""
    return (
        SimulationRun.objects.filter(**_scope(actor))
        .select_related("council", "draft", "baseline", "started_by")
        .defer("results", "problems", "draft__document", "draft__source_text")
        .defer("baseline__document", "baseline__source_text")
        .order_by("-created_at", "-id")
    )


def simulation_get(*, actor: Actor, pk: str) -> SimulationRun:
    """One run the actor may read, with its results; 404 if missing or out of reach."""
    scope = _scope(actor)
    try:
        return (
            SimulationRun.objects.select_related("council", "draft", "baseline", "started_by")
            .defer("draft__document", "draft__source_text")
            .defer("baseline__document", "baseline__source_text")
            .get(pk=pk, **scope)
        )
    except (SimulationRun.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def simulation_draft_get(*, actor: Actor, pk: str) -> PolicyVersion:
    """A draft of the actor's own council's policy, to simulate; 404 otherwise."""
    if not simulations_run_own(actor):
        raise PermissionDenied
    try:
        return PolicyVersion.objects.select_related("council").get(
            pk=pk, council=actor.organisation, status=PolicyStatus.DRAFT
        )
    except (PolicyVersion.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def simulation_drafts_list(*, actor: Actor) -> list[PolicyVersion]:
    """The drafts the actor could simulate now (none for readers of every council)."""
    if not simulations_run_own(actor):
        return []
    return list(
        PolicyVersion.objects.filter(council=actor.organisation, status=PolicyStatus.DRAFT)
        .defer("document", "source_text")
        .order_by("-number")
    )


# --- The register, for the background run ----------------------------------------------------


def simulation_register_size(*, council: Organisation) -> int:
    """How many households are on the council's register now."""
    return register_source().households_on_register_count(council=council)


def simulation_register(*, council: Organisation) -> list[tuple[str, str]]:
    """(id, reference) of every household on the council's register, by reference.

    Read once when a run starts, so the run covers the register as it was then, and its
    progress (households done out of this total) never passes 100%.
    """
    households = register_source().households_on_register(council=council)
    return [(household.id, household.reference) for household in households]


def simulation_register_facts(*, ids: Sequence[str], on_date: dt.date) -> list[HouseholdFacts]:
    """The engine's facts for one batch of households (a fixed number of queries)."""
    return register_source().household_facts(ids=ids, on_date=on_date)


# --- Past lettings, for the replay ----------------------------------------------------------


def simulation_past_cycles(*, council: Organisation, until: dt.date, limit: int) -> list[PastCycle]:
    """The council's last `limit` cycles closed on or before `until`, newest first."""
    return past_lettings_source().cycles_closed(council=council, until=until, limit=limit)


def simulation_past_cycle(*, council: Organisation, cycle_id: str) -> PastCycleBids:
    """One closed cycle's shortlists of the council, with its bidders' facts on the close day."""
    return past_lettings_source().cycle_bids(council=council, cycle_id=cycle_id)


def simulation_policies_then(*, ids: Sequence[str]) -> dict[str, PolicyThen]:
    """The policy versions past shortlists were ranked under, by identifier."""
    versions = PolicyVersion.objects.filter(pk__in=list(ids))
    return {
        str(v.pk): PolicyThen(number=v.number, document=document_of_or_none(v)) for v in versions
    }
