"""Placing and withdrawing bids, and automatic bidding."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction

from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.lettings.models import AutoBid, Bid, BidChannel, BidStatus, Cycle
from hearth.lettings.rules import bid_check
from hearth.lettings.services.bids import (
    auto_bid_switch_off,
    auto_bid_switch_on,
    auto_bids_place,
    bid_place,
    bid_withdraw,
)
from hearth.lettings.tests.bids_setup import (
    CLOSES,
    NOON,
    advert_of,
    applicant_actor,
    applicant_in,
    council,
    cycle_open,
    marshvale,
    northfen,
    officer_actor,
)
from hearth.lettings.tests.factories import BidFactory
from hearth.register.models import ApplicationStatus

pytestmark = pytest.mark.django_db

SECOND = dt.timedelta(seconds=1)


def online(application, advert):  # type: ignore[no-untyped-def]
    return bid_place(
        actor=applicant_actor(application),
        advert=advert,
        application=application,
        channel=BidChannel.ONLINE,
    )


def refusal(application, advert) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        online(application, advert)
    return refused.value


# --- Placing ----------------------------------------------------------------------------------


def test_an_applicant_bids_online_and_it_is_audited() -> None:
    with clock_frozen_at(NOON):
        # Given an applicant on Marshvale's register and a home they may bid for
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        # When they bid
        bid = online(application, advert)
    # Then a live bid is recorded at the server's time, and the audit log says so
    assert (bid.status, bid.channel, bid.placed_at, bid.cross_partner) == (
        BidStatus.LIVE,
        BidChannel.ONLINE,
        NOON,
        False,
    )
    assert bid.placed_by == application.household.applicant
    event = AuditEvent.objects.get(verb="bid.placed")
    assert event.object_id == str(bid.pk)
    assert event.actor == application.household.applicant
    assert event.on_behalf_of is None
    assert event.changes["channel"] == {"before": None, "after": "online"}


def test_a_refused_bid_is_never_recorded() -> None:
    with clock_frozen_at(NOON):
        # Given a household needing 3 bedrooms and a 2-bedroom home
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council, bedroom_need=3)
        # When it bids
        refused = refusal(application, advert)
    # Then it is told why in plain English, and nothing is written
    assert refused.messages == ["This home is for households that need 2 bedrooms. You need 3."]
    assert not Bid.objects.exists()
    assert not AuditEvent.objects.filter(verb="bid.placed").exists()


def test_a_second_bid_on_the_same_advert_is_refused() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        online(application, advert)
        refused = refusal(application, advert)
    assert refused.code == bid_check.ALREADY_BID
    assert refused.messages == ["You have already bid for this home."]
    assert Bid.objects.count() == 1


def test_the_database_keeps_one_live_bid_per_application_per_advert() -> None:
    # Given a live bid
    bid = BidFactory()
    # When another live bid of the same application on the same advert is written directly
    # Then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        BidFactory(advert=bid.advert, application=bid.application)


def test_a_withdrawn_bid_can_be_placed_again() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        first = online(application, advert)
        bid_withdraw(actor=applicant_actor(application), bid=first)
        again = online(application, advert)
    assert again.pk != first.pk
    assert Bid.objects.filter(status=BidStatus.LIVE).get() == again


def test_a_bid_at_the_close_instant_is_taken_and_one_a_second_later_is_not() -> None:
    home_council = marshvale()
    cycle = cycle_open()
    first, second = advert_of(home_council, cycle), advert_of(home_council, cycle)
    application = applicant_in(home_council)
    # When bids arrive at 23:59:00 and at 23:59:01
    with clock_frozen_at(CLOSES):
        online(application, first)
    with clock_frozen_at(CLOSES + SECOND):
        refused = refusal(application, second)
    # Then the first is taken and the second refused, with when bidding closed
    assert refused.code == bid_check.CLOSED
    assert refused.messages == ["Bidding for this home closed at 11:59pm on Monday 15 June."]
    assert list(Bid.objects.values_list("advert", flat=True)) == [first.pk]


def test_only_an_active_application_bids() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council, status=ApplicationStatus.SUSPENDED)
        refused = refusal(application, advert)
    assert refused.messages == ["Your application is suspended, so you cannot bid at the moment."]


def test_the_limit_per_cycle_counts_withdrawn_bids_out() -> None:
    with clock_frozen_at(NOON):
        # Given Marshvale City's limit of 3 bids a cycle, and 3 placed, one withdrawn
        home_council = marshvale()
        cycle = cycle_open()
        adverts = [advert_of(home_council, cycle) for _ in range(5)]
        application = applicant_in(home_council)
        placed = [online(application, advert) for advert in adverts[:3]]
        bid_withdraw(actor=applicant_actor(application), bid=placed[0])
        # When they bid twice more
        online(application, adverts[3])
        refused = refusal(application, adverts[4])
    # Then the withdrawn bid did not count, and the next one over the limit is refused
    assert refused.code == bid_check.LIMIT
    assert refused.messages == ["You have used your 3 bids this week."]
    assert Bid.objects.exclude(status=BidStatus.WITHDRAWN).count() == 3


def test_the_limit_per_cycle_counts_only_this_cycles_bids() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        last_week = cycle_open(
            opens_at=NOON - dt.timedelta(days=8),
            closes_at=NOON - dt.timedelta(days=3),
            status="closed",
        )
        for _ in range(3):
            BidFactory(application=application, advert=advert_of(home_council, last_week))
        assert online(application, advert_of(home_council)).status == BidStatus.LIVE


def test_a_limit_of_live_bids_is_freed_by_withdrawing() -> None:
    with clock_frozen_at(NOON):
        # Given Eastmere's limit of 3 live bids at once, all used
        eastmere = council("eastmere", "Eastmere")
        cycle = cycle_open()
        adverts = [advert_of(eastmere, cycle) for _ in range(4)]
        application = applicant_in(eastmere, band="silver")
        placed = [online(application, advert) for advert in adverts[:3]]
        refused = refusal(application, adverts[3])
        # When one is withdrawn
        bid_withdraw(actor=applicant_actor(application), bid=placed[1])
        # Then its place is free for another
        again = online(application, adverts[3])
    assert refused.messages == [
        "You already have 3 live bids, the most you can have at once. Withdraw one to bid for "
        "this home."
    ]
    assert again.status == BidStatus.LIVE


# --- Cross-partner bids -----------------------------------------------------------------------


def test_a_household_on_another_councils_register_is_assessed_under_the_advertising_policy() -> (
    None
):
    with clock_frozen_at(NOON):
        # Given a Northfen applicant (a single person: 1 bedroom under Marshvale's policy too)
        # and Marshvale homes open to any partner council's local connection
        advertiser, theirs = marshvale(), northfen()
        cycle = cycle_open()
        partners = advert_of(
            advertiser, cycle, bedrooms=1, connection_scope="partners", min_bedroom_need=1
        )
        own_only = advert_of(advertiser, cycle, bedrooms=1, connection_scope="council")
        application = applicant_in(theirs, band="", points=120, bedroom_need=1)
        # When they bid for both
        bid = online(application, partners)
        refused = refusal(application, own_only)
    # Then the partners' home takes the bid, marked cross-partner; the other needs a
    # connection to Marshvale City, which they do not have
    assert bid.cross_partner
    assert refused.messages == [
        "This home is for households with a local connection to Marshvale City."
    ]


# --- Officers ---------------------------------------------------------------------------------


def test_an_officer_bids_by_phone_on_the_applicants_behalf() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        officer = officer_actor(home_council)
        bid = bid_place(
            actor=officer, advert=advert, application=application, channel=BidChannel.PHONE
        )
    assert (bid.channel, bid.placed_by) == (BidChannel.PHONE, officer.user)
    event = AuditEvent.objects.get(verb="bid.placed")
    assert event.actor == officer.user
    assert event.on_behalf_of == application.household.applicant


def test_an_officer_says_how_the_applicant_asked() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        with pytest.raises(ValidationError) as refused:
            bid_place(
                actor=officer_actor(home_council),
                advert=advert_of(home_council),
                application=application,
                channel=BidChannel.ONLINE,
            )
    assert "channel" in refused.value.message_dict


@pytest.mark.parametrize("role", [Role.REGISTER_OFFICER, Role.LETTINGS_OFFICER])
def test_who_may_not_bid_for_an_applicant(role: str) -> None:
    with clock_frozen_at(NOON):
        home_council, other = marshvale(), northfen()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        # A register officer of the council, or a lettings officer of another council
        officer = officer_actor(home_council if role == Role.REGISTER_OFFICER else other, role)
        with pytest.raises(PermissionDenied):
            bid_place(
                actor=officer, advert=advert, application=application, channel=BidChannel.PHONE
            )
        # Nor another applicant, nor the applicant by phone
        stranger = applicant_in(home_council)
        with pytest.raises(PermissionDenied):
            bid_place(
                actor=applicant_actor(stranger),
                advert=advert,
                application=application,
                channel=BidChannel.ONLINE,
            )
        with pytest.raises(PermissionDenied):
            bid_place(
                actor=applicant_actor(application),
                advert=advert,
                application=application,
                channel=BidChannel.PHONE,
            )
    assert not Bid.objects.exists()


# --- Withdrawing ------------------------------------------------------------------------------


def test_withdrawing_is_audited_and_done_once() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        bid = online(application, advert_of(home_council))
        bid_withdraw(actor=officer_actor(home_council), bid=bid)
        with pytest.raises(ValidationError) as twice:
            bid_withdraw(actor=applicant_actor(application), bid=bid)
    bid.refresh_from_db()
    assert bid.status == BidStatus.WITHDRAWN and bid.withdrawn_at == NOON
    assert twice.value.messages == ["This bid has already been withdrawn."]
    event = AuditEvent.objects.get(verb="bid.withdrawn")
    assert event.on_behalf_of == application.household.applicant


def test_a_bid_cannot_be_withdrawn_after_the_close() -> None:
    home_council = marshvale()
    application = applicant_in(home_council)
    with clock_frozen_at(NOON):
        bid = online(application, advert_of(home_council))
    with clock_frozen_at(CLOSES + SECOND), pytest.raises(ValidationError) as refused:
        bid_withdraw(actor=applicant_actor(application), bid=bid)
    assert refused.value.messages == [
        "You can no longer withdraw this bid: bidding closed at 11:59pm on Monday 15 June."
    ]
    bid.refresh_from_db()
    assert bid.status == BidStatus.LIVE


def test_nobody_else_withdraws_a_bid() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        bid = online(applicant_in(home_council), advert_of(home_council))
        with pytest.raises(PermissionDenied):
            bid_withdraw(actor=applicant_actor(applicant_in(home_council)), bid=bid)
        with pytest.raises(PermissionDenied):
            bid_withdraw(actor=officer_actor(northfen()), bid=bid)


# --- Automatic bidding ------------------------------------------------------------------------


def test_switching_automatic_bidding_on_and_off_is_audited_with_the_reason() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        officer = officer_actor(home_council)
        auto_bid = auto_bid_switch_on(
            actor=officer, application=application, reason="No internet access"
        )
        with pytest.raises(ValidationError) as twice:
            auto_bid_switch_on(actor=officer, application=application, reason="Again")
        auto_bid_switch_off(actor=officer, application=application, reason="Has a carer now")
        with pytest.raises(ValidationError) as off_twice:
            auto_bid_switch_off(actor=officer, application=application, reason="Again")
    assert (auto_bid.reason, auto_bid.switched_on_by) == ("No internet access", officer.user)
    assert twice.value.messages == ["Automatic bidding is already on for this applicant."]
    assert off_twice.value.messages == ["Automatic bidding is already off for this applicant."]
    assert not AutoBid.objects.exists()
    on, off = AuditEvent.objects.filter(verb__startswith="auto_bid").order_by("id")
    assert on.changes["context"] == {"reason": "No internet access"}
    assert off.changes["context"] == {"reason": "Has a carer now"}
    assert on.on_behalf_of == application.household.applicant


def test_automatic_bidding_needs_a_reason_and_a_lettings_officer() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        with pytest.raises(ValidationError) as blank:
            auto_bid_switch_on(
                actor=officer_actor(home_council), application=application, reason="  "
            )
        with pytest.raises(PermissionDenied):
            auto_bid_switch_on(
                actor=applicant_actor(application), application=application, reason="Please"
            )
    assert blank.value.message_dict == {
        "reason": ["Enter why the applicant needs automatic bidding"]
    }


def test_automatic_bids_go_on_the_best_matches_up_to_the_limit() -> None:
    with clock_frozen_at(NOON):
        # Given a household needing 2 bedrooms that prefers Riverside, then Northgate, with
        # automatic bidding on, and five Marshvale homes it may bid for (limit: 3 a cycle)
        home_council = marshvale()
        cycle = cycle_open()
        application = applicant_in(home_council)
        application.household.preferred_areas = ["Riverside", "Northgate"]
        application.household.save(update_fields=["preferred_areas"])
        bigger = advert_of(
            home_council, cycle, bedrooms=3, min_bedroom_need=2, property__area="Riverside"
        )
        elsewhere = advert_of(home_council, cycle, property__area="Westfield")
        northgate = advert_of(home_council, cycle, property__area="Northgate")
        riverside = advert_of(home_council, cycle, property__area="Riverside")
        too_small = advert_of(home_council, cycle, bedrooms=1, property__area="Riverside")
        auto_bid_switch_on(
            actor=officer_actor(home_council), application=application, reason="No computer"
        )
        # When the cycle's automatic bids are placed, twice
        placed = auto_bids_place(cycle)
        again = auto_bids_place(cycle)
    # Then it bids for the exact size in its preferred areas first, then the earliest of the
    # rest, and stops at its limit; running again places nothing
    assert (placed, again) == (3, 0)
    chosen = set(Bid.objects.values_list("advert", flat=True))
    assert chosen == {riverside.pk, northgate.pk, elsewhere.pk}
    assert bigger.pk not in chosen and too_small.pk not in chosen
    assert set(Bid.objects.values_list("channel", flat=True)) == {BidChannel.AUTO}
    assert AuditEvent.objects.filter(verb="bid.placed", actor=None).count() == 3


def test_automatic_bids_skip_applications_that_cannot_bid() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        cycle = cycle_open()
        advert_of(home_council, cycle)
        application = applicant_in(home_council)
        auto_bid_switch_on(
            actor=officer_actor(home_council), application=application, reason="No computer"
        )
        application.status = ApplicationStatus.SUSPENDED
        application.save(update_fields=["status"])
        assert auto_bids_place(cycle) == 0


# --- At the same moment (PostgreSQL) ----------------------------------------------------------

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent writers"
)


def _together(count: int, work) -> list[str]:  # type: ignore[no-untyped-def]
    """Run `work(i)` in `count` threads released together; each returns "placed" or the
    refusal's code."""
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
            outcomes.append("placed")
        except ValidationError as refused:
            outcomes.append(str(refused.code))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_same_bid_sent_twenty_times_at_once_is_placed_once() -> None:
    # Given an application and a home, and 20 identical requests arriving together
    home_council = marshvale()
    advert = advert_of(home_council)
    application = applicant_in(home_council)
    # When all are sent at once (the clock is frozen around all the threads)
    with clock_frozen_at(NOON):
        outcomes = _together(20, lambda _i: online(application, advert))
    # Then exactly one bid exists, and every other request was told why
    assert Bid.objects.count() == 1
    assert sorted(outcomes) == ["already_bid"] * 19 + ["placed"]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_limit_cannot_be_raced() -> None:
    # Given an application with one bid left this cycle, and five homes
    home_council = marshvale()
    cycle = cycle_open()
    adverts = [advert_of(home_council, cycle) for _ in range(7)]
    application = applicant_in(home_council)
    with clock_frozen_at(NOON):
        online(application, adverts[5])
        online(application, adverts[6])
        # When it bids for five homes at once
        outcomes = _together(5, lambda i: online(application, adverts[i]))
    # Then one more bid is placed and the rest are over the limit
    assert sorted(outcomes) == ["limit"] * 4 + ["placed"]
    assert Bid.objects.count() == 3


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_bids_straddling_the_close_instant_none_taken_after_it() -> None:
    # Given 6 bidders each with 40 applicants to bid for, on one advert closing in about 1.5
    # seconds, to the second, bidding one after another every 50 milliseconds on the real clock
    home_council = marshvale()
    hour = dt.timedelta(hours=1)
    cycle = cycle_open(opens_at=clock.now() - hour, closes_at=clock.now() + hour)
    advert = advert_of(home_council, cycle)
    applications = [applicant_in(home_council) for _ in range(6 * 40)]
    closes = (clock.now() + dt.timedelta(seconds=2)).replace(microsecond=0)
    Cycle.objects.filter(pk=cycle.pk).update(closes_at=closes)
    lanes = [applications[i::6] for i in range(6)]
    answered_at: dict[object, dt.datetime] = {}
    outcomes: dict[object, str] = {}
    barrier = threading.Barrier(6)

    def lane(mine: list) -> None:  # type: ignore[type-arg]
        try:
            barrier.wait()
            for application in mine:
                try:
                    online(application, advert)
                    outcomes[application.pk] = "placed"
                except ValidationError as refused:
                    outcomes[application.pk] = str(refused.code)
                answered_at[application.pk] = clock.now()
                if clock.now() > closes + dt.timedelta(milliseconds=700):
                    break
                time.sleep(0.05)
        finally:
            connections.close_all()

    # When they all bid across the close instant
    threads = [threading.Thread(target=lane, args=(mine,)) for mine in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then some were taken and some refused; none was taken after the close, no request was
    # refused for lateness before the close instant (however long it waited for a lock), every
    # bid taken is recorded once, and every refusal says bidding closed
    placed = Bid.objects.filter(advert=advert)
    assert placed.exists() and "closed" in outcomes.values()
    assert max(placed.values_list("placed_at", flat=True)) <= closes
    assert placed.count() == list(outcomes.values()).count("placed")
    assert set(outcomes.values()) == {"placed", "closed"}
    for pk, outcome in outcomes.items():
        if outcome == "closed":
            assert answered_at[pk] >= closes
