"""Access rules for the shortlist pages, merged into tests/test_access_matrix.py.

The home council's lettings officers (and team leaders) work its shortlists; the world
applicant's bid is on the shortlist named in the URLs. Away officers get 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hearth.core.access.roles import Capability, OrganisationKind
from hearth.lettings.models import Shortlist, ShortlistEntry
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.factories import AdvertFactory, BidFactory, CycleFactory
from tests.access_register_world import register_records
from tests.access_rules import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Principal, Rule, capability


def lettings(p: Principal) -> int:
    if p.name == "anonymous":
        return REDIRECT
    return OK if p.can(Capability.MANAGE_LETTINGS) or p.can(Capability.MANAGE_HOMES) else FORBIDDEN


def scoped(p: Principal) -> int:
    """The council's officers work its shortlists. Landlords may open shortlist pages, but this
    council does not let landlords work its shortlists, so they find nothing."""
    if p.name == "anonymous":
        return REDIRECT
    if p.can(Capability.MANAGE_LETTINGS):
        return NOT_FOUND if p.away else OK
    return NOT_FOUND if p.can(Capability.MANAGE_HOMES) else FORBIDDEN


def reports(p: Principal) -> int:
    if p.name == "anonymous":
        return REDIRECT
    return OK if p.can(Capability.MANAGE_LETTINGS) or p.can(Capability.EDIT_SCHEME) else FORBIDDEN


RULES: dict[str, Rule] = {
    "lettings:report_partner_pot": reports,
    "lettings:cycles": reports,
    "lettings:cycle_rhythm": capability(Capability.EDIT_SCHEME),
    "lettings:shortlists": lettings,
    "lettings:shortlist": scoped,
    "lettings:shortlist_rerank": scoped,
    "lettings:shortlist_bypass": scoped,
    "lettings:shortlist_bypass_undo": scoped,
}


@dataclass(frozen=True)
class ShortlistRecords:
    shortlist: Shortlist
    entry: ShortlistEntry


def objects(world: Any) -> ShortlistRecords:
    found = getattr(world, "_shortlist_records", None)
    if found is None:
        found = world._shortlist_records = _build(world)
    return found


def _build(world: Any) -> ShortlistRecords:
    register = register_records(world)
    council = world.home[OrganisationKind.COUNCIL]
    cycle = CycleFactory(scheme=council.scheme)
    advert = AdvertFactory(
        cycle=cycle,
        property__council=council,
        property__landlord=world.home[OrganisationKind.LANDLORD],
        min_bedroom_need=1,
        max_bedroom_need=1,
    )
    BidFactory(advert=advert, application=register.application)
    shortlist = shortlist_make(advert=advert, as_at=cycle.closes_at)
    return ShortlistRecords(shortlist=shortlist, entry=shortlist.entries.get())


def url_kwargs(
    objects: ShortlistRecords, name: str, principal: Principal
) -> dict[str, object] | None:
    if name in (
        "lettings:shortlists",
        "lettings:report_partner_pot",
        "lettings:cycles",
        "lettings:cycle_rhythm",
    ):
        return {}
    if name in ("lettings:shortlist", "lettings:shortlist_rerank"):
        return {"advert": objects.shortlist.advert_id}
    if name in ("lettings:shortlist_bypass", "lettings:shortlist_bypass_undo"):
        return {"advert": objects.shortlist.advert_id, "entry": objects.entry.pk}
    return None
