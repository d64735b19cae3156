"""Which households make up a council's housing register, for system jobs (reassessment,
simulation) that act on the whole register rather than for one officer."""

from __future__ import annotations

from django.db.models import QuerySet

from hearth.core.models import Organisation
from hearth.register.models import Household
from hearth.register.rules import lifecycle

# Assessed under the council's policy: on the register, or with a decision still to come.
ASSESSED_STATUSES = frozenset(lifecycle.ON_REGISTER | lifecycle.IN_PROGRESS | {lifecycle.SUSPENDED})


def households_on_register(council: Organisation) -> QuerySet[Household]:
    """The council's households whose applications are on its register or being decided."""
    return Household.objects.filter(
        council=council, application__status__in=sorted(ASSESSED_STATUSES)
    )
