"""Applications for the demo register's households (see `demo_households`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hearth.core import clock
from hearth.register import lifecycle
from hearth.register.models import Application, ApplicationStatus, Household


def _at_ten(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=clock.LONDON)


def _renewal_due(registered: dt.date, on_date: dt.date) -> dt.date:
    """The next yearly anniversary of registration on or after `on_date`."""
    due = registered + dt.timedelta(days=lifecycle.RENEWAL_EVERY_DAYS)
    while due < on_date:
        due += dt.timedelta(days=lifecycle.RENEWAL_EVERY_DAYS)
    return due


def demo_applications(households: Iterable[Household], on_date: dt.date) -> list[Application]:
    """An active application for each household, registered on its registration date."""
    return [
        Application(
            household=household,
            status=ApplicationStatus.ACTIVE,
            status_changed_at=_at_ten(household.registration_date),
            submitted_at=_at_ten(household.registration_date),
            declaration_at=_at_ten(household.registration_date),
            consent_to_share=True,
            activated_on=household.registration_date,
            renewal_due_on=_renewal_due(household.registration_date, on_date),
            sections_done=[],
        )
        for household in households
    ]
