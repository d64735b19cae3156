"""Live queue positions, and an applicant's bids with them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.clock import clock_frozen_at
from hearth.lettings.models import AdvertStatus, Bid, BidChannel
from hearth.lettings.selectors.bids import bids_visible
from hearth.lettings.selectors.bids_position import bid_position_get, my_bids_list, queue_positions
from hearth.lettings.services.bids import bid_place, bid_withdraw
from hearth.lettings.services.bids_order import bid_order_refresh
from hearth.lettings.services.offers import offer_nominate
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.bids_setup import (
    NOON,
    TODAY,
    advert_of,
    applicant_actor,
    applicant_in,
    cycle_open,
    marshvale,
    northfen,
    officer_actor,
)
from hearth.lettings.tests.factories import BidFactory
from hearth.register.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db


def bid(application: Application, advert):  # type: ignore[no-untyped-def]
    return bid_place(
        actor=applicant_actor(application),
        advert=advert,
        application=application,
        channel=BidChannel.ONLINE,
    )


def position_of(placed: Bid):  # type: ignore[no-untyped-def]
    with clock_frozen_at(NOON):
        return bid_position_get(actor=applicant_actor(placed.application), bid=placed)


# --- Live queue positions ---------------------------------------------------------------------


def test_the_position_ranks_the_live_bids_with_the_shortlist_engine() -> None:
    with clock_frozen_at(NOON):
        # Given four bidders on a Marshvale home: bands A and B, and two in band C, ours with
        # the later priority date
        home_council = marshvale()
        advert = advert_of(home_council)
        for band in ("A", "B"):
            bid(applicant_in(home_council, band=band), advert)
        bid(applicant_in(home_council, band="C", priority_date=dt.date(2023, 1, 1)), advert)
        mine = bid(applicant_in(home_council, band="C", priority_date=dt.date(2024, 4, 1)), advert)
    # When the applicant asks where they stand
    position = position_of(mine)
    # Then they are 4th of 4, with what placed them and how the order was made
    assert position is not None
    assert (position.position, position.total) == (4, 4)
    assert position.summary == "You are 4th of 4 so far."
    assert position.keys == (("Band", "Band C"), ("Priority date", "1 April 2024"))
    assert position.explanation[0].startswith("Bids are put in order under Marshvale City's")
    assert position.explanation[1] == (
        "Ordered by the scheme's usual order: highest band first, then earliest priority date "
        "first."
    )


def test_withdrawn_bids_and_bids_of_suspended_applications_are_not_counted() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        ahead = applicant_in(home_council, band="A")
        withdrawn = bid(ahead, advert)
        bid_withdraw(actor=applicant_actor(ahead), bid=withdrawn)
        suspended = applicant_in(home_council, band="A")
        waiting = bid(suspended, advert)
        Application.objects.filter(pk=suspended.pk).update(status=ApplicationStatus.SUSPENDED)
        mine = bid(applicant_in(home_council, band="C"), advert)
    position = position_of(mine)
    assert position is not None and (position.position, position.total) == (1, 1)
    waiting.refresh_from_db()
    theirs = position_of(waiting)
    assert theirs is not None and theirs.position is None
    assert theirs.reason == "Your application is suspended, so you cannot bid at the moment."


def test_a_bid_the_labels_would_now_refuse_is_told_why() -> None:
    with clock_frozen_at(NOON):
        # Given a bid placed while the household needed 2 bedrooms, then a new assessment
        # saying it needs 3
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        mine = bid(application, advert)
        assessment = application.household.assessments.get()
        assessment.pk = None
        assessment.bedroom_need = 3
        assessment.assessed_on = TODAY
        assessment.save()
    position = position_of(mine)
    assert position is not None and position.position is None
    assert position.summary == "You would not be shortlisted for this home now."
    assert position.reason == "This home is for households that need 2 bedrooms. You need 3."


def test_a_household_nominated_for_another_home_is_under_offer_in_the_queue() -> None:
    with clock_frozen_at(NOON):
        # Given two households bidding for a home this week
        home_council = marshvale()
        nominated, other = applicant_in(home_council, band="A"), applicant_in(home_council)
        advert = advert_of(home_council)
        theirs, others = bid(nominated, advert), bid(other, advert)
        # and the first then nominated to a landlord for a home from last week's shortlist
        # (awaiting the decision: its application is not yet under offer)
        closed_cycle = cycle_open(
            opens_at=NOON - dt.timedelta(days=9),
            closes_at=NOON - dt.timedelta(days=5),
            status="closed",
        )
        earlier = advert_of(home_council, closed_cycle)
        won = BidFactory(
            application=nominated, advert=earlier, placed_at=NOON - dt.timedelta(days=6)
        )
        shortlist = shortlist_make(advert=earlier, as_at=closed_cycle.closes_at)
        offer_nominate(actor=officer_actor(home_council), entry=shortlist.entries.get(bid=won))
    # When their live positions are read
    skipped, placed = position_of(theirs), position_of(others)
    # Then the nominated household is skipped as under offer, as the close would skip it
    assert nominated.status == ApplicationStatus.ACTIVE
    assert skipped is not None and skipped.position is None
    assert skipped.reason == (
        "While you have an offer of another home waiting for your answer, or are being "
        "considered for one, you will not be shortlisted for this home. Your bid stays in place "
        "until bidding closes."
    )
    assert placed is not None and (placed.position, placed.total) == (1, 1)


def test_cross_partner_bidders_are_ranked_under_the_advertising_councils_policy() -> None:
    with clock_frozen_at(NOON):
        # Given a Marshvale home open to any partner's connection, with a Northfen bidder
        advertiser, partner = marshvale(), northfen()
        advert = advert_of(advertiser, bedrooms=1, connection_scope="partners", min_bedroom_need=1)
        theirs = bid(applicant_in(partner, band="", points=300, bedroom_need=1), advert)
        ours = bid(applicant_in(advertiser, band="A", bedroom_need=1), advert)
    # Then the Northfen household is placed, with a Marshvale band worked out for it now
    mine, cross = position_of(ours), position_of(theirs)
    assert mine is not None and cross is not None
    assert (mine.position, cross.position, mine.total) == (1, 2, 2)
    assert cross.keys[0][0] == "Band" and cross.keys[0][1].startswith("Band ")
    assert theirs.cross_partner


def test_positions_for_many_adverts_take_the_same_queries_as_for_one() -> None:
    with clock_frozen_at(NOON):
        home_council, partner = marshvale(), northfen()
        cycle = cycle_open()
        adverts = [advert_of(home_council, cycle, connection_scope="partners") for _ in range(3)]
        applications = [applicant_in(home_council) for _ in range(3)]
        applications.append(applicant_in(partner, band="", points=10))
        bids = [
            BidFactory(application=application, advert=advert, placed_at=NOON)
            for advert in adverts
            for application in applications
        ]
        bids = list(bids_visible(actor=officer_actor(home_council)).filter(advert=adverts[0]))
        everything = list(
            Bid.objects.select_related(
                "advert__property", "advert__council", "advert__cycle", "application__household"
            )
        )

        def queries(for_bids: list[Bid]) -> int:
            with CaptureQueriesContext(connection) as captured:
                queue_positions(for_bids, on_date=TODAY)
            return len(captured)

        queries(everything)  # the policy's document is read once per process, on first use
        # with every stored order key up to date, and with every key out of date (each advert
        # then ranked in full), for one application's bids on one advert and on three
        first = applications[0]
        theirs = [b for b in everything if b.application_id == first.pk]
        bid_order_refresh(now=NOON)
        assert queries(bids[:1]) == queries(everything) == queries(theirs)
        Bid.objects.update(ranked_on=None)
        assert queries(theirs[:1]) == queries(theirs)


# --- An applicant's bids ---------------------------------------------------------------------


def test_my_bids_lists_every_bid_with_its_position_or_outcome() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        live = bid(application, advert_of(home_council))
        withdrawn = bid(application, advert_of(home_council))
        bid_withdraw(actor=applicant_actor(application), bid=withdrawn)
        closed_cycle = cycle_open(
            opens_at=NOON - dt.timedelta(days=9),
            closes_at=NOON - dt.timedelta(days=5),
            status="closed",
        )
        closed = BidFactory(
            application=application,
            advert=advert_of(home_council, closed_cycle, status=AdvertStatus.CLOSED),
            placed_at=NOON - dt.timedelta(days=6),
        )
        rows = {row.bid.pk: row for row in my_bids_list(actor=applicant_actor(application))}
    assert rows[live.pk].position is not None and rows[live.pk].can_withdraw
    assert rows[withdrawn.pk].outcome == "You withdrew this bid on 15 June 2026."
    assert not rows[withdrawn.pk].can_withdraw
    assert rows[closed.pk].outcome == (
        "Bidding has closed. The shortlist is being made. Check back soon."
    )
    with pytest.raises(PermissionDenied):
        my_bids_list(actor=officer_actor(home_council))


def test_my_bids_words_an_exclusion_from_its_code_with_whose_age_counts() -> None:
    with clock_frozen_at(NOON):
        # Given a home for households where every adult is 55 or over, closed with a shortlist
        # that excluded a household whose lead applicant is 36
        home_council = marshvale()
        application = applicant_in(home_council)
        closed_cycle = cycle_open(
            opens_at=NOON - dt.timedelta(days=9),
            closes_at=NOON - dt.timedelta(days=5),
            status="closed",
        )
        advert = advert_of(home_council, closed_cycle, minimum_age=55, age_applies_to="every_adult")
        closed = BidFactory(
            application=application, advert=advert, placed_at=NOON - dt.timedelta(days=6)
        )
        shortlist = shortlist_make(advert=advert, as_at=closed_cycle.closes_at)
        entry = shortlist.entries.get(bid=closed)
        # When the applicant reads their bids
        (row,) = my_bids_list(actor=applicant_actor(application))
    # Then the reason is worded for them from the code; the officers' sentence stays theirs
    assert (entry.reason_code, entry.reason_facts["age_applies_to"]) == ("age", "every_adult")
    assert row.outcome == (
        "Bidding has closed. You could not be shortlisted. This home is for households where "
        "every adult is aged 55 or over."
    )
    assert entry.reason == "this home is for people aged 55 or over (every adult in the household)"
