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
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import Bidder, Home, Standing, needs_full_facts
from hearth.policy.selectors import policy_partner_slugs
from hearth.register.fetch import bidders_standing, household_facts
from hearth.register.models import Household

# The advert's connection scope as the engine names it. A lettings plan's own area is checked
# by the plan's groups, so the advert itself asks for no wider connection.
_ENGINE_SCOPE = {
    ConnectionScope.NONE: "none",
    ConnectionScope.COUNCIL: "council",
    ConnectionScope.PARTNERS: "partners",
    ConnectionScope.PLAN: "none",
}


def advert_home(advert: Advert, partners: tuple[str, ...] | None = None) -> Home:
    """The advert's home and labels, as the engine reads them (`partners`: the other councils
    of the scheme, when the caller has read them already)."""
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
        maximum_age=advert.maximum_age or 0,
        age_applies_to=advert.age_applies_to,
        mobility="" if home.mobility == "general" else home.mobility,
        mobility_need=advert.mobility_need,
        mobility_use=advert.mobility_use,
        local_connection_scope=_ENGINE_SCOPE[ConnectionScope(advert.connection_scope)],
        partner_councils=partners if partners is not None else policy_partner_slugs(council),
        lettings_plan=advert.lettings_plan,
    )


@dataclass(frozen=True, slots=True)
class BidRow:
    """A bid as ranking reads it: its identifier, the household, and whose register it is on."""

    bid_id: str
    household_id: str
    household_council: str  # the slug of the council whose register the household is on
    under_offer: bool = False


class BiddersFetched:
    """Bidders' standing and facts as on one day, fetched once and kept for every advert that
    reads them: a cycle's close ranks hundreds of adverts whose bidders overlap."""

    def __init__(self, on_date: dt.date) -> None:
        self.on_date = on_date
        self._standings: dict[str, Standing | None] = {}
        self._facts: dict[str, HouseholdFacts | None] = {}
        self._assessed: dict[tuple[str, str], Bidder | None] = {}

    def standings_fetch(self, household_ids: Iterable[str]) -> None:
        """Read the stored standing of each household not read yet, in one query."""
        missing = sorted({h for h in household_ids if h not in self._standings})
        if not missing:
            return
        found = {s.household_id: s for s in bidders_standing(missing, self.on_date)}
        for household_id in missing:
            self._standings[household_id] = found.get(household_id)

    def facts_fetch(self, household_ids: Iterable[str]) -> None:
        """Read the full facts of each household not read yet, in one pass."""
        missing = sorted({h for h in household_ids if h not in self._facts})
        if not missing:
            return
        households = Household.objects.filter(pk__in=missing).order_by()
        found = {f.household_id: f for f in household_facts(households, on_date=self.on_date)}
        for household_id in missing:
            self._facts[household_id] = found.get(household_id)

    def own(self, household_id: str, *, full: bool) -> Bidder | None:
        standing = self._standings.get(household_id)
        if standing is None:
            return None
        return Bidder("", standing, self._facts.get(household_id) if full else None)

    def assessed(self, policy: PolicyDocument, household_id: str) -> Bidder | None:
        """Another partner's household, assessed under `policy` (its facts fetched already)."""
        key = (policy.council, household_id)
        if key not in self._assessed:
            facts = self._facts.get(household_id)
            self._assessed[key] = (
                None
                if facts is None
                else Bidder("", Standing.of(facts, assess(policy, facts, self.on_date)), facts)
            )
        return self._assessed[key]


def bidders_of(
    policy: PolicyDocument,
    home: Home,
    bids: Sequence[BidRow],
    on_date: dt.date,
    fetched: BiddersFetched | None = None,
) -> list[Bidder]:
    """A `Bidder` for each bid whose household can be ranked on `on_date`: households on the
    advertising council's register with their stored standing (and full facts where ranking
    needs them), and other partners' households assessed under `policy`. A household with
    nothing to rank on (never assessed) is left out. `fetched` keeps what was read for the
    next advert (its day must be `on_date`)."""
    fetched = fetched if fetched is not None else BiddersFetched(on_date)
    if fetched.on_date != on_date:
        raise ValueError("the fetched bidders are for another day")
    own = {bid.household_id for bid in bids if bid.household_council == home.council}
    partners = {bid.household_id for bid in bids if bid.household_council != home.council}
    full = bool(own) and needs_full_facts(policy, home, home.council)
    fetched.standings_fetch(own)
    fetched.facts_fetch(partners | (own if full else set()))
    found: list[Bidder] = []
    for bid in bids:
        known = (
            fetched.own(bid.household_id, full=full)
            if bid.household_council == home.council
            else fetched.assessed(policy, bid.household_id)
        )
        if known is not None:
            found.append(Bidder(bid.bid_id, known.standing, known.household, bid.under_offer))
    return found
