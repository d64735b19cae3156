"""Reading adverts, only as far as the actor may see them.

A landlord's staff (MANAGE_HOMES) see the adverts of their own landlord's homes; a council's
lettings officers (MANAGE_LETTINGS) see the adverts their council was asked to approve or has
approved. Anything else is the same 404 as an advert that does not exist.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.core.access.actor import Actor
from hearth.lettings.models import Advert, AdvertStatus, CouncilLettings, Property
from hearth.lettings.rules.permissions import council_of, landlord_of, manages_homes_of


def adverts_visible(*, actor: Actor) -> QuerySet[Advert]:
    """Every advert `actor` may read: their landlord's, or their council's."""
    base = Advert.objects.select_related(
        "property", "property__council", "property__landlord", "council", "approved_by"
    )
    landlord = landlord_of(actor)
    if landlord is not None:
        return base.filter(property__landlord=landlord)
    council = council_of(actor)
    if council is not None:
        return base.filter(council=council)
    return base.none()


def advert_get(*, actor: Actor, pk: uuid.UUID | str) -> Advert:
    """One advert `actor` may read, or 404."""
    try:
        return adverts_visible(actor=actor).get(pk=pk)
    except (Advert.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404 from missing


def home_adverts(*, actor: Actor, home: Property) -> list[Advert]:
    """Every advert of a home `actor` manages, newest first (the first may still be open)."""
    if not manages_homes_of(actor, home.landlord_id):
        raise Http404
    return list(
        Advert.objects.filter(property=home).select_related("council").order_by("-created_at")
    )


def adverts_waiting_approval(*, actor: Actor) -> QuerySet[Advert]:
    """The council's adverts sent for approval, the longest waiting first."""
    council = council_of(actor)
    if council is None:
        raise PermissionDenied
    return (
        Advert.objects.filter(council=council, status=AdvertStatus.SUBMITTED)
        .select_related("property", "property__landlord")
        .order_by("submitted_at", "created_at", "pk")
    )


def adverts_waiting_approval_count(*, actor: Actor) -> int:
    """How many of the council's adverts wait for approval (0, without a query, for anyone who
    approves none)."""
    council = council_of(actor)
    if council is None:
        return 0
    return Advert.objects.filter(council=council, status=AdvertStatus.SUBMITTED).count()


def adverts_need_approval(council_id: uuid.UUID) -> bool:
    """Whether the council's lettings officers approve adverts before they go live (a council
    that has not said uses the default: they do)."""
    setting = (
        CouncilLettings.objects.filter(council_id=council_id)
        .values_list("adverts_need_approval", flat=True)
        .first()
    )
    return True if setting is None else bool(setting)


@dataclass(frozen=True)
class WorkGroup:
    key: str
    heading: str | Promise
    adverts: tuple[Advert, ...]
    count: int


# The landlord's adverts in progress, grouped as the landlord home page shows them.
WORK_GROUPS: tuple[tuple[str, str | Promise, tuple[str, ...]], ...] = (
    ("to-finish", _("Adverts to finish"), (AdvertStatus.RETURNED, AdvertStatus.DRAFT)),
    ("waiting", _("Waiting for the council's approval"), (AdvertStatus.SUBMITTED,)),
    ("approved", _("Approved, waiting for the next cycle"), (AdvertStatus.APPROVED,)),
    ("live", _("Advertised now"), (AdvertStatus.LIVE,)),
)


def landlord_adverts_in_progress(*, actor: Actor, shown: int = 5) -> list[WorkGroup]:
    """The landlord's open adverts by stage: at most `shown` of each (returned ones before
    drafts, then the most recently changed first) and how many there are. Two queries,
    however many adverts there are; none for anyone who manages no homes."""
    landlord = landlord_of(actor)
    if landlord is None:
        return []
    statuses = [status for _key, _heading, group in WORK_GROUPS for status in group]
    mine = Advert.objects.filter(property__landlord=landlord, status__in=statuses)
    counts = dict(mine.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    first = (
        mine.select_related("property")
        .annotate(
            row=Window(RowNumber(), partition_by=F("status"), order_by=F("updated_at").desc())
        )
        .filter(row__lte=shown)
        .order_by("-updated_at")
    )
    rows = list(first) if counts else []
    groups = []
    for key, heading, group in WORK_GROUPS:
        adverts = sorted(
            (a for a in rows if a.status in group), key=lambda a: group.index(a.status)
        )[:shown]
        groups.append(
            WorkGroup(
                key=key,
                heading=heading,
                adverts=tuple(adverts),
                count=sum(counts.get(status, 0) for status in group),
            )
        )
    return groups
