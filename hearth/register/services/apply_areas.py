"""Saving which area (parish, town or neighbourhood) an address, job or relative's home is in.

A council's local lettings plan can give homes in a village first to people with a connection
to that parish; the area saved here is what the rules compare with the advertised home's parish.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.actor import Actor
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import Application, Period
from hearth.register.selectors.apply_areas import council_areas_asked
from hearth.register.services.apply import acting_actor, application_edit_check


def period_area_set(*, actor: Actor, application: Application, period: Period, area: str) -> Period:
    """Save the area of the period's council that the place is in ("": somewhere else, or the
    person is not sure, which is remembered as `parish_not_known` so that it is not mistaken
    for a question never answered)."""
    application_edit_check(actor, application)
    if period.household_id != application.household_id:
        raise PermissionDenied
    area = area.strip()
    if area and area not in council_areas_asked(period.council, clock.today()):
        raise ValidationError(
            {
                "area": _(
                    "Select one of the areas in the list, or select "
                    "'Somewhere else, or I'm not sure'"
                )
            }
        )
    household = application.household
    with transaction.atomic():
        before = {"parish": period.parish, "parish_not_known": period.parish_not_known}
        period.parish = area
        period.parish_not_known = not area
        period.save(update_fields=["parish", "parish_not_known", "updated_at"])
        after = {"parish": period.parish, "parish_not_known": period.parish_not_known}
        audit_record(
            actor=acting_actor(actor, household),
            verb="period.area_set",
            target=period,
            organisation=household.council,
            changes=changes_of(before=before, after=after, context={"kind": period.kind}),
            label=f"{household.reference}: {period.get_kind_display()}",
        )
    return period
