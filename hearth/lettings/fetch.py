"""From lettings rows to what the ranking engine reads: an advert's `Home` and its bidders.

The engine (`hearth.policy.rules.rank`) is pure; this module is where the rows it needs are
read. A bidder on the advertising council's own register ranks on its stored assessment (as it
stood on the day in question). A bidder on another partner's register has no assessment under
the advertising council's policy, so the engine assesses its household's facts under that policy
here (the partner pot): the same facts, the advertising council's rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hearth.lettings.models import Advert, ConnectionScope
from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.rank import Bidder, Home, Standing, needs_full_facts
from hearth.policy.selectors import policy_partner_slugs
from hearth.register.fetch import bidders_full, bidders_standing, household_facts
from hearth.register.models import Household

# The advert's connection scope as the engine names it. A lettings plan's own area is checked
# by the plan's groups, so the advert itself asks for no wider connection.
_ENGINE_SCOPE = {
    ConnectionScope.NONE: "none",
    ConnectionScope.COUNCIL: "council",
    ConnectionScope.PARTNERS: "partners",
    ConnectionScope.PLAN: "none",
}


def advert_home(advert: Advert) -> Home:
    """The advert's home and labels, as the engine reads them."""
    home = advert.property
    council = advert.council
    return Home(
        bedrooms=home.bedrooms,
        council=council.slug,
        parish=home.area,
        property_type=home.property_type,
        min_bedroom_need=advert.min_bedroom_need,
        max_bedroom_need=advert.max_bedroom_need,
        minimum_age=advert.minimum_age or 0,
        mobility="" if home.mobility == "general" else home.mobility,
        local_connection_scope=_ENGINE_SCOPE[ConnectionScope(advert.connection_scope)],
        partner_councils=policy_partner_slugs(council),
        lettings_plan=advert.lettings_plan,
    )


@dataclass(frozen=True, slots=True)
class BidRow:
    """A bid as ranking reads it: its identifier, the household, and whose register it is on."""

    bid_id: str
    household_id: str
    household_council: str  # the slug of the council whose register the household is on
    under_offer: bool = False


def bidders_of(
    policy: PolicyDocument, home: Home, bids: Sequence[BidRow], on_date: dt.date
) -> list[Bidder]:
    """A `Bidder` for each bid whose household can be ranked on `on_date`: households on the
    advertising council's register with their stored standing (and full facts where ranking
    needs them), and other partners' households assessed under `policy`. A household with
    nothing to rank on (never assessed) is left out."""
    own = [bid for bid in bids if bid.household_council == home.council]
    partners = [bid for bid in bids if bid.household_council != home.council]
    found: dict[str, Bidder] = {}
    own_ids = sorted({bid.household_id for bid in own})
    if own_ids and needs_full_facts(policy, home, home.council):
        for standing, facts in bidders_full(own_ids, on_date):
            found[standing.household_id] = Bidder("", standing, facts)
    elif own_ids:
        for standing in bidders_standing(own_ids, on_date):
            found[standing.household_id] = Bidder("", standing)
    found.update(_partners_assessed(policy, {bid.household_id for bid in partners}, on_date))
    return [
        Bidder(bid.bid_id, known.standing, known.household, bid.under_offer)
        for bid in bids
        if (known := found.get(bid.household_id)) is not None
    ]


def _partners_assessed(
    policy: PolicyDocument, household_ids: Iterable[str], on_date: dt.date
) -> dict[str, Bidder]:
    ids = sorted(household_ids)
    if not ids:
        return {}
    households = Household.objects.filter(pk__in=ids).order_by()
    return {
        facts.household_id: Bidder("", Standing.of(facts, assess(policy, facts, on_date)), facts)
        for facts in household_facts(households, on_date=on_date)
    }
