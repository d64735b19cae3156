"""The policy's rules about the household itself, as data: bids refused for a reason the policy
names, households under offer, a band lower than need (and a refusal's lower band), and time in a
supported-housing placement counting for the area lived in before. Pure: no database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from hearth.policy.rules import eligibility
from hearth.policy.rules.assess import assess
from hearth.policy.rules.connection import connected_anywhere, connection_check, council_place
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_data, document_read
from hearth.policy.rules.document_reader import PolicyDocumentError
from hearth.policy.rules.facts import Period
from hearth.policy.rules.rank import eligibility_check, needs_full_facts, rank
from hearth.policy.tests.assess_support import (
    MARSHVALE,
    ON,
    TEENAGERS,
    TWO_BEDROOMS,
    cites,
    demo,
    demo_changed,
    household,
    lived,
)
from hearth.policy.tests.rank_support import HOME, bidder

ARREARS = {
    "code": "arrears",
    "when": "household.housing_debt > 0.0 && !household.repayment_arrangement",
    "text": "You owe rent and have not agreed a plan to pay it back.",
}
NO_PARTNER_CONNECTION = {
    "when": "!household.partner_connection",
    "text": "You have no local connection to any council in the partnership.",
}


def with_bidding(**bidding: Any) -> PolicyDocument:
    def change(data: dict[str, Any]) -> None:
        data["bidding"] = bidding

    return demo_changed(MARSHVALE, change)


def with_band_lower(*rules: dict[str, str]) -> PolicyDocument:
    def change(data: dict[str, Any]) -> None:
        data["band_lower"] = list(rules)
        data["caps"] = []  # Marshvale's own cap on no local connection would hide the lowering

    return demo_changed(MARSHVALE, change)


def problems_of(change: dict[str, Any]) -> list[tuple[str, str]]:
    data = document_data(demo(MARSHVALE)) | change
    with pytest.raises(PolicyDocumentError) as raised:
        document_read(data)
    return [(p.path, p.message) for p in raised.value.problems]


# --- Reading the policy ------------------------------------------------------------------------


def test_the_rules_read_and_write_back_unchanged() -> None:
    # Given a policy with every rule about the household
    policy = demo_changed(
        MARSHVALE,
        lambda data: data.update(
            bidding={"refusals": [ARREARS], "under_offer": "skipped"},
            band_lower=[NO_PARTNER_CONNECTION],
            refusals=[{"count": 2, "consequence": "lower_band", "months": 6, "text": "Lower."}],
        ),
    )
    # When it is read, written out and read again
    again = document_read(document_data(policy))
    # Then nothing changed
    assert again == policy
    assert policy.bidding.under_offer == "skipped"
    assert policy.bidding.refusals[0].code == "arrears"
    assert policy.band_lower[0].text.startswith("You have no local connection")
    assert policy.refusals[0].consequence == "lower_band"


def test_a_policy_without_the_rules_keeps_todays_behaviour() -> None:
    policy = demo(MARSHVALE)
    assert policy.bidding.under_offer == "cannot_bid"
    assert policy.bidding.refusals == ()
    assert policy.band_lower == ()
    assert "bidding" not in document_data(policy)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"bidding": {"under_offer": "ignored"}},
            ("bidding.under_offer", "'ignored' is not one of: cannot_bid, skipped"),
        ),
        (
            {"bidding": {"refusals": [{**ARREARS, "when": "household.arrears > 0"}]}},
            ("bidding.refusals[0].when", "Unknown field 'arrears' on Household"),
        ),
        (
            {"bidding": {"refusals": [ARREARS, ARREARS]}},
            ("bidding.refusals", "each refusal needs a different code"),
        ),
        (
            {"bidding": {"refusals": [{"code": "arrears", "when": "true"}]}},
            ("bidding.refusals[0].text", "is required"),
        ),
        ({"bidding": {"limit": 3}}, ("bidding.limit", "")),
        ({"band_lower": [{"when": "household.size", "text": "x"}]}, ("band_lower[0].when", "")),
        (
            {"refusals": [{"count": 3, "consequence": "lower_band"}]},
            ("refusals[0].months", "is required when the consequence is lower_band"),
        ),
    ],
)
def test_mistakes_are_named_by_field(change: dict[str, Any], expected: tuple[str, str]) -> None:
    # When a policy with the mistake is read, then the problem names the field
    found = problems_of(change)
    path, message = expected
    assert any(p == path and message in m for p, m in found), found


def test_a_points_scheme_has_no_band_to_lower() -> None:
    data = document_data(demo("northfen"))
    data["band_lower"] = [NO_PARTNER_CONNECTION]
    data["refusals"] = [{"count": 2, "consequence": "lower_band", "months": 6}]
    with pytest.raises(PolicyDocumentError) as raised:
        document_read(data)
    paths = {p.path for p in raised.value.problems}
    assert {"band_lower", "refusals[0].consequence"} <= paths


# --- A band lower than need ----------------------------------------------------------------------


def test_a_household_the_rule_holds_for_is_one_band_lower_and_told_why() -> None:
    # Given an overcrowded family (Band B) with no connection to any partner council
    policy = with_band_lower(NO_PARTNER_CONNECTION)
    facts = household(*TEENAGERS, home=TWO_BEDROOMS, residence=(lived("", dt.date(2015, 1, 1)),))
    # When assessed
    result = assess(policy, facts, ON)
    # Then it is in Band C, and the explanation says why
    assert result.band == "C"
    assert cites(result, NO_PARTNER_CONNECTION["text"], "lowered from Band B to Band C")


def test_a_connection_to_another_partner_council_is_enough() -> None:
    # Given the same family, living for years in another partner council's area
    policy = with_band_lower(NO_PARTNER_CONNECTION)
    facts = household(
        *TEENAGERS, home=TWO_BEDROOMS, residence=(lived("eastmere", dt.date(2015, 1, 1)),)
    )
    # When assessed, then its band is its need
    assert assess(policy, facts, ON).band == "B"


def test_several_rules_that_hold_lower_one_band_in_all() -> None:
    policy = with_band_lower(
        NO_PARTNER_CONNECTION, {"when": "household.size > 2", "text": "Big households lower."}
    )
    facts = household(*TEENAGERS, home=TWO_BEDROOMS, residence=())
    result = assess(policy, facts, ON)
    assert result.band == "C"
    assert cites(result, "Big households lower", "lowered from Band B to Band C")


def test_the_lowest_band_goes_no_lower() -> None:
    policy = with_band_lower(NO_PARTNER_CONNECTION)
    result = assess(policy, household(residence=()), ON)
    assert result.band == "D"
    assert cites(result, "already in the lowest band, Band D")


def test_a_refusals_lower_band_is_in_force_until_its_day_then_ends_by_itself() -> None:
    # Given a household in Band B whose band is lowered until 1 September
    until = dt.date(2026, 9, 1)
    facts = household(*TEENAGERS, home=TWO_BEDROOMS, band_lowered_until=until)
    # When assessed before and on that day
    during = assess(demo(MARSHVALE), facts, ON)
    after = assess(demo(MARSHVALE), facts, until)
    # Then it is one band lower until then, and told so, and back in its band after
    assert during.band == "C"
    assert cites(during, "until 1 September 2026", "lowered from Band B to Band C")
    assert after.band == "B"


# --- Placements in supported housing -------------------------------------------------------------


def test_a_placement_counts_for_the_area_lived_in_before_not_its_own() -> None:
    # Given a household that lived in Marshvale, then was placed in supported housing in
    # Eastmere three years ago
    placed = dt.date(2023, 6, 1)
    facts = household(
        residence=(
            lived(MARSHVALE, dt.date(2015, 1, 1), placed),
            Period("eastmere", placed, placement=True, placed_from=MARSHVALE, parish="fenby"),
        )
    )
    test = demo(MARSHVALE).local_connection
    # Then it keeps its connection to Marshvale, gains none to Eastmere or its parish
    assert connection_check(test, facts, council_place(MARSHVALE), ON).met
    assert not connection_check(test, facts, council_place("eastmere"), ON).met
    plain = dataclasses.replace(facts.residence[1], placement=False)
    unplaced = dataclasses.replace(facts, residence=(facts.residence[0], plain))
    assert not connection_check(test, unplaced, council_place(MARSHVALE), ON).met
    assert connection_check(test, unplaced, council_place("eastmere"), ON).met


def test_partner_connection_looks_at_every_council_the_household_knows() -> None:
    test = demo(MARSHVALE).local_connection
    elsewhere = household(council="eastmere", residence=(lived(MARSHVALE, dt.date(2015, 1, 1)),))
    outside = household(residence=(lived("", dt.date(2015, 1, 1)),))
    assert connected_anywhere(test, elsewhere, ON)
    assert not connected_anywhere(test, outside, ON)


# --- Bids the policy refuses, and households under offer -----------------------------------------


def in_arrears(**extra: Any) -> Any:
    return household(household_id="h-arrears", housing_debt=Decimal("420.00"), **extra)


def test_a_bid_the_policy_refuses_is_refused_in_its_words_and_excluded_at_close() -> None:
    # Given a policy refusing bids from households in arrears with no arrangement
    policy = with_bidding(refusals=[ARREARS])
    refused = bidder("a", in_arrears(), policy=policy)
    arranged = bidder("b", in_arrears(repayment_arrangement=True), policy=policy)
    # When the household asks "Can I bid?", and when the home's bids are ranked
    answer = eligibility_check(policy, HOME, ON)(refused)
    result = rank(policy, HOME, [refused, arranged], ON)
    # Then it is told the policy's reason; the shortlist excludes it with the reason; a
    # household keeping to a repayment arrangement is placed
    assert answer is not None and answer.code == eligibility.POLICY_REFUSAL
    assert answer.applicant() == ARREARS["text"]
    assert [e.reason for e in result.excluded] == [
        f"bid refused under the policy: {ARREARS['text']}"
    ]
    assert [p.bid_id for p in result.placed] == ["b"]
    # and ranking needs the household's facts to decide
    assert needs_full_facts(policy, HOME, MARSHVALE)


def test_a_bid_refusal_that_fails_for_a_household_is_reported_in_the_problems() -> None:
    # Given a policy whose refusal divides by the number of children, and a household with none
    failing = {"code": "per_child", "when": "10 / household.children > 4", "text": "Too few."}
    policy = with_bidding(refusals=[failing])
    childless = bidder("a", household(household_id="h-a"), policy=policy)
    # When the home's bids are ranked
    result = rank(policy, HOME, [childless], ON)
    # Then the rule refuses nothing, and the shortlist's problems say so for that bid
    assert [p.bid_id for p in result.placed] == ["a"]
    assert result.problems == (
        "a: bid refusal 'per_child' could not be worked out, so it refused nothing: "
        "Division by zero.",
    )
    # and the applicant's "Can I bid?" is answered as before
    assert eligibility_check(policy, HOME, ON)(childless) is None


@pytest.mark.parametrize(("mode", "may_bid"), [("cannot_bid", False), ("skipped", True)])
def test_under_offer_elsewhere_as_the_policy_says(mode: str, may_bid: bool) -> None:
    # Given a household under offer of another home
    policy = with_bidding(under_offer=mode)
    offered = bidder("a", policy=policy, under_offer=True)
    # When it asks "Can I bid?", and the shortlist is made at close
    answer = eligibility_check(policy, HOME, ON)(offered)
    at_close = eligibility_check(policy, HOME, ON, at_close=True)(offered)
    result = rank(policy, HOME, [offered], ON)
    # Then it may bid only where the policy says "skipped", and is skipped on the shortlist
    assert (answer is None) is may_bid
    assert at_close is not None and at_close.code == eligibility.UNDER_OFFER
    assert [e.reason for e in result.excluded] == ["already under offer for another home"]


# --- The what-if simulation ----------------------------------------------------------------------


def test_the_simulation_shows_a_draft_refusing_bids_from_households_in_arrears() -> None:
    # Given a closed shortlist where a homeless household in arrears was first
    from hearth.policy.tests.test_simulation_replay import bid as past_bid
    from hearth.policy.tests.test_simulation_replay import cycle, homeless, overcrowded, replayed
    from hearth.policy.tests.test_simulation_replay import shortlist as past_shortlist

    owing = dataclasses.replace(homeless("hh-a"), housing_debt=Decimal(500))
    past = cycle(
        past_shortlist("MV1", "hh-a", past_bid("hh-a"), past_bid("hh-b")),
        households=[owing, overcrowded("hh-b")],
    )
    # When it is replayed under a draft refusing such bids
    found = replayed(with_bidding(refusals=[ARREARS]), past)
    # Then the next household would be first instead
    (row,) = found["rows"]
    assert (row["first_then"], row["first_draft"], row["changed"]) == ("HH-A", "HH-B", True)


def test_the_simulation_shows_a_draft_lowering_bands_for_no_partner_connection() -> None:
    from hearth.policy.simulation.results import DOWN, RegisterMovement, outcome_assess

    # Given an overcrowded family with no connection to any partner council
    facts = household(*TEENAGERS, home=TWO_BEDROOMS, residence=())
    baseline = demo_changed(MARSHVALE, lambda data: data.update(caps=[]))
    draft = with_band_lower(NO_PARTNER_CONNECTION)
    # When the register is simulated under the draft
    outcome = outcome_assess(
        reference="MV-000001", facts=facts, baseline=baseline, draft=draft, on_date=ON
    )
    movement = RegisterMovement(baseline=baseline, draft=draft, on_date=ON)
    movement.add(outcome)
    # Then the household moves down a band, from B to C, and the mover is explained
    assert outcome.baseline is not None and outcome.draft is not None
    assert (outcome.baseline.band, outcome.draft.band) == ("B", "C")
    assert movement.data()["directions"][DOWN] == 1
