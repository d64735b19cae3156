"""What became of a bid, as "My bids" tells the applicant."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core import clock
from hearth.lettings.rules.bid_outcome import (
    NOT_ASSESSED,
    REFUSAL_CODES,
    ShortlistPlace,
    bid_outcome_text,
    excluded_text,
)
from hearth.policy.rules import eligibility
from hearth.policy.rules.eligibility import Refusal


def test_a_live_bid_while_bidding_is_open_has_no_outcome_yet() -> None:
    assert bid_outcome_text(status="live", taking_bids=True) == ""


def test_a_withdrawn_bid_says_when() -> None:
    when = dt.datetime(2026, 6, 12, 10, 0, tzinfo=clock.LONDON)
    assert bid_outcome_text(status="withdrawn", taking_bids=True, withdrawn_at=when) == (
        "You withdrew this bid on 12 June 2026."
    )


@pytest.mark.parametrize(
    ("place", "text"),
    [
        (None, "Bidding has closed. The shortlist is being made. Check back soon."),
        (ShortlistPlace("placed", 3), "Bidding has closed. You were 3rd on the shortlist."),
        (
            ShortlistPlace("excluded", reason_code="age", reason_facts={"minimum_age": 60}),
            "Bidding has closed. You could not be shortlisted. This home is for people aged 60 "
            "or over.",
        ),
        (
            ShortlistPlace("bypassed", 1, bypass_reason="You owe rent."),
            "Bidding has closed. You were passed over. You owe rent.",
        ),
    ],
)
def test_a_live_bid_after_the_close(place: ShortlistPlace | None, text: str) -> None:
    assert bid_outcome_text(status="live", taking_bids=False, place=place) == text


def test_the_outcome_once_the_home_is_let() -> None:
    assert bid_outcome_text(status="successful", taking_bids=False) == (
        "Your bid was successful: you were offered this home."
    )
    assert bid_outcome_text(
        status="unsuccessful", taking_bids=False, place=ShortlistPlace("placed", 5)
    ) == ("Your bid was not successful. You were 5th on the shortlist.")
    assert bid_outcome_text(status="unsuccessful", taking_bids=False) == (
        "Your bid was not successful."
    )


# --- Exclusions in the applicant's words -------------------------------------------------------

COUNCIL = {"council_code": "marshvale-city", "council_name": "Marshvale City"}
NAMES = {"marshvale-city": "Marshvale City", "fenbridge": "Fenbridge", "kingsbarrow": "Kingsbarrow"}
MARSHVALE = ("marshvale-city",)

# Every refusal the engine makes, measured as a shortlist would measure it, and its words.
EXCLUSIONS = [
    (
        Refusal("not_qualifying", MARSHVALE),
        "You do not qualify under Marshvale City's allocation policy, so you cannot bid for "
        "its homes.",
    ),
    (
        Refusal("other_policy", MARSHVALE),
        "You have not been assessed under Marshvale City's allocation policy yet. Contact the "
        "council to bid for this home.",
    ),
    (
        Refusal("under_offer", MARSHVALE),
        "When bidding closed you had an offer of another home waiting for your answer, or were "
        "being considered for one, so you were not shortlisted for this home.",
    ),
    (
        Refusal("policy_refusal", MARSHVALE, text="You owe rent and have no plan to repay it."),
        "You owe rent and have no plan to repay it.",
    ),
    (
        Refusal("bedrooms", MARSHVALE, bedroom_need=3, lowest=2, highest=2),
        "This home is for households that need 2 bedrooms. You need 3.",
    ),
    (
        Refusal("age_unknown", MARSHVALE, minimum_age=55),
        "This home is for people aged 55 or over. We do not have your date of birth: contact "
        "the council to add it.",
    ),
    (Refusal("age", MARSHVALE, minimum_age=60), "This home is for people aged 60 or over."),
    (
        Refusal("age", MARSHVALE, minimum_age=55, age_applies_to="applicant_or_partner"),
        "This home is for households where you or your partner are aged 55 or over.",
    ),
    (
        Refusal("age", MARSHVALE, minimum_age=16, maximum_age=25, age_applies_to="every_adult"),
        "This home is for households where every adult is aged 16 to 25.",
    ),
    (
        Refusal("mobility", MARSHVALE, mobility_need="1"),
        "This home is only for households assessed as needing a wheelchair home (mobility 1). "
        "Your household has not been assessed as needing an accessible home. Contact the "
        "council if you think it does.",
    ),
    (
        Refusal("mobility", MARSHVALE, mobility_need="2", assessed_mobility="3"),
        "This home is only for households assessed as needing a mobility 1 or 2 home. Your "
        "household is assessed as needing a mobility 3 home.",
    ),
    (
        Refusal("no_connection_council", MARSHVALE),
        "This home is for households with a local connection to Marshvale City.",
    ),
    (
        Refusal("no_connection_partners", ("marshvale-city", "fenbridge", "kingsbarrow")),
        "This home is for households with a local connection to Marshvale City, Fenbridge or "
        "Kingsbarrow.",
    ),
]


def test_every_refusal_the_engine_makes_has_applicant_words() -> None:
    codes = {
        value
        for name, value in vars(eligibility).items()
        if name.isupper() and isinstance(value, str) and name != "__all__"
    } - {"MOBILITY_HOMES"}
    assert set(REFUSAL_CODES) == codes
    assert {refusal.code for refusal, _words in EXCLUSIONS} == codes


@pytest.mark.parametrize(("refusal", "words"), EXCLUSIONS)
def test_every_reason_a_shortlist_excludes_for_is_worded_from_its_code(
    refusal: Refusal, words: str
) -> None:
    # Given the reason as a shortlist entry keeps it: the code and what it was measured on
    code, facts = refusal.code, refusal.facts()
    # When the applicant reads it
    text = excluded_text(code, facts, names=NAMES, **COUNCIL)
    # Then it is the applicant's wording, never the officers'
    assert text == words
    assert refusal.officer not in text


def test_a_refusals_facts_give_back_the_same_refusal() -> None:
    for refusal, _words in EXCLUSIONS:
        assert Refusal.of(refusal.code, refusal.facts()) == refusal


def test_a_reason_naming_the_advertising_council_names_it_without_stored_councils() -> None:
    assert excluded_text("no_connection_council", {}, **COUNCIL) == (
        "This home is for households with a local connection to Marshvale City."
    )


def test_partner_councils_without_names_are_called_the_partnership() -> None:
    assert excluded_text("no_connection_partners", {}, **COUNCIL) == (
        "This home is for households with a local connection to one of the councils in the "
        "partnership."
    )


def test_a_bidder_never_assessed_is_told_so() -> None:
    assert excluded_text(NOT_ASSESSED, **COUNCIL) == (
        "Your application had not been assessed when bidding closed."
    )


@pytest.mark.parametrize(
    ("code", "facts"), [("", {}), ("over_the_limit", {}), ("policy_refusal", {})]
)
def test_a_reason_without_applicant_words_is_a_plain_sentence(
    code: str, facts: dict[str, object]
) -> None:
    assert excluded_text(code, facts, **COUNCIL) == (
        "Your household did not meet this home's conditions under Marshvale City's allocation "
        "policy. Contact the council if you would like to know more."
    )


def test_my_bids_words_an_exclusion_for_the_applicant() -> None:
    refusal = Refusal("bedrooms", bedroom_need=4, lowest=1, highest=2)
    place = ShortlistPlace(
        "excluded", reason_code=refusal.code, reason_facts=refusal.facts(), **COUNCIL
    )
    assert bid_outcome_text(status="unsuccessful", taking_bids=False, place=place) == (
        "Your bid was not successful. You could not be shortlisted. This home is for households "
        "that need 1 or 2 bedrooms. You need 4."
    )


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (
            "live",
            "The council chose you for this home from its list of households it suits, and put "
            "you forward to the landlord.",
        ),
        ("successful", "The council chose you for this home from its list of households it suits."),
        ("unsuccessful", "The council chose you for this home, but it was not let to you."),
    ],
)
def test_a_household_chosen_from_a_match_list_is_not_told_it_bid(status: str, text: str) -> None:
    place = ShortlistPlace("placed", 1)
    assert bid_outcome_text(status=status, taking_bids=False, place=place, matched=True) == text
