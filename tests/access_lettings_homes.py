"""Access rules for the lettings homes and adverts pages, merged into tests/test_access_matrix.py.

The records the URLs name belong to the home landlord and the home council of the matrix world:
a home never advertised, with a photo; a draft advert of a second home; and a third home's
advert sent to the council for approval.

Who gets what:
- a landlord's homes and adverts pages: staff of the landlord with MANAGE_HOMES (landlord
  lettings officers and admins); another landlord's staff get 404, never the home;
- the approval queue and an advert's approval page: lettings officers and team leaders of the
  advertising council; another council's get 404;
- a photo: a public address, but a home never advertised shows its photos only to its
  landlord's staff and the lettings officers of its council; everyone else gets 404, as for a
  photo that does not exist (once advertised, anyone may see it: tested in the lettings app).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile

from hearth.accounts.tests.factories import UserFactory
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.lettings.models import Advert, AdvertStatus, Property, PropertyPhoto
from hearth.lettings.tests.factories import AdvertFactory, PropertyFactory
from hearth.lettings.tests.homes_setup import image_bytes
from tests.access_rules import NOT_FOUND, OK, Principal, Rule, capability

manage_homes = capability(Capability.MANAGE_HOMES)
own_home = capability(Capability.MANAGE_HOMES, scoped=True)
approvals = capability(Capability.MANAGE_LETTINGS)
own_council = capability(Capability.MANAGE_LETTINGS, scoped=True)


def photo_before_advertising(p: Principal) -> int:
    if (
        p.is_staff
        and not p.away
        and (p.can(Capability.MANAGE_HOMES) or p.can(Capability.MANAGE_LETTINGS))
    ):
        return OK
    return NOT_FOUND


RULES: dict[str, Rule] = {
    "lettings:homes": manage_homes,
    "lettings:home_new": manage_homes,
    "lettings:home": own_home,
    "lettings:home_edit": own_home,
    "lettings:home_photo_new": own_home,
    "lettings:home_photo_remove": own_home,
    "lettings:home_photo": photo_before_advertising,
    "lettings:advert_new": own_home,
    "lettings:advert": own_home,
    "lettings:advert_edit": own_home,
    "lettings:advert_submit": own_home,
    "lettings:advert_withdraw": own_home,
    "lettings:advert_approvals": approvals,
    "lettings:advert_review": own_council,
}


@dataclass(frozen=True)
class HomesRecords:
    home: Property
    photo: PropertyPhoto
    draft: Advert
    sent: Advert


def objects(world: Any) -> HomesRecords:
    landlord = world.home[OrganisationKind.LANDLORD]
    council = world.home[OrganisationKind.COUNCIL]
    home = PropertyFactory(landlord=landlord, council=council)
    photo = PropertyPhoto(property=home, alt_text="Living room")
    photo.image.save("photo.png", ContentFile(image_bytes()), save=False)
    photo.width, photo.height = 40, 30
    photo.save()
    creator = UserFactory()
    draft = AdvertFactory(
        property=PropertyFactory(landlord=landlord, council=council),
        status=AdvertStatus.DRAFT,
        cycle=None,
        created_by=creator,
    )
    sent = AdvertFactory(
        property=PropertyFactory(landlord=landlord, council=council),
        status=AdvertStatus.SUBMITTED,
        cycle=None,
        created_by=creator,
    )
    return HomesRecords(home=home, photo=photo, draft=draft, sent=sent)


def url_kwargs(objects: HomesRecords, name: str, principal: Principal) -> dict[str, object] | None:
    if name not in RULES:
        return None
    if name in {"lettings:home", "lettings:home_edit", "lettings:home_photo_new"}:
        return {"pk": objects.home.pk}
    if name == "lettings:advert_new":
        return {"pk": objects.home.pk}
    if name == "lettings:home_photo_remove":
        return {"pk": objects.home.pk, "photo": objects.photo.pk}
    if name == "lettings:home_photo":
        return {"pk": objects.photo.pk}
    if name in {
        "lettings:advert",
        "lettings:advert_edit",
        "lettings:advert_submit",
        "lettings:advert_withdraw",
    }:
        return {"pk": objects.draft.pk}
    if name == "lettings:advert_review":
        return {"pk": objects.sent.pk}
    return {}
