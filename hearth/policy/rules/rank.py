"""Ranking the bids for one home under the advertising council's policy: a pure function.

`rank(policy, home, bidders, on_date)` checks each bid against the advert's labels, puts the
local lettings plan's priority groups first, then orders by the policy's chain of keys, and
breaks any remaining tie by bid identifier, so the order is total and does not depend on the
order bids arrived. Every placed bidder carries the key values that placed them; every excluded
bidder carries the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from hearth.policy.rules.assess import Assessment, household_view, long_date, policy_compiled
from hearth.policy.rules.connection import Place, connection_check
from hearth.policy.rules.context import BidView, HomeView, expression_compiled
from hearth.policy.rules.document import OrderKey, PlanGroup, PolicyDocument
from hearth.policy.rules.expressions import ExpressionRuntimeError
from hearth.policy.rules.facts import HouseholdFacts, age_on

SortValue = tuple[float | int | str, ...]


@dataclass(frozen=True, slots=True)
class Home:
    """The advertised home and its eligibility labels."""

    bedrooms: int
    council: str
    parish: str = ""
    property_type: str = "house"
    min_bedroom_need: int = 0
    max_bedroom_need: int = 99
    minimum_age: int = 0
    mobility: str = ""
    # council: only households with a local connection to the advertising council;
    # partners: a connection to any partner council; none: anyone on the register.
    local_connection_scope: str = "none"
    partner_councils: tuple[str, ...] = ()
    lettings_plan: str = ""  # code of a local lettings plan in the policy

    def view(self) -> HomeView:
        return HomeView(
            bedrooms=self.bedrooms,
            property_type=self.property_type,
            council=self.council,
            parish=self.parish,
            minimum_age=self.minimum_age,
            mobility=self.mobility,
        )


@dataclass(frozen=True, slots=True)
class Bidder:
    bid_id: str
    household: HouseholdFacts
    assessment: Assessment
    under_offer: bool = False


@dataclass(frozen=True, slots=True)
class Placed:
    position: int
    bid_id: str
    household_id: str
    # (what, value) in the order compared; dates stay dates until someone reads them.
    values: tuple[tuple[str, object], ...]

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (what, long_date(value) if isinstance(value, dt.date) else str(value))
            for what, value in self.values
        )


@dataclass(frozen=True, slots=True)
class Excluded:
    bid_id: str
    household_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ShortlistResult:
    placed: tuple[Placed, ...]
    excluded: tuple[Excluded, ...]
    problems: tuple[str, ...]


def _exclusion(policy: PolicyDocument, home: Home, bidder: Bidder, on_date: dt.date) -> str:
    assessment, household = bidder.assessment, bidder.household
    if not assessment.qualifies:
        return "not qualifying for the register"
    if policy.scheme == "bands" and assessment.band not in policy_compiled(policy).band_index:
        return "not assessed under the advertising council's policy"
    if bidder.under_offer:
        return "already under offer for another home"
    if not home.min_bedroom_need <= assessment.bedroom_need <= home.max_bedroom_need:
        return (
            f"needs {assessment.bedroom_need} bedrooms; this home is for households needing "
            f"{home.min_bedroom_need} to {home.max_bedroom_need}"
        )
    if home.minimum_age and age_on(household.lead.date_of_birth, on_date) < home.minimum_age:
        return f"this home is for people aged {home.minimum_age} or over"
    if home.local_connection_scope == "council" and not _connected_bidder(
        policy, bidder, home.council, on_date
    ):
        return "no local connection to the advertising council"
    if home.local_connection_scope == "partners" and not any(
        _connected_bidder(policy, bidder, council, on_date)
        for council in (home.council, *home.partner_councils)
    ):
        return "no local connection to any partner council"
    return ""


def _connected_bidder(policy: PolicyDocument, bidder: Bidder, council: str, on: dt.date) -> bool:
    """A bidder on `council`'s own register was assessed for local connection to it already."""
    if bidder.household.council == council:
        return bidder.assessment.local_connection
    return _connected(policy, bidder.household, council, on)


def _connected(
    policy: PolicyDocument, household: HouseholdFacts, council: str, on: dt.date
) -> bool:
    return connection_check(policy.local_connection, household, Place(council), on).met


def _random_key(seed: str, bid_id: str) -> str:
    return hashlib.sha256(f"{seed}:{bid_id}".encode()).hexdigest()


def rank(
    policy: PolicyDocument,
    home: Home,
    bidders: Sequence[Bidder],
    on_date: dt.date,
    *,
    seed: str = "",
) -> ShortlistResult:
    placed: list[tuple[SortValue, Bidder, list[tuple[str, object]]]] = []
    excluded: list[Excluded] = []
    problems: list[str] = []
    plan = next(
        (p for p in policy.shortlist.local_lettings_plans if p.code == home.lettings_plan), None
    )
    if home.lettings_plan and plan is None:
        problems.append(
            f"the local lettings plan {home.lettings_plan!r} is not in this policy; "
            "bids were ranked without it"
        )
    home_view = home.view()
    for bidder in sorted(bidders, key=lambda b: b.bid_id):
        reason = _exclusion(policy, home, bidder, on_date)
        if reason:
            excluded.append(Excluded(bidder.bid_id, bidder.household.household_id, reason))
            continue
        values: list[float | int | str] = []
        shown: list[tuple[str, object]] = []
        if plan is not None:
            group = _plan_group(plan.groups, bidder, home, home_view, on_date, problems)
            values.append(group)
            name = (
                plan.groups[group].name if group < len(plan.groups) else "not in a priority group"
            )
            shown.append((plan.name, name))
        for key in policy.shortlist.order:
            value, text = _key(policy, key, bidder, home, home_view, on_date, seed, problems)
            values.append(value)
            shown.append((_key_label(key), text))
        values.append(bidder.bid_id)
        placed.append((tuple(values), bidder, shown))
    placed.sort(key=lambda entry: entry[0])
    return ShortlistResult(
        placed=tuple(
            Placed(i + 1, b.bid_id, b.household.household_id, tuple(shown))
            for i, (_value, b, shown) in enumerate(placed)
        ),
        excluded=tuple(excluded),
        problems=tuple(problems),
    )


KEY_LABELS = {
    "band": "Band",
    "points": "Points",
    "priority_date": "Priority date",
    "registration_date": "Registration date",
    "bedroom_match": "Needs this number of bedrooms",
    "no_housing_debt": "No housing debt",
    "local_connection": "Local connection",
    "transfer": "Transfer or new applicant",
    "random": "Random draw",
}


def _key_label(key: OrderKey) -> str:
    return key.label if key.key == "expression" else KEY_LABELS[key.key]


def _variables(bidder: Bidder, home_view: HomeView, on_date: dt.date) -> dict[str, object]:
    a = bidder.assessment
    view = household_view(
        bidder.household,
        bedrooms=a.bedroom_need,
        local_connection=a.local_connection,
        on_date=on_date,
    )
    bid = BidView(
        band=a.band,
        points=a.points or 0,
        priority_date=a.priority_date or bidder.household.registration_date,
        registration_date=bidder.household.registration_date,
        bedroom_need=a.bedroom_need,
        local_connection=a.local_connection,
    )
    return {"household": view, "home": home_view, "bid": bid, "today": on_date}


def _plan_group(
    groups: Sequence[PlanGroup],
    bidder: Bidder,
    home: Home,
    home_view: HomeView,
    on_date: dt.date,
    problems: list[str],
) -> int:
    for index, group in enumerate(groups):
        place = Place(home.council, home.parish)
        if not connection_check(group.connection, bidder.household, place, on_date).met:
            continue
        if group.when:
            try:
                ok = expression_compiled(group.when, "bid_condition").evaluate(
                    _variables(bidder, home_view, on_date)
                )
            except ExpressionRuntimeError as failure:
                problems.append(f"{bidder.bid_id}: plan group {group.name}: {failure.message}")
                continue
            if not ok:
                continue
        return index
    return len(groups)


def _key(
    policy: PolicyDocument,
    key: OrderKey,
    bidder: Bidder,
    home: Home,
    home_view: HomeView,
    on_date: dt.date,
    seed: str,
    problems: list[str],
) -> tuple[float | int | str, object]:
    """The sort value (smaller ranks first) and what to show for it."""
    a, household = bidder.assessment, bidder.household
    match key.key:
        case "band":
            rank = policy_compiled(policy).band_index[a.band]
            shown = f"Band {a.band}" + (
                " (ranked below uncapped households)" if a.ranked_below else ""
            )
            return rank * 2 + (1 if a.ranked_below else 0), shown
        case "points":
            return -(a.points or 0), str(a.points or 0)
        case "priority_date":
            day = a.priority_date or household.registration_date
            return day.toordinal(), day
        case "registration_date":
            return household.registration_date.toordinal(), household.registration_date
        case "bedroom_match":
            match_ = a.bedroom_need == home.bedrooms
            return (0 if match_ else 1), ("yes" if match_ else f"no (needs {a.bedroom_need})")
        case "no_housing_debt":
            clear = household.housing_debt <= 0
            return (0 if clear else 1), ("yes" if clear else "no")
        case "local_connection":
            connected = _connected(policy, household, home.council, on_date)
            return (0 if connected else 1), ("yes" if connected else "no")
        case "transfer":
            wanted = household.is_transfer == (key.prefer != "new")
            return (0 if wanted else 1), ("transfer" if household.is_transfer else "new applicant")
        case "random":
            return _random_key(seed, bidder.bid_id), "drawn"
        case _:
            try:
                value = float(
                    expression_compiled(key.expression, "sort_key").evaluate(  # type: ignore[arg-type]
                        _variables(bidder, home_view, on_date)
                    )
                )
            except ExpressionRuntimeError as failure:
                problems.append(f"{bidder.bid_id}: {key.label}: {failure.message}")
                return float("inf"), "could not be worked out"
            return (value if key.prefer == "lower" else -value), f"{value:g}"


def needs_full_facts(policy: PolicyDocument, home: Home, household_council: str) -> bool:
    """Whether ranking this home needs a bidder's full facts (people, address history), or only
    what their stored assessment and household record hold. A bidder on the advertising
    council's own register has their local connection to it stored with their assessment."""
    keys = {key.key for key in policy.shortlist.order}
    if home.lettings_plan or keys & {"expression", "local_connection"}:
        return True
    if home.local_connection_scope == "none":
        return False
    return home.local_connection_scope == "partners" or household_council != home.council
