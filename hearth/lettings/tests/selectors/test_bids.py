"""Reads for bidding: live queue positions, who sees which bids, "Can I bid?" for many homes,
and finding a home."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.tests.factories import SchemeFactory
from hearth.lettings.models import AdvertStatus, Bid, BidChannel, BidStatus, MobilityCategory
from hearth.lettings.selectors.bids import (
    bid_answers_list,
    bid_get,
    bid_position_get,
    bids_visible,
    my_bids_list,
    queue_positions,
)
from hearth.lettings.selectors.bids_search import (
    HomeSearch,
    advert_open_get,
    adverts_open,
    adverts_search,
    area_choices,
)
from hearth.lettings.services.bids import bid_place, bid_withdraw
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
        assert queries(bids[:1]) == queries(everything)


# --- Who sees which bids ----------------------------------------------------------------------


def test_applicants_see_only_their_own_bids_and_officers_their_councils() -> None:
    with clock_frozen_at(NOON):
        home_council, other = marshvale(), northfen()
        advert = advert_of(home_council)
        mine_application, theirs_application = applicant_in(home_council), applicant_in(other)
        mine = bid(mine_application, advert)
        theirs = BidFactory(advert=advert, application=theirs_application)
    me = applicant_actor(mine_application)
    assert list(bids_visible(actor=me)) == [mine]
    with pytest.raises(Http404):
        bid_get(actor=me, pk=theirs.pk)
    with pytest.raises(Http404):
        bid_position_get(actor=me, bid=theirs)
    # A lettings officer sees their own council's applicants' bids only
    assert list(bids_visible(actor=officer_actor(home_council))) == [mine]
    assert list(bids_visible(actor=officer_actor(other))) == [theirs]
    # Officers without lettings work, and visitors, see none
    assert not bids_visible(actor=officer_actor(home_council, Role.REGISTER_OFFICER)).exists()
    assert not bids_visible(actor=Actor(user=None, scheme=None)).exists()
    with pytest.raises(Http404):
        bid_get(actor=me, pk="not-a-uuid")


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


# --- Can I bid? for a page of homes -----------------------------------------------------------


def test_can_i_bid_for_a_page_of_homes_in_a_fixed_number_of_queries() -> None:
    with clock_frozen_at(NOON):
        home_council, partner = marshvale(), northfen()
        cycle = cycle_open()
        few = [advert_of(home_council, cycle)]
        many = [
            *few,
            advert_of(home_council, cycle, bedrooms=3),
            advert_of(partner, cycle, connection_scope="partners"),
            advert_of(home_council, cycle, connection_scope="partners"),
        ]
        application = applicant_in(home_council)
        actor = applicant_actor(application)
        adverts = list(adverts_open(actor=actor))

        def queries(chosen: list) -> int:  # type: ignore[type-arg]
            picked = [a for a in adverts if a.pk in {c.pk for c in chosen}]
            with CaptureQueriesContext(connection) as captured:
                answers = bid_answers_list(actor=actor, adverts=picked, application=application)
            assert len(answers) == len(chosen)
            return len(captured)

        queries(many)  # each policy's document is read once per process, on first use
        # One more home costs no query; homes needing full facts read them once (5 queries)
        assert queries(many) == queries(few) + 5
        assert queries(many[:2]) == queries(few)
        answers = bid_answers_list(actor=actor, adverts=adverts, application=application)
    by_advert = {
        advert.pk: answer
        for advert, answer in zip(many, map(answers.get, [a.pk for a in many]), strict=True)
    }
    assert by_advert[many[0].pk] is not None and by_advert[many[0].pk].allowed
    assert by_advert[many[1].pk] is not None and by_advert[many[1].pk].code == "bedrooms"


def test_only_the_applicant_or_their_councils_lettings_officers_ask() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        for stranger in (
            applicant_actor(applicant_in(home_council)),
            officer_actor(northfen()),
            officer_actor(home_council, Role.REGISTER_OFFICER),
        ):
            with pytest.raises(PermissionDenied):
                bid_answers_list(actor=stranger, adverts=[advert], application=application)
        officer = officer_actor(home_council)
        assert bid_answers_list(actor=officer, adverts=[advert], application=application)


# --- Finding a home ---------------------------------------------------------------------------


def test_only_homes_taking_bids_now_in_the_scheme_are_listed() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        cycle = cycle_open()
        listed = advert_of(home_council, cycle)
        advert_of(home_council, cycle, status=AdvertStatus.APPROVED)
        past = cycle_open(
            opens_at=NOON - dt.timedelta(days=9), closes_at=NOON - dt.timedelta(days=5)
        )
        advert_of(home_council, past)  # its cycle was not closed yet, but its time is up
        visitor = Actor(user=None, scheme=SchemeFactory())
        assert list(adverts_open(actor=visitor)) == [listed]
        assert not adverts_open(actor=Actor(user=None, scheme=None)).exists()


def test_the_filters() -> None:
    with clock_frozen_at(NOON):
        home_council, other = marshvale(), northfen()
        cycle = cycle_open()
        riverside = advert_of(home_council, cycle, property__area="Riverside")
        bungalow = advert_of(
            home_council,
            cycle,
            bedrooms=1,
            property__area="Westfield",
            property__property_type="bungalow",
            property__older_persons=True,
            property__mobility=MobilityCategory.M3,
        )
        big = advert_of(other, cycle, bedrooms=5)
        visitor = Actor(user=None, scheme=SchemeFactory())

        def found(**search: object) -> set[object]:
            adverts = adverts_search(actor=visitor, search=HomeSearch(**search))  # type: ignore[arg-type]
            return {advert.pk for advert in adverts}

        assert found() == {riverside.pk, bungalow.pk, big.pk}
        assert found(council="marshvale-city") == {riverside.pk, bungalow.pk}
        assert found(council="marshvale-city", area="Riverside") == {riverside.pk}
        assert found(bedrooms=1) == {bungalow.pk}
        assert found(bedrooms=4) == {big.pk}
        assert found(property_type="bungalow") == {bungalow.pk}
        assert found(mobility="accessible") == {bungalow.pk}
        assert found(mobility="general") == {riverside.pk, big.pk}
        assert found(older_persons=True) == {bungalow.pk}
        assert found(older_persons=False) == {riverside.pk, big.pk}
        assert area_choices(actor=visitor) == [
            ("marshvale-city", "Marshvale City"),
            ("marshvale-city/Riverside", "Marshvale City: Riverside"),
            ("marshvale-city/Westfield", "Marshvale City: Westfield"),
            ("northfen", "Northfen"),
        ]


def test_a_closed_advert_is_shown_only_to_those_who_bid_on_it() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        bid(application, advert)
        advert.status = AdvertStatus.CLOSED
        advert.save(update_fields=["status"])
        visitor = Actor(user=None, scheme=SchemeFactory())
        with pytest.raises(Http404):
            advert_open_get(actor=visitor, reference=advert.reference)
        with pytest.raises(Http404):
            advert_open_get(
                actor=applicant_actor(applicant_in(home_council)), reference=advert.reference
            )
        assert advert_open_get(actor=applicant_actor(application), reference=advert.reference)
    assert Bid.objects.get().status == BidStatus.LIVE
