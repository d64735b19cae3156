"""Cycles are made from the rhythm, open publishing approved adverts, and close into shortlists;
every step is safe to repeat."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import (
    AdvertStatus,
    AutoBid,
    Bid,
    BidChannel,
    CouncilLettings,
    Cycle,
    CycleStatus,
    EntryStatus,
    Shortlist,
)
from hearth.lettings.services.cycles import cycle_close, cycle_ensure, cycle_open, cycles_tick
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.cycles_setup import (
    CLOSES,
    OPENS,
    applicant_in_band,
    bid,
    council_with_policy,
    live_advert,
)
from hearth.lettings.tests.factories import AdvertFactory, CycleFactory

pytestmark = pytest.mark.django_db


def test_the_tick_makes_this_weeks_cycle_from_the_default_rhythm_once() -> None:
    # Given a scheme with no cycles, when the tick runs twice on the Wednesday before a cycle
    scheme = SchemeFactory()
    wednesday = OPENS - dt.timedelta(hours=12)
    cycles_tick(now=wednesday)
    cycles_tick(now=wednesday)
    # Then one upcoming cycle exists, Thursday 00:01 to Monday 23:59
    (cycle,) = Cycle.objects.filter(scheme=scheme)
    assert (cycle.opens_at, cycle.closes_at, cycle.status) == (OPENS, CLOSES, CycleStatus.UPCOMING)


def test_opening_publishes_approved_adverts_of_live_councils_only() -> None:
    # Given an upcoming cycle and approved adverts in a live council, an onboarding council and a
    # live council whose go-live date is next month
    scheme = SchemeFactory()
    cycle = cycle_ensure(scheme=scheme, now=OPENS - dt.timedelta(hours=1))
    live = OrganisationFactory(scheme=scheme)
    onboarding = OrganisationFactory(scheme=scheme, council_status=CouncilStatus.ONBOARDING)
    later = OrganisationFactory(scheme=scheme)
    CouncilLettings.objects.create(council=later, cbl_live_from=dt.date(2027, 1, 7))
    published = AdvertFactory(
        draft=True,
        status=AdvertStatus.APPROVED,
        property__council=live,
        property__landlord__scheme=scheme,
    )
    held = [
        AdvertFactory(
            draft=True,
            status=AdvertStatus.APPROVED,
            property__council=council,
            property__landlord__scheme=scheme,
        )
        for council in (onboarding, later)
    ]
    submitted = AdvertFactory(
        draft=True,
        status=AdvertStatus.SUBMITTED,
        property__council=live,
        property__landlord__scheme=scheme,
    )
    # When the cycle opens (twice: the second does nothing)
    assert cycle_open(cycle=cycle, now=OPENS) == 1
    assert cycle_open(cycle=cycle, now=OPENS + dt.timedelta(minutes=1)) == 0
    # Then only the live council's approved advert is live in it, and that was audited
    published.refresh_from_db()
    assert (published.status, published.cycle_id) == (AdvertStatus.LIVE, cycle.pk)
    for advert in (*held, submitted):
        advert.refresh_from_db()
        assert advert.cycle_id is None and advert.status != AdvertStatus.LIVE
    assert AuditEvent.objects.filter(verb="advert.published", object_id=str(published.pk)).exists()
    assert AuditEvent.objects.filter(verb="cycle.opened", object_id=str(cycle.pk)).count() == 1


def test_a_cycle_whose_window_passed_unopened_closes_empty() -> None:
    scheme = SchemeFactory()
    cycle = cycle_ensure(scheme=scheme, now=OPENS - dt.timedelta(hours=1))
    assert cycle_open(cycle=cycle, now=CLOSES + dt.timedelta(days=1)) == 0
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED


def test_a_cycle_closes_only_once_bids_taken_in_its_closing_second_have_committed() -> None:
    cycle = CycleFactory(opens_at=OPENS, closes_at=CLOSES)
    for moment in (dt.timedelta(microseconds=900_000), dt.timedelta(seconds=29)):
        cycle_close(cycle=cycle, now=CLOSES + moment)
        cycle.refresh_from_db()
        assert cycle.status == CycleStatus.OPEN
    cycle_close(cycle=cycle, now=CLOSES + dt.timedelta(seconds=30))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED


def _cycle_with_bids() -> tuple[Cycle, list[object]]:
    cycle = CycleFactory(opens_at=OPENS, closes_at=CLOSES)
    council = OrganisationFactory(scheme=cycle.scheme)
    policy = council_with_policy(council)
    adverts = [live_advert(cycle, council) for _ in range(3)]
    for n, advert in enumerate(adverts):
        for band, day in (("B", 3), ("A", 9), ("B", 1 + n)):
            bid(advert, applicant_in_band(council, policy, band, dt.date(2025, 1, day)))
    return cycle, adverts


def _shortlists(cycle: Cycle) -> list[tuple[str, list[tuple[str, int | None, str]]]]:
    return [
        (
            shortlist.advert.reference,
            [(str(e.bid_id), e.position, e.status) for e in shortlist.entries.order_by("id")],
        )
        for shortlist in Shortlist.objects.filter(advert__cycle=cycle).order_by("advert__reference")
    ]


def test_closing_shortlists_every_advert_and_closing_again_changes_nothing() -> None:
    # Given an open cycle with three adverts and three bids on each
    cycle, _ = _cycle_with_bids()
    # When it closes after its closing second, and closes again
    first = cycle_close(cycle=cycle, now=CLOSES + dt.timedelta(minutes=1))
    before = _shortlists(cycle)
    second = cycle_close(cycle=cycle, now=CLOSES + dt.timedelta(minutes=5))
    # Then each advert has a shortlist, band A first, and the second close made nothing new
    assert (first.shortlisted, second.shortlisted) == (3, 0)
    assert _shortlists(cycle) == before
    for _reference, entries in before:
        assert [position for _, position, _ in entries] == [1, 2, 3]
        assert all(status == EntryStatus.PLACED for _, _, status in entries)
    assert set(cycle.adverts.values_list("status", flat=True)) == {AdvertStatus.CLOSED}


def test_a_close_that_stopped_part_way_is_finished_by_the_next_tick_with_the_same_result() -> None:
    # Given two identical cycles, one closed in one go
    whole, _ = _cycle_with_bids()
    cycle_close(cycle=whole, now=CLOSES + dt.timedelta(minutes=1))
    # And one whose close stopped after its first advert (the others left live in a closed cycle)
    cut = CycleFactory(
        scheme=SchemeFactory(slug="other", name="Other"), opens_at=OPENS, closes_at=CLOSES
    )
    council = OrganisationFactory(scheme=cut.scheme)
    policy = council_with_policy(council)
    adverts = [live_advert(cut, council) for _ in range(3)]
    for n, advert in enumerate(adverts):
        for band, day in (("B", 3), ("A", 9), ("B", 1 + n)):
            bid(advert, applicant_in_band(council, policy, band, dt.date(2025, 1, day)))
    Cycle.objects.filter(pk=cut.pk).update(status=CycleStatus.CLOSED)
    shortlist_make(advert=adverts[0], as_at=CLOSES)
    # When the tick runs
    outcome = cycles_tick(now=CLOSES + dt.timedelta(minutes=1))
    # Then it finished the other two, and the positions match the uninterrupted close
    assert outcome.shortlisted == 2
    shapes = [[(p, s) for _, p, s in entries] for _, entries in _shortlists(cut)]
    assert shapes == [[(p, s) for _, p, s in entries] for _, entries in _shortlists(whole)]


def test_opening_places_the_automatic_bids() -> None:
    # Given an applicant with automatic bidding on and an approved advert they may bid for
    scheme = SchemeFactory()
    cycle = cycle_ensure(scheme=scheme, now=OPENS - dt.timedelta(hours=1))
    council = OrganisationFactory(scheme=scheme)
    policy = council_with_policy(council)
    applicant = applicant_in_band(council, policy, "B", dt.date(2025, 1, 1))
    officer = staff_member(council, [Role.LETTINGS_OFFICER]).user
    AutoBid.objects.create(
        application=applicant, reason="Needs help", switched_on_at=OPENS, switched_on_by=officer
    )
    AdvertFactory(
        draft=True,
        status=AdvertStatus.APPROVED,
        property__council=council,
        property__landlord__scheme=scheme,
    )
    # When the cycle opens
    with clock.clock_frozen_at(OPENS + dt.timedelta(seconds=5)):
        cycle_open(cycle=cycle, now=OPENS + dt.timedelta(seconds=5))
    # Then the system bid for them
    assert Bid.objects.get(application=applicant).channel == BidChannel.AUTO
