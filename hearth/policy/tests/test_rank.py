"""Ranking the bids for one home: exclusions, every order key, local lettings plans, and the
properties every shortlist must have (a total order that does not depend on arrival order)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.assess import assess
from hearth.policy.rules.connection import months_before
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts, Period, PersonFacts
from hearth.policy.rules.rank import (
    KEY_LABELS,
    Bidder,
    Home,
    ShortlistResult,
    Standing,
    needs_full_facts,
    rank,
)
from hearth.policy.tests.test_assess import (
    DAY,
    MARSHVALE,
    ON,
    birthday,
    demo,
    demo_changed,
    family,
    household,
    lead,
    lived,
)

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


# --- Exclusions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bid", "home", "reason"),
    [
        (bidder("b", status="not_qualifying"), HOME, "not qualifying for the register"),
        (bidder("b", under_offer=True), HOME, "already under offer for another home"),
        # bedroom range, both ends inclusive
        (bidder("b", bedroom_need=3), dataclasses.replace(HOME, max_bedroom_need=2), "needs 3"),
        (bidder("b", bedroom_need=2), dataclasses.replace(HOME, max_bedroom_need=2), ""),
        (bidder("b", bedroom_need=1), dataclasses.replace(HOME, min_bedroom_need=2), "needs 1"),
        (bidder("b", bedroom_need=2), dataclasses.replace(HOME, min_bedroom_need=2), ""),
        # minimum age, on the birthday
        (
            bidder("b", household(PersonFacts("lead", birthday(60), "male", "lead"))),
            dataclasses.replace(HOME, minimum_age=60),
            "",
        ),
        (
            bidder("b", household(PersonFacts("lead", birthday(60) + DAY, "male", "lead"))),
            dataclasses.replace(HOME, minimum_age=60),
            "this home is for people aged 60 or over",
        ),
        # local connection to the advertising council only
        (bidder("b"), dataclasses.replace(HOME, local_connection_scope="council"), ""),
        (
            bidder("b", household(residence=(lived("eastmere", dt.date(2010, 1, 1)),))),
            dataclasses.replace(HOME, local_connection_scope="council"),
            "no local connection to the advertising council",
        ),
        # ... or to any partner council
        (
            bidder("b", household(residence=(lived("eastmere", dt.date(2010, 1, 1)),))),
            dataclasses.replace(
                HOME, local_connection_scope="partners", partner_councils=("eastmere", "northfen")
            ),
            "",
        ),
        (
            bidder("b", household(residence=(lived("elsewhere", dt.date(2010, 1, 1)),))),
            dataclasses.replace(
                HOME, local_connection_scope="partners", partner_councils=("eastmere", "northfen")
            ),
            "no local connection to any partner council",
        ),
        # anyone on the register
        (bidder("b", household(residence=())), HOME, ""),
    ],
)
def test_exclusions(bid: Bidder, home: Home, reason: str) -> None:
    result = rank(demo(MARSHVALE), home, [bid], ON)
    if reason:
        assert result.placed == ()
        assert len(result.excluded) == 1
        assert reason in result.excluded[0].reason
        assert result.excluded[0].household_id == bid.standing.household_id
    else:
        assert order(result) == ["b"] and result.excluded == ()


# --- Each order key ----------------------------------------------------------------------------


def _registered(day: dt.date, bid_id: str) -> HouseholdFacts:
    return household(registered=day, household_id=bid_id)


@pytest.mark.parametrize(
    ("key", "first", "second"),
    [
        ({"key": "band"}, bidder("b2", band="A"), bidder("b1", band="B")),
        # ranked below: after uncapped households in the same band, before the next band
        ({"key": "band"}, bidder("b2", band="C"), bidder("b1", band="C", ranked_below=True)),
        ({"key": "band"}, bidder("b2", band="C", ranked_below=True), bidder("b1", band="D")),
        (
            {"key": "priority_date"},
            bidder("b2", priority_date=dt.date(2024, 3, 1)),
            bidder("b1", priority_date=dt.date(2024, 3, 2)),
        ),
        (
            {"key": "registration_date"},
            bidder("b2", _registered(dt.date(2023, 1, 1), "b2")),
            bidder("b1", _registered(dt.date(2023, 1, 2), "b1")),
        ),
        ({"key": "bedroom_match"}, bidder("b2", bedroom_need=2), bidder("b1", bedroom_need=1)),
        (
            {"key": "no_housing_debt"},
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(household_id="b1", housing_debt=Decimal("0.01"))),
        ),
        (
            {"key": "local_connection"},
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(household_id="b1", residence=())),
        ),
        (
            {"key": "transfer", "prefer": "transfer"},
            bidder("b2", household(household_id="b2", is_transfer=True)),
            bidder("b1", household(household_id="b1")),
        ),
        (
            {"key": "transfer", "prefer": "new"},
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(household_id="b1", is_transfer=True)),
        ),
        (
            {"key": "expression", "expression": "household.children", "label": "Children"},
            bidder("b2", household(*family((3, "male")), household_id="b2")),
            bidder("b1", household(household_id="b1")),
        ),
        (
            {
                "key": "expression",
                "expression": "household.children",
                "prefer": "lower",
                "label": "Children",
            },
            bidder("b2", household(household_id="b2")),
            bidder("b1", household(*family((3, "male")), household_id="b1")),
        ),
        (
            {
                "key": "expression",
                "expression": "home.bedrooms - bid.bedroom_need",
                "prefer": "lower",
                "label": "Spare bedrooms",
            },
            bidder("b2", bedroom_need=2),
            bidder("b1", bedroom_need=1),
        ),
    ],
)
def test_each_order_key(key: dict[str, str], first: Bidder, second: Bidder) -> None:
    """`b2` comes first although `b1` would win the final tie-break on bid identifier."""
    policy = ordered_by(key)
    result = rank(policy, HOME, [second, first], ON)
    assert order(result) == ["b2", "b1"]
    assert [p.position for p in result.placed] == [1, 2]
    # each placed bid shows the key that placed it
    label, value = result.placed[0].keys[0]
    assert label == (key["label"] if key["key"] == "expression" else KEY_LABELS[key["key"]])
    assert value
    # equal on the key: the bid identifier decides
    tie = rank(policy, HOME, [first, first._replace(bid_id="b0")], ON)
    assert order(tie) == ["b0", "b2"]


def test_points_rank_highest_first() -> None:
    northfen = demo("northfen")
    facts = household(council="northfen")
    low = bidder("b1", facts, policy=northfen, points=50)
    high = bidder("b2", facts, policy=northfen, points=70)
    result = rank(northfen, dataclasses.replace(HOME, council="northfen"), [low, high], ON)
    assert order(result) == ["b2", "b1"]
    assert result.placed[0].keys[0] == ("Points", "70")


def test_band_then_priority_date(marshvale_bids: list[Bidder]) -> None:
    result = rank(demo(MARSHVALE), HOME, marshvale_bids, ON)
    assert order(result) == ["a-2023", "a-2025", "b-2022", "c-2020", "c-below-2019", "d-2018"]
    assert result.placed[0].keys == (("Band", "Band A"), ("Priority date", "1 March 2023"))
    assert result.placed[4].keys[0] == ("Band", "Band C (ranked below uncapped households)")


@pytest.fixture
def marshvale_bids() -> list[Bidder]:
    def bid(bid_id: str, band: str, day: dt.date, below: bool = False) -> Bidder:
        return bidder(bid_id, band=band, priority_date=day, ranked_below=below)

    return [
        bid("d-2018", "D", dt.date(2018, 1, 1)),
        bid("c-below-2019", "C", dt.date(2019, 1, 1), below=True),
        bid("c-2020", "C", dt.date(2020, 1, 1)),
        bid("b-2022", "B", dt.date(2022, 1, 1)),
        bid("a-2025", "A", dt.date(2025, 1, 1)),
        bid("a-2023", "A", dt.date(2023, 3, 1)),
    ]


def test_a_failing_expression_key_ranks_last_and_is_reported() -> None:
    policy = ordered_by(
        {"key": "expression", "expression": "1.0 / household.children", "label": "Per child"}
    )
    none = bidder("b1", household(household_id="b1"))
    one = bidder("b2", household(*family((3, "male")), household_id="b2"))
    result = rank(policy, HOME, [none, one], ON)
    assert order(result) == ["b2", "b1"]
    assert result.placed[1].keys[0] == ("Per child", "could not be worked out")
    assert len(result.problems) == 1 and result.problems[0].startswith("b1: Per child:")


# --- Local lettings plans ----------------------------------------------------------------------

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


# --- Random draw -------------------------------------------------------------------------------


def test_a_random_key_is_reproducible_with_the_stored_seed() -> None:
    policy = ordered_by({"key": "band"}, {"key": "random"})
    bids = [bidder(f"b{i}", band="B") for i in range(8)] + [bidder("a", band="A")]
    first = rank(policy, HOME, bids, ON, seed="advert-41:2026-06-15")
    again = rank(policy, HOME, list(reversed(bids)), ON, seed="advert-41:2026-06-15")
    assert first == again
    assert order(first)[0] == "a"  # the draw only breaks ties within the band
    orders = {tuple(order(rank(policy, HOME, bids, ON, seed=f"seed-{n}"))) for n in range(10)}
    assert len(orders) > 1  # a different seed gives a different draw
    assert first.placed[1].keys[1] == ("Random draw", "drawn")


# --- Properties --------------------------------------------------------------------------------

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


@settings(max_examples=200, deadline=None)
@given(bidders(), st.randoms(use_true_random=False))
def test_the_order_does_not_depend_on_the_order_bids_arrive(
    bids: list[Bidder], shuffler: Any
) -> None:
    expected = rank(POLICY, PROPERTY_HOME, bids, ON)
    shuffled = list(bids)
    shuffler.shuffle(shuffled)
    assert rank(POLICY, PROPERTY_HOME, shuffled, ON) == expected
    assert rank(POLICY, PROPERTY_HOME, bids, ON) == expected  # and the same every time


@settings(max_examples=200, deadline=None)
@given(bidders())
def test_every_bid_is_placed_or_excluded_exactly_once(bids: list[Bidder]) -> None:
    result = rank(POLICY, PROPERTY_HOME, bids, ON)
    placed = [p.bid_id for p in result.placed]
    excluded = [e.bid_id for e in result.excluded]
    assert sorted(placed + excluded) == sorted(b.bid_id for b in bids)
    assert [p.position for p in result.placed] == list(range(1, len(placed) + 1))
    for bid in bids:
        expected_out = (
            not bid.standing.qualifies or bid.under_offer or bid.standing.bedroom_need > 3
        )
        assert (bid.bid_id in excluded) is expected_out


@settings(max_examples=200, deadline=None)
@given(bidders(), st.data())
def test_the_order_is_total_and_the_same_for_any_subset(
    bids: list[Bidder], data: st.DataObject
) -> None:
    """Any subset of the bids ranks in the order the full list gave them: the comparison is a
    total order between bids, not an accident of who else bid."""
    full = order(rank(POLICY, PROPERTY_HOME, bids, ON))
    subset = (
        data.draw(st.lists(st.sampled_from(bids), unique_by=lambda b: b.bid_id)) if bids else []
    )
    chosen = {b.bid_id for b in subset}
    assert order(rank(POLICY, PROPERTY_HOME, subset, ON)) == [b for b in full if b in chosen]
    # and the first key really leads: bands never go back up the list
    by_id = {b.bid_id: b for b in bids}
    bands = [("ABCD".index(by_id[b].standing.band), by_id[b].standing.ranked_below) for b in full]
    assert bands == sorted(bands)


def test_own_register_bidders_use_their_stored_local_connection() -> None:
    # Given two bidders with no address history loaded: one on the advertising council's
    # register, assessed as locally connected; one on another council's register
    own = household(household_id="h-own", residence=())
    other = dataclasses.replace(household(household_id="h-other", residence=()), council="eastmere")
    bids = [
        bidder("own", own, local_connection=True),
        bidder("other", other, local_connection=True),
    ]
    # When a home for local connections to the advertising council is ranked
    home = Home(bedrooms=2, council=MARSHVALE, local_connection_scope="council")
    result = rank(demo(MARSHVALE), home, bids, ON)
    # Then the own-register bidder's stored connection counts; the other's must be shown
    assert [p.bid_id for p in result.placed] == ["own"]
    assert [e.bid_id for e in result.excluded] == ["other"]


# --- Ranking on standings alone ----------------------------------------------------------------

# Labels answered by what is stored: an age limit, and a local connection to the advertising
# council, which its own register's bidders have stored with their assessment.
STORED_HOME = dataclasses.replace(PROPERTY_HOME, minimum_age=55, local_connection_scope="council")


@settings(max_examples=200, deadline=None)
@given(bidders(), st.lists(st.booleans(), min_size=12, max_size=12))
def test_standings_alone_rank_as_full_facts_do(bids: list[Bidder], connected: list[bool]) -> None:
    # Given bids with their full facts, some of them assessed as not locally connected, and
    # leads on both sides of the home's minimum age
    bids = [
        bid._replace(standing=bid.standing._replace(local_connection=connected[i]))
        for i, bid in enumerate(bids)
    ]
    assert not needs_full_facts(POLICY, STORED_HOME, MARSHVALE)
    # When they are ranked with their standings only
    standings_only = [bid._replace(household=None) for bid in bids]
    # Then the shortlist is the same in every detail
    expected = rank(POLICY, STORED_HOME, bids, ON)
    assert rank(POLICY, STORED_HOME, standings_only, ON) == expected


def test_a_standing_is_what_the_assessment_and_household_record_say() -> None:
    facts = household(
        lead(age=40),
        registered=dt.date(2023, 5, 2),
        housing_debt=Decimal("12.50"),
        is_transfer=True,
    )
    assessment = dataclasses.replace(
        assess(demo(MARSHVALE), facts, ON), band="B", ranked_below=True
    )

    bid = Bidder.of("b1", facts, assessment, under_offer=True)

    assert bid == Bidder(
        "b1",
        Standing(
            household_id="h1",
            council=MARSHVALE,
            registration_date=dt.date(2023, 5, 2),
            lead_date_of_birth=facts.lead.date_of_birth,
            housing_debt=Decimal("12.50"),
            is_transfer=True,
            status="qualifies",
            band="B",
            points=assessment.points,
            priority_date=assessment.priority_date,
            bedroom_need=assessment.bedroom_need,
            local_connection=assessment.local_connection,
            ranked_below=True,
        ),
        facts,
        under_offer=True,
    )
    assert bid.standing.qualifies


ELSEWHERE = dataclasses.replace(household(household_id="h-b2"), council="eastmere")


@pytest.mark.parametrize(
    ("policy", "home", "facts"),
    [
        (ordered_by({"key": "local_connection"}), HOME, None),
        (
            ordered_by({"key": "expression", "expression": "household.children", "label": "Kids"}),
            HOME,
            None,
        ),
        (demo("eastmere"), EASTMERE_HOME, villager("h-b2")),
        # a local connection to the advertising council, for a bidder on another register
        (demo(MARSHVALE), dataclasses.replace(HOME, local_connection_scope="council"), ELSEWHERE),
        # ... or to any partner council
        (
            demo(MARSHVALE),
            dataclasses.replace(
                HOME, local_connection_scope="partners", partner_councils=("eastmere",)
            ),
            None,
        ),
    ],
)
def test_ranking_that_needs_full_facts_without_them_is_refused(
    policy: PolicyDocument, home: Home, facts: HouseholdFacts | None
) -> None:
    # Given a home whose ranking needs full facts, and a bid that came with its standing only
    with_facts = bidder("b1", policy=policy)
    without = bidder("b2", facts, policy=policy)._replace(household=None)
    assert needs_full_facts(policy, home, without.standing.council)
    # When it is ranked, Then that is a programming error naming the bid
    with pytest.raises(ValueError, match="bid 'b2' came with its standing only"):
        rank(policy, home, [with_facts, without], ON)


def test_a_standing_without_a_lead_applicant_fails_an_age_limit() -> None:
    # Given a standing read from a household with no lead applicant on record
    bid = bidder("b1")
    no_lead = bid._replace(standing=bid.standing._replace(lead_date_of_birth=None), household=None)
    # When it bids for a home with a minimum age, Then it is excluded, saying why
    result = rank(demo(MARSHVALE), dataclasses.replace(HOME, minimum_age=55), [no_lead], ON)
    assert [e.reason for e in result.excluded] == [
        "this home is for people aged 55 or over, and no lead applicant's date of birth is on "
        "record"
    ]
    # ... and a home without one places it
    assert order(rank(demo(MARSHVALE), HOME, [no_lead], ON)) == ["b1"]
