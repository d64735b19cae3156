"""What became of a bid, as "My bids" tells the applicant."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core import clock
from hearth.lettings.rules.bid_outcome import ShortlistPlace, bid_outcome_text


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
            "Bidding has closed. You could not be shortlisted: this home is for people aged 60 "
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
