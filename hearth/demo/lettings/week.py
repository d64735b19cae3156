"""The demo lettings week, in the order it happened: last week's cycle advertised, bid for,
closed and let; this week's open with its bids; adverts on the landlords' and council's lists;
Kingsbarrow's match lists. Loaded once: nothing happens if the demo has homes or cycles."""

from __future__ import annotations

import datetime as dt
import random

from hearth.core import clock
from hearth.core.models import Scheme
from hearth.demo import partnership
from hearth.demo.lettings import bidders, bids, cycles, homes, matches, offers
from hearth.demo.lettings.actors import Staff
from hearth.demo.lettings.bidders import Candidate
from hearth.demo.lettings.homes_data import (
    APPROVED_HOME,
    CURRENT_HOMES,
    DRAFT_HOME,
    KINGSBARROW_HOMES,
    PAST_HOMES,
    RETURNED_HOME,
    SUBMITTED_HOME,
)
from hearth.demo.lettings.moments import DemoWeek
from hearth.lettings.models import Advert, Bid, ConnectionScope, Cycle, Offer, Property
from hearth.register.models import Application

SEED = 20261203
CBL_COUNCILS = ("marshvale-city", "eastmere", "northfen")
PAST_BIDDERS = 6  # households bidding for each home last week (each for one home)
CURRENT_BIDDERS = {"marshvale-city": 40, "eastmere": 25, "northfen": 25}
CROSS_PARTNER_BIDS = 2  # on each home open to any partner's households
SIGNED_IN = (("applicant@marshvale.example", 3), ("applicant-active@marshvale.example", 2))
RETURN_REASON = "Add a photo of the home, and say whether it has a parking space."
MINUTE = dt.timedelta(minutes=1)


def demo_lettings_seed() -> int:
    """Load the demo lettings week; returns how many records it made (0 if loaded already)."""
    scheme = Scheme.objects.filter(slug=partnership.SCHEME_SLUG).first()
    if (
        scheme is None
        or Property.objects.filter(landlord__scheme=scheme).exists()
        or Cycle.objects.filter(scheme=scheme).exists()
    ):
        return 0
    staff = Staff()
    week = DemoWeek.at(clock.now())
    rng = random.Random(SEED)  # noqa: S311 - made-up demo data
    cycles.rhythm_set(staff, week.before_past(6, 9, 30))
    past_adverts = homes.homes_advertised(
        staff, PAST_HOMES, week.before_past(5, 10), week.before_past(2, 14)
    )
    kingsbarrow = [
        homes.home_save(staff, home, week.before_past(4, 11) + 5 * n * MINUTE)
        for n, home in enumerate(KINGSBARROW_HOMES)
    ]
    assessed_at = week.before_past(1, 7)
    pools = bidders.candidates(CBL_COUNCILS, assessed_at, rng)
    past_bidders = _past_bidders(pools, past_adverts)
    current_bidders = _current_bidders(pools, rng)
    signed_in = [
        (found, most)
        for email, most in SIGNED_IN
        if (found := bidders.signed_in_application(email)) is not None
    ]
    assessed = bidders.assessed_before_bidding(
        [c.application for chosen in (*past_bidders.values(), current_bidders) for c in chosen]
        + [application for application, _most in signed_in],
        assessed_at,
    )
    past = cycles.cycle_opened(staff, week.past)
    for advert in past_adverts:
        for candidate in past_bidders[advert.pk]:
            at = week.in_past(rng.uniform(0.02, 0.95))
            bids.bid_by_officer(staff, candidate, advert, at, rng)
    homes.homes_advertised(staff, CURRENT_HOMES, week.in_past(0.3), week.in_past(0.85))
    cycles.cycle_closed(past)
    current = cycles.cycle_opened(staff, week.current)
    _current_bids(staff, current, current_bidders, signed_in, week, rng)
    _adverts_in_progress(staff, week)
    offers.past_cycle_let(staff, _adverts_of(past), week)
    _kingsbarrow_matched(staff, kingsbarrow, week)
    return assessed + sum(model.objects.count() for model in (Property, Advert, Cycle, Bid, Offer))


def _adverts_of(cycle: Cycle) -> list[Advert]:
    return list(
        Advert.objects.filter(cycle=cycle)
        .select_related("property__landlord", "council")
        .order_by("reference")
    )


def _past_bidders(
    pools: dict[str, list[Candidate]], adverts: list[Advert]
) -> dict[object, list[Candidate]]:
    """For each of last week's homes, households of its council that fit it, each taken from
    its pool (a household bid for one of last week's homes at most)."""
    chosen: dict[object, list[Candidate]] = {}
    for advert in adverts:
        pool = pools[advert.council.slug]
        fitting = [c for c in pool if bids.fits(c, advert)][:PAST_BIDDERS]
        for candidate in fitting:
            pool.remove(candidate)
        chosen[advert.pk] = fitting
    return chosen


def _current_bidders(pools: dict[str, list[Candidate]], rng: random.Random) -> list[Candidate]:
    """This week's bidders: the first households left in each council's pool."""
    chosen = [c for slug in CBL_COUNCILS for c in pools[slug][: CURRENT_BIDDERS[slug]]]
    rng.shuffle(chosen)
    return chosen


def _current_bids(
    staff: Staff,
    cycle: Cycle,
    chosen: list[Candidate],
    signed_in: list[tuple[Application, int]],
    week: DemoWeek,
    rng: random.Random,
) -> None:
    """This week's bids so far: households from other councils on the homes open to any
    partner's households, then everyone else's, then the applicants with sign-ins, online (the
    first of them withdraws a bid and bids again)."""
    adverts = _adverts_of(cycle)

    def moment() -> dt.datetime:
        return week.in_current(rng.uniform(0.02, 0.95))

    for advert in adverts:
        if advert.connection_scope != ConnectionScope.PARTNERS:
            continue
        others = [c for c in chosen if c.council != advert.council.slug and bids.fits(c, advert)]
        made = 0
        for candidate in others:
            if made >= CROSS_PARTNER_BIDS:
                break
            made += bids.bid_by_officer(staff, candidate, advert, moment(), rng) is not None
    bids.bids_for(staff, chosen, adverts, moment, rng, most=len(chosen))
    for n, (application, most) in enumerate(signed_in):
        own = [a for a in adverts if a.council_id == application.council_id]
        _bid_online(staff, application, own, most, week, withdraw_first=n == 0)


def _bid_online(
    staff: Staff,
    application: Application,
    adverts: list[Advert],
    most: int,
    week: DemoWeek,
    *,
    withdraw_first: bool,
) -> None:
    """The applicant bids for the homes they may, in turn, until they have `most` live bids."""
    live = 0
    share = 0.30
    for advert in adverts:
        if live >= most:
            break
        share += 0.04
        bid = bids.bid_online(staff, application, advert, week.in_current(share))
        if bid is None:
            continue
        if withdraw_first:
            withdraw_first = False
            share += 0.04
            bids.withdrawn_online(staff, bid, week.in_current(share))
            continue
        live += 1


def _adverts_in_progress(staff: Staff, week: DemoWeek) -> None:
    """This week's work for the next cycle: a draft, an advert returned to its landlord, one
    waiting for approval and one approved."""
    draft = homes.home_save(staff, DRAFT_HOME, week.in_current(0.50))
    homes.advert_drafted(staff, DRAFT_HOME, draft, week.in_current(0.52))
    for home, sent, answered in (
        (RETURNED_HOME, 0.20, 0.40),
        (APPROVED_HOME, 0.30, 0.45),
        (SUBMITTED_HOME, 0.70, None),
    ):
        saved = homes.home_save(staff, home, week.in_current(sent))
        advert = homes.advert_drafted(staff, home, saved, week.in_current(sent + 0.01))
        advert = homes.advert_sent(staff, home, advert, week.in_current(sent + 0.02))
        if answered is None:
            continue
        if home is RETURNED_HOME:
            homes.advert_sent_back(staff, advert, RETURN_REASON, week.in_current(answered))
        else:
            homes.advert_approved(staff, advert, week.in_current(answered))


def _kingsbarrow_matched(staff: Staff, kingsbarrow: list[Property], week: DemoWeek) -> None:
    """Today's match list work: the first home let directly, the second offered and waiting
    for the household's answer, the third still to match."""
    let_home, offered_home, _waiting = kingsbarrow
    nomination = matches.matched(staff, let_home, week.today(0.10))
    if nomination is not None:
        offer = matches.offered(staff, nomination, week.today(0.25))
        matches.accepted(staff, offer, week.today(0.45))
    nomination = matches.matched(staff, offered_home, week.today(0.60))
    if nomination is not None:
        matches.offered(staff, nomination, week.today(0.80))
