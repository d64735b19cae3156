"""Bids, homes and policies shared by the ranking tests: a bid from a settled Marshvale household,
Eastmere's rural exception site, and random bids for the properties every shortlist must have.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts, PersonFacts
from hearth.policy.rules.rank import Bidder, Home, ShortlistResult
from hearth.policy.tests.assess_support import (
    MARSHVALE,
    ON,
    demo,
    demo_changed,
    household,
    lead,
    lived,
)

# --- Bids --------------------------------------------------------------------------------------

HOME = Home(bedrooms=2, council=MARSHVALE)


def bidder(
    bid_id: str,
    facts: HouseholdFacts | None = None,
    *,
    policy: PolicyDocument | None = None,
    under_offer: bool = False,
    **assessment: Any,
) -> Bidder:
    """A bid from `facts` (a settled Marshvale household by default), assessed under `policy`,
    with any assessment fields overridden."""
    facts = facts or household(household_id=f"h-{bid_id}")
    result = assess(policy or demo(MARSHVALE), facts, ON)
    return Bidder.of(bid_id, facts, dataclasses.replace(result, **assessment), under_offer)


def order(result: ShortlistResult) -> list[str]:
    return [p.bid_id for p in result.placed]


def ordered_by(*keys: dict[str, str], council: str = MARSHVALE) -> PolicyDocument:
    def change(data: dict[str, Any]) -> None:
        data["shortlist"]["order"] = list(keys)

    return demo_changed(council, change)


# --- A home under Eastmere's local lettings plan -----------------------------------------------

PARISH = "little-wyke"
EASTMERE_HOME = Home(
    bedrooms=2,
    council="eastmere",
    parish=PARISH,
    lettings_plan="rural_exception",
    max_bedroom_need=3,
)


def villager(bid_id: str, *members: PersonFacts, **facts: Any) -> HouseholdFacts:
    """An Eastmere household that lives elsewhere in the district unless told otherwise."""
    facts.setdefault("residence", (lived("eastmere", dt.date(2015, 1, 1), parish="fenby"),))
    return household(*members, council="eastmere", household_id=bid_id, **facts)


# --- Random bids -------------------------------------------------------------------------------

POLICY = ordered_by(
    {"key": "band"},
    {"key": "bedroom_match"},
    {"key": "no_housing_debt"},
    {"key": "transfer", "prefer": "transfer"},
    {"key": "priority_date"},
)
PROPERTY_HOME = dataclasses.replace(HOME, min_bedroom_need=1, max_bedroom_need=3)
BASE = assess(POLICY, household(), ON)
DATES = st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 10))  # few values, so many ties


@st.composite
def bidders(draw: st.DrawFn) -> list[Bidder]:
    count = draw(st.integers(0, 12))
    ids = draw(
        st.lists(
            st.text("abcdef", min_size=1, max_size=3), min_size=count, max_size=count, unique=True
        )
    )
    found = []
    for bid_id in ids:
        facts = HouseholdFacts(
            household_id=f"h-{bid_id}",
            council=MARSHVALE,
            registration_date=draw(DATES),
            members=(lead(draw(st.sampled_from([30, 60]))),),
            housing_debt=Decimal(draw(st.sampled_from([0, 0, 50]))),
            is_transfer=draw(st.booleans()),
        )
        assessment = dataclasses.replace(
            BASE,
            status=draw(st.sampled_from(["qualifies"] * 5 + ["not_qualifying"])),
            band=draw(st.sampled_from("ABCD")),
            ranked_below=draw(st.booleans()),
            bedroom_need=draw(st.integers(1, 4)),
            priority_date=draw(DATES),
        )
        found.append(Bidder.of(bid_id, facts, assessment, under_offer=draw(st.integers(0, 9)) == 0))
    return found
