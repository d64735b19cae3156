"""Reading offers: the landlord sees its own homes' offers, the council its own adverts', the
applicant their own (`my_offer_get`, and on "My bids" `offers_of_bids`). The landlord is shown
the nominee's details only as far as the applicant agreed to share them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Case, Q, QuerySet, Value, When
from django.http import Http404

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.clock import today
from hearth.core.pages.pagination import CappedPaginator
from hearth.lettings.models import OPEN_OFFER_STATUSES, Bid, Offer
from hearth.lettings.rules.offer_outcome import OfferFacts, OfferNews, offer_news
from hearth.policy.rules.facts import age_on
from hearth.register.models import Person, Relationship

PER_PAGE = 25


def _visible(actor: Actor) -> QuerySet[Offer]:
    if actor.organisation is None:
        return Offer.objects.none()
    scope = Q(pk__in=[])
    if actor.can(Capability.MANAGE_HOMES):
        scope |= Q(advert__property__landlord=actor.organisation)
    if actor.can(Capability.MANAGE_LETTINGS):
        scope |= Q(advert__council=actor.organisation)
    return Offer.objects.filter(scope)


def offer_get(*, actor: Actor, offer_id: uuid.UUID) -> Offer:
    found = (
        _visible(actor)
        .select_related(
            "advert__property",
            "advert__council",
            "application__household",
            "entry__shortlist",
        )
        .filter(pk=offer_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _applicants(actor: Actor) -> QuerySet[Offer]:
    """The offers of the signed-in applicant's own household (none for anyone else)."""
    if not actor.is_applicant or actor.user is None:
        return Offer.objects.none()
    return Offer.objects.filter(application__household__applicant=actor.user)


def my_offer_get(*, actor: Actor, offer_id: uuid.UUID) -> Offer:
    """One of the signed-in applicant's own offers (or nominations), or 404."""
    found = (
        _applicants(actor)
        .select_related("advert__property__landlord", "advert__council")
        .filter(pk=offer_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def offers_of_bids(*, actor: Actor, bids: Sequence[Bid]) -> dict[object, Offer]:
    """The latest offer (or nomination) made from each of `bids`, by bid id, for the applicant
    whose bids they are: one query however many bids."""
    found: dict[object, Offer] = {}
    if not bids:
        return found
    rows = (
        _applicants(actor)
        .filter(entry__bid__in=[bid.pk for bid in bids])
        .select_related("advert__property__landlord", "entry")
        .order_by("created_at")
    )
    for offer in rows:
        found[offer.entry.bid_id] = offer  # the latest wins
    return found


def news_of(offer: Offer) -> OfferNews:
    """Where `offer` stands and what happens next, as its applicant reads it."""
    return offer_news(
        OfferFacts(
            status=offer.status,
            landlord=offer.advert.property.landlord.name,
            today=today(),
            respond_by=offer.respond_by,
            tenancy_starts_on=offer.tenancy_starts_on,
            was_offered=offer.offered_at is not None,
            refused_by=offer.refused_by,
            refusal_counts=offer.refusal_counts,
        )
    )


def landlord_offers_page(*, actor: Actor, number: str | None) -> Page:  # type: ignore[type-arg]
    """The landlord's nominations and offers: those waiting first, then the latest answered."""
    if not actor.can(Capability.MANAGE_HOMES) or actor.organisation is None:
        rows = Offer.objects.none()
    else:
        rows = Offer.objects.filter(advert__property__landlord=actor.organisation)
    waiting_first = Case(When(status__in=OPEN_OFFER_STATUSES, then=Value(0)), default=Value(1))
    ordered = rows.select_related("advert__property", "application__household").order_by(
        waiting_first, "-created_at"
    )
    return CappedPaginator(ordered, PER_PAGE).get_page(number)


def offers_of_advert(*, actor: Actor, advert_id: uuid.UUID) -> list[Offer]:
    return list(
        _visible(actor)
        .filter(advert_id=advert_id)
        .select_related("application__household", "entry")
        .order_by("created_at")
    )


@dataclass(frozen=True, slots=True)
class MemberLine:
    relationship: str
    age: str


@dataclass(frozen=True, slots=True)
class Nominee:
    """What the landlord may see of the household offered its home."""

    reference: str
    consented: bool
    name: str
    phone: str
    email: str
    members: list[MemberLine]
    support_needs: str
    mobility_needs: list[str]


def nominee_for(offer: Offer) -> Nominee:
    household = offer.application.household
    people = list(Person.objects.filter(household=household).order_by("created_at"))
    if not offer.application.consent_to_share:
        return Nominee(household.reference, False, "", "", "", [], "", [])
    lead = next((p for p in people if p.relationship == Relationship.LEAD), None)
    on = today()
    return Nominee(
        reference=household.reference,
        consented=True,
        name=household.contact_name or (lead.full_name if lead else ""),
        phone=household.contact_phone,
        email=household.contact_email,
        members=[
            MemberLine(
                p.get_relationship_display(),
                f"{age_on(p.date_of_birth, on)}" if p.date_of_birth else "",
            )
            for p in people
        ],
        support_needs=household.support_needs,
        mobility_needs=[p.get_mobility_display() for p in people if p.mobility],
    )


def is_open(offer: Offer) -> bool:
    return offer.status in OPEN_OFFER_STATUSES
