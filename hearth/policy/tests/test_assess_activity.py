"""What each adult does (work, training, volunteering...) and for how many hours, as rules see it:
`members[].economic_activity`, `members[].hours_per_week` and the household's work and training
summaries, so a need reason or a plan group can say "someone works or trains 16 hours a week"."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.policy.rules.assess import assess, household_view
from hearth.policy.rules.context import expression_compiled, expression_problems
from hearth.policy.rules.facts import ECONOMIC_ACTIVITIES, HouseholdFacts
from hearth.policy.tests.assess_support import (
    MARSHVALE,
    ON,
    codes,
    demo_changed,
    household,
    lead,
    person,
)

WORKS_16 = (
    'household.members.exists(m, m.economic_activity in ["employed", "self_employed", '
    '"training"] && m.hours_per_week >= 16)'
)


def with_working_reason() -> Any:
    def change(data: dict[str, Any]) -> None:
        data["need_reasons"].append(
            {
                "code": "working_household",
                "label": "Works or trains locally",
                "awarded": "derived",
                "when": WORKS_16,
                "band": "C",
                "text": "Someone in your household works or trains at least 16 hours a week.",
            }
        )

    return demo_changed(MARSHVALE, change)


def couple(lead_activity: str, lead_hours: int, partner_activity: str, partner_hours: int) -> Any:
    return household(
        lead(economic_activity=lead_activity, hours_per_week=lead_hours),
        person(
            "partner",
            33,
            "male",
            "partner",
            economic_activity=partner_activity,
            hours_per_week=partner_hours,
        ),
    )


def view(facts: HouseholdFacts) -> Any:
    return household_view(facts, bedrooms=1, local_connection=True, on_date=ON)


@pytest.mark.parametrize(
    ("activities", "applies"),
    [
        (("employed", 16, "retired", 0), True),
        (("unemployed", 0, "self_employed", 37), True),
        (("training", 20, "looking_after_home", 0), True),
        (("employed", 15, "training", 15), False),  # 16 hours by one person, not between them
        (("volunteering", 30, "unable_to_work", 0), False),  # volunteering is not work
        (("", 0, "", 0), False),  # never answered
    ],
)
def test_a_need_reason_can_ask_whether_someone_works_or_trains_16_hours(
    activities: tuple[str, int, str, int], applies: bool
) -> None:
    found = assess(with_working_reason(), couple(*activities), ON)
    assert found.problems == ()
    assert ("working_household" in codes(found)) is applies


def test_the_household_sums_up_work_and_training_hours() -> None:
    working = view(couple("employed", 20, "training", 12))
    assert working.work_or_training_hours_max == 20
    assert working.work_or_training_hours_total == 32
    volunteers = view(couple("volunteering", 30, "retired", 0))
    assert volunteers.work_or_training_hours_max == 0
    assert volunteers.work_or_training_hours_total == 0
    assert [m.economic_activity for m in volunteers.members] == ["volunteering", "retired"]
    assert [m.hours_per_week for m in volunteers.members] == [30, 0]


def test_the_summaries_and_member_fields_are_usable_in_expressions() -> None:
    facts = couple("self_employed", 10, "employed", 8)
    variables = {"household": view(facts), "today": ON}

    def holds(source: str) -> object:
        return expression_compiled(source, "condition").evaluate(variables)

    assert holds("household.work_or_training_hours_total >= 16") is True
    assert holds("household.work_or_training_hours_max >= 16") is False
    assert holds('household.members.all(m, m.economic_activity != "")') is True
    assert holds('household.members.exists(m, m.economic_activity == "retired")') is False


def test_activity_and_hours_are_type_checked_with_suggestions() -> None:
    assert expression_problems(WORKS_16, "condition") == []
    assert expression_problems(WORKS_16, "bid_condition") == []
    wrong_type = expression_problems(
        'household.members.exists(m, m.hours_per_week >= "16")', "condition"
    )
    assert wrong_type and "at character" in wrong_type[0]
    misspelt = expression_problems(
        'household.members.exists(m, m.economic_activty == "employed")', "condition"
    )
    assert misspelt and "Did you mean 'economic_activity'?" in misspelt[0]
    assert (
        "Did you mean 'work_or_training_hours_max'?"
        in expression_problems("household.work_or_training_hour_max >= 16", "condition")[0]
    )


def test_the_activities_are_the_ones_the_form_asks() -> None:
    assert ECONOMIC_ACTIVITIES == (
        "employed",
        "self_employed",
        "training",
        "volunteering",
        "unemployed",
        "looking_after_home",
        "retired",
        "unable_to_work",
    )
