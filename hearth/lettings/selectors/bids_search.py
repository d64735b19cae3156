"""Finding a home: this cycle's advertised homes, as anyone may see them, with filters.

Public: an advert is shown while it is live in an open cycle of the scheme served. An
applicant also sees, after the close, the adverts they bid on (from their bids). The listing
reads a page's adverts, their first photos and the councils' policies in a fixed number of
queries, however many adverts there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.lettings.models import (
    Advert,
    AdvertStatus,
    Bid,
    CycleStatus,
    MobilityCategory,
    PropertyPhoto,
)
from hearth.lettings.rules.labels_text import (
    AdvertLabels,
    address_line,
    charges_text,
    home_title,
    labels_text,
    moment_text,
)
from hearth.lettings.selectors.bids import Advertisers

BEDROOMS_OR_MORE = 4  # the bedrooms filter's last choice: this many or more
ACCESSIBLE = "accessible"  # the mobility filter's choice for any mobility category (1 to 3)


@dataclass(frozen=True)
class HomeSearch:
    """What the applicant filters by ("" or None: any)."""

    council: str = ""  # the council's code
    area: str = ""  # an area of that council
    bedrooms: int | None = None  # BEDROOMS_OR_MORE means that many or more
    property_type: str = ""
    mobility: str = ""  # a `MobilityCategory`, or ACCESSIBLE
    older_persons: bool | None = None


def adverts_open(*, actor: Actor, now: dt.datetime | None = None) -> QuerySet[Advert]:
    """The scheme's adverts taking bids now, soonest to close first (with what a card shows)."""
    if actor.scheme is None:
        return Advert.objects.none()
    now = now or clock.now()
    photos = PropertyPhoto.objects.order_by("position", "uploaded_at")
    return (
        Advert.objects.filter(
            status=AdvertStatus.LIVE,
            cycle__status=CycleStatus.OPEN,
            cycle__scheme=actor.scheme,
            cycle__opens_at__lte=now,
            cycle__closes_at__gte=now,
        )
        .select_related("property", "council", "cycle")
        .prefetch_related(Prefetch("property__photos", queryset=photos))
        .order_by("cycle__closes_at", "reference")
    )


def adverts_search(*, actor: Actor, search: HomeSearch) -> QuerySet[Advert]:
    """The adverts taking bids now that match `search`."""
    adverts = adverts_open(actor=actor)
    if search.council:
        adverts = adverts.filter(council__slug=search.council)
        if search.area:
            adverts = adverts.filter(property__area=search.area)
    if search.bedrooms is not None:
        if search.bedrooms >= BEDROOMS_OR_MORE:
            adverts = adverts.filter(property__bedrooms__gte=search.bedrooms)
        else:
            adverts = adverts.filter(property__bedrooms=search.bedrooms)
    if search.property_type:
        adverts = adverts.filter(property__property_type=search.property_type)
    if search.mobility == ACCESSIBLE:
        adverts = adverts.exclude(property__mobility=MobilityCategory.GENERAL)
    elif search.mobility:
        adverts = adverts.filter(property__mobility=search.mobility)
    if search.older_persons is not None:
        adverts = adverts.filter(property__older_persons=search.older_persons)
    return adverts


def area_choices(*, actor: Actor) -> list[tuple[str, str]]:
    """The council areas with homes taking bids now, for the filter: each council, then each
    area of it ("council" and "council/area" values)."""
    rows = (
        adverts_open(actor=actor)
        .prefetch_related(None)
        .order_by("council__name", "property__area")
        .values_list("council__slug", "council__name", "property__area")
        .distinct()
    )
    choices: list[tuple[str, str]] = []
    seen: set[str] = set()
    for slug, name, area in rows:
        if slug not in seen:
            seen.add(slug)
            choices.append((slug, str(name)))
        if area:
            choices.append((f"{slug}/{area}", f"{name}: {area}"))
    return choices


def advert_open_get(*, actor: Actor, reference: str) -> Advert:
    """An advert as its public page shows it: live in the scheme served, or (once it has
    closed) one the signed-in applicant bid on; 404 otherwise."""
    if actor.scheme is None:
        raise Http404
    advert = (
        Advert.objects.filter(reference=reference, cycle__scheme=actor.scheme)
        .select_related("property", "property__landlord", "council", "cycle")
        .first()
    )
    if advert is None:
        raise Http404
    if advert.status == AdvertStatus.LIVE:
        return advert
    # Closed (or withdrawn): only for an applicant who bid on it, to follow the outcome.
    if (
        actor.is_applicant
        and actor.user is not None
        and Bid.objects.filter(advert=advert, application__household__applicant=actor.user).exists()
    ):
        return advert
    raise Http404


def advert_photos(advert: Advert) -> list[PropertyPhoto]:
    """The photos of an advert's home, in the order the landlord put them (read only when the
    page is shown, not when a bid is posted to it)."""
    return list(
        PropertyPhoto.objects.filter(property_id=advert.property_id).order_by(
            "position", "uploaded_at"
        )
    )


def advert_labels(advert: Advert, advertisers: Advertisers) -> AdvertLabels:
    """The advert's labels for `labels_text`, with its lettings plan named as its policy does."""
    plan = advert.lettings_plan
    policy = advertisers.policy(advert.council_id)
    if plan and policy is not None:
        named = next((p for p in policy.shortlist.local_lettings_plans if p.code == plan), None)
        plan = named.name if named is not None else plan
    return AdvertLabels(
        min_bedroom_need=advert.min_bedroom_need,
        max_bedroom_need=advert.max_bedroom_need,
        council_name=advert.council.name,
        minimum_age=advert.minimum_age,
        maximum_age=advert.maximum_age,
        age_applies_to=advert.age_applies_to,
        mobility_need=advert.mobility_need,
        mobility_use=advert.mobility_use,
        connection_scope=advert.connection_scope,
        lettings_plan=plan,
        pets=advert.pets,
    )


@dataclass(frozen=True)
class HomeCard:
    """What the find-a-home list shows of one advert."""

    advert: Advert
    title: str  # "2 bedroom flat"
    where: str  # the first line of the address, the area and the postcode
    photo: PropertyPhoto | None
    labels: tuple[str, ...]
    charges: str
    closes: str


def home_cards(
    adverts: Iterable[Advert], advertisers: Advertisers, now: dt.datetime
) -> list[HomeCard]:
    """Cards for adverts read by `adverts_open` (photos prefetched: no query per card)."""
    cards = []
    for advert in adverts:
        home = advert.property
        photos = list(home.photos.all())
        cycle = advert.cycle
        cards.append(
            HomeCard(
                advert=advert,
                title=home_title(
                    home.bedrooms, home.property_type, home.get_property_type_display()
                ),
                where=address_line(home.address, home.area, home.postcode),
                photo=photos[0] if photos else None,
                labels=labels_text(advert_labels(advert, advertisers)),
                charges=charges_text(home.weekly_rent, home.weekly_service_charge),
                closes=moment_text(cycle.closes_at, now) if cycle is not None else "",
            )
        )
    return cards
