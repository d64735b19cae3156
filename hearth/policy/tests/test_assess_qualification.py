"""Assessing one household: who qualifies for the register, with dates on the boundaries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HomeFacts, PersonFacts
from hearth.policy.tests.assess_support import (
    DAY,
    MARSHVALE,
    ON,
    birthday,
    cites,
    demo_changed,
    family,
    household,
    lead,
    marshvale,
)

__all__ = ["marshvale"]


# --- Qualification -----------------------------------------------------------------------------

UNDER_16 = "You must be 16 or over to join the housing register."


@pytest.mark.parametrize(
    ("change", "status", "refused"),
    [
        # the 16th birthday is the day they qualify
        ({"members": (PersonFacts("lead", birthday(16), "female", "lead"),)}, "qualifies", None),
        (
            {"members": (PersonFacts("lead", birthday(16) + DAY, "female", "lead"),)},
            "not_qualifying",
            UNDER_16,
        ),
        ({"income_yearly": Decimal("60000")}, "qualifies", None),
        ({"income_yearly": Decimal("60000.01")}, "not_qualifying", "£60,000"),
        ({"savings": Decimal("30000")}, "qualifies", None),
        ({"savings": Decimal("30000.01")}, "not_qualifying", "£30,000"),
        ({"unacceptable_behaviour": True}, "not_qualifying", "section 160ZA(7)"),
        # owning a home big enough for the household; owning one that is too small is not a bar
        (
            {"owns_property": True, "home": HomeFacts("owner", bedrooms=1)},
            "not_qualifying",
            "You own a home",
        ),
        (
            {
                "owns_property": True,
                "home": HomeFacts("owner", bedrooms=1),
                "members": family((12, "male")),
            },
            "qualifies",
            None,
        ),
        ({"eligible": False}, "ineligible", "immigration status"),
    ],
)
def test_qualification(
    marshvale: PolicyDocument, change: dict[str, Any], status: str, refused: str | None
) -> None:
    change = dict(change)
    members = change.pop("members", (lead(),))
    result = assess(marshvale, household(*members, **change), ON)
    assert result.status == status
    if refused is None:
        assert result.qualifies and result.reasons_not_qualifying == ()
        assert result.band
    else:
        assert not result.qualifies
        assert any(refused in reason for reason in result.reasons_not_qualifying)
        assert result.band == "" and result.priority_date is None and result.needs == ()


def test_every_reason_for_not_qualifying_is_given(marshvale: PolicyDocument) -> None:
    young = PersonFacts("lead", birthday(15), "female", "lead")
    result = assess(marshvale, household(young, savings=Decimal(40000), eligible=False), ON)
    assert result.status == "ineligible"
    assert len(result.reasons_not_qualifying) == 3
    assert UNDER_16 in result.reasons_not_qualifying
    assert cites(result, "under_16", UNDER_16)


def test_an_ineligible_outcome_rule_makes_the_household_ineligible() -> None:
    def change(data: dict[str, Any]) -> None:
        data["qualification"].append(
            {
                "code": "no_recourse",
                "when": 'household.exemptions.exists(e, e == "armed_forces")',
                "outcome": "ineligible",
                "text": "Test rule.",
            }
        )

    policy = demo_changed(MARSHVALE, change)
    result = assess(policy, household(exemptions=frozenset({"armed_forces"})), ON)
    assert result.status == "ineligible" and result.reasons_not_qualifying == ("Test rule.",)
