"""Finding applications, only as far as the actor may see them.

Officers see their own council's register; applicants see their own application. Anything else
is the same 404 as a record that does not exist.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.register.models import Application
from hearth.register.rules import lifecycle


def applications_visible(*, actor: Actor) -> QuerySet[Application]:
    """Every application `actor` may read: their council's (officers) or their own (applicants)."""
    base = Application.objects.select_related("household", "household__council")
    if actor.organisation is not None:
        if not actor.can(Capability.VIEW_REGISTER):
            return base.none()
        return base.filter(council=actor.organisation)
    if actor.is_applicant and actor.user is not None:
        return base.filter(household__applicant=actor.user)
    return base.none()


def application_get(*, actor: Actor, pk: uuid.UUID | str) -> Application:
    """One application `actor` may read, or 404."""
    try:
        return applications_visible(actor=actor).get(pk=pk)
    except (Application.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404 from missing


def application_of_applicant(*, actor: Actor) -> Application | None:
    """The signed-in applicant's current application: the newest one not closed, else the
    newest of all; None if they have never started one."""
    if not actor.is_applicant or actor.user is None:
        return None
    mine = applications_visible(actor=actor).order_by("-created_at")
    open_one = mine.exclude(status__in=lifecycle.CLOSED).first()
    return open_one or mine.first()
