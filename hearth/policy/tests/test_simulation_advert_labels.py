"""The what-if replay of closed shortlists sees what the close saw: the advert's mobility and age
labels, households' assessed mobility needs, and a draft's local connection to the home's own
area. Pure: past lettings are held in memory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearth.policy.past_lettings import PastShortlist
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import Home
from hearth.policy.tests.assess_support import MARSHVALE, demo_changed, household, lead, lived
from hearth.policy.tests.test_simulation_replay import THEN, bid, cycle, replayed

PARISH = "riverside"


def _home_in(reference: str, first: str, *bids: Any, home: Home) -> PastShortlist:
    return PastShortlist(
        advert_id=f"advert-{reference}",
        reference=reference,
        home=home,
        description="Flat 1, Heron Court, MV1 2AB",
        policy_version_id=THEN,
        first=first,
        bids=bids,
    )


def _single(household_id: str, *, parish: str = "docklands", **facts: Any) -> HouseholdFacts:
    since = dt.date(2015, 1, 1)
    return household(
        lead(40),
        household_id=household_id,
        residence=(lived(MARSHVALE, since, parish=parish),),
        **facts,
    )


def _parish_first(data: dict[str, Any]) -> None:
    data["shortlist"]["order"] = [
        {"key": "local_connection", "to": "advert_parish"},
        *data["shortlist"]["order"],
    ]


def test_a_draft_putting_the_homes_own_area_first_shows_who_would_gain_first_place() -> None:
    # Given a closed shortlist for a Riverside home where the earlier registered household won
    early = _single("hh-a", registered=dt.date(2020, 1, 1))
    local = _single("hh-b", parish=PARISH, registered=dt.date(2024, 1, 1))
    home = Home(bedrooms=1, council=MARSHVALE, parish=PARISH)
    past = cycle(
        _home_in("MV1", "hh-a", bid("hh-a"), bid("hh-b"), home=home), households=[early, local]
    )
    # When it is replayed under a draft with a connection to the home's own area first
    found = replayed(demo_changed(MARSHVALE, _parish_first), past)
    # Then the Riverside household would be first instead
    (row,) = found["rows"]
    assert (row["first_then"], row["first_draft"], row["changed"]) == ("HH-A", "HH-B", True)
    assert row["reproduced"] is True


def test_the_replay_keeps_an_adverts_mobility_priority_group_and_filter() -> None:
    # Given households with and without an assessed need for a wheelchair home
    early = _single("hh-a", registered=dt.date(2020, 1, 1))
    assessed = _single("hh-b", registered=dt.date(2024, 1, 1), assessed_mobility="1")
    bids = (bid("hh-a"), bid("hh-b"))
    priority = Home(bedrooms=1, council=MARSHVALE, mobility_need="1", mobility_use="priority")
    only = Home(bedrooms=1, council=MARSHVALE, mobility_need="1", mobility_use="filter")
    past = cycle(
        _home_in("MV1", "hh-b", *bids, home=priority),
        _home_in("MV2", "hh-b", *bids, home=only),
        households=[early, assessed],
    )
    # When the shortlists are replayed under a draft that changes nothing for them
    found = replayed(demo_changed(MARSHVALE, lambda data: None), past)
    # Then the assessed household stays first on both, as it was at the close
    assert [(r["first_draft"], r["changed"], r["reproduced"]) for r in found["rows"]] == [
        ("HH-B", False, True),
        ("HH-B", False, True),
    ]
