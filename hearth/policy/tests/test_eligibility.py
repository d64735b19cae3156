"""Eligibility for a home: one decision (`rank.eligibility_check`), worded for officers on a
shortlist and for applicants asking "Can I bid?"."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings

from hearth.policy.rules import eligibility
from hearth.policy.rules.eligibility import Refusal, bedroom_range, either_of
from hearth.policy.rules.facts import PersonFacts
from hearth.policy.rules.rank import Bidder, Home, eligibility_check, rank
from hearth.policy.tests.assess_support import DAY, MARSHVALE, ON, birthday, demo, household, lived
from hearth.policy.tests.rank_support import HOME, POLICY, PROPERTY_HOME, bidder, bidders

NAMES = {"marshvale-city": "Marshvale City", "eastmere": "Eastmere", "northfen": "Northfen"}
PARTNERS_HOME = dataclasses.replace(
    HOME, local_connection_scope="partners", partner_councils=("eastmere", "northfen")
)
ELSEWHERE = (lived("elsewhere", dt.date(2010, 1, 1)),)


@pytest.mark.parametrize(
    ("bid", "home", "code", "officer", "applicant"),
    [
        (
            bidder("b", status="not_qualifying"),
            HOME,
            eligibility.NOT_QUALIFYING,
            "not qualifying for the register",
            "You do not qualify under Marshvale City's allocation policy, so you cannot bid "
            "for its homes.",
        ),
        (
            bidder("b", band="Z"),
            HOME,
            eligibility.OTHER_POLICY,
            "not assessed under the advertising council's policy",
            "You have not been assessed under Marshvale City's allocation policy yet. Contact "
            "the council to bid for this home.",
        ),
        (
            bidder("b", under_offer=True),
            HOME,
            eligibility.UNDER_OFFER,
            "already under offer for another home",
            "You cannot bid while you have an offer of another home waiting for your answer, "
            "or are being considered for one.",
        ),
        (
            bidder("b", bedroom_need=3),
            dataclasses.replace(HOME, min_bedroom_need=2, max_bedroom_need=2),
            eligibility.BEDROOMS,
            "needs 3 bedrooms; this home is for households needing 2 to 2",
            "This home is for households that need 2 bedrooms. You need 3.",
        ),
        (
            bidder("b", bedroom_need=1),
            dataclasses.replace(HOME, min_bedroom_need=2, max_bedroom_need=4),
            eligibility.BEDROOMS,
            "needs 1 bedrooms; this home is for households needing 2 to 4",
            "This home is for households that need 2 to 4 bedrooms. You need 1.",
        ),
        (
            bidder("b", household(PersonFacts("lead", birthday(60) + DAY, "male", "lead"))),
            dataclasses.replace(HOME, minimum_age=60),
            eligibility.AGE,
            "this home is for people aged 60 or over",
            "This home is for people aged 60 or over.",
        ),
        (
            bidder("b", household(residence=(lived("eastmere", dt.date(2010, 1, 1)),))),
            dataclasses.replace(HOME, local_connection_scope="council"),
            eligibility.NO_CONNECTION_COUNCIL,
            "no local connection to the advertising council",
            "This home is for households with a local connection to Marshvale City.",
        ),
        (
            bidder("b", household(residence=ELSEWHERE)),
            PARTNERS_HOME,
            eligibility.NO_CONNECTION_PARTNERS,
            "no local connection to any partner council",
            "This home is for households with a local connection to Marshvale City, Eastmere "
            "or Northfen.",
        ),
    ],
)
def test_one_refusal_worded_for_officers_and_applicants(
    bid: Bidder, home: Home, code: str, officer: str, applicant: str
) -> None:
    # Given a bidder the home's labels refuse
    # When the decision is asked directly, and the home's bids are ranked
    refusal = eligibility_check(demo(MARSHVALE), home, ON)(bid)
    result = rank(demo(MARSHVALE), home, [bid], ON)
    # Then both give the same refusal: the shortlist in the officers' words, the applicant in
    # plain English naming the councils
    assert refusal is not None and refusal.code == code
    assert refusal.officer == officer
    assert [excluded.reason for excluded in result.excluded] == [officer]
    assert refusal.applicant(NAMES) == applicant


def test_a_bidder_the_labels_allow_has_no_refusal() -> None:
    assert eligibility_check(demo(MARSHVALE), HOME, ON)(bidder("b")) is None


def test_the_age_label_with_no_date_of_birth_on_record() -> None:
    # Given a standing with no lead applicant's date of birth
    bid = bidder("b")
    bid = bid._replace(standing=bid.standing._replace(lead_date_of_birth=None))
    # When an older persons' home is checked
    refusal = eligibility_check(demo(MARSHVALE), dataclasses.replace(HOME, minimum_age=55), ON)(bid)
    # Then the refusal says the date of birth is missing, to each reader
    assert refusal is not None and refusal.code == eligibility.AGE_UNKNOWN
    assert "no lead applicant's date of birth is on record" in refusal.officer
    assert refusal.applicant(NAMES) == (
        "This home is for people aged 55 or over. We do not have your date of birth: contact "
        "the council to add it."
    )


def test_a_council_without_a_name_is_called_by_its_code() -> None:
    refusal = Refusal(eligibility.NO_CONNECTION_COUNCIL, ("fenland",))
    assert refusal.applicant() == "This home is for households with a local connection to fenland."


def test_a_refusal_that_reads_the_same_for_everyone_is_made_once_per_home() -> None:
    # Given many bidders refused for the same reason
    check = eligibility_check(demo(MARSHVALE), dataclasses.replace(HOME, max_bedroom_need=2), ON)
    first = check(bidder("a", bedroom_need=3))
    second = check(bidder("b", bedroom_need=3))
    # Then they share one refusal (ranking a thousand bids allocates little)
    assert first is second


@pytest.mark.parametrize(
    ("lowest", "highest", "text"),
    [
        (1, 1, "1 bedroom"),
        (2, 2, "2 bedrooms"),
        (1, 2, "1 or 2 bedrooms"),
        (2, 4, "2 to 4 bedrooms"),
    ],
)
def test_bedroom_ranges_read_naturally(lowest: int, highest: int, text: str) -> None:
    assert bedroom_range(lowest, highest) == text


def test_names_are_joined_as_alternatives() -> None:
    assert either_of([]) == ""
    assert either_of(["A"]) == "A"
    assert either_of(["A", "B"]) == "A or B"
    assert either_of(["A", "B", "C"]) == "A, B or C"


@settings(max_examples=150, deadline=None)
@given(bidders())
def test_rank_excludes_exactly_whom_the_check_refuses(bids: list[Bidder]) -> None:
    # Given any bids for a home with a range of sizes and an age label
    home = dataclasses.replace(PROPERTY_HOME, minimum_age=40)
    check = eligibility_check(POLICY, home, ON)
    # When they are ranked
    result = rank(POLICY, home, bids, ON)
    # Then the excluded are those the check refuses, each with the refusal's officer wording
    refused = {b.bid_id: check(b) for b in bids}
    assert {e.bid_id: e.reason for e in result.excluded} == {
        bid_id: refusal.officer for bid_id, refusal in refused.items() if refusal is not None
    }
    assert {p.bid_id for p in result.placed} == {
        bid_id for bid_id, refusal in refused.items() if refusal is None
    }
