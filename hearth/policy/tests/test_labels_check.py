"""An advert's age and mobility labels checked the one way, for the landlord's advert and the
policy officer's shortlist preview. Pure: no database."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.policy.rules.labels_check import age_label_problems, mobility_label_problems


def age(**given: Any) -> dict[str, str]:
    label: dict[str, Any] = {
        "minimum": None,
        "maximum": None,
        "applies_to": "applicant",
        "bedrooms": 1,
        "older_persons": False,
    }
    return age_label_problems(**(label | given))


def test_a_label_within_the_limits_on_a_small_home_is_accepted() -> None:
    assert age(minimum=55, maximum=80, applies_to="every_adult") == {}
    assert age(minimum=55, bedrooms=2, older_persons=True) == {}


@pytest.mark.parametrize(
    ("given", "field", "starts"),
    [
        ({"minimum": 15}, "minimum_age", "Enter the minimum age as a number from 16 to 100"),
        ({"minimum": 55, "bedrooms": 2}, "minimum_age", "An age limit is for older persons'"),
        ({"maximum": 101}, "maximum_age", "Enter the maximum age as a number from 16 to 100"),
        ({"minimum": 60, "maximum": 50}, "maximum_age", "The maximum age (50) must not be less"),
        ({"maximum": 25, "bedrooms": 2}, "maximum_age", "A maximum age is for young people's"),
        ({"applies_to": "partner"}, "age_applies_to", "Select whose age counts"),
    ],
)
def test_contradictory_age_labels_are_refused_by_field(
    given: dict[str, Any], field: str, starts: str
) -> None:
    problems = age(**given)
    assert list(problems) == [field] and problems[field].startswith(starts)


def test_a_mobility_label_is_checked_against_the_uses_the_policy_allows() -> None:
    assert mobility_label_problems(need="2", use="priority") == {}
    assert mobility_label_problems(need="", use="priority", allowed=("filter",)) == {}
    assert list(mobility_label_problems(need="2", use="priority", allowed=("filter",))) == [
        "mobility_use"
    ]
    assert list(mobility_label_problems(need="4", use="filter")) == ["mobility_need"]
    assert list(mobility_label_problems(need="1", use="first")) == ["mobility_use"]
