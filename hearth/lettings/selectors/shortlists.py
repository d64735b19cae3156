"""Reading shortlists: a council's lettings officers see their own council's, nobody else."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.pages.pagination import CappedPaginator
from hearth.lettings.models import (
    OPEN_OFFER_STATUSES,
    AdvertStatus,
    EntryStatus,
    NominationRoute,
    Offer,
    Shortlist,
    ShortlistEntry,
)
from hearth.lettings.services.offers import next_in_line
from hearth.lettings.services.shortlists import bypass_reasons
from hearth.policy.rules.document import BypassReason
from hearth.register.models import Relationship

PER_PAGE = 25


def _visible(actor: Actor) -> QuerySet[Shortlist]:
    """The council's lettings officers see its shortlists; a landlord's staff see the shortlists
    of its own homes where the council lets landlords work them."""
    if actor.organisation is None:
        return Shortlist.objects.none()
    if actor.can(Capability.MANAGE_LETTINGS):
        return Shortlist.objects.filter(advert__council=actor.organisation)
    if actor.can(Capability.MANAGE_HOMES):
        return Shortlist.objects.filter(
            advert__property__landlord=actor.organisation,
            advert__council__lettings_settings__nomination_route=NominationRoute.LANDLORD_WORKS_SHORTLIST,
        )
    return Shortlist.objects.none()


def shortlists_page(*, actor: Actor, number: str | None) -> Page:  # type: ignore[type-arg]
    """The council's shortlists, newest close first, with how many bidders each placed."""
    rows = (
        _visible(actor)
        .select_related("advert__property")
        .annotate(
            placed=Count("entries", filter=Q(entries__status=EntryStatus.PLACED)),
            bypassed=Count("entries", filter=Q(entries__status=EntryStatus.BYPASSED)),
            excluded=Count("entries", filter=Q(entries__status=EntryStatus.EXCLUDED)),
        )
        .order_by("-as_at", "advert__reference")
    )
    return CappedPaginator(rows, PER_PAGE).get_page(number)


@dataclass(frozen=True, slots=True)
class EntryRow:
    entry: ShortlistEntry
    household_reference: str
    lead_name: str
    bypass_label: str


@dataclass(frozen=True, slots=True)
class ShortlistView:
    shortlist: Shortlist
    ranked: list[EntryRow]  # placed and bypassed, by position
    excluded: list[EntryRow]
    reasons: tuple[BypassReason, ...]
    offers: list[Offer]  # of this home, oldest first
    next_entry: ShortlistEntry | None  # who an offer would go to next, if none is in progress


def shortlist_get(*, actor: Actor, advert_id: uuid.UUID) -> Shortlist:
    found = (
        _visible(actor)
        .select_related("advert__property", "advert__council", "advert__cycle", "policy_version")
        .filter(advert_id=advert_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def shortlist_view(*, actor: Actor, advert_id: uuid.UUID) -> ShortlistView:
    """The shortlist with each bidder's household reference and lead applicant's name."""
    shortlist = shortlist_get(actor=actor, advert_id=advert_id)
    # A landlord's staff see a bidder's name only if the applicant agreed to share it.
    for_landlord = not actor.can(Capability.MANAGE_LETTINGS)
    reasons = tuple(bypass_reasons(shortlist))
    labels = {reason.code: reason.label for reason in reasons}
    entries = (
        shortlist.entries.select_related("bid__application__household")
        .prefetch_related("bid__application__household__members")
        .order_by("position", "id")
    )
    rows = []
    for entry in entries:
        household = entry.bid.application.household
        lead = next(
            (p for p in household.members.all() if p.relationship == Relationship.LEAD), None
        )
        rows.append(
            EntryRow(
                entry=entry,
                household_reference=household.reference,
                lead_name=lead.full_name
                if lead is not None and (entry.bid.application.consent_to_share or not for_landlord)
                else "",
                bypass_label=labels.get(entry.bypass_reason, entry.bypass_reason),
            )
        )
    offers = list(
        Offer.objects.filter(advert_id=shortlist.advert_id)
        .select_related("application__household", "entry")
        .order_by("created_at")
    )
    in_progress = any(offer.status in OPEN_OFFER_STATUSES for offer in offers)
    first = rows[0].entry if rows else None
    return ShortlistView(
        shortlist=shortlist,
        ranked=[r for r in rows if r.entry.status != EntryStatus.EXCLUDED],
        excluded=[r for r in rows if r.entry.status == EntryStatus.EXCLUDED],
        reasons=reasons,
        offers=offers,
        next_entry=next_in_line(first)
        if first is not None and not in_progress and shortlist.advert.status == AdvertStatus.CLOSED
        else None,
    )


def shortlist_entry_get(*, actor: Actor, advert_id: uuid.UUID, entry_id: int) -> ShortlistEntry:
    shortlist = shortlist_get(actor=actor, advert_id=advert_id)
    found = (
        shortlist.entries.select_related("bid__application__household").filter(pk=entry_id).first()
    )
    if found is None:
        raise Http404
    found.shortlist = shortlist
    return found
