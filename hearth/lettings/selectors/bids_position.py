"""Live queue positions, and an applicant's bids with them (the bids part).

A live queue position (`queue_positions`) says where a bid stands among the advert's live bids
now, in the order the engine that makes the shortlist at the close would put them (under the
policy in force today), so "You are 4th of 37 so far" can change until bidding closes: the
viewer's bid ranked afresh, the others counted by their stored order keys (`bids_order`), or
every bid ranked (`bids_ranked`) where a key is out of date. Any number of adverts cost the same
few queries, so "My bids" and the officer's list of an applicant's bids cost the same however
many bids they show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import OrganisationKind
from hearth.core.models import Organisation
from hearth.lettings.models import (
    Advert,
    Bid,
    BidChannel,
    BidStatus,
    Offer,
    ShortlistEntry,
)
from hearth.lettings.rules.bid_check import STATUS_REASONS
from hearth.lettings.rules.bid_outcome import ShortlistPlace, bid_outcome_text
from hearth.lettings.rules.labels_text import date_time_text, moment_text
from hearth.lettings.rules.offer_outcome import OfferNews
from hearth.lettings.selectors.bids import Advertisers, bid_access_check, bids_visible
from hearth.lettings.selectors.bids_order import OthersCounted, others_counted
from hearth.lettings.selectors.bids_ranked import QueuePosition, adverts_ranked
from hearth.lettings.selectors.offers import news_of, offers_of_bids
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.eligibility import NO_CONNECTION_PARTNERS
from hearth.register.models import Application
from hearth.register.rules import lifecycle

# --- Live queue positions ----------------------------------------------------------------------


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
