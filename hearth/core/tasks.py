from celery import shared_task
from django.contrib.sessions.models import Session

from hearth.core import clock


@shared_task(name="core.sessions_clear")
def sessions_clear() -> int:
    """Delete sessions past their expiry (signed-out idle sessions hold personal context)."""
    deleted, _ = Session.objects.filter(expire_date__lt=clock.now()).delete()
    return deleted


@shared_task(name="core.form_submissions_prune")
def form_submissions_prune() -> int:
    """Forget spent one-time form tokens once a repeat of their form is no longer likely."""
    from hearth.core.forms.submissions import form_submissions_prune as prune

    return prune()
