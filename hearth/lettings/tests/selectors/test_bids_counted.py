"""Which bids count against a policy's bid limit: a household's live choice from a match list
counts as a live bid (it has been put forward for that home) until its offer ends, and never
uses up a cycle's bids."""

from __future__ import annotations

import pytest

from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.lettings.models import Bid, BidChannel, BidStatus, Property
from hearth.lettings.selectors.bids import ApplicationBidding, bid_answer_get
from hearth.lettings.services.matches import direct_let
from hearth.lettings.services.offers import offer_make, offer_refuse, offer_withdraw
from hearth.lettings.tests.bids_setup import (
    NOON,
    advert_of,
    applicant_actor,
    applicant_in,
    council,
    officer_actor,
)
from hearth.lettings.tests.factories import BidFactory, PropertyFactory
from hearth.lettings.tests.matches_setup import Matching
from hearth.register.models import Application

pytestmark = pytest.mark.django_db


def counts(application: Application) -> tuple[int, int]:
    """(bids counted in cycles, live bids) for `application` now."""
    per_cycle, live = ApplicationBidding(application, clock.today()).counts
    return sum(per_cycle.values()), live


def test_a_match_choice_is_a_live_bid_until_its_offer_is_withdrawn() -> None:
    # Given a household chosen for a home from its match list
    given = Matching()
    offer = direct_let(
        actor=given.officer, home=given.home, application=given.first, reason="Top of the list"
    )
    # Then its choice counts as a live bid, and not as a bid of any cycle
    assert counts(given.first) == (0, 1)
    # When the nomination is withdrawn
    offer_withdraw(actor=given.officer, offer=offer, reason="Home needs repairs")
    # Then it is out of the running: the choice no longer counts
    assert counts(given.first) == (0, 0)
    assert Bid.objects.get(application=given.first).status == BidStatus.UNSUCCESSFUL


def test_a_match_choice_stops_counting_once_the_offer_is_refused() -> None:
    given = Matching()
    nomination = direct_let(
        actor=given.officer, home=given.home, application=given.first, reason="Top of the list"
    )
    offer = offer_make(actor=given.landlord, offer=nomination, viewing_text="")
    offer_refuse(
        actor=given.landlord, offer=offer, refused_by="applicant", reason="No", counts=False
    )
    assert counts(given.first) == (0, 0)


def test_a_bid_of_the_households_own_on_a_closed_advert_still_waits_without_counting() -> None:
    # Given a household whose bid's advert has closed (waiting for its shortlist's outcome)
    given = Matching()
    closed = given.advert(status="closed")
    BidFactory(advert=closed, application=given.first, channel=BidChannel.ONLINE)
    # Then the bid is counted in its cycle but is not live any more
    assert counts(given.first)[1] == 0


def test_under_a_live_bids_limit_a_match_choice_takes_a_place() -> None:
    # Given Eastmere's policy (3 live bids at once) and a household with 2 live bids
    eastmere = council("eastmere", "Eastmere")
    with clock_frozen_at(NOON):
        application = applicant_in(eastmere, band="gold")
        for _ in range(2):
            BidFactory(
                advert=advert_of(eastmere),
                application=application,
                channel=BidChannel.ONLINE,
                placed_at=NOON,
            )
        home: Property = PropertyFactory(
            council=eastmere, landlord__scheme=eastmere.scheme, bedrooms=2
        )
        # When an officer chooses it for a home from the home's match list
        direct_let(
            actor=officer_actor(eastmere, Role.LETTINGS_OFFICER),
            home=home,
            application=application,
            reason="Top of the list",
        )
        # Then the choice takes the third of its live places...
        assert counts(application)[1] == 3
        # ...and it cannot bid for another home while it is put forward for that one (Eastmere's
        # policy: a household awaiting a decision on a home cannot bid)
        answer = bid_answer_get(
            actor=applicant_actor(application), advert=advert_of(eastmere), application=application
        )
    assert answer.code == "under_offer"
