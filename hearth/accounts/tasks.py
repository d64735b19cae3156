from celery import shared_task

from hearth.accounts import services


@shared_task(name="accounts.invitations_expire")
def invitations_expire() -> int:
    """Close staff invitations nobody accepted in time."""
    return services.invitations_expire()
