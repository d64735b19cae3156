from celery import shared_task

from hearth.core import clock
from hearth.register import services


@shared_task(name="register.reassess_due")
def reassess_due() -> int:
    """Apply policy versions that took effect today to their council's whole register."""
    return services.register_reassess_due(on_date=clock.today())
