"""Background work for simulations. Thin: the work lives in `services.simulation_execute`."""

from __future__ import annotations

from celery import shared_task

from hearth.policy.simulation import services


@shared_task(name="policy.simulation_run")
def simulation_run(run_id: str) -> str:
    """Run a queued simulation; does nothing for one already running or finished."""
    return str(services.simulation_execute(run_id=run_id).status)


@shared_task(name="policy.simulations_stale_fail")
def simulations_stale_fail() -> int:
    """Close runs whose worker stopped, so their pages stop waiting."""
    return services.simulations_stale_fail()
