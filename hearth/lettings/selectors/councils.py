"""How each council lets its homes: through bidding, or directly from match lists; and the
councils' lettings settings, for scheme admins.

A council allocates directly when its status is "traditional allocations", or when the
allocation policy in force says `lettings: direct_match` (a council can be live on
choice-based lettings and still have a policy that matches households to homes). Such a
council's approved homes are never advertised: they wait in its "homes to match" list.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, CouncilStatus, OrganisationKind
from hearth.core.models import Organisation
from hearth.core.selectors import council_get
from hearth.lettings.models import Advert, AdvertStatus, CouncilLettings
from hearth.lettings.services.offers import council_settings
from hearth.policy.documents.loaded import document_of_or_none
from hearth.policy.selectors import policy_in_force

DIRECT_MATCH = "direct_match"


def policy_says_direct_match(council: Organisation, on_date: dt.date) -> bool:
    """The council's policy in force on `on_date` has officers match households to homes."""
    version = policy_in_force(council, on_date)
    if version is None:
        return False
    document = document_of_or_none(version)
    return document is not None and document.lettings == DIRECT_MATCH


def allocates_directly(council: Organisation, on_date: dt.date) -> bool:
    return council.council_status == CouncilStatus.TRADITIONAL or policy_says_direct_match(
        council, on_date
    )


def councils_matching_directly(
    councils: Iterable[Organisation], on_date: dt.date
) -> set[uuid.UUID]:
    """Which of `councils` allocate directly on `on_date` (one policy query each: a scheme has
    a handful of councils)."""
    return {council.pk for council in councils if allocates_directly(council, on_date)}


@dataclass(frozen=True, slots=True)
class CouncilRow:
    council: Organisation
    settings: CouncilLettings
    direct: bool  # allocates directly today
    policy_direct: bool  # because its policy in force says so


def _scheme_councils(actor: Actor) -> QuerySet[Organisation]:
    if actor.scheme is None or not actor.can(Capability.EDIT_SCHEME):
        return Organisation.objects.none()
    return Organisation.objects.filter(scheme=actor.scheme, kind=OrganisationKind.COUNCIL)


def councils_lettings_list(*, actor: Actor, today: dt.date) -> list[CouncilRow]:
    """Every council of the scheme admin's scheme with its lettings settings and how it lets."""
    councils = list(_scheme_councils(actor).order_by("name"))
    settings = {
        found.council_id: found
        for found in CouncilLettings.objects.filter(council__in=[c.pk for c in councils])
    }
    rows = []
    for council in councils:
        policy_direct = policy_says_direct_match(council, today)
        rows.append(
            CouncilRow(
                council=council,
                settings=settings.get(council.pk) or CouncilLettings(council=council),
                direct=policy_direct or council.council_status == CouncilStatus.TRADITIONAL,
                policy_direct=policy_direct,
            )
        )
    return rows


def approved_waiting(council: Organisation) -> int:
    """How many of the council's approved homes wait for a cycle (or, if it allocates directly,
    to be matched)."""
    return Advert.objects.filter(
        council=council, status=AdvertStatus.APPROVED, cycle__isnull=True
    ).count()


def council_lettings_get(*, actor: Actor, council_id: uuid.UUID, today: dt.date) -> CouncilRow:
    """One council of the scheme admin's scheme (404 for any other, or anyone else)."""
    council = council_get(actor=actor, pk=str(council_id))
    policy_direct = policy_says_direct_match(council, today)
    return CouncilRow(
        council=council,
        settings=council_settings(council.pk),
        direct=policy_direct or council.council_status == CouncilStatus.TRADITIONAL,
        policy_direct=policy_direct,
    )
