"""Ranking under a local lettings plan: Eastmere's rural exception site puts people connected to
the parish first, group by group, then everyone else in the normal order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hearth.policy.rules.connection import months_before
from hearth.policy.rules.facts import HouseholdFacts, Period
from hearth.policy.rules.rank import Bidder, rank
from hearth.policy.tests.assess_support import DAY, ON, demo, demo_changed, family, lived
from hearth.policy.tests.rank_support import EASTMERE_HOME, PARISH, bidder, order, villager

# --- Local lettings plans ----------------------------------------------------------------------


def eastmere_bid(bid_id: str, facts: HouseholdFacts, band: str) -> Bidder:
    return bidder(bid_id, facts, policy=demo("eastmere"), band=band)


THREE_YEARS_AGO = months_before(ON, 36)


def test_the_plan_groups_come_first_then_the_normal_order() -> None:
    bids = [
        eastmere_bid("outsider-gold", villager("outsider-gold"), "gold"),
        eastmere_bid("outsider-silver", villager("outsider-silver"), "silver"),
        eastmere_bid(
            "works-15h",
            villager(
                "works-15h", work=(Period("eastmere", dt.date(2020, 1, 1), None, PARISH, 15),)
            ),
            "emergency",
        ),
        eastmere_bid(
            "works-16h",
            villager(
                "works-16h", work=(Period("eastmere", dt.date(2020, 1, 1), None, PARISH, 16),)
            ),
            "bronze",
        ),
        eastmere_bid(
            "parent",
            villager("parent", family=(lived("eastmere", months_before(ON, 60), parish=PARISH),)),
            "bronze",
        ),
        eastmere_bid(
            "resident-bronze",
            villager(
                "resident-bronze", residence=(lived("eastmere", THREE_YEARS_AGO, parish=PARISH),)
            ),
            "bronze",
        ),
        eastmere_bid(
            "resident-silver",
            villager(
                "resident-silver",
                residence=(lived("eastmere", dt.date(2001, 1, 1), parish=PARISH),),
            ),
            "silver",
        ),
        # one day short of 3 years in the parish: in no group (but still connected to Eastmere)
        eastmere_bid(
            "resident-short",
            villager(
                "resident-short",
                residence=(lived("eastmere", THREE_YEARS_AGO + DAY, parish=PARISH),),
            ),
            "gold",
        ),
    ]
    result = rank(demo("eastmere"), EASTMERE_HOME, bids, ON)
    assert order(result) == [
        "resident-silver",
        "resident-bronze",
        "parent",
        "works-16h",
        "works-15h",  # emergency band, but in no group
        "outsider-gold",
        "resident-short",
        "outsider-silver",
    ]
    plan_name = "Rural exception site"
    assert result.placed[0].keys[0] == (plan_name, "Lived in the parish for the last 3 years")
    assert result.placed[2].keys[0] == (
        plan_name,
        "Parent or close family in the parish for 5 years or more",
    )
    assert result.placed[3].keys[0] == (plan_name, "Works in the parish")
    assert result.placed[4].keys[0] == (plan_name, "not in a priority group")
    assert result.problems == ()


def test_a_plan_group_condition_filters_the_group() -> None:
    def change(data: dict[str, Any]) -> None:
        groups = data["shortlist"]["local_lettings_plans"][0]["groups"]
        groups[0]["when"] = "household.children > 0"

    policy = demo_changed("eastmere", change)
    resident = (lived("eastmere", dt.date(2001, 1, 1), parish=PARISH),)
    bids = [
        bidder("b1", villager("b1", residence=resident), policy=policy, band="gold"),
        bidder(
            "b2",
            villager("b2", *family((4, "female")), residence=resident),
            policy=policy,
            band="bronze",
        ),
    ]
    assert order(rank(policy, EASTMERE_HOME, bids, ON)) == ["b2", "b1"]


def test_a_plan_the_policy_does_not_have_is_reported() -> None:
    home = dataclasses.replace(EASTMERE_HOME, lettings_plan="s106_fenby")
    bids = [
        eastmere_bid("b1", villager("b1"), "silver"),
        eastmere_bid("b2", villager("b2"), "gold"),
    ]
    result = rank(demo("eastmere"), home, bids, ON)
    assert order(result) == ["b2", "b1"]
    assert len(result.problems) == 1 and "s106_fenby" in result.problems[0]


def test_a_home_without_a_plan_ignores_the_groups() -> None:
    home = dataclasses.replace(EASTMERE_HOME, lettings_plan="")
    resident = villager("b1", residence=(lived("eastmere", dt.date(2001, 1, 1), parish=PARISH),))
    bids = [eastmere_bid("b1", resident, "silver"), eastmere_bid("b2", villager("b2"), "gold")]
    assert order(rank(demo("eastmere"), home, bids, ON)) == ["b2", "b1"]
