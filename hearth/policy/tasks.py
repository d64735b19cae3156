"""The policy app's Celery tasks, where `app.autodiscover_tasks()` looks for them."""

from hearth.policy.simulation.tasks import simulation_run

__all__ = ["simulation_run"]
