"""Ranking on standings alone (what the assessment and household record store) without the full
facts: the same shortlist, a stored local connection, and refusal where the full facts are
needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import Bidder, Home, Standing, needs_full_facts, rank
from hearth.policy.tests.assess_support import MARSHVALE, ON, demo, household, lead
from hearth.policy.tests.rank_support import (
    EASTMERE_HOME,
    HOME,
    POLICY,
    PROPERTY_HOME,
    bidder,
    bidders,
    order,
    ordered_by,
    villager,
)

# --- Ranking on standings alone ----------------------------------------------------------------

# Labels answered by what is stored: an age limit, and a local connection to the advertising
# council, which its own register's bidders have stored with their assessment.
STORED_HOME = dataclasses.replace(PROPERTY_HOME, minimum_age=55, local_connection_scope="council")


def test_own_register_bidders_use_their_stored_local_connection() -> None:
    # Given two bidders with no address history loaded: one on the advertising council's
    # register, assessed as locally connected; one on another council's register
    own = household(household_id="h-own", residence=())
    other = dataclasses.replace(household(household_id="h-other", residence=()), council="eastmere")
    bids = [
        bidder("own", own, local_connection=True),
        bidder("other", other, local_connection=True),
    ]
    # When a home for local connections to the advertising council is ranked
    home = Home(bedrooms=2, council=MARSHVALE, local_connection_scope="council")
    result = rank(demo(MARSHVALE), home, bids, ON)
    # Then the own-register bidder's stored connection counts; the other's must be shown
    assert [p.bid_id for p in result.placed] == ["own"]
    assert [e.bid_id for e in result.excluded] == ["other"]


@settings(max_examples=200, deadline=None)
@given(bidders(), st.lists(st.booleans(), min_size=12, max_size=12))
def test_standings_alone_rank_as_full_facts_do(bids: list[Bidder], connected: list[bool]) -> None:
    # Given bids with their full facts, some of them assessed as not locally connected, and
    # leads on both sides of the home's minimum age
    bids = [
        bid._replace(standing=bid.standing._replace(local_connection=connected[i]))
        for i, bid in enumerate(bids)
    ]
    assert not needs_full_facts(POLICY, STORED_HOME, MARSHVALE)
    # When they are ranked with their standings only
    standings_only = [bid._replace(household=None) for bid in bids]
    # Then the shortlist is the same in every detail
    expected = rank(POLICY, STORED_HOME, bids, ON)
    assert rank(POLICY, STORED_HOME, standings_only, ON) == expected


def test_a_standing_is_what_the_assessment_and_household_record_say() -> None:
    facts = household(
        lead(age=40),
        registered=dt.date(2023, 5, 2),
        housing_debt=Decimal("12.50"),
        is_transfer=True,
    )
    assessment = dataclasses.replace(
        assess(demo(MARSHVALE), facts, ON), band="B", ranked_below=True
    )

    bid = Bidder.of("b1", facts, assessment, under_offer=True)

    assert bid == Bidder(
        "b1",
        Standing(
            household_id="h1",
            council=MARSHVALE,
            registration_date=dt.date(2023, 5, 2),
            lead_date_of_birth=facts.lead.date_of_birth,
            housing_debt=Decimal("12.50"),
            is_transfer=True,
            status="qualifies",
            band="B",
            points=assessment.points,
            priority_date=assessment.priority_date,
            bedroom_need=assessment.bedroom_need,
            local_connection=assessment.local_connection,
            ranked_below=True,
        ),
        facts,
        under_offer=True,
    )
    assert bid.standing.qualifies


ELSEWHERE = dataclasses.replace(household(household_id="h-b2"), council="eastmere")


@pytest.mark.parametrize(
    ("policy", "home", "facts"),
    [
        (ordered_by({"key": "local_connection"}), HOME, None),
        (
            ordered_by({"key": "expression", "expression": "household.children", "label": "Kids"}),
            HOME,
            None,
        ),
        (demo("eastmere"), EASTMERE_HOME, villager("h-b2")),
        # a local connection to the advertising council, for a bidder on another register
        (demo(MARSHVALE), dataclasses.replace(HOME, local_connection_scope="council"), ELSEWHERE),
        # ... or to any partner council
        (
            demo(MARSHVALE),
            dataclasses.replace(
                HOME, local_connection_scope="partners", partner_councils=("eastmere",)
            ),
            None,
        ),
    ],
)
def test_ranking_that_needs_full_facts_without_them_is_refused(
    policy: PolicyDocument, home: Home, facts: HouseholdFacts | None
) -> None:
    # Given a home whose ranking needs full facts, and a bid that came with its standing only
    with_facts = bidder("b1", policy=policy)
    without = bidder("b2", facts, policy=policy)._replace(household=None)
    assert needs_full_facts(policy, home, without.standing.council)
    # When it is ranked, Then that is a programming error naming the bid
    with pytest.raises(ValueError, match="bid 'b2' came with its standing only"):
        rank(policy, home, [with_facts, without], ON)


def test_a_standing_without_a_lead_applicant_fails_an_age_limit() -> None:
    # Given a standing read from a household with no lead applicant on record
    bid = bidder("b1")
    no_lead = bid._replace(standing=bid.standing._replace(lead_date_of_birth=None), household=None)
    # When it bids for a home with a minimum age, Then it is excluded, saying why
    result = rank(demo(MARSHVALE), dataclasses.replace(HOME, minimum_age=55), [no_lead], ON)
    assert [e.reason for e in result.excluded] == [
        "this home is for people aged 55 or over, and no lead applicant's date of birth is on "
        "record"
    ]
    # ... and a home without one places it
    assert order(rank(demo(MARSHVALE), HOME, [no_lead], ON)) == ["b1"]
