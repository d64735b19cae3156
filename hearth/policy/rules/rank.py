"""Ranking the bids for one home under the advertising council's policy: a pure function.

`rank(policy, home, bidders, on_date)` checks each bid against the advert's labels
(`eligibility_check`, the same decision that answers an applicant's "Can I bid?": see
`hearth.policy.rules.eligibility`), puts the local lettings plan's priority groups first, then
orders by the policy's chain of keys (within a plan's groups, by the plan's own chain when it
has one), and breaks any remaining tie by bid identifier, so the order is total and does not
depend on the order bids arrived. Every placed bidder carries the key values that placed them;
every excluded bidder carries the reason; the result says in plain English how the list was
ordered (`order_explained`).

Most adverts rank on what is stored: the band, points and dates the bidders were told, and a
few columns of their household record. That is a bidder's `Standing`, cheap to read for a
thousand bidders at once. Ranking needs a bidder's full `HouseholdFacts` (people, address
history) only for what `needs_full_facts` names: local lettings plans, expression keys, the
`local_connection` key, the policy's own reasons to refuse a bid (`bidding.refusals`), an age
label that counts more than the lead applicant's age, and a local connection to a council other
than the bidder's own. A mobility label reads the need an officer recorded on the household
(`Standing.assessed_mobility`): as a filter, or a priority group.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from operator import itemgetter
from typing import Any, NamedTuple

from hearth.policy.rules import eligibility, labels
from hearth.policy.rules.assess import (
    QUALIFIES,
    household_view,
    policy_compiled,
)
from hearth.policy.rules.connection import Place, advert_place, connection_check
from hearth.policy.rules.context import BidView, HomeView, expression_compiled
from hearth.policy.rules.document import LocalLettingsPlan, OrderKey, PlanGroup, PolicyDocument
from hearth.policy.rules.eligibility import Refusal
from hearth.policy.rules.expressions import ExpressionRuntimeError
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank_key import order_key

# The types ranking works on, imported from here by the callers of `rank`.
from hearth.policy.rules.rank_types import Bidder as Bidder
from hearth.policy.rules.rank_types import Excluded as Excluded
from hearth.policy.rules.rank_types import Home as Home
from hearth.policy.rules.rank_types import Placed as Placed
from hearth.policy.rules.rank_types import ShortlistResult as ShortlistResult
from hearth.policy.rules.rank_types import Standing as Standing
from hearth.policy.rules.rank_wording import key_label, order_explained


def _facts(bidder: Bidder) -> HouseholdFacts:
    if bidder.household is None:
        raise _without_facts(bidder)
    return bidder.household


def _check_facts(policy: PolicyDocument, home: Home, bidders: Sequence[Bidder]) -> None:
    """Refuse bids without full facts where ranking this home needs them: the caller fetched
    too little (see `needs_full_facts`)."""
    councils = {b.standing.council for b in bidders if b.household is None}
    needing = {council for council in councils if needs_full_facts(policy, home, council)}
    if needing:
        first = next(b for b in bidders if b.household is None and b.standing.council in needing)
        raise _without_facts(first)


def _without_facts(bidder: Bidder) -> ValueError:
    return ValueError(
        f"bid {bidder.bid_id!r} came with its standing only, but ranking it for this home needs "
        "the household's full facts (see needs_full_facts)"
    )


class _Context(NamedTuple):
    """What every bid is checked and ranked against, worked out once per ranking."""

    policy: PolicyDocument
    home: Home
    home_view: HomeView
    on_date: dt.date
    seed: str
    band_index: Mapping[str, int]
    # (bid id, row, column, message): reported in bid order, then in the order keys are read
    problems: list[tuple[str, int, int, str]]


def eligibility_check(
    policy: PolicyDocument, home: Home, on_date: dt.date, *, at_close: bool = False
) -> Callable[[Bidder], Refusal | None]:
    """Whether each bidder may bid for `home` under `policy`: None if so, else the `Refusal`
    (see `hearth.policy.rules.eligibility`). The one decision: `rank` excludes by it, and an
    applicant asking "Can I bid?" is answered by it. Give bidders their full facts where
    `needs_full_facts` says so.

    One difference, as the policy's `bidding.under_offer` says: a household under offer (or
    awaiting a decision on another home) is always skipped on a shortlist (`at_close`), but
    may still bid where the policy says "skipped"."""
    bands = policy_compiled(policy).band_index if policy.scheme == "bands" else None
    return _refusal_check(
        policy, _labels_allowed(policy, home)[0], on_date, bands, at_close=at_close
    )


def _labels_allowed(policy: PolicyDocument, home: Home) -> tuple[Home, str]:
    """`home` without a mobility label used in a way the policy does not allow (an advert
    approved before the policy changed), and why, for `rank`'s problems ("" if allowed)."""
    uses = policy.shortlist.mobility_labels
    refused = labels.use_refused(uses, home.mobility_need, home.mobility_use)
    return (dataclasses.replace(home, mobility_need="") if refused else home), refused


def _refusal_check(
    policy: PolicyDocument,
    home: Home,
    on_date: dt.date,
    bands: Mapping[str, int] | None,
    *,
    at_close: bool,
    problems: list[tuple[str, int, int, str]] | None = None,
) -> Callable[[Bidder], Refusal | None]:
    """`eligibility_check` with what the home asks for read once. A bidder who may bid costs
    no allocation; a refusal that reads the same for every bidder is made once. A policy
    refusal that cannot be worked out for a household is added to `problems`, when given."""
    lowest, highest = home.min_bedroom_need, home.max_bedroom_need
    minimum_age, maximum_age, whose = home.minimum_age, home.maximum_age, home.age_applies_to
    scope = home.local_connection_scope
    mobility_filter = home.mobility_need if home.mobility_use != labels.PRIORITY else ""
    partners = (home.council, *home.partner_councils)
    own = (home.council,)
    not_qualifying = Refusal(eligibility.NOT_QUALIFYING, own)
    other_policy = Refusal(eligibility.OTHER_POLICY, own)
    under_offer = Refusal(eligibility.UNDER_OFFER, own)
    skip_under_offer = at_close or policy.bidding.under_offer == "cannot_bid"
    compiled = policy_compiled(policy)
    # The policy's own reasons to refuse a bid, each worded once.
    policy_refusals = tuple(
        (rule.code, evaluate, Refusal(eligibility.POLICY_REFUSAL, own, text=rule.text))
        for rule, evaluate in compiled.bid_refusals
    )
    wrong_age = Refusal(
        eligibility.AGE,
        own,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        age_applies_to=whose,
    )
    age_unknown = dataclasses.replace(wrong_age, code=eligibility.AGE_UNKNOWN)
    wrong_mobility_label = Refusal(eligibility.MOBILITY, own, mobility_need=mobility_filter)
    wrong_mobility: dict[str, Refusal] = {}  # by assessed need: four at most
    no_connection = Refusal(eligibility.NO_CONNECTION_COUNCIL, own)
    no_partner_connection = Refusal(eligibility.NO_CONNECTION_PARTNERS, partners)
    wrong_size: dict[int, Refusal] = {}  # by bedroom need: a few sizes among many bidders

    def refusal(bidder: Bidder) -> Refusal | None:
        standing = bidder.standing
        if standing.status != QUALIFIES:
            return not_qualifying
        if bands is not None and standing.band not in bands:
            return other_policy
        if bidder.under_offer and skip_under_offer:
            return under_offer
        if policy_refusals:
            refused = _policy_refusal(policy, on_date, bidder, policy_refusals, problems)
            if refused is not None:
                return refused
        need = standing.bedroom_need
        if not lowest <= need <= highest:
            found = wrong_size.get(need)
            if found is None:
                found = wrong_size[need] = Refusal(eligibility.BEDROOMS, own, need, lowest, highest)
            return found
        assessed = standing.assessed_mobility
        if mobility_filter and not labels.mobility_matches(assessed, mobility_filter):
            return wrong_mobility.get(assessed) or wrong_mobility.setdefault(
                assessed, dataclasses.replace(wrong_mobility_label, assessed_mobility=assessed)
            )
        if minimum_age or maximum_age:
            counted = labels.ages_of(whose, standing.lead_date_of_birth, bidder, _facts, on_date)
            if counted is None:
                return age_unknown
            if not labels.ages_meet(counted, whose, minimum_age, maximum_age):
                return wrong_age
        if scope == "council" and not _connected_bidder(policy, on_date, bidder, home.council):
            return no_connection
        if scope == "partners" and not any(
            _connected_bidder(policy, on_date, bidder, council) for council in partners
        ):
            return no_partner_connection
        return None

    return refusal


def _policy_refusal(
    policy: PolicyDocument,
    on_date: dt.date,
    bidder: Bidder,
    rules: Sequence[tuple[str, Callable[[Mapping[str, object]], object], Refusal]],
    problems: list[tuple[str, int, int, str]] | None,
) -> Refusal | None:
    """The first of the policy's `bidding.refusals` that holds for the bidder's household. A
    rule that fails for this household refuses nothing (as a failing rule does in `assess`),
    and the failure goes to `problems`: otherwise officers would never learn the rule did not
    apply to it."""
    household = _facts(bidder)
    view = household_view(
        household,
        bedrooms=bidder.standing.bedroom_need,
        local_connection=bidder.standing.local_connection,
        on_date=on_date,
        connection_test=policy.local_connection,
    )
    variables: dict[str, object] = {"household": view, "today": on_date}
    for code, evaluate, refusal in rules:
        try:
            if evaluate(variables):
                return refusal
        except ExpressionRuntimeError as failure:
            if problems is not None:
                message = (
                    f"{bidder.bid_id}: bid refusal {code!r} could not be worked out, so it "
                    f"refused nothing: {failure.message}"
                )
                # Before the bid's order keys' problems: the refusal is checked first.
                problems.append((bidder.bid_id, -1, -1, message))
    return None


def _connected_bidder(
    policy: PolicyDocument, on_date: dt.date, bidder: Bidder, council: str
) -> bool:
    """A bidder on `council`'s own register was assessed for local connection to it already."""
    if bidder.standing.council == council:
        return bidder.standing.local_connection
    return _connected(policy, _facts(bidder), council, on_date)


def _connected(
    policy: PolicyDocument, household: HouseholdFacts, council: str, on: dt.date
) -> bool:
    return connection_check(policy.local_connection, household, Place(council), on).met


def _random_key(seed: str, bid_id: str) -> str:
    return hashlib.sha256(f"{seed}:{bid_id}".encode()).hexdigest()


# One order key read for every eligible bid, in arrival order: the sort values (smaller ranks first)
# and the (what, value) pairs shown for them.
_Column = tuple[Sequence[float | int | str], Sequence[tuple[str, object]]]

_first = itemgetter(0)  # an excluded bid's identifier
# Builds a `Placed` from its four fields in order, without a Python call per bid.
_placed = partial(tuple.__new__, Placed)
_cell = itemgetter(0, 1, 2)  # where a problem arose: bid, row, column


def rank(
    policy: PolicyDocument,
    home: Home,
    bidders: Sequence[Bidder],
    on_date: dt.date,
    *,
    seed: str = "",
    keyed: bool = False,
) -> ShortlistResult:
    """The shortlist for `home`: see the module's docstring. `seed`: the advert's identifier,
    which a random order key draws with. `keyed`: give each placed bid's order key too (see
    `rank_key`), to count later where a bid stands among others without ranking them again."""
    home, refused = _labels_allowed(policy, home)
    problems: list[str] = [refused] if refused else []
    priority = home.mobility_need if home.mobility_use == labels.PRIORITY else ""
    plan = next(
        (p for p in policy.shortlist.local_lettings_plans if p.code == home.lettings_plan), None
    )
    if home.lettings_plan and plan is None:
        problems.append(
            f"the local lettings plan {home.lettings_plan!r} is not in this policy; "
            "bids were ranked without it"
        )
    order = policy.shortlist.order
    plan_order = plan.order if plan is not None else ()
    uses_bands = policy.scheme == "bands" or any(key.key == "band" for key in (*order, *plan_order))
    ctx = _Context(
        policy=policy,
        home=home,
        home_view=home.view(),
        on_date=on_date,
        seed=seed,
        band_index=policy_compiled(policy).band_index if uses_bands else {},
        problems=[],
    )
    _check_facts(policy, home, bidders)
    bands = ctx.band_index if policy.scheme == "bands" else None
    check = _refusal_check(policy, home, on_date, bands, at_close=True, problems=ctx.problems)
    refusals = list(map(check, bidders))
    eligible = [b for b, refused in zip(bidders, refusals, strict=True) if refused is None]
    # Few distinct refusals among many bidders: each is worded once (they live until the end).
    worded: dict[int, str] = {}
    excluded = sorted(
        (
            Excluded(
                b.bid_id,
                b.standing.household_id,
                worded.get(id(refused)) or worded.setdefault(id(refused), refused.officer),
                refused,
            )
            for b, refused in zip(bidders, refusals, strict=True)
            if refused is not None
        ),
        key=_first,
    )
    bid_ids = [b.bid_id for b in eligible]
    sort_values: list[tuple[Any, ...]]
    shown: list[tuple[tuple[str, object], ...]]
    if plan is not None and plan.order and eligible:
        sort_values, shown = _plan_ordered(ctx, plan, order, eligible)
    else:
        # Each key is read for every bid at once (a column): far cheaper than bid by bid.
        columns: list[_Column] = []
        if eligible:
            if plan is not None:
                columns.append(_plan_column(ctx, plan, eligible))
            columns.extend(_key_column(ctx, key, n, eligible) for n, key in enumerate(order, 1))
        sort_values = list(zip(*(values for values, _ in columns), bid_ids, strict=True))
        shown = (
            list(zip(*(pairs for _, pairs in columns), strict=True))
            if columns
            else [()] * len(bid_ids)
        )
    if priority:
        needs = [b.standing.assessed_mobility for b in eligible]
        sort_values, shown = labels.priority_first(priority, needs, sort_values, shown)
    ranked = sorted(range(len(bid_ids)), key=sort_values.__getitem__)
    placed = zip(
        range(1, len(ranked) + 1),
        [bid_ids[i] for i in ranked],
        [eligible[i].standing.household_id for i in ranked],
        [shown[i] for i in ranked],
        strict=True,
    )
    return ShortlistResult(
        placed=tuple(map(_placed, placed)),
        excluded=tuple(excluded),
        problems=(*problems, *(found[3] for found in sorted(ctx.problems, key=_cell))),
        explanation=order_explained(policy, plan, mobility_first=priority),
        order_keys=(
            {bid_ids[i]: order_key(sort_values[i]) for i in range(len(bid_ids))} if keyed else {}
        ),
    )


def _plan_ordered(
    ctx: _Context, plan: LocalLettingsPlan, order: Sequence[OrderKey], bidders: Sequence[Bidder]
) -> tuple[list[tuple[Any, ...]], list[tuple[tuple[str, object], ...]]]:
    """Sort values and what is shown for a plan with its own order: the plan's group first;
    within the plan's groups the plan's order, and for bidders in none of them the scheme's
    usual order; the bid identifier last. Bids compared beyond the group are always in the same
    group, so they always have the same keys."""
    found, group_shown = _plan_column(ctx, plan, bidders)
    groups = [int(group) for group in found]  # each bid's group (len(plan.groups): none)
    outside = len(plan.groups)
    values: list[tuple[Any, ...]] = [()] * len(bidders)
    shown: list[tuple[tuple[str, object], ...]] = [()] * len(bidders)
    for keys, rows in (
        (plan.order, [i for i, group in enumerate(groups) if group < outside]),
        (order, [i for i, group in enumerate(groups) if group == outside]),
    ):
        chosen = [bidders[i] for i in rows]
        columns = [_key_column(ctx, key, n, chosen) for n, key in enumerate(keys, 1)]
        for j, i in enumerate(rows):
            values[i] = (groups[i], *(column[0][j] for column in columns), bidders[i].bid_id)
            shown[i] = (group_shown[i], *(column[1][j] for column in columns))
    return values, shown


def _variables(ctx: _Context, bidder: Bidder) -> dict[str, object]:
    s, on_date = bidder.standing, ctx.on_date
    view = household_view(
        _facts(bidder),
        bedrooms=s.bedroom_need,
        local_connection=s.local_connection,
        on_date=on_date,
        connection_test=ctx.policy.local_connection,
    )
    bid = BidView(
        band=s.band,
        points=s.points or 0,
        priority_date=s.priority_date or s.registration_date,
        registration_date=s.registration_date,
        bedroom_need=s.bedroom_need,
        local_connection=s.local_connection,
    )
    return {"household": view, "home": ctx.home_view, "bid": bid, "today": on_date}


def _plan_column(ctx: _Context, plan: LocalLettingsPlan, bidders: Sequence[Bidder]) -> _Column:
    names = [*(group.name for group in plan.groups), "not in a priority group"]
    found = [_plan_group(ctx, plan.groups, row, bidder) for row, bidder in enumerate(bidders)]
    return found, [(plan.name, names[group]) for group in found]


def _plan_group(ctx: _Context, groups: Sequence[PlanGroup], row: int, bidder: Bidder) -> int:
    household = _facts(bidder)
    for index, group in enumerate(groups):
        place = Place(ctx.home.council, ctx.home.parish)
        if not connection_check(group.connection, household, place, ctx.on_date).met:
            continue
        if group.when:
            try:
                ok = expression_compiled(group.when, "bid_condition").evaluate(
                    _variables(ctx, bidder)
                )
            except ExpressionRuntimeError as failure:
                message = f"{bidder.bid_id}: plan group {group.name}: {failure.message}"
                ctx.problems.append((bidder.bid_id, row, 0, message))
                continue
            if not ok:
                continue
        return index
    return len(groups)


_BELOW = " (ranked below uncapped households)"


def _key_column(ctx: _Context, key: OrderKey, column: int, bidders: Sequence[Bidder]) -> _Column:
    """One order key for every bid: what each bid sorts on and what is shown for it."""
    label = key_label(key)
    standings = [bidder.standing for bidder in bidders]
    match key.key:
        case "band":
            index = ctx.band_index
            # What is shown, made once per band rather than once per bid.
            uncapped = {code: (label, f"Band {code}") for code in index}
            below = {code: (label, f"Band {code}{_BELOW}") for code in index}
            return (
                [index[s.band] * 2 + (1 if s.ranked_below else 0) for s in standings],
                [(below if s.ranked_below else uncapped)[s.band] for s in standings],
            )
        case "points":
            points = [s.points or 0 for s in standings]
            return [-p for p in points], [(label, str(p)) for p in points]
        case "priority_date" | "registration_date":
            days = (
                [s.priority_date or s.registration_date for s in standings]
                if key.key == "priority_date"
                else [s.registration_date for s in standings]
            )
            return [day.toordinal() for day in days], [(label, day) for day in days]
        case "bedroom_match":
            bedrooms = ctx.home.bedrooms
            needs = [s.bedroom_need for s in standings]
            return (
                [0 if need == bedrooms else 1 for need in needs],
                [(label, "yes" if need == bedrooms else f"no (needs {need})") for need in needs],
            )
        case "no_housing_debt":
            return _yes_first(label, [s.housing_debt <= 0 for s in standings])
        case "local_connection":
            return _connection_column(ctx, key, column, label, bidders)
        case "transfer":
            wanted = key.prefer != "new"
            return (
                [0 if s.is_transfer == wanted else 1 for s in standings],
                [(label, "transfer" if s.is_transfer else "new applicant") for s in standings],
            )
        case "random":
            seed = ctx.seed
            return [_random_key(seed, b.bid_id) for b in bidders], [(label, "drawn")] * len(bidders)
        case _:
            return _expression_column(ctx, key, column, bidders)


def _connection_column(
    ctx: _Context, key: OrderKey, column: int, label: str, bidders: Sequence[Bidder]
) -> _Column:
    """A local connection, by the policy's test, to where `key` looks (`advert_place`),
    whichever register each bidder is on."""
    place = advert_place(ctx.home.council, ctx.home.parish, key.to)
    if place is None:
        message = f"{label}: the home has no area or parish, so nobody was placed first by it"
        if all(found[3] != message for found in ctx.problems):  # a plan's order reads it too
            ctx.problems.append(("", -1, column, message))
        return _yes_first(label, [False] * len(bidders))
    test, on = ctx.policy.local_connection, ctx.on_date
    return _yes_first(label, [connection_check(test, _facts(b), place, on).met for b in bidders])


def _yes_first(label: str, met: list[bool]) -> _Column:
    return [0 if yes else 1 for yes in met], [(label, "yes" if yes else "no") for yes in met]


def _expression_column(
    ctx: _Context, key: OrderKey, column: int, bidders: Sequence[Bidder]
) -> _Column:
    evaluate = expression_compiled(key.expression, "sort_key").evaluate
    values: list[float] = []
    shown: list[tuple[str, object]] = []
    for row, bidder in enumerate(bidders):
        try:
            variables = _variables(ctx, bidder)
            value = float(evaluate(variables))  # type: ignore[arg-type]
        except ExpressionRuntimeError as failure:
            message = f"{bidder.bid_id}: {key.label}: {failure.message}"
            ctx.problems.append((bidder.bid_id, row, column, message))
            values.append(float("inf"))
            shown.append((key.label, "could not be worked out"))
            continue
        values.append(value if key.prefer == "lower" else -value)
        shown.append((key.label, f"{value:g}"))
    return values, shown


def needs_full_facts(policy: PolicyDocument, home: Home, household_council: str) -> bool:
    """Whether ranking this home needs a bidder's full facts (people, address history), or only
    their `Standing`: what their stored assessment and household record hold. A bidder on the
    advertising council's own register has their local connection to it stored with their
    assessment. `rank` raises `ValueError` for a bid without full facts when this says it needs
    them."""
    keys = {key.key for key in policy.shortlist.order}
    if home.lettings_plan or keys & {"expression", "local_connection"} or policy.bidding.refusals:
        return True
    # Whose age counts, beyond the lead applicant's, is read from the household's people.
    if (home.minimum_age or home.maximum_age) and home.age_applies_to != labels.APPLICANT:
        return True
    if home.local_connection_scope == "none":
        return False
    return home.local_connection_scope == "partners" or household_council != home.council
