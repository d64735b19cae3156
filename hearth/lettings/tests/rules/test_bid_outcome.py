"""What became of a bid, as "My bids" tells the applicant."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core import clock
from hearth.lettings.rules.bid_outcome import (
    NOT_ASSESSED_AT_CLOSE,
    ShortlistPlace,
    bid_outcome_text,
    excluded_text,
)
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
            ShortlistPlace("excluded", reason="this home is for people aged 60 or over"),
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


@pytest.mark.parametrize(
    ("refusal", "words"),
    [
        (
            Refusal("not_qualifying"),
            "You do not qualify under Marshvale City's allocation policy, so you cannot bid for "
            "its homes.",
        ),
        (
            Refusal("other_policy"),
            "You have not been assessed under Marshvale City's allocation policy yet. Contact the "
            "council to bid for this home.",
        ),
        (
            Refusal("under_offer"),
            "You cannot bid while you have an offer of another home waiting for your answer, or "
            "are being considered for one.",
        ),
        (
            Refusal("bedrooms", bedroom_need=3, lowest=2, highest=2),
            "This home is for households that need 2 bedrooms. You need 3.",
        ),
        (
            Refusal("age_unknown", minimum_age=55),
            "This home is for people aged 55 or over. We do not have your date of birth: contact "
            "the council to add it.",
        ),
        (Refusal("age", minimum_age=60), "This home is for people aged 60 or over."),
        (
            Refusal("no_connection_council"),
            "This home is for households with a local connection to Marshvale City.",
        ),
        (
            Refusal("no_connection_partners"),
            "This home is for households with a local connection to one of the councils in the "
            "partnership.",
        ),
    ],
)
def test_every_reason_a_shortlist_excludes_for_is_worded_for_the_applicant(
    refusal: Refusal, words: str
) -> None:
    # Given the reason as the shortlist recorded it, in officers' words
    officers = refusal.officer
    # When the applicant reads it
    text = excluded_text(officers, **COUNCIL)
    # Then it is the applicant's wording, not the officers'
    assert text == words
    assert officers not in text


def test_a_bidder_never_assessed_is_told_so() -> None:
    assert excluded_text(NOT_ASSESSED_AT_CLOSE, **COUNCIL) == (
        "Your application had not been assessed when bidding closed."
    )


@pytest.mark.parametrize(
    "officers", ["over the bid limit", "suspended", "rent arrears: no repayment arrangement", ""]
)
def test_a_reason_without_applicant_words_is_never_shown_as_officers_wrote_it(
    officers: str,
) -> None:
    text = excluded_text(officers, **COUNCIL)
    assert text == (
        "Your household did not meet this home's conditions under Marshvale City's allocation "
        "policy. Contact the council if you would like to know more."
    )


def test_my_bids_words_an_exclusion_for_the_applicant() -> None:
    place = ShortlistPlace(
        "excluded",
        reason=Refusal("bedrooms", bedroom_need=4, lowest=1, highest=2).officer,
        **COUNCIL,
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
