"""Reading a landlord's homes and their photos, only as far as the actor may see them.

Staff of a landlord with MANAGE_HOMES see their own landlord's homes, and nobody else's: a home
of another landlord is the same 404 as one that does not exist.

A photo is public once its home has been advertised (an advert of it is live, closed or let):
adverts show it to anyone. Before that only the landlord's staff, and the lettings officers of
the council the home is in or of a council it was put to for approval, may see it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.core.access.actor import Actor
from hearth.core.access.roles import OrganisationKind
from hearth.core.models import Organisation
from hearth.lettings.models import Advert, AdvertStatus, Property, PropertyPhoto
from hearth.lettings.rules.permissions import approves_adverts_of, landlord_of, manages_homes_of

# An advert in one of these has been shown to the public, and so have the home's photos.
ADVERTISED = (AdvertStatus.LIVE, AdvertStatus.CLOSED, AdvertStatus.LET)


@dataclass(frozen=True)
class AdvertFilter:
    label: str | Promise
    statuses: tuple[str, ...]


# The homes list can show only the homes whose current advert is at one stage.
ADVERT_FILTERS: dict[str, AdvertFilter] = {
    "to-finish": AdvertFilter(_("Adverts to finish"), (AdvertStatus.DRAFT, AdvertStatus.RETURNED)),
    "waiting": AdvertFilter(_("Waiting for approval"), (AdvertStatus.SUBMITTED,)),
    "approved": AdvertFilter(_("Approved"), (AdvertStatus.APPROVED,)),
    "live": AdvertFilter(_("Advertised now"), (AdvertStatus.LIVE,)),
}


def homes_visible(*, actor: Actor) -> QuerySet[Property]:
    """Every home `actor` may manage: their own landlord's."""
    landlord = landlord_of(actor)
    base = Property.objects.select_related("council", "landlord")
    return base.filter(landlord=landlord) if landlord is not None else base.none()


def homes_list(*, actor: Actor, adverts: str = "") -> QuerySet[Property]:
    """The landlord's homes in postcode order, each with its current advert (the newest: a home
    has at most one open advert, and a new one only after the last ended) as `advert_status`,
    `advert_reference` and `advert_pk`. `adverts` (a key of ADVERT_FILTERS) keeps only the
    homes whose current advert is at that stage; anything else keeps every home."""
    if landlord_of(actor) is None:
        raise PermissionDenied
    latest = Advert.objects.filter(property=OuterRef("pk")).order_by("-created_at")
    homes = homes_visible(actor=actor).annotate(
        advert_status=Subquery(latest.values("status")[:1]),
        advert_reference=Subquery(latest.values("reference")[:1]),
        advert_pk=Subquery(latest.values("pk")[:1]),
    )
    chosen = ADVERT_FILTERS.get(adverts)
    if chosen is not None:
        homes = homes.filter(advert_status__in=chosen.statuses)
    return homes.order_by("postcode", "address", "pk")


def home_get(*, actor: Actor, pk: uuid.UUID | str) -> Property:
    """One home `actor` may manage, or 404."""
    try:
        return homes_visible(actor=actor).get(pk=pk)
    except (Property.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404 from missing


def home_photos(*, home: Property) -> list[PropertyPhoto]:
    """The photos of a home the caller already got through a selector, in their order."""
    return list(home.photos.order_by("position", "uploaded_at"))


def home_photo_get(*, actor: Actor, home: Property, pk: uuid.UUID | str) -> PropertyPhoto:
    """One photo of a home `actor` manages, or 404."""
    if not manages_homes_of(actor, home.landlord_id):
        raise Http404
    try:
        return PropertyPhoto.objects.get(property=home, pk=pk)
    except (PropertyPhoto.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404 from missing


def home_photo_file_get(*, actor: Actor, pk: uuid.UUID | str) -> tuple[PropertyPhoto, bool]:
    """A photo to send, and whether anyone may see it (its home has been advertised); 404 when
    it is not advertised and `actor` is neither its landlord's staff nor a lettings officer of
    a council it belongs to."""
    try:
        photo = PropertyPhoto.objects.select_related("property").get(pk=pk)
    except (PropertyPhoto.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404 from missing
    home = photo.property
    adverts = Advert.objects.filter(property_id=home.pk)
    if adverts.filter(status__in=ADVERTISED).exists():
        return photo, True
    if manages_homes_of(actor, home.landlord_id):
        return photo, False
    organisation = actor.organisation
    if (
        organisation is not None
        and approves_adverts_of(actor, organisation.pk)
        and (home.council_id == organisation.pk or adverts.filter(council=organisation).exists())
    ):
        return photo, False
    raise Http404


def home_councils(*, actor: Actor) -> list[Organisation]:
    """The councils of the actor's scheme, which a home can be in, by name."""
    if landlord_of(actor) is None or actor.scheme is None:
        raise PermissionDenied
    return list(
        Organisation.objects.filter(scheme=actor.scheme, kind=OrganisationKind.COUNCIL).order_by(
            "name"
        )
    )
