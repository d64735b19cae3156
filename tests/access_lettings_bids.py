"""Access rules for the lettings bids pages, merged into tests/test_access_matrix.py.

Finding a home and an advert's page are public; an applicant's bids are the world applicant's
own; a lettings officer's pages for an applicant's bids name the world applicant's application
in the home council (away officers get 404). The records: the register's world records
(tests/access_register_world.py), plus this week's open cycle with a live advert of a home in
the home council, which the world applicant has bid on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hearth.core.access.roles import Capability, OrganisationKind, Role
from hearth.lettings.models import Advert, Bid
from hearth.lettings.tests.factories import AdvertFactory, BidFactory, CycleFactory
from tests.access_register_world import RegisterRecords, register_records
from tests.access_rules import NOT_FOUND, OK, Principal, Rule, applicant, capability

lettings = capability(Capability.MANAGE_LETTINGS, scoped=True)


def public_in_scheme(p: Principal) -> int:
    """Anyone, for an advert of the scheme they are in: the only staff of another scheme (the
    away partnership team) do not find it."""
    return NOT_FOUND if p.role == Role.SCHEME_ADMIN and p.away else OK


RULES: dict[str, Rule] = {
    "lettings:find_home": lambda p: OK,
    "lettings:find_home_advert": public_in_scheme,
    "lettings:bids": applicant,
    "lettings:bid_withdraw": applicant,
    "lettings:application_bids": lettings,
    "lettings:auto_bid": lettings,
    "lettings:officer_bid_withdraw": lettings,
}


@dataclass(frozen=True)
class BidRecords:
    register: RegisterRecords
    advert: Advert
    bid: Bid  # the world applicant's


def objects(world: Any) -> BidRecords:
    records = register_records(world)
    council = world.home[OrganisationKind.COUNCIL]
    cycle = CycleFactory(scheme=council.scheme)
    advert = AdvertFactory(
        property__council=council,
        property__landlord=world.home[OrganisationKind.LANDLORD],
        cycle=cycle,
    )
    bid = BidFactory(advert=advert, application=records.application, placed_by=world.applicant)
    return BidRecords(register=records, advert=advert, bid=bid)


def url_kwargs(objects: BidRecords, name: str, principal: Principal) -> dict[str, object] | None:
    if name == "lettings:find_home_advert":
        return {"reference": objects.advert.reference}
    if name in ("lettings:bid_withdraw", "lettings:officer_bid_withdraw"):
        return {"pk": objects.bid.pk}
    if name in ("lettings:application_bids", "lettings:auto_bid"):
        return {"pk": objects.register.application.pk}
    if name in RULES:
        return {}
    return None
