"""Assessing one household: a rule whose expression fails is reported while the assessment
completes, and the explanation cites the rules that applied.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HomeFacts
from hearth.policy.tests.assess_support import (
    CUMULATIVE_TEXT,
    MARSHVALE,
    ON,
    TEENAGERS,
    TWO_BEDROOMS,
    cites,
    codes,
    demo_changed,
    family,
    household,
    marshvale,
)

__all__ = ["marshvale"]


# --- Failing expressions and the explanation ---------------------------------------------------


def _with_dividing_rule(data: dict[str, Any]) -> None:
    data["need_reasons"].append(
        {
            "code": "crowded_per_child",
            "label": "Many people per child",
            "awarded": "derived",
            "when": "household.size / household.children > 5",
            "band": "B",
            "text": "Test.",
        }
    )


def test_a_failing_expression_is_reported_and_the_assessment_completes() -> None:
    policy = demo_changed(MARSHVALE, _with_dividing_rule)
    alone = assess(policy, household(awards={"medium_medical": ON}), ON)
    assert alone.qualifies and alone.band == "C"
    assert codes(alone) == ["medium_medical"]
    assert len(alone.problems) == 1
    assert alone.problems[0].startswith("crowded_per_child")
    assert "zero" in alone.problems[0].lower()
    # the same rule works for a household with children
    parents = assess(
        policy, household(*family((3, "male")), home=HomeFacts("private_rented", 2)), ON
    )
    assert parents.problems == () and codes(parents) == []


def test_a_failing_qualification_rule_does_not_refuse() -> None:
    def change(data: dict[str, Any]) -> None:
        data["qualification"].append(
            {"code": "odd", "when": "household.size / household.children > 2", "text": "Test."}
        )

    result = assess(demo_changed(MARSHVALE, change), household(), ON)
    assert result.qualifies
    assert len(result.problems) == 1 and result.problems[0].startswith("odd")


def test_the_explanation_cites_the_rules_that_applied(marshvale: PolicyDocument) -> None:
    result = assess(
        marshvale,
        household(*TEENAGERS, home=TWO_BEDROOMS, awards={"high_medical": dt.date(2025, 2, 3)}),
        ON,
    )
    medical = marshvale.reason("high_medical")
    crowded = marshvale.reason("overcrowded_1")
    assert medical is not None and crowded is not None
    assert result.trace[0].startswith("Bedroom need: 3")
    assert cites(result, "Local connection: yes", "6 or more of the last 12 months")
    assert cites(result, medical.label, "awarded by an officer on 3 February 2025", medical.text)
    assert cites(result, crowded.label, "from the application", crowded.text)
    assert cites(result, CUMULATIVE_TEXT)
    assert cites(result, "Band A", marshvale.band("A").meaning)
    assert cites(result, "Priority date: 3 February 2025", "Band A")
    assert result.problems == ()


def test_the_explanation_of_a_household_with_no_need(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(), ON)
    assert cites(result, "No need reasons apply", "Band D")
    assert cites(result, "Bedroom need: 1", "aged 21 or over")
    assert cites(result, marshvale.band("D").meaning)
