"""Reasonable preference: every statutory group needs a route to priority before publishing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from hearth.policy.rules.document import PREFERENCE_GROUPS
from hearth.policy.rules.document_read import document_data, document_from_text, document_read
from hearth.policy.rules.preference import gives_preference, preference_gaps
from hearth.policy.tests.documents import example_policy_texts

TEXTS = example_policy_texts()


def changed(council: str, change: Callable[[dict[str, Any]], object]) -> Any:
    data = copy.deepcopy(document_data(document_from_text(TEXTS[council])))
    change(data)
    return document_read(data)


def without(*groups: str) -> Callable[[dict[str, Any]], None]:
    """Take away the preference every reason gives to `groups`."""

    def change(data: dict[str, Any]) -> None:
        for reason in data["need_reasons"]:
            if reason.get("preference") in groups:
                del reason["preference"]

    return change


@pytest.mark.parametrize("council", sorted(TEXTS))
def test_every_demo_policy_gives_every_group_a_route(council: str) -> None:
    assert preference_gaps(document_from_text(TEXTS[council])) == []


@pytest.mark.parametrize("council", sorted(TEXTS))
def test_a_group_without_a_reason_is_named(council: str) -> None:
    policy = changed(council, without("hardship"))
    assert preference_gaps(policy) == [
        "People who need to move to a particular area to avoid hardship"
    ]


def test_the_gaps_follow_the_order_of_the_law() -> None:
    policy = changed("marshvale-city", without("hardship", "homeless", "medical_welfare"))
    assert preference_gaps(policy) == [
        PREFERENCE_GROUPS["homeless"],
        PREFERENCE_GROUPS["medical_welfare"],
        PREFERENCE_GROUPS["hardship"],
    ]


def test_a_policy_with_no_preference_at_all_lists_every_group() -> None:
    policy = changed("northfen", without(*PREFERENCE_GROUPS))
    assert preference_gaps(policy) == list(PREFERENCE_GROUPS.values())


def test_a_reason_in_the_default_band_gives_no_preference() -> None:
    """Kingsbarrow's Band C is where every household starts, so a Band C reason lifts no one."""

    def change(data: dict[str, Any]) -> None:
        without("hardship")(data)
        reason = next(r for r in data["need_reasons"] if r["code"] == "medium_medical")
        reason["preference"] = "hardship"

    policy = changed("kingsbarrow", change)
    reason = policy.reason("medium_medical")
    assert reason is not None and not gives_preference(policy, reason)
    assert preference_gaps(policy) == [PREFERENCE_GROUPS["hardship"]]


def test_a_reason_worth_no_points_gives_no_preference() -> None:
    def change(data: dict[str, Any]) -> None:
        for reason in data["need_reasons"]:
            if reason.get("preference") == "hardship":
                reason["points"] = 0

    policy = changed("northfen", change)
    assert preference_gaps(policy) == [PREFERENCE_GROUPS["hardship"]]


def test_a_reason_above_the_default_band_gives_preference() -> None:
    policy = document_from_text(TEXTS["kingsbarrow"])
    hardship = policy.reason("hardship_move")
    medium = policy.reason("medium_medical")
    assert hardship is not None and gives_preference(policy, hardship)
    assert medium is not None and not gives_preference(policy, medium)
