"""The plain-English wording of decisions (no database)."""

from __future__ import annotations

import datetime as dt

from hearth.policy.rules.assess import INELIGIBLE_TEXT
from hearth.policy.rules.document_read import document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Assessment, DecisionKind
from hearth.register.rules.decision_wording import (
    band_position,
    decision_reasons,
    decision_wording,
    kind_for,
    review_due_on,
)

MARSHVALE = document_from_text(example_policy_texts()["marshvale-city"])


def assessment(**fields: object) -> Assessment:
    values: dict[str, object] = {
        "assessed_on": dt.date(2026, 6, 15),
        "qualifies": True,
        "status": "qualifies",
        "band": "B",
        "priority_date": dt.date(2025, 3, 4),
        "bedroom_need": 2,
        "local_connection": True,
        "explanation": ["Bedroom need: 2.", "Band B: You have a high need to move."],
    }
    values.update(fields)
    return Assessment(**values)


def test_a_band_is_placed_among_the_councils_bands() -> None:
    assert band_position(MARSHVALE, "A").startswith(
        "Band A is the highest of the 4 bands in our allocation scheme."
    )
    assert band_position(MARSHVALE, "B").startswith("Band B is the second-highest of the 4")
    assert band_position(MARSHVALE, "D").startswith("Band D is the lowest of the 4 bands")
    assert "You have a high need to move." in band_position(MARSHVALE, "B")
    assert band_position(None, "B") == "You are in Band B."


def test_accepted_says_what_it_means_and_what_to_do_next() -> None:
    wording = decision_wording(
        kind=DecisionKind.ACCEPTED, assessment=assessment(), document=MARSHVALE
    )
    text = " ".join(wording.meaning + wording.next_steps)
    assert wording.headline == "You are on the housing register"
    assert "Band B is the second-highest" in text
    assert "Your priority date is 4 March 2025" in text
    assert "You can bid for homes with 2 bedrooms" in text
    assert "Renew your application" in text


def test_points_and_one_bedroom_read_naturally() -> None:
    wording = decision_wording(
        kind=DecisionKind.ACCEPTED,
        assessment=assessment(band="", points=120, bedroom_need=1),
        document=None,
    )
    text = " ".join(wording.meaning)
    assert "You have 120 points" in text
    assert "homes with 1 bedroom." in text
    assert "same number of points" in text


def test_the_reasons_for_not_qualifying_are_the_policys_words() -> None:
    refused = assessment(
        qualifies=False,
        status="not_qualifying",
        band="",
        explanation=[
            "Bedroom need: 1 (one person).",
            "Does not qualify (income_over_limit): Your income is too high.",
            "Does not qualify (home_owner): You own a home.",
        ],
    )
    assert kind_for(refused) == DecisionKind.NOT_QUALIFYING
    assert decision_reasons(refused) == ["Your income is too high.", "You own a home."]


def test_an_ineligible_household_is_given_the_law() -> None:
    refused = assessment(
        qualifies=False, status="ineligible", band="", explanation=["Bedroom need: 1."]
    )
    assert kind_for(refused) == DecisionKind.INELIGIBLE
    assert decision_reasons(refused) == [INELIGIBLE_TEXT]
    wording = decision_wording(kind=DecisionKind.INELIGIBLE, assessment=refused, document=None)
    assert "immigration status" in wording.meaning[0]


def test_a_review_is_due_eight_weeks_after_it_is_asked_for() -> None:
    assert review_due_on(dt.date(2026, 6, 15)) == dt.date(2026, 8, 10)
