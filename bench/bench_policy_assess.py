"""How fast the policy engine assesses households, against the same rules written by hand.

value: households assessed per second on one core by `assess` under the Marshvale City demo
policy (`hearth/demo/policies/marshvale-city.yaml`), over `size` synthetic but varied households
(couples, children of all ages, pregnancies, carers, every home tenure, homelessness duties,
officer awards including some dated after the assessment, earlier assessments, local connection
by residence, work, family or exemption, and some who do not qualify), built before timing from
a fixed random seed.
ratio: engine time / time of `bench.policy_assess_baseline.marshvale_assess`, the same rules as
hand-written Python, over the same households: the price of a policy as configuration. Before
timing, the benchmark checks that the two agree on status, band, priority date, bedroom need,
local connection, ranking below, and the need reasons for every household. The best of a few
interleaved passes is taken for each. No database is used.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from bench import BenchResult
from bench.policy_assess_baseline import marshvale_assess
from hearth.demo.policies import demo_policy_texts
from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_from_text
from hearth.policy.rules.facts import (
    HomeFacts,
    HouseholdFacts,
    NeedAward,
    Period,
    PersonFacts,
    PreviousOutcome,
)

NAME = "policy_assess"
DEFAULT_SIZE = 100_000
TINY_SIZE = 200
ROUNDS = 3
ON = dt.date(2026, 6, 15)
COUNCIL = "marshvale-city"
OTHER_COUNCILS = ("eastmere", "northfen", "kingsbarrow")
OFFICER_CODES = ("urgent_medical", "high_medical", "harassment_risk", "medium_medical")
TENURES = (
    ("private_rented",) * 4 + ("social_rented",) * 3 + ("family", "family", "temporary", "owner")
)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _members(rng: random.Random, n: int) -> tuple[PersonFacts, ...]:
    def born(low: int, high: int) -> dt.date:
        return _day(rng, dt.date(ON.year - high - 1, 1, 1), dt.date(ON.year - low, 12, 31))

    lead_sex = rng.choice(("female", "male"))
    # a few leads are 15 or 16, around the age limit
    lead_born = born(15, 17) if rng.random() < 0.02 else born(17, 90)
    couple = rng.random() < 0.45
    people = [
        PersonFacts(
            "p0",
            lead_born,
            lead_sex,
            "lead",
            partner_id="p1" if couple else None,
            pregnant=lead_sex == "female" and rng.random() < 0.04,
            disabled=rng.random() < 0.12,
            needs_overnight_carer=rng.random() < 0.03,
        )
    ]
    if couple:
        sex = "male" if lead_sex == "female" and rng.random() < 0.9 else "female"
        people.append(
            PersonFacts(
                "p1", born(18, 90), sex, "partner", partner_id="p0", disabled=rng.random() < 0.1
            )
        )
    while len(people) < n:
        adult = rng.random() < 0.15
        people.append(
            PersonFacts(
                f"p{len(people)}",
                born(18, 80) if adult else born(0, 20),
                rng.choice(("female", "male")),
                rng.choice(("parent", "sibling", "other")) if adult else "child",
                disabled=rng.random() < 0.06,
            )
        )
    return tuple(people)


def _periods(rng: random.Random) -> tuple[Period, ...]:
    """Address history: mostly in the council, sometimes elsewhere, sometimes recent arrivals."""
    periods: list[Period] = []
    start = _day(rng, dt.date(2005, 1, 1), ON)
    for _ in range(rng.randint(1, 3)):
        council = COUNCIL if rng.random() < 0.75 else rng.choice(OTHER_COUNCILS)
        end = None if rng.random() < 0.5 else _day(rng, start, ON)
        periods.append(Period(council, start, end))
        start = _day(rng, dt.date(2005, 1, 1), ON)
    return tuple(periods)


def _money(rng: random.Random, limit: int, over: float) -> Decimal:
    """An amount under `limit` mostly, over it with chance `over`, sometimes right at it."""
    roll = rng.random()
    if roll < 0.01:
        return Decimal(limit) + rng.choice((Decimal(0), Decimal("0.01")))
    if roll < 0.01 + over:
        return Decimal(rng.randint(limit + 1, limit * 2))
    return Decimal(rng.randint(0, limit - 1))


def households(size: int, seed: int = 2026) -> list[HouseholdFacts]:
    rng = random.Random(seed)
    found: list[HouseholdFacts] = []
    for index in range(size):
        members = _members(rng, rng.choice((1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7)))
        # homes roughly the size of the household: some too small, some too big
        others = len(members) - (2 if members[0].partner_id else 1)
        offset = rng.choice((-1, -1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2))
        bedrooms = max(1, 1 + (others + 1) // 2 + offset)
        registered = _day(rng, dt.date(2012, 1, 1), ON)
        tenure = rng.choice(TENURES)
        awards: dict[str, dt.date] = {}
        for _ in range(rng.choice((0, 0, 0, 0, 0, 0, 0, 1, 1, 2))):
            code = rng.choice((*OFFICER_CODES, "medical_extra_room", "gold_welfare"))
            day = _day(rng, registered - dt.timedelta(days=400), ON + dt.timedelta(days=60))
            awards[code] = day
        previous = None
        if rng.random() < 0.4:
            previous = PreviousOutcome(
                rng.choice("ABCD"), _day(rng, registered, ON - dt.timedelta(days=1))
            )
        found.append(
            HouseholdFacts(
                household_id=f"h{index}",
                council=COUNCIL,
                registration_date=registered,
                members=members,
                home=HomeFacts(
                    tenure,
                    bedrooms=0 if tenure == "temporary" and rng.random() < 0.3 else bedrooms,
                    shares_facilities=rng.random() < 0.08,
                    disrepair=rng.random() < 0.08,
                ),
                residence=_periods(rng),
                work=(
                    (
                        Period(
                            rng.choice((COUNCIL, *OTHER_COUNCILS)),
                            _day(rng, dt.date(2015, 1, 1), ON + dt.timedelta(days=30)),
                            None if rng.random() < 0.7 else _day(rng, dt.date(2025, 1, 1), ON),
                            hours_per_week=rng.choice((8, 15, 16, 20, 37)),
                        ),
                    )
                    if rng.random() < 0.35
                    else ()
                ),
                family=(
                    (Period(COUNCIL, _day(rng, dt.date(2000, 1, 1), ON)),)
                    if rng.random() < 0.2
                    else ()
                ),
                exemptions=(
                    frozenset({rng.choice(("armed_forces", "domestic_abuse", "care_leaver"))})
                    if rng.random() < 0.05
                    else frozenset()
                ),
                homelessness_duty=rng.choice(("",) * 12 + ("prevention", "relief", "main")),
                eligible=rng.random() > 0.01,
                income_yearly=_money(rng, 60_000, 0.04),
                savings=_money(rng, 30_000, 0.03) if rng.random() < 0.4 else Decimal(0),
                owns_property=tenure == "owner" and rng.random() < 0.8,
                unacceptable_behaviour=rng.random() < 0.01,
                housing_debt=Decimal(rng.choice((0, 0, 0, rng.randint(1, 2000)))),
                need_awards=tuple(NeedAward(code, day) for code, day in awards.items()),
                previous=previous,
            )
        )
    return found


def _agree(policy: PolicyDocument, data: list[HouseholdFacts]) -> Counter[str]:
    """Check the engine and the hand-written rules agree on every household; count the bands."""
    bands: Counter[str] = Counter()
    for household in data:
        engine = assess(policy, household, ON)
        by_hand = marshvale_assess(household, ON)
        found = (
            engine.status,
            engine.band,
            engine.priority_date,
            engine.bedroom_need,
            engine.local_connection,
            engine.ranked_below,
            sorted(n.code for n in engine.needs),
            sorted((n.code, n.since) for n in engine.needs),
        )
        expected = (
            by_hand.status,
            by_hand.band,
            by_hand.priority_date,
            by_hand.bedroom_need,
            by_hand.local_connection,
            by_hand.ranked_below,
            sorted(by_hand.needs),
            sorted(by_hand.needs.items()),
        )
        if found != expected:
            raise AssertionError(
                f"the engine and the hand-written rules disagree on {household.household_id}: "
                f"engine {found}, by hand {expected}\n{household}"
            )
        bands[engine.band or engine.status] += 1
    return bands


def _pass(
    function: Callable[[HouseholdFacts, dt.date], object], data: list[HouseholdFacts]
) -> float:
    start = time.perf_counter()
    for household in data:
        function(household, ON)
    return time.perf_counter() - start


def run(size: int) -> BenchResult:
    policy = document_from_text(demo_policy_texts()[COUNCIL])
    data = households(size)
    bands = _agree(policy, data)  # also compiles the policy's rules, outside the timing

    def engine(household: HouseholdFacts, on: dt.date) -> object:
        return assess(policy, household, on)

    best = {"engine": float("inf"), "by hand": float("inf")}
    for _ in range(ROUNDS):
        best["engine"] = min(best["engine"], _pass(engine, data))
        best["by hand"] = min(best["by hand"], _pass(marshvale_assess, data))
    per_second = size / best["engine"]
    ratio = best["engine"] / best["by hand"]
    outcomes = ", ".join(f"{name} {count}" for name, count in sorted(bands.items()))
    detail = "\n".join(
        [
            f"households: {size} under the Marshvale City demo policy, assessed on {ON}",
            f"outcomes: {outcomes}",
            "engine and hand-written rules agree on every household",
            f"engine:       {best['engine'] * 1e6 / size:.1f} us per household, "
            f"{per_second:,.0f} households/s (best of {ROUNDS} passes)",
            f"hand-written: {best['by hand'] * 1e6 / size:.1f} us per household, "
            f"{size / best['by hand']:,.0f} households/s",
            f"ratio engine / hand-written: {ratio:.2f} "
            "(targets: >= 10,000 households/s, ratio <= 2.5)",
        ]
    )
    return BenchResult(name=NAME, value=per_second, unit="households/s", ratio=ratio, detail=detail)
