"""Live queue positions, and an applicant's bids with them (the bids part).

A live queue position (`queue_positions`) ranks the advert's live bids now, with the engine
that makes the shortlist at the close (`rank`, under the policy in force today, every bidder's
standing as it is now), so "You are 4th of 37 so far" can change until bidding closes. Any
number of adverts are ranked with the same few queries, so "My bids" and the officer's list of
an applicant's bids cost the same however many bids they show.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import OrganisationKind
from hearth.core.models import Organisation
from hearth.lettings.models import (
    OPEN_OFFER_STATUSES,
    Advert,
    Bid,
    BidChannel,
    BidStatus,
    Offer,
    ShortlistEntry,
)
from hearth.lettings.rules.bid_check import STATUS_REASONS
from hearth.lettings.rules.bid_outcome import ShortlistPlace, bid_outcome_text
from hearth.lettings.rules.labels_text import date_time_text, moment_text, ordinal
from hearth.lettings.rules.offer_outcome import OfferNews
from hearth.lettings.selectors.bids import Advertisers, bid_access_check, bids_visible
from hearth.lettings.selectors.bids_order import REFRESH_MINUTES, OthersCounted, others_counted
from hearth.lettings.selectors.offers import news_of, offers_of_bids
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.eligibility import NO_CONNECTION_PARTNERS, UNDER_OFFER
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
from hearth.register.models import Application, Household
from hearth.register.rules import lifecycle

# --- Live queue positions ----------------------------------------------------------------------


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


def queue_positions(
    bids: Sequence[Bid], *, on_date: dt.date, advertisers: Advertisers | None = None
) -> dict[object, QueuePosition]:
    """The live queue position of each live bid in `bids` (with their adverts, councils and
    properties), by bid id; bids no longer live, or on an advert whose council has no policy
    in force, have none. The caller has checked the actor may see `bids` (and may pass the
    `advertisers` it read already).

    Each of `bids` is ranked afresh; the other bids are counted by their stored order keys
    (`selectors/bids_order.py`), or, on an advert where a key is out of date, ranked in full."""
    live = [bid for bid in bids if bid.status == BidStatus.LIVE]
    if not live:
        return {}
    adverts = {bid.advert_id: bid.advert for bid in live}
    if advertisers is None:
        advertisers = Advertisers.read(live[0].advert.council.scheme_id, on_date)
    mine = [bid.pk for bid in live]
    own = adverts_ranked(adverts.values(), advertisers, on_date, only=mine, keyed=True)
    keys = {
        bid.pk: (bid.advert_id, key)
        for bid in live
        if bid.advert_id in own and (key := own[bid.advert_id].order_keys.get(str(bid.pk)))
    }
    versions = {
        advert_id: advertisers.versions[advert.council_id].pk
        for advert_id, advert in adverts.items()
        if advert_id in own
    }
    counted = others_counted(keys, mine, versions, on_date)
    stale = [adverts[advert_id] for advert_id, count in counted.items() if count.stale]
    full = adverts_ranked(stale, advertisers, on_date) if stale else {}
    found: dict[object, QueuePosition] = {}
    for bid in live:
        ranking = full.get(bid.advert_id) or own.get(bid.advert_id)
        if ranking is None:
            continue
        # Ranked in full, every bid is in the ranking; else the others are counted.
        others = (
            OthersCounted()
            if bid.advert_id in full
            else counted.get(bid.advert_id, OthersCounted())
        )
        status = bid.application.status
        if status not in lifecycle.ON_REGISTER:
            # Not ranked while the application cannot bid (suspended, say): its bid waits.
            reason = str(STATUS_REASONS.get(status, STATUS_REASONS[lifecycle.SUSPENDED]))
            total = len(ranking.result.placed) + others.placed
            found[bid.pk] = QueuePosition(None, total, reason)
            continue
        found[bid.pk] = ranking.position_of(
            str(bid.pk), ahead=others.ahead_of(bid.pk), others=others.placed
        )
    return found


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


def bid_position_get(*, actor: Actor, bid: Bid) -> QueuePosition | None:
    """The live queue position of a bid `actor` may see (None once it is not live)."""
    if not bids_visible(actor=actor).filter(pk=bid.pk).exists():
        raise Http404
    return queue_positions([bid], on_date=clock.today()).get(bid.pk)


# --- An applicant's bids -----------------------------------------------------------------------


@dataclass(frozen=True)
class BidRow:
    """One bid as "My bids" (or the officer's list of an applicant's bids) shows it."""

    bid: Bid
    taking_bids: bool  # its cycle takes bids now: it can be withdrawn
    position: QueuePosition | None  # while bidding is open
    outcome: str  # once closed or withdrawn, the outcome so far
    placed: str  # when it was placed, in words
    closes: str  # when bidding closes, in words
    # The latest offer (or nomination) from the bid, and what it means for the applicant.
    offer: Offer | None = None
    news: OfferNews | None = None

    @property
    def can_withdraw(self) -> bool:
        return self.taking_bids and self.bid.status == BidStatus.LIVE


def _bypass_text(entry: ShortlistEntry) -> str:
    """What the applicant is told of a bypass: the reason's words in the policy version the
    shortlist was made under (the code itself means nothing to them)."""
    if not entry.bypass_reason:
        return ""
    reasons = document_of(entry.shortlist.policy_version).shortlist.bypass_reasons
    return next((r.text for r in reasons if r.code == entry.bypass_reason), "")


def _partner_names(bids: Sequence[Bid]) -> dict[str, str]:
    """The names, by code, of the councils named by the bids' exclusions for want of a local
    connection to any partner council (one query, and none when no bid has one)."""
    wanted: set[str] = set()
    for bid in bids:
        entry = getattr(bid, "entry", None)
        if entry is not None and entry.reason_code == NO_CONNECTION_PARTNERS:
            councils = (entry.reason_facts or {}).get("councils")
            if isinstance(councils, list):
                wanted.update(str(code) for code in councils)
    if not wanted:
        return {}
    return dict(
        Organisation.objects.filter(
            scheme_id=bids[0].advert.council.scheme_id,
            kind=OrganisationKind.COUNCIL,
            slug__in=sorted(wanted),
        ).values_list("slug", "name")
    )


def bid_rows(
    bids: Sequence[Bid], *, now: dt.datetime, offers: Mapping[object, Offer] | None = None
) -> list[BidRow]:
    """Rows for bids read through `bids_visible` (with their shortlist entries), with the
    `offers` made from them by bid id (read for their applicant by `offers_of_bids`)."""
    offers = offers or {}
    today = now.astimezone(clock.LONDON).date()
    open_bids = [bid for bid in bids if _taking_bids(bid, now)]
    positions = queue_positions(open_bids, on_date=today)
    names = _partner_names(bids)
    rows = []
    for bid in bids:
        taking = _taking_bids(bid, now)
        entry = getattr(bid, "entry", None)
        council = bid.advert.council
        place = (
            ShortlistPlace(
                entry.status,
                entry.position,
                entry.reason_code,
                entry.reason_facts or {},
                _bypass_text(entry),
                council_code=council.slug,
                council_name=council.name,
                council_names=names,
            )
            if entry is not None
            else None
        )
        outcome = bid_outcome_text(
            status=bid.status,
            taking_bids=taking,
            withdrawn_at=bid.withdrawn_at,
            place=place,
            matched=bid.channel == BidChannel.MATCH,
        )
        offer = offers.get(bid.pk)
        cycle = bid.advert.cycle
        rows.append(
            BidRow(
                bid,
                taking,
                positions.get(bid.pk) if taking else None,
                outcome,
                placed=date_time_text(bid.placed_at),
                closes=moment_text(cycle.closes_at, now) if cycle is not None else "",
                offer=offer,
                news=news_of(offer) if offer is not None else None,
            )
        )
    return rows


def _taking_bids(bid: Bid, now: dt.datetime) -> bool:
    cycle = bid.advert.cycle
    return cycle is not None and cycle.accepts_bids_at(now)


def my_bids_list(*, actor: Actor) -> list[BidRow]:
    """Every bid of the signed-in applicant, newest first, with positions and outcomes."""
    if not actor.is_applicant:
        raise PermissionDenied
    bids = list(
        bids_visible(actor=actor)
        .select_related("entry__shortlist__policy_version")
        .order_by("-placed_at", "id")
    )
    return bid_rows(bids, now=clock.now(), offers=offers_of_bids(actor=actor, bids=bids))


def application_bids_list(*, actor: Actor, application: Application) -> list[BidRow]:
    """Every bid of an application, for a lettings officer of its council."""
    bid_access_check(actor, application)
    bids = list(
        bids_visible(actor=actor)
        .filter(application=application)
        .select_related("entry__shortlist__policy_version")
        .order_by("-placed_at", "id")
    )
    return bid_rows(bids, now=clock.now())


def bid_live_on(*, actor: Actor, advert: Advert, application: Application) -> Bid | None:
    """The application's live bid on `advert`, if it has one."""
    bid_access_check(actor, application)
    bid = Bid.objects.filter(advert=advert, application=application, status=BidStatus.LIVE).first()
    if bid is not None:
        bid.advert, bid.application = advert, application  # as the caller read them
    return bid
