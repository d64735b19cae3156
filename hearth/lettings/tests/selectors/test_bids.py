"""Reads for bidding: who sees which bids, "Can I bid?" for many homes, and finding a home."""

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
from hearth.lettings.selectors.bids import bid_answers_list, bid_get, bids_visible
from hearth.lettings.selectors.bids_position import bid_position_get
from hearth.lettings.selectors.bids_search import (
    HomeSearch,
    advert_open_get,
    adverts_open,
    adverts_search,
    area_choices,
)
from hearth.lettings.services.bids import bid_place
from hearth.lettings.tests.bids_setup import (
    NOON,
    advert_of,
    applicant_actor,
    applicant_in,
    cycle_open,
    marshvale,
    northfen,
    officer_actor,
)
from hearth.lettings.tests.factories import BidFactory
from hearth.register.models import Application

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
