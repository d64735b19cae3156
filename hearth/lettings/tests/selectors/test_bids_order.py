"""Queue positions counted over stored order keys agree with ranking every bid, and say when
they cannot be counted (a key of another day or policy), so the advert is ranked in full."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.lettings.models import Advert, Bid, BidChannel
from hearth.lettings.selectors.bids import Advertisers
from hearth.lettings.selectors.bids_position import queue_positions
from hearth.lettings.selectors.bids_ranked import adverts_ranked
from hearth.lettings.services.bids import bid_place
from hearth.lettings.services.bids_order import bid_order_refresh
from hearth.lettings.tests.bids_setup import (
    NOON,
    TODAY,
    advert_of,
    applicant_actor,
    applicant_in,
    marshvale,
)
from hearth.register.models import Application, ApplicationStatus, Assessment

pytestmark = pytest.mark.django_db

BANDS = ("A", "B", "C", "D")
DATES = (dt.date(2022, 5, 1), dt.date(2023, 1, 1), dt.date(2024, 4, 1))


def _bid(application: Application, advert: Advert) -> Bid:
    return bid_place(
        actor=applicant_actor(application),
        advert=advert,
        application=application,
        channel=BidChannel.ONLINE,
    )


def _fully_ranked(advert: Advert) -> dict[str, tuple[int | None, int]]:
    """Every live bid's position and the total, ranking all of them (as the close does)."""
    advert = Advert.objects.select_related("property", "council", "cycle").get(pk=advert.pk)
    advertisers = Advertisers.read(advert.council.scheme_id, TODAY)  # type: ignore[arg-type]
    ranking = adverts_ranked([advert], advertisers, TODAY)[advert.pk]
    total = len(ranking.result.placed)
    found = dict.fromkeys(ranking.bid_ids, (None, total))
    found |= {p.bid_id: (p.position, total) for p in ranking.result.placed}
    return found


def _counted(bid: Bid) -> tuple[int | None, int]:
    placed = Bid.objects.select_related(
        "advert__property", "advert__council", "advert__cycle", "application__household"
    ).get(pk=bid.pk)
    position = queue_positions([placed], on_date=TODAY)[placed.pk]
    return position.position, position.total


def _bidders_of_every_kind(advert: Advert) -> list[Bid]:
    """Bids of every band and priority date (ties broken by bid), and two that would not be
    shortlisted: one needing more bedrooms than the home has, one with no local connection."""
    council = advert.council
    bids = [
        _bid(applicant_in(council, band=band, priority_date=day), advert)
        for band, day in itertools.product(BANDS, DATES)
    ]
    bids.append(_bid(applicant_in(council, band="B"), advert))  # the same as another: a tie
    too_big = applicant_in(council, band="A", bedroom_need=1)
    bids.append(_bid(too_big, advert))
    Assessment.objects.filter(household=too_big.household).update(bedroom_need=4)
    return bids


def test_counted_positions_are_the_positions_ranking_every_bid_gives() -> None:
    with clock_frozen_at(NOON):
        # Given an advert with bids of every band and date, placed online (each keeps its key),
        # and the keys made again after a bidder's needs changed
        advert = advert_of(
            marshvale(), connection_scope="none", min_bedroom_need=1, max_bedroom_need=3
        )
        bids = _bidders_of_every_kind(advert)
        bid_order_refresh()
        # When each bidder's position is counted
        counted = {str(bid.pk): _counted(bid) for bid in bids}
        # Then it is the position ranking all the bids gives, the excluded bidder included
        assert counted == _fully_ranked(advert)
        assert sorted(p for p, _total in counted.values() if p) == list(range(1, len(bids)))


def test_a_position_is_counted_in_a_few_queries_however_many_bids() -> None:
    with clock_frozen_at(NOON):
        # Given two adverts with keys up to date, one with 3 bids and one with 13
        council = marshvale()
        small, large = advert_of(council), advert_of(council)
        mine_small = [_bid(applicant_in(council, band=b), small) for b in "ABC"][-1]
        mine_large = [_bid(applicant_in(council), large) for _ in range(12)][-1]
        _bid(applicant_in(council, band="A"), large)

        def queries(bid: Bid) -> int:
            placed = Bid.objects.select_related(
                "advert__property", "advert__council", "advert__cycle", "application__household"
            ).get(pk=bid.pk)
            with CaptureQueriesContext(connection) as captured:
                queue_positions([placed], on_date=TODAY)
            return len(captured)

        queries(mine_small)  # the policy's document is read once per process, on first use
        # Then both take the same queries, and fewer than when a key is out of date (the
        # advert is then ranked in full)
        counted = queries(mine_small)
        assert counted == queries(mine_large)
        Bid.objects.filter(pk=mine_small.pk).update(ranked_on=TODAY - dt.timedelta(days=1))
        others = Bid.objects.filter(advert=large).exclude(pk=mine_large.pk)
        others.filter(pk=others.first().pk).update(ranked_on=TODAY - dt.timedelta(days=1))  # type: ignore[union-attr]
        assert queries(mine_small) == counted  # the viewer's own key is always made afresh
        assert queries(mine_large) > counted
        counted_large = _counted(mine_large)
        assert counted_large == _fully_ranked(large)[str(mine_large.pk)]
        assert counted_large[1] == 13


def test_a_key_of_another_day_or_policy_is_not_counted() -> None:
    with clock_frozen_at(NOON):
        # Given bids placed yesterday, whose keys were not made again today
        council = marshvale()
        advert = advert_of(council)
        ahead = _bid(applicant_in(council, band="A"), advert)
        mine = _bid(applicant_in(council, band="B"), advert)
        Bid.objects.filter(pk=ahead.pk).update(ranked_on=TODAY - dt.timedelta(days=1))
        # and the bidder ahead then suspended
        Application.objects.filter(pk=ahead.application_id).update(
            status=ApplicationStatus.SUSPENDED
        )
        # Then the position ranks every bid, and does not count the suspended bidder
        assert _counted(mine) == (1, 1)
        # and a key made under another policy version is not counted either
        Application.objects.filter(pk=ahead.application_id).update(status=ApplicationStatus.ACTIVE)
        Bid.objects.filter(pk=ahead.pk).update(ranked_on=TODAY, ranked_policy=None, rank_key="f")
        assert _counted(mine) == (2, 2)


def test_a_change_to_another_bidder_counts_once_the_keys_are_made_again() -> None:
    with clock_frozen_at(NOON):
        # Given two bidders, the other in band A
        council = marshvale()
        advert = advert_of(council)
        other = applicant_in(council, band="A")
        _bid(other, advert)
        mine = _bid(applicant_in(council, band="B"), advert)
        assert _counted(mine) == (2, 2)
        # When the other is reassessed into band D
        Assessment.objects.filter(household=other.household).update(band="D")
        # Then it counts once the keys are made again, with one audit event for the advert
        changed = bid_order_refresh()
        assert changed == 1
        assert _counted(mine) == (1, 2)
        event = AuditEvent.objects.get(verb="advert.bid_order_refreshed")
        assert event.object_id == str(advert.pk) and event.actor is None
        # and making them again with nothing changed writes nothing
        assert bid_order_refresh() == 0
        assert AuditEvent.objects.filter(verb="advert.bid_order_refreshed").count() == 1


def test_keys_sort_in_the_database_as_they_do_in_python() -> None:
    with clock_frozen_at(NOON):
        # Given many bids with their keys
        advert = advert_of(
            marshvale(), connection_scope="none", min_bedroom_need=1, max_bedroom_need=3
        )
        _bidders_of_every_kind(advert)
        # Then the database orders them as Python does (its collation compares them as bytes)
        keys = list(
            Bid.objects.filter(advert=advert, rank_placed=True)
            .order_by("rank_key")
            .values_list("rank_key", flat=True)
        )
        assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_a_new_day_stamps_the_keys_again_and_a_changed_standing_rewrites_its_own() -> None:
    with clock_frozen_at(NOON):
        # Given three bids whose keys were made yesterday, one bidder since moved to band D
        council = marshvale()
        advert = advert_of(council)
        bids = [_bid(applicant_in(council, band=band), advert) for band in "ABC"]
        yesterday = TODAY - dt.timedelta(days=1)
        Bid.objects.filter(advert=advert).update(ranked_on=yesterday)
        before = dict(Bid.objects.values_list("pk", "rank_key"))
        Assessment.objects.filter(household=bids[0].application.household).update(band="D")
        # When the keys are made again today
        assert bid_order_refresh() == 3
        # Then every key is of today; the two unchanged keep their key, the moved one has a new
        after = dict(Bid.objects.values_list("pk", "rank_key"))
        assert set(Bid.objects.values_list("ranked_on", flat=True)) == {TODAY}
        assert [before[b.pk] == after[b.pk] for b in bids] == [False, True, True]
        # and positions are counted again: the moved bidder is last
        assert _counted(bids[0]) == (3, 3) == _fully_ranked(advert)[str(bids[0].pk)]
