"""Where an offer stands and what happens next, as the applicant reads it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearth.lettings.rules.offer_outcome import OfferFacts, day_text, offer_news

TODAY = dt.date(2026, 12, 15)


def facts(status: str, **more: Any) -> OfferFacts:
    return OfferFacts(status=status, landlord="Fenland Homes", today=TODAY, **more)


def test_a_nomination_is_not_an_offer_yet() -> None:
    news = offer_news(facts("nominated"))
    assert news.headline == "You have been put forward to Fenland Homes for this home."
    assert "This is not an offer yet" in news.next_steps
    assert news.tag == "Put forward"


def test_an_offer_says_by_when_to_answer() -> None:
    news = offer_news(facts("offered", respond_by=dt.date(2026, 12, 17)))
    assert news.headline == "Fenland Homes has offered you this home."
    assert "by the end of Thursday 17 December 2026" in news.next_steps
    assert "You cannot bid for other homes" in news.next_steps


def test_an_offer_past_its_deadline_says_to_get_in_touch_today() -> None:
    news = offer_news(facts("offered", respond_by=dt.date(2026, 12, 14)))
    assert news.next_steps.startswith("The time to answer ended on Monday 14 December 2026.")


def test_an_accepted_offer_gives_the_tenancy_start() -> None:
    news = offer_news(facts("accepted", tenancy_starts_on=dt.date(2027, 1, 4)))
    assert news.headline == "You accepted this home."
    assert news.next_steps.startswith("Your tenancy starts on Monday 4 January 2027.")


def test_refusals_say_whether_they_count_without_the_recorded_reason() -> None:
    counted = offer_news(facts("refused", refused_by="applicant", refusal_counts=True))
    not_counted = offer_news(facts("refused", refused_by="applicant"))
    by_landlord = offer_news(facts("refused", refused_by="landlord", refusal_counts=True))
    assert "counts as refusing a suitable offer" in counted.next_steps
    assert "does not count against you" in not_counted.next_steps
    assert by_landlord.headline == "Fenland Homes decided not to let you this home."
    assert "does not count against you" in by_landlord.next_steps


def test_a_withdrawal_says_whether_it_was_an_offer_or_a_nomination() -> None:
    assert offer_news(facts("withdrawn", was_offered=True)).headline == (
        "The offer of this home was withdrawn."
    )
    assert offer_news(facts("withdrawn")).headline == (
        "Your nomination for this home was withdrawn."
    )


def test_a_day_in_words() -> None:
    assert day_text(dt.date(2026, 12, 17)) == "Thursday 17 December 2026"
