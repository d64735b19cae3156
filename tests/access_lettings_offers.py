"""Access rules for nominations and offers, merged into tests/test_access_matrix.py.

The offer named in the URLs is of a home of the home landlord, advertised by the home council
(the shortlist from tests/access_lettings_shortlists.py). Its landlord's staff and the council's
lettings officers work it; everyone else on staff is refused, and away staff get 404. The offer
is the world applicant's: their own page of it is theirs alone (staff are refused).
"""

from __future__ import annotations

from typing import Any

from hearth.core.access.roles import Capability
from hearth.lettings.models import Offer, OfferStatus
from tests.access_lettings_shortlists import ShortlistRecords
from tests.access_lettings_shortlists import objects as shortlist_objects
from tests.access_rules import (
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Principal,
    Rule,
    applicant,
    capability,
)


def either_side(p: Principal) -> int:
    if p.name == "anonymous":
        return REDIRECT
    if not (p.can(Capability.MANAGE_HOMES) or p.can(Capability.MANAGE_LETTINGS)):
        return FORBIDDEN
    return NOT_FOUND if p.away else OK


RULES: dict[str, Rule] = {
    "lettings:offer_nominate": capability(Capability.MANAGE_LETTINGS, scoped=True),
    "lettings:landlord_offers": capability(Capability.MANAGE_HOMES),
    # The world's council does not let landlords work its shortlists: landlords find nothing.
    "lettings:offer_direct": lambda p: (
        NOT_FOUND if p.can(Capability.MANAGE_HOMES) else capability(Capability.MANAGE_HOMES)(p)
    ),
    "lettings:offer": either_side,
    "lettings:offer_make": either_side,
    "lettings:offer_accept": either_side,
    "lettings:offer_refuse": either_side,
    "lettings:offer_withdraw": either_side,
    "lettings:my_offer": applicant,
}


class OfferRecords:
    def __init__(self, shortlist: ShortlistRecords) -> None:
        self.shortlist = shortlist
        self.offer = Offer.objects.create(
            advert=shortlist.shortlist.advert,
            entry=shortlist.entry,
            application=shortlist.entry.bid.application,
            status=OfferStatus.NOMINATED,
        )


def objects(world: Any) -> OfferRecords:
    found = getattr(world, "_shortlist_records", None)
    if found is None:
        found = world._shortlist_records = shortlist_objects(world)
    return OfferRecords(found)


def url_kwargs(objects: OfferRecords, name: str, principal: Principal) -> dict[str, object] | None:
    if name in ("lettings:offer_nominate", "lettings:offer_direct"):
        shortlist = objects.shortlist
        return {"advert": shortlist.shortlist.advert_id, "entry": shortlist.entry.pk}
    if name == "lettings:landlord_offers":
        return {}
    if name in RULES:
        return {"offer": objects.offer.pk}
    return None
