from celery import shared_task
from django.contrib.sessions.models import Session

from hearth.core import clock


@shared_task(name="core.sessions_clear")
def sessions_clear() -> int:
    """Delete sessions past their expiry (signed-out idle sessions hold personal context)."""
    deleted, _ = Session.objects.filter(expire_date__lt=clock.now()).delete()
    return deleted
