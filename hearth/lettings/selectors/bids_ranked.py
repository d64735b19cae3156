"""Ranking an advert's live bids now, for live queue positions: every bid (as the close does),
or just the viewer's own with their order keys (see `selectors/bids_order.py`).

`adverts_ranked` ranks any number of adverts with the same few queries; `AdvertRanking` says
where a bid stands among them, as a `QueuePosition` the applicant and officers read.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from hearth.lettings.models import (
    OPEN_OFFER_STATUSES,
    Advert,
    Bid,
    BidStatus,
    Offer,
)
from hearth.lettings.rules.labels_text import ordinal
from hearth.lettings.selectors.bids import Advertisers
from hearth.lettings.selectors.bids_order import REFRESH_MINUTES
from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.eligibility import UNDER_OFFER
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import (
    Bidder,
    Home,
    ShortlistResult,
    Standing,
    eligibility_check,
    needs_full_facts,
    rank,
)
from hearth.register.fetch import IdIn, UUIDText, bidders_standing, household_facts
from hearth.register.models import Household
from hearth.register.rules import lifecycle


@dataclass(frozen=True)
class QueuePosition:
    """Where a live bid stands among the advert's live bids, ranked now."""

    position: int | None  # None: the bid would not be shortlisted now
    total: int  # bids placed in the order now
    reason: str = ""  # why it would not be shortlisted now, in plain English
    # The values that placed it, in the order compared: (what, value).
    keys: tuple[tuple[str, str], ...] = ()
    explanation: tuple[str, ...] = field(default_factory=tuple)  # how the order was made

    @property
    def summary(self) -> str:
        """Where the bid stands, as the applicant reads it."""
        if self.position is None:
            return _("You would not be shortlisted for this home now.")
        return _("You are %(position)s of %(total)d so far.") % {
            "position": ordinal(self.position),
            "total": self.total,
        }

    @property
    def officer_summary(self) -> str:
        """Where the bid stands, as an officer bidding for the applicant reads it."""
        if self.position is None:
            return _("The applicant would not be shortlisted for this home now.")
        return _("The applicant is %(position)s of %(total)d so far.") % {
            "position": ordinal(self.position),
            "total": self.total,
        }


@dataclass(frozen=True)
class AdvertRanking:
    """An advert's live bids ranked now, and how (for the positions it gives)."""

    advert: Advert
    council_name: str
    policy: PolicyDocument
    home: Home
    result: ShortlistResult
    bidders: dict[str, Bidder]  # by bid id
    council_names: Mapping[str, str]
    on_date: dt.date
    # Every live bid ranked (placed, excluded, or left out with no assessment to rank on).
    bid_ids: tuple[str, ...] = ()

    @property
    def order_keys(self) -> Mapping[str, str]:
        """Each placed bid's order key, by bid id (when ranked `keyed`)."""
        return self.result.order_keys

    def position_of(self, bid_id: str, *, ahead: int = 0, others: int = 0) -> QueuePosition:
        """Where `bid_id` stands; `others` bids not ranked here would be shortlisted too, and
        `ahead` of them are ahead of it."""
        placed = self.result.placed
        total = len(placed) + others
        explanation = (
            _(
                "Bids are put in order under %(council)s's allocation policy, with each "
                "bidder's band and dates as they are today (a change to another bidder's "
                "application can take up to %(minutes)d minutes to count). The order can change "
                "until bidding closes; the shortlist is made then."
            )
            % {"council": self.council_name, "minutes": REFRESH_MINUTES},
            *self.result.explanation,
        )
        for entry in placed:
            if entry.bid_id == bid_id:
                return QueuePosition(entry.position + ahead, total, "", entry.keys, explanation)
        bidder = self.bidders.get(bid_id)
        refusal = (
            eligibility_check(self.policy, self.home, self.on_date, at_close=True)(bidder)
            if bidder is not None
            else None
        )
        if refusal is None:
            reason = _("Your application has no assessment we can rank.")
        elif refusal.code == UNDER_OFFER:
            # The bid was placed (before the offer, or where the policy skips such households
            # at the close rather than refusing their bids): it stays, and is skipped.
            reason = _(
                "While you have an offer of another home waiting for your answer, or are being "
                "considered for one, you will not be shortlisted for this home. Your bid stays "
                "in place until bidding closes."
            )
        else:
            reason = refusal.applicant(self.council_names)
        return QueuePosition(None, total, reason, (), explanation)


_ON_REGISTER = sorted(lifecycle.ON_REGISTER)


def adverts_ranked(
    adverts: Iterable[Advert],
    advertisers: Advertisers,
    on_date: dt.date,
    *,
    only: Sequence[uuid.UUID] | None = None,
    keyed: bool = False,
) -> dict[object, AdvertRanking]:
    """Each advert's live bids ranked now under its council's policy in force, by advert id.
    `only`: rank just these bids (by id) of the adverts' live bids. `keyed`: with each placed
    bid's order key (`AdvertRanking.order_keys`).

    A fixed number of queries: the adverts' live bids; the standings of bidders on each
    advertising council's own register; the full facts of bidders whose ranking needs them and
    of cross-partner bidders, who are assessed now under the advertising council's policy."""
    policies: dict[object, PolicyDocument] = {}
    for advert in adverts:
        if (policy := advertisers.policy(advert.council_id)) is not None:
            policies[advert.pk] = policy
    wanted = [advert for advert in adverts if advert.pk in policies]
    if not wanted:
        return {}
    # Every row is looked up by its advert and its council several times: as text, whose hash
    # Python keeps, not as UUIDs, whose hash and comparison are Python calls (a tenth of the
    # position's time at 2,000 bids).
    by_id = {str(advert.pk): advert for advert in wanted}
    live = Bid.objects.filter(
        advert_id__in=[advert.pk for advert in wanted],
        status=BidStatus.LIVE,
        application__status__in=_ON_REGISTER,
    )
    if only is not None:
        live = live.filter(pk__in=only)
    rows = list(
        live.order_by().values_list(
            UUIDText("advert_id"),
            UUIDText("id"),
            UUIDText("application__household_id"),
            # The register the household is on (an application's is always its household's):
            # read without joining the household or the council.
            UUIDText("application__council_id"),
            "application__status",
            "application_id",
        )
    )
    # Nominated for another home and awaiting the decision, or offered one and yet to answer:
    # under offer, as "Can I bid?" and the close treat it (`Applicant.bidder`, `CloseInputs`).
    offered: dict[object, set[str]] = defaultdict(set)
    if rows:
        for application_id, offered_advert in Offer.objects.filter(
            application_id__in=sorted({row[5] for row in rows}, key=str),
            status__in=OPEN_OFFER_STATUSES,
        ).values_list("application_id", "advert_id"):
            offered[application_id].add(str(offered_advert))
    homes = {text: advertisers.home(advert) for text, advert in by_id.items()}
    policy_of = {text: policies[advert.pk] for text, advert in by_id.items()}
    advertiser = {text: str(advert.council_id) for text, advert in by_id.items()}
    own_need_facts = {
        text: needs_full_facts(policy_of[text], homes[text], homes[text].council) for text in by_id
    }
    own: set[str] = set()  # bidders on the advertising council's register
    full: set[str] = set()  # bidders whose full facts are needed
    for advert_id, _bid, household, council, _status, _application in rows:
        if council == advertiser[advert_id]:
            own.add(household)
            if own_need_facts[advert_id]:
                full.add(household)
        else:
            full.add(household)
    standings = {s.household_id: s for s in bidders_standing(sorted(own), on_date)}
    facts: dict[str, HouseholdFacts] = {}
    if full:
        households = Household.objects.filter(IdIn("id", sorted(full))).order_by()
        facts = {f.household_id: f for f in household_facts(households, on_date=on_date)}
    bidders: dict[str, dict[str, Bidder]] = defaultdict(dict)
    assessed: dict[tuple[str, str], Standing] = {}
    for advert_id, bid_id, household, council, status, application in rows:
        home, policy = homes[advert_id], policy_of[advert_id]
        under_offer = status == lifecycle.UNDER_OFFER or bool(offered[application] - {advert_id})
        if council == advertiser[advert_id]:
            standing = standings.get(household)
            if standing is None:
                continue  # never assessed: nothing to rank on
            bidders[advert_id][bid_id] = Bidder(bid_id, standing, facts.get(household), under_offer)
            continue
        household_facts_found = facts.get(household)
        if household_facts_found is None:
            continue
        key = (household, home.council)
        if key not in assessed:
            assessment = assess(policy, household_facts_found, on_date)
            assessed[key] = Standing.of(household_facts_found, assessment)
        bidders[advert_id][bid_id] = Bidder(
            bid_id, assessed[key], household_facts_found, under_offer
        )
    names = advertisers.names
    rankings: dict[object, AdvertRanking] = {}
    considered: dict[str, list[str]] = defaultdict(list)
    for advert_id, bid_id, *_rest in rows:
        considered[advert_id].append(bid_id)
    for advert_key, advert in by_id.items():
        home, policy = homes[advert_key], policy_of[advert_key]
        mine = bidders.get(advert_key, {})
        ranked = rank(policy, home, list(mine.values()), on_date, seed=str(advert.pk), keyed=keyed)
        rankings[advert.pk] = AdvertRanking(
            advert,
            advert.council.name,
            policy,
            home,
            ranked,
            mine,
            names,
            on_date,
            tuple(considered.get(advert_key, ())),
        )
    return rankings
