from celery import shared_task

from hearth.core import clock
from hearth.register import services
from hearth.register.services import lifecycle, renewals


@shared_task(name="register.reassess_due")
def reassess_due() -> int:
    """Apply policy versions that took effect today to their council's whole register."""
    return services.register_reassess_due(on_date=clock.today())


@shared_task(name="register.renewals_remind")
def renewals_remind() -> int:
    """Remind households whose yearly renewal is due within 28 days."""
    return renewals.renewals_remind(on_date=clock.today())


@shared_task(name="register.renewals_cancel")
def renewals_cancel() -> int:
    """Cancel applications not renewed 8 weeks after their renewal date, with notice."""
    return renewals.renewals_cancel(on_date=clock.today())


@shared_task(name="register.evidence_reminders")
def evidence_reminders() -> int:
    """Remind applicants, once, about documents due within 7 days (never cancels anything)."""
    from hearth.register.services.evidence import evidence_reminders_send

    return evidence_reminders_send(on_date=clock.today())


@shared_task(name="register.suspensions_end")
def suspensions_end() -> int:
    """Make active again the applications whose suspension for a set time has ended."""
    return lifecycle.suspensions_end(on_date=clock.today())


@shared_task(name="register.band_lowerings_end")
def band_lowerings_end() -> int:
    """Assess again the households whose band, lowered after refused offers, is due back."""
    from hearth.register.services.household_standing import band_lowerings_end

    return band_lowerings_end(on_date=clock.today())
