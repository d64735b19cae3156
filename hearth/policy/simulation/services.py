"""Writes for what-if simulations: starting a run, and the run itself (in the background).

`simulation_start` is what a policy admin does: it checks they may edit the council's policy,
records the run (queued, compared with the version in force on the date) and its audit event,
and queues the background task once that has committed. `simulation_execute` is what the task
does: it claims the run with a conditional update (so a run is never worked on twice, and a
finished run asked to run again does nothing), reads the register in batches, assesses each
household under both policies, and records progress after every batch with a conditional
update that other requests see at once. Then it replays the council's last closed cycles under
the draft (`replay.ShortlistReplay`), one cycle at a time. A household that cannot be assessed
is reported and the run goes on; if the run itself fails, it is marked failed with the error
and whatever was found up to then.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.audit import audit_record, changes_of
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyStatus, PolicyVersion, SimulationRun, SimulationStatus
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.selectors import policy_editable_by, policy_in_force
from hearth.policy.simulation import selectors
from hearth.policy.simulation.replay import PolicyThen, ShortlistReplay
from hearth.policy.simulation.results import Comparison, RegisterMovement, outcome_assess

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# The background run acts for nobody in particular; its audit events have no user.

T = TypeVar("T")


def simulation_start(
    *, actor: Actor, draft: PolicyVersion, on_date: dt.date | None = None
) -> SimulationRun:
    """Queue a run of `draft` against the council's whole register, as on `on_date` (today)."""
    council = draft.council
    if not policy_editable_by(actor, council):
        raise PermissionDenied
    if draft.status != PolicyStatus.DRAFT:
        raise ValidationError(_("Only a draft can be simulated. Make a new draft to test changes."))
    day = on_date or clock.today()
    with transaction.atomic():
        baseline = policy_in_force(council, day)
        run = SimulationRun.objects.create(
            council=council,
            draft=draft,
            baseline=baseline,
            on_date=day,
            started_by=actor.signed_in_user(),
        )
        audit_record(
            actor=actor,
            verb="simulation.started",
            target=run,
            organisation=council,
            changes=changes_of(
                after={
                    "draft": f"v{draft.number}",
                    "baseline": f"v{baseline.number}" if baseline is not None else None,
                    "on_date": day,
                }
            ),
        )
        run_id = str(run.pk)
        transaction.on_commit(lambda: _dispatch(run_id))
    return run


def _dispatch(run_id: str) -> None:
    # Imported here: the task module imports this one.
    from hearth.policy.simulation.tasks import simulation_run

    simulation_run.delay(run_id)


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def simulation_comparisons(
    run: SimulationRun, *, baseline: PolicyDocument | None, draft: PolicyDocument
) -> list[Comparison]:
    """What a run measures: the register today, and past shortlists replayed."""
    return [
        RegisterMovement(baseline=baseline, draft=draft, on_date=run.on_date),
        ShortlistReplay(draft=draft),
    ]


def _replay(run: SimulationRun, replay: ShortlistReplay) -> None:
    """Feed the replay the council's last closed cycles, one at a time (each cycle's bidders
    are read in one go, so memory stays that of one cycle). Progress is not counted: the
    progress page says the replay is under way once every household is done."""
    policies: dict[str, PolicyThen] = {}
    cycles = selectors.simulation_past_cycles(
        council=run.council, until=run.on_date, limit=replay.limit
    )
    for cycle in cycles:
        past = selectors.simulation_past_cycle(council=run.council, cycle_id=cycle.id)
        wanted = {s.policy_version_id for s in past.shortlists} - policies.keys()
        policies.update(selectors.simulation_policies_then(ids=sorted(wanted)))
        replay.cycle_add(past, policies)


def simulation_execute(*, run_id: str, batch_size: int = BATCH_SIZE) -> SimulationRun:
    """Do the run (the background task's work). Safe to call again: only a queued run starts."""
    run = SimulationRun.objects.select_related("council", "draft", "baseline").get(pk=run_id)
    if run.status != SimulationStatus.QUEUED:
        return run
    households = selectors.simulation_register(council=run.council)
    claimed = SimulationRun.objects.filter(pk=run.pk, status=SimulationStatus.QUEUED).update(
        status=SimulationStatus.RUNNING, total=len(households), done=0
    )
    if not claimed:  # another worker took it a moment ago
        run.refresh_from_db()
        return run
    run.status, run.total, run.done = SimulationStatus.RUNNING, len(households), 0
    comparisons: list[Comparison] = []
    references = dict(households)
    try:
        baseline = document_of(run.baseline) if run.baseline is not None else None
        draft = document_of(run.draft)
        comparisons = simulation_comparisons(run, baseline=baseline, draft=draft)
        for batch in _batches(households, batch_size):
            facts = selectors.simulation_register_facts(
                ids=[pk for pk, _ref in batch], on_date=run.on_date
            )
            for household in facts:
                outcome = outcome_assess(
                    reference=references.get(household.household_id, ""),
                    facts=household,
                    baseline=baseline,
                    draft=draft,
                    on_date=run.on_date,
                )
                for comparison in comparisons:
                    comparison.add(outcome)
            run.done += len(batch)
            SimulationRun.objects.filter(pk=run.pk, status=SimulationStatus.RUNNING).update(
                done=run.done
            )
        for comparison in comparisons:
            if isinstance(comparison, ShortlistReplay):
                _replay(run, comparison)
    except Exception as failure:  # recorded on the run for the admin; the worker carries on
        log.exception("simulation %s failed", run.pk)
        return _finish(run, comparisons, error=str(failure) or failure.__class__.__name__)
    return _finish(run, comparisons, error="")


def _finish(run: SimulationRun, comparisons: Sequence[Comparison], *, error: str) -> SimulationRun:
    results: dict[str, Any] = {c.key: c.data() for c in comparisons}
    problems = [p for c in comparisons for p in c.problems()]
    status = SimulationStatus.FAILED if error else SimulationStatus.DONE
    if error:
        results["error"] = error
    finished_at = clock.now()
    with transaction.atomic():
        updated = SimulationRun.objects.filter(pk=run.pk, status=SimulationStatus.RUNNING).update(
            status=status,
            results=results,
            problems=problems,
            finished_at=finished_at,
            done=run.done,
        )
        if updated:
            movement = results.get(RegisterMovement.key, {})
            audit_record(
                actor=SYSTEM,
                verb="simulation.failed" if error else "simulation.finished",
                target=run,
                organisation=run.council,
                changes=changes_of(
                    before={"status": SimulationStatus.RUNNING},
                    after={
                        "status": status,
                        "households": run.done,
                        "problems": len(problems),
                        "directions": movement.get("directions"),
                    },
                ),
            )
    run.refresh_from_db()
    return run


def simulation_download_record(*, actor: Actor, run: SimulationRun, file: str) -> None:
    """Note in the audit log that a CSV file listing households was downloaded."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb="simulation.downloaded",
            target=run,
            organisation=run.council,
            changes=changes_of(context={"file": file}),
        )


STALE_AFTER = dt.timedelta(hours=2)


def simulations_stale_fail(*, now: dt.datetime | None = None) -> int:
    """Mark runs failed that have been waiting or running far longer than any run takes (their
    worker stopped), so nobody watches a progress bar that will never move. Run on a schedule."""
    now = now or clock.now()
    stale = list(
        SimulationRun.objects.filter(
            status__in=[SimulationStatus.QUEUED, SimulationStatus.RUNNING],
            created_at__lt=now - STALE_AFTER,
        ).select_related("council")
    )
    failed = 0
    for run in stale:
        with transaction.atomic():
            updated = SimulationRun.objects.filter(pk=run.pk, status=run.status).update(
                status=SimulationStatus.FAILED,
                results={
                    **run.results,
                    "error": "The run stopped before it finished. Start it again.",
                },
                finished_at=now,
            )
            if updated:
                audit_record(
                    actor=SYSTEM,
                    verb="simulation.failed",
                    target=run,
                    organisation=run.council,
                    changes=changes_of(
                        before={"status": run.status}, after={"status": SimulationStatus.FAILED}
                    ),
                )
                failed += updated
    return failed
