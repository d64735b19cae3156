"""Ranking the bids for one home: which bids are excluded, and why."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from hearth.policy.rules.facts import PersonFacts
from hearth.policy.rules.rank import Bidder, Home, rank
from hearth.policy.tests.assess_support import DAY, MARSHVALE, ON, birthday, demo, household, lived
from hearth.policy.tests.rank_support import HOME, bidder, order

# --- Exclusions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bid", "home", "reason"),
    [
        (bidder("b", status="not_qualifying"), HOME, "not qualifying for the register"),
        (bidder("b", under_offer=True), HOME, "already under offer for another home"),
        # bedroom range, both ends inclusive
        (bidder("b", bedroom_need=3), dataclasses.replace(HOME, max_bedroom_need=2), "needs 3"),
        (bidder("b", bedroom_need=2), dataclasses.replace(HOME, max_bedroom_need=2), ""),
        (bidder("b", bedroom_need=1), dataclasses.replace(HOME, min_bedroom_need=2), "needs 1"),
        (bidder("b", bedroom_need=2), dataclasses.replace(HOME, min_bedroom_need=2), ""),
        # minimum age, on the birthday
        (
            bidder("b", household(PersonFacts("lead", birthday(60), "male", "lead"))),
            dataclasses.replace(HOME, minimum_age=60),
            "",
        ),
        (
            bidder("b", household(PersonFacts("lead", birthday(60) + DAY, "male", "lead"))),
            dataclasses.replace(HOME, minimum_age=60),
            "this home is for people aged 60 or over",
        ),
        # local connection to the advertising council only
        (bidder("b"), dataclasses.replace(HOME, local_connection_scope="council"), ""),
        (
            bidder("b", household(residence=(lived("eastmere", dt.date(2010, 1, 1)),))),
            dataclasses.replace(HOME, local_connection_scope="council"),
            "no local connection to the advertising council",
        ),
        # ... or to any partner council
        (
            bidder("b", household(residence=(lived("eastmere", dt.date(2010, 1, 1)),))),
            dataclasses.replace(
                HOME, local_connection_scope="partners", partner_councils=("eastmere", "northfen")
            ),
            "",
        ),
        (
            bidder("b", household(residence=(lived("elsewhere", dt.date(2010, 1, 1)),))),
            dataclasses.replace(
                HOME, local_connection_scope="partners", partner_councils=("eastmere", "northfen")
            ),
            "no local connection to any partner council",
        ),
        # anyone on the register
        (bidder("b", household(residence=())), HOME, ""),
    ],
)
def test_exclusions(bid: Bidder, home: Home, reason: str) -> None:
    result = rank(demo(MARSHVALE), home, [bid], ON)
    if reason:
        assert result.placed == ()
        assert len(result.excluded) == 1
        assert reason in result.excluded[0].reason
        assert result.excluded[0].household_id == bid.standing.household_id
    else:
        assert order(result) == ["b"] and result.excluded == ()
