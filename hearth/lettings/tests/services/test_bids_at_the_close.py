"""Two thousand bids sent at once across a cycle's close instant (PostgreSQL: real concurrent
writers). Each applicant's bid is sent four times, from four threads at the same moment, as
double clicks or retries over a bad connection would send it."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from hearth.core import clock
from hearth.core.models import AuditEvent
from hearth.lettings.models import Advert, Bid, BidChannel
from hearth.lettings.services.bids import bid_place
from hearth.lettings.tests.bids_setup import (
    advert_of,
    applicant_actor,
    applicant_in,
    cycle_open,
    marshvale,
)
from hearth.register.models import Application

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers"),
    pytest.mark.django_db(transaction=True),
]

APPLICATIONS = 500
SENDS = 4  # each bid sent four times at once: 2,000 requests
LANES = 8
PACE = dt.timedelta(milliseconds=10)  # a lane's next request, if it is not already late
CLOSE_AFTER = dt.timedelta(seconds=2)


@dataclass
class Sent:
    application: Application
    sent_at: dt.datetime | None = None
    done_at: dt.datetime | None = None
    outcome: str = ""


def _send(advert: Advert, request: Sent) -> None:
    request.sent_at = clock.now()
    try:
        bid_place(
            actor=applicant_actor(request.application),
            advert=advert,
            application=request.application,
            channel=BidChannel.ONLINE,
        )
        request.outcome = "placed"
    except ValidationError as refused:
        request.outcome = str(refused.code)
    request.done_at = clock.now()


def _lanes(advert: Advert, requests: list[Sent], start: dt.datetime) -> None:
    """Send the requests from LANES threads: request i goes from lane i % LANES, no earlier than
    `start` + (i // LANES) * PACE, so an application's sends leave together."""
    barrier = threading.Barrier(LANES)

    def lane(number: int) -> None:
        try:
            barrier.wait()
            for slot, request in enumerate(requests[number::LANES]):
                wait = (start + slot * PACE - clock.now()).total_seconds()
                if wait > 0:
                    time.sleep(wait)
                _send(advert, request)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=lane, args=(n,)) for n in range(LANES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_two_thousand_bids_across_the_close_none_taken_after_none_lost_before_none_twice() -> None:
    # Given one advert whose cycle closes, to the second, about two seconds after five hundred
    # applicants start bidding for it, each bid sent four times at the same moment
    council = marshvale()
    hour = dt.timedelta(hours=1)
    cycle = cycle_open(opens_at=clock.now() - hour, closes_at=clock.now() + hour)
    advert = advert_of(council, cycle)
    applications = [applicant_in(council) for _ in range(APPLICATIONS)]
    requests = [Sent(application) for application in applications for _copy in range(SENDS)]
    start = clock.now() + dt.timedelta(milliseconds=500)
    closes = (start + CLOSE_AFTER).replace(microsecond=0)
    cycle.closes_at = closes
    cycle.save(update_fields=["closes_at"])

    # When they are all sent, from eight threads at once
    _lanes(advert, requests, start)

    # Then the bids straddled the close: some taken before it, some refused after it
    outcomes = [request.outcome for request in requests]
    assert set(outcomes) == {"placed", "already_bid", "closed"}, set(outcomes)
    bids = Bid.objects.filter(advert=advert)
    # ...none was taken after the close instant, and every request sent after it was refused
    assert all(placed_at <= closes for placed_at in bids.values_list("placed_at", flat=True))
    for request in requests:
        assert request.sent_at is not None and request.done_at is not None
        if request.sent_at > closes:
            assert request.outcome == "closed", request
    # ...none answered before the close was lost: its application has its bid
    bidders = set(bids.values_list("application_id", flat=True))
    for request in requests:
        assert request.done_at is not None
        if request.done_at <= closes:
            assert request.outcome in ("placed", "already_bid"), request
            assert request.application.pk in bidders, request
    # ...no application has two bids, each bid taken was answered "placed" exactly once, and
    # every other send of it "already bid" (or "closed", if it was read after the close)
    assert bids.count() == len(bidders) == outcomes.count("placed")
    by_application: dict[object, list[str]] = {}
    for request in requests:
        by_application.setdefault(request.application.pk, []).append(request.outcome)
    for application_id, answers in by_application.items():
        if application_id in bidders:
            assert answers.count("placed") == 1, answers
            assert set(answers) <= {"placed", "already_bid", "closed"}, answers
        else:
            assert set(answers) == {"closed"}, answers
    # ...and every bid taken was audited once
    assert AuditEvent.objects.filter(verb="bid.placed").count() == bids.count()
