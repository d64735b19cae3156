"""Bids in the demo: households without a sign-in bid by phone or in person, through a lettings
officer of their council; applicants with a demo sign-in bid online for themselves. Every bid
goes through `bid_place`, which checks it under the advertising council's policy at its moment
and refuses it (writing nothing) if the household may not bid; a refused bid is left out."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError

from hearth.core.clock import clock_frozen_at
from hearth.demo.lettings.actors import Staff
from hearth.demo.lettings.bidders import Candidate
from hearth.lettings.models import Advert, Bid, BidChannel, ConnectionScope
from hearth.lettings.services.bids import bid_place, bid_withdraw
from hearth.register.models import Application

# Each council's bid limit in a cycle, as its demo policy sets it.
BID_LIMITS = {"marshvale-city": 3, "eastmere": 3, "northfen": 2}
OFFICER_CHANNELS = (BidChannel.PHONE, BidChannel.IN_PERSON)


def bid_by_officer(
    staff: Staff, candidate: Candidate, advert: Advert, at: dt.datetime, rng: random.Random
) -> Bid | None:
    """A lettings officer of the household's council bids for it, as the household asked."""
    officer = staff.lettings_officer(candidate.council)
    channel = rng.choice(OFFICER_CHANNELS)
    with clock_frozen_at(at):
        try:
            return bid_place(
                actor=officer, advert=advert, application=candidate.application, channel=channel
            )
        except ValidationError:
            return None


def bid_online(
    staff: Staff, application: Application, advert: Advert, at: dt.datetime
) -> Bid | None:
    """The applicant bids for themselves, signed in."""
    user = application.household.applicant
    if user is None:
        return None
    with clock_frozen_at(at):
        try:
            return bid_place(
                actor=staff.applicant(user),
                advert=advert,
                application=application,
                channel=BidChannel.ONLINE,
            )
        except ValidationError:
            return None


def withdrawn_online(staff: Staff, bid: Bid, at: dt.datetime) -> Bid:
    user = bid.application.household.applicant
    assert user is not None  # noqa: S101 - only online bids are withdrawn here
    with clock_frozen_at(at):
        return bid_withdraw(actor=staff.applicant(user), bid=bid)


def fits(candidate: Candidate, advert: Advert) -> bool:
    """Whether the household is worth bidding for the advert: the bedrooms it needs, and a
    connection the advert asks for (`bid_place` checks everything again)."""
    if not advert.min_bedroom_need <= candidate.need <= advert.max_bedroom_need:
        return False
    if advert.council.slug == candidate.council:
        return candidate.connected or advert.connection_scope != ConnectionScope.COUNCIL
    return advert.connection_scope in (ConnectionScope.PARTNERS, ConnectionScope.NONE)


def bids_for(
    staff: Staff,
    pool: Sequence[Candidate],
    adverts: Sequence[Advert],
    moment: Callable[[], dt.datetime],
    rng: random.Random,
    *,
    most: int,
) -> list[Bid]:
    """Bids from up to `most` households of `pool`, each for some of the adverts it fits (up
    to its council's limit), at moments `moment` gives."""
    placed: list[Bid] = []
    bidders = 0
    for candidate in pool:
        if bidders >= most:
            break
        fitting = [advert for advert in adverts if fits(candidate, advert)]
        if not fitting:
            continue
        limit = BID_LIMITS.get(candidate.council, 1)
        wanted = min(len(fitting), rng.choice(range(1, limit + 1)))
        made = [
            bid
            for advert in rng.sample(fitting, wanted)
            if (bid := bid_by_officer(staff, candidate, advert, moment(), rng)) is not None
        ]
        bidders += bool(made)
        placed.extend(made)
    return placed
