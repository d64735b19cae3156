"""Can I bid? The pure answer for one application and one advert, now."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from hearth.core import clock
from hearth.lettings.models import Cycle, CycleStatus
from hearth.lettings.rules import bid_check
from hearth.lettings.rules.bid_check import (
    BidQuestion,
    bid_answer,
    bids_left,
    limit_reached_text,
    limit_text,
)
from hearth.lettings.rules.cycle_rhythm import Window, bid_in_time
from hearth.policy.rules import eligibility
from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import BidLimit
from hearth.policy.rules.facts import PersonFacts
from hearth.policy.rules.rank import Bidder, Home, Standing
from hearth.policy.tests.assess_support import MARSHVALE, ON, birthday, demo, household, lived
from hearth.policy.tests.rank_support import bidder
from hearth.register.rules import lifecycle

NORTHFEN = "northfen"
NAMES = {MARSHVALE: "Marshvale City", NORTHFEN: "Northfen", "eastmere": "Eastmere"}
OPENS = dt.datetime(2026, 6, 11, 0, 1, tzinfo=clock.LONDON)  # Thursday
CLOSES = dt.datetime(2026, 6, 15, 23, 59, tzinfo=clock.LONDON)  # Monday
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=clock.LONDON)
SECOND = dt.timedelta(seconds=1)
HOME = Home(
    bedrooms=2,
    council=MARSHVALE,
    min_bedroom_need=2,
    max_bedroom_need=2,
    local_connection_scope="council",
    partner_councils=("eastmere", NORTHFEN),
)


def question(**changes: Any) -> BidQuestion:
    """A settled Marshvale household needing 2 bedrooms, asking about a 2-bedroom Marshvale
    home at noon on the cycle's last day, with no bids yet."""
    base = BidQuestion(
        home=HOME,
        policy=demo(MARSHVALE),
        bidder=bidder("b", bedroom_need=2),
        application_status=lifecycle.ACTIVE,
        advert_live=True,
        cycle_status="open",
        opens_at=OPENS,
        closes_at=CLOSES,
        now=NOW,
        bids_this_cycle=0,
        live_bids=0,
        already_bid=False,
        council_names=NAMES,
    )
    return dataclasses.replace(base, **changes)


def test_a_household_that_meets_every_label_may_bid() -> None:
    answer = bid_answer(question())
    assert answer.allowed and answer.reason == "" and answer.refusal is None


# --- The window, to the second ----------------------------------------------------------------


def test_a_bid_at_the_close_instant_itself_is_taken() -> None:
    assert bid_answer(question(now=CLOSES)).allowed


@pytest.mark.parametrize("late", [SECOND, dt.timedelta(microseconds=1), dt.timedelta(hours=2)])
def test_after_the_close_instant_bidding_has_closed(late: dt.timedelta) -> None:
    # Given the server's clock just past the close
    answer = bid_answer(question(now=CLOSES + late))
    # Then the answer says when bidding closed, in plain English
    assert answer.code == bid_check.CLOSED
    assert answer.reason == "Bidding for this home closed at 11:59pm on Monday 15 June."


@pytest.mark.parametrize(
    ("moment", "taken"),
    [
        (CLOSES - dt.timedelta(microseconds=1), True),
        (CLOSES, True),
        (CLOSES + dt.timedelta(microseconds=1), False),
        (CLOSES + dt.timedelta(milliseconds=500), False),
        (CLOSES + SECOND, False),
        (OPENS - dt.timedelta(microseconds=1), False),
        (OPENS, True),
    ],
)
def test_the_bid_check_and_the_cycle_share_one_rule_for_the_closing_moment(
    moment: dt.datetime, taken: bool
) -> None:
    # Given an open cycle, and the bid check's and the cycle's answers at the same moment
    cycle = Cycle(opens_at=OPENS, closes_at=CLOSES, status=CycleStatus.OPEN)
    answers = (
        bid_in_time(Window(OPENS, CLOSES), moment),
        bid_check.window_open(question(now=moment)),
        cycle.accepts_bids_at(moment),
    )
    # Then all three agree: nothing is taken a moment after the close instant
    assert answers == (taken, taken, taken)


def test_a_cycle_already_closed_is_closed_even_before_its_close_instant() -> None:
    answer = bid_answer(question(cycle_status="closed"))
    assert answer.code == bid_check.CLOSED


def test_before_the_cycle_opens_it_says_when_it_opens() -> None:
    answer = bid_answer(question(cycle_status="upcoming", now=OPENS - dt.timedelta(hours=1)))
    assert answer.code == bid_check.NOT_OPEN
    assert answer.reason == "Bidding for this home opens at 12:01am on Thursday 11 June."


def test_a_cycle_not_yet_opened_after_its_opening_time_has_not_opened() -> None:
    answer = bid_answer(question(cycle_status="upcoming"))
    assert answer.reason == "Bidding for this home has not opened yet."


def test_an_advert_withdrawn_mid_cycle_takes_no_bids() -> None:
    answer = bid_answer(question(advert_live=False))
    assert (answer.code, answer.reason) == (
        bid_check.NOT_ADVERTISED,
        "This home is no longer advertised.",
    )


def test_the_window_is_the_first_reason_given() -> None:
    answer = bid_answer(
        question(now=CLOSES + SECOND, already_bid=True, application_status=lifecycle.SUSPENDED)
    )
    assert answer.code == bid_check.CLOSED


# --- The application --------------------------------------------------------------------------


def test_one_live_bid_per_advert() -> None:
    answer = bid_answer(question(already_bid=True))
    assert (answer.code, answer.reason) == (
        bid_check.ALREADY_BID,
        "You have already bid for this home.",
    )


@pytest.mark.parametrize(
    "status", [s for s in lifecycle.STATUSES if s != lifecycle.ACTIVE], ids=str
)
def test_only_an_active_application_bids(status: str) -> None:
    answer = bid_answer(question(application_status=status))
    assert answer.code == bid_check.APPLICATION_STATUS
    assert answer.reason == str(bid_check.STATUS_REASONS[status])


def test_a_suspended_application_is_told_so() -> None:
    answer = bid_answer(question(application_status=lifecycle.SUSPENDED))
    assert answer.reason == "Your application is suspended, so you cannot bid at the moment."


def test_a_council_with_no_policy_in_force_takes_no_bids() -> None:
    assert bid_answer(question(policy=None)).code == bid_check.NO_POLICY


def test_a_household_never_assessed_cannot_bid_yet() -> None:
    answer = bid_answer(question(bidder=None))
    assert answer.code == bid_check.NOT_ASSESSED


# --- The advert's labels, worded for the applicant --------------------------------------------


def test_the_wrong_size_of_home() -> None:
    answer = bid_answer(question(bidder=bidder("b", bedroom_need=3)))
    assert answer.code == eligibility.BEDROOMS
    assert answer.reason == "This home is for households that need 2 bedrooms. You need 3."
    assert answer.refusal is not None and answer.refusal.bedroom_need == 3


def test_an_older_persons_home() -> None:
    young = household(PersonFacts("lead", birthday(59), "female", "lead"))
    answer = bid_answer(
        question(
            home=dataclasses.replace(HOME, minimum_age=60),
            bidder=bidder("b", young, bedroom_need=2),
        )
    )
    assert answer.reason == "This home is for people aged 60 or over."


def test_a_home_for_the_advertising_councils_local_connection() -> None:
    # Given a household on Marshvale's register without a connection to it
    answer = bid_answer(question(bidder=bidder("b", bedroom_need=2, local_connection=False)))
    # Then it is told which council's connection the home needs
    assert answer.reason == "This home is for households with a local connection to Marshvale City."


# --- Cross-partner bids: assessed under the advertising council's policy ----------------------


def _from_northfen(*, moved_to_marshvale: bool = False) -> Bidder:
    """A Northfen household (on Northfen's register) assessed now under Marshvale City's
    policy, as a bid for a Marshvale home is."""
    residence = (lived(NORTHFEN, dt.date(2012, 1, 1)),)
    if moved_to_marshvale:
        residence = (lived(MARSHVALE, dt.date(2012, 1, 1)),)
    facts = household(
        PersonFacts("lead", birthday(35), "female", "lead", partner_id="p"),
        PersonFacts("p", birthday(36), "male", "partner", partner_id="lead"),
        PersonFacts("c", birthday(7), "female", "child"),
        council=NORTHFEN,
        residence=residence,
        household_id="h-northfen",
    )
    assessment = assess(demo(MARSHVALE), facts, ON)
    return Bidder("b", Standing.of(facts, assessment), facts)


def test_a_cross_partner_bidder_is_measured_by_the_advertising_councils_bedroom_standard() -> None:
    # Given a Northfen couple with a child, assessed under Marshvale City's policy
    bid = _from_northfen()
    assert bid.standing.council == NORTHFEN and bid.standing.bedroom_need == 2
    # When the home is open to any partner council's connection
    answer = bid_answer(
        question(home=dataclasses.replace(HOME, local_connection_scope="partners"), bidder=bid)
    )
    # Then they may bid
    assert answer.allowed


def test_a_home_for_the_advertising_council_only_refuses_a_cross_partner_bidder() -> None:
    answer = bid_answer(question(bidder=_from_northfen()))
    assert answer.code == eligibility.NO_CONNECTION_COUNCIL
    assert answer.reason == "This home is for households with a local connection to Marshvale City."


def test_a_cross_partner_bidder_with_a_connection_to_the_advertising_council_may_bid() -> None:
    # Given a household on Northfen's register that has lived in Marshvale for years
    answer = bid_answer(question(bidder=_from_northfen(moved_to_marshvale=True)))
    # Then the advertising council's local connection test is met
    assert answer.allowed


def test_a_home_open_to_anyone_on_a_partners_register() -> None:
    answer = bid_answer(
        question(
            home=dataclasses.replace(HOME, local_connection_scope="none"), bidder=_from_northfen()
        )
    )
    assert answer.allowed


# --- The bid limit ----------------------------------------------------------------------------

PER_CYCLE = BidLimit(count=3, per="cycle")
LIVE = BidLimit(count=3, per="live")


def _limited(limit: BidLimit | None) -> Any:
    data = demo(MARSHVALE)
    return dataclasses.replace(data, bid_limit=limit)


def test_the_limit_per_cycle_counts_bids_placed_this_cycle() -> None:
    # Given Marshvale's limit of 3 bids a cycle, and 3 placed this cycle (some since closed)
    answer = bid_answer(question(policy=_limited(PER_CYCLE), bids_this_cycle=3, live_bids=1))
    # Then a fourth is refused
    assert answer.code == bid_check.LIMIT
    assert answer.reason == "You have used your 3 bids this week."


def test_the_limit_per_cycle_leaves_room_below_it() -> None:
    assert bid_answer(question(policy=_limited(PER_CYCLE), bids_this_cycle=2, live_bids=9)).allowed


def test_a_limit_of_live_bids_counts_live_bids_only() -> None:
    # Given a limit of 3 live bids at once: 3 placed this cycle, one since withdrawn
    allowed = bid_answer(question(policy=_limited(LIVE), bids_this_cycle=3, live_bids=2))
    refused = bid_answer(question(policy=_limited(LIVE), bids_this_cycle=0, live_bids=3))
    # Then the withdrawn bid freed its place; 3 live bids fill the limit
    assert allowed.allowed
    assert refused.code == bid_check.LIMIT
    assert refused.reason == (
        "You already have 3 live bids, the most you can have at once. Withdraw one to bid for "
        "this home."
    )


def test_no_limit_in_the_policy() -> None:
    assert bid_answer(question(policy=_limited(None), bids_this_cycle=40, live_bids=40)).allowed


def test_the_limit_is_the_last_reason_given() -> None:
    answer = bid_answer(
        question(policy=_limited(PER_CYCLE), bids_this_cycle=3, bidder=bidder("b", bedroom_need=4))
    )
    assert answer.code == eligibility.BEDROOMS


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (BidLimit(1, "cycle"), "You have used your bid this week."),
        (BidLimit(2, "cycle"), "You have used your 2 bids this week."),
        (
            BidLimit(1, "live"),
            "You already have a live bid, the most you can have at once. Withdraw it to bid for "
            "this home.",
        ),
    ],
)
def test_the_limit_reached_reads_naturally(limit: BidLimit, text: str) -> None:
    assert limit_reached_text(limit) == text


def test_the_limit_before_bidding_and_bids_left() -> None:
    assert limit_text(PER_CYCLE) == "You can bid for up to 3 homes each week."
    assert limit_text(LIVE) == "You can have up to 3 live bids at a time."
    assert limit_text(None) == "There is no limit on how many homes you can bid for."
    assert bids_left(PER_CYCLE, bids_this_cycle=1, live_bids=0) == 2
    assert bids_left(LIVE, bids_this_cycle=3, live_bids=1) == 2
    assert bids_left(LIVE, bids_this_cycle=0, live_bids=5) == 0
    assert bids_left(None, bids_this_cycle=9, live_bids=9) is None
