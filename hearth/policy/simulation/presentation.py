"""Simulation results as people read them: labels, tables, the chart's rows, CSV files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hearth.policy.documents.readable import order_key_text
from hearth.policy.rules.assess import INELIGIBLE, NOT_QUALIFYING, QUALIFIES
from hearth.policy.rules.document import OrderKey
from hearth.policy.simulation.results import (
    AGE,
    BASELINE,
    CHANGED,
    DISABILITY,
    DOWN,
    DRAFT,
    EQUALITY_DIMENSIONS,
    ETHNICITY,
    HOUSEHOLD_TYPE,
    NO_POLICY,
    NOT_KNOWN,
    SAME,
    SEX,
    UP,
)

# --- Presenting results ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderChange:
    """A shortlist order the draft changes, as people read it."""

    what: str  # "The scheme's usual order" or the plan's name
    now: str
    draft: str


def _order_text(keys: list[dict[str, str]] | None) -> str:
    if keys is None:
        return _("The scheme's usual order within its groups")
    return "; ".join(order_key_text(OrderKey(**key)) for key in keys)


def shortlist_order_changes(orders: Iterable[Mapping[str, Any]]) -> list[OrderChange]:
    """The stored `shortlist_orders` of a run, in words (see `shortlist_orders_changed`)."""
    return [
        OrderChange(
            what=_("The scheme's usual order")
            if not order["plan"]
            else _("The %(name)s plan, within its groups") % {"name": order["name"]},
            now=_order_text(order["now"]),
            draft=_order_text(order["draft"]),
        )
        for order in orders
    ]


def category_label(key: str, band_labels: Mapping[str, str]) -> str:
    """What a matrix category is called on the page and in CSV files."""
    if key.startswith("band:"):
        code = key.removeprefix("band:")
        return band_labels.get(code) or _("Band %(code)s") % {"code": code}
    if key.startswith("points:"):
        low, high = key.removeprefix("points:").split(":")
        return _("%(low)s to %(high)s points") % {"low": low, "high": high}
    return {
        NOT_QUALIFYING: _("Not qualifying"),
        INELIGIBLE: _("Ineligible"),
        NO_POLICY: _("No policy in force"),
    }.get(key, key)


def position_label(position: Mapping[str, Any], band_labels: Mapping[str, str]) -> str:
    """A stored position ({"status", "band", "points"}) in words: "Band A", "45 points"."""
    status = position.get("status")
    if status != QUALIFIES:
        return category_label(str(status), band_labels)
    if position.get("points") is not None:
        return _("%(points)s points") % {"points": position["points"]}
    return category_label(f"band:{position.get('band', '')}", band_labels)


def worth_label(worth: Mapping[str, Any], band_labels: Mapping[str, str]) -> str:
    """What one need reason is worth: its band, or its points."""
    if worth.get("band"):
        return category_label(f"band:{worth['band']}", band_labels)
    return _("%(points)s points") % {"points": worth.get("points", 0)}


def need_changed_label(change: Mapping[str, Any], band_labels: Mapping[str, str]) -> str:
    """ "Overcrowded by 1 bedroom: Band A (was Band B)"."""
    return _("%(reason)s: %(now)s (was %(was)s)") % {
        "reason": change["label"],
        "now": worth_label(change["to"], band_labels),
        "was": worth_label(change["from"], band_labels),
    }


def direction_label(moved: str) -> str:
    return {
        UP: _("Moves up"),
        DOWN: _("Moves down"),
        SAME: _("Stays the same"),
        CHANGED: _("Changes (cannot be compared)"),
    }.get(moved, moved)


@dataclass(frozen=True, slots=True)
class MatrixRow:
    key: str
    label: str
    cells: tuple[int, ...]
    total: int


@dataclass(frozen=True, slots=True)
class Matrix:
    columns: tuple[str, ...]  # labels
    rows: tuple[MatrixRow, ...]
    column_totals: tuple[int, ...]
    total: int


def matrix_view(matrix: Mapping[str, Any], band_labels: Mapping[str, str]) -> Matrix:
    counts: list[list[int]] = matrix.get("counts", [])
    rows = tuple(
        MatrixRow(key=k, label=category_label(k, band_labels), cells=tuple(c), total=sum(c))
        for k, c in zip(matrix.get("rows", []), counts, strict=True)
    )
    columns = [category_label(k, band_labels) for k in matrix.get("columns", [])]
    totals = tuple(sum(r.cells[i] for r in rows) for i in range(len(columns)))
    return Matrix(
        columns=tuple(columns), rows=rows, column_totals=totals, total=sum(r.total for r in rows)
    )


@dataclass(frozen=True, slots=True)
class ShareCell:
    count: int
    percent: float


@dataclass(frozen=True, slots=True)
class EqualityRow:
    category: str
    label: str
    register: ShareCell
    up: ShareCell
    down: ShareCell


@dataclass(frozen=True, slots=True)
class EqualityTable:
    dimension: str
    title: str
    rows: tuple[EqualityRow, ...]
    totals: tuple[int, int, int]  # register, moving up, moving down


def percent(count: int, total: int) -> float:
    """`count` as a percentage of `total`, to one decimal place (0 when `total` is 0)."""
    return round(100 * count / total, 1) if total else 0.0


def _equality_labels(ethnicity_labels: Mapping[str, str]) -> dict[str, dict[str, str]]:
    ages = {
        "under_16": _("Under 16"),
        "16_24": _("16 to 24"),
        "25_34": _("25 to 34"),
        "35_44": _("35 to 44"),
        "45_54": _("45 to 54"),
        "55_64": _("55 to 64"),
        "65_74": _("65 to 74"),
        "75_plus": _("75 and over"),
    }
    return {
        AGE: ages,
        DISABILITY: {
            "disabled": _("Someone in the household is disabled"),
            "not_disabled": _("No one in the household is disabled"),
        },
        ETHNICITY: dict(ethnicity_labels),
        HOUSEHOLD_TYPE: {
            "single": _("Single person"),
            "couple": _("Couple"),
            "lone_parent": _("Lone parent"),
            "couple_with_children": _("Couple with children"),
            "other": _("Other household"),
        },
        SEX: {"female": _("Female"), "male": _("Male")},
    }


def equality_tables(
    equality: Mapping[str, Mapping[str, Mapping[str, int]]],
    *,
    ethnicity_labels: Mapping[str, str],
    groups: tuple[str, str, str] = ("register", UP, DOWN),
) -> list[EqualityTable]:
    """One table per equality dimension: each category's count and percentage in the whole
    register, among households moving up and among households moving down (or in the three
    `groups` given: a replay compares every bid with the households gaining and losing first
    place, in the same three columns).

    Categories are listed in their natural order (ages youngest first, ethnic groups in the
    order of `ethnicity_labels`), then "not known"; a category nobody in the first group is in
    is left out.
    """
    labels = _equality_labels(ethnicity_labels)
    titles = {
        AGE: _("Age of the lead applicant"),
        DISABILITY: _("Disability"),
        ETHNICITY: _("Ethnic group of the lead applicant"),
        HOUSEHOLD_TYPE: _("Household type"),
        SEX: _("Sex of the lead applicant"),
    }
    tables = []
    for dimension in EQUALITY_DIMENSIONS:
        register, up, down = [equality.get(g, {}).get(dimension, {}) for g in groups]
        totals = (sum(register.values()), sum(up.values()), sum(down.values()))
        known = labels[dimension]
        order = [c for c in known if c in register]
        order += sorted(c for c in register if c not in known and c != NOT_KNOWN)
        if NOT_KNOWN in register:
            order.append(NOT_KNOWN)
        rows = tuple(
            EqualityRow(
                category=category,
                label=known.get(category)
                or (_("Not known") if category == NOT_KNOWN else category),
                register=ShareCell(
                    register.get(category, 0), percent(register.get(category, 0), totals[0])
                ),
                up=ShareCell(up.get(category, 0), percent(up.get(category, 0), totals[1])),
                down=ShareCell(down.get(category, 0), percent(down.get(category, 0), totals[2])),
            )
            for category in order
        )
        tables.append(EqualityTable(dimension, titles[dimension], rows, totals))
    return tables


@dataclass(frozen=True, slots=True)
class DistributionRow:
    label: str
    now: int
    draft: int

    @property
    def change(self) -> int:
        return self.draft - self.now


def distribution(matrix: Matrix) -> list[DistributionRow]:
    """How many households are in each category now and under the draft, from the matrix.

    When both policies list the same categories (the usual case) each category is one row;
    otherwise the policy in force's categories come first, then the draft's.
    """
    now = {row.label: row.total for row in matrix.rows}
    draft = dict(zip(matrix.columns, matrix.column_totals, strict=True))
    labels = [row.label for row in matrix.rows]
    labels += [label for label in matrix.columns if label not in now]
    return [DistributionRow(label, now.get(label, 0), draft.get(label, 0)) for label in labels]


# --- CSV files ------------------------------------------------------------------------------------


def csv_safe(value: object) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def movers_csv_rows(
    movers: Iterable[Mapping[str, Any]], band_labels: Mapping[str, str]
) -> Iterator[list[str]]:
    yield [
        _("Household reference"),
        _("Movement"),
        _("Under the policy in force"),
        _("Under the draft"),
        _("Need reasons gained"),
        _("Need reasons lost"),
        _("Need reasons that count differently"),
        _("Qualification rules now refusing"),
        _("Qualification rules no longer refusing"),
    ]
    for mover in movers:
        yield [
            csv_safe(value)
            for value in (
                mover["reference"],
                direction_label(mover["direction"]),
                position_label(mover["from"], band_labels),
                position_label(mover["to"], band_labels),
                "; ".join(n["label"] for n in mover["needs_gained"]),
                "; ".join(n["label"] for n in mover["needs_lost"]),
                "; ".join(
                    need_changed_label(n, band_labels) for n in mover.get("needs_changed", [])
                ),
                "; ".join(mover["refusals_gained"]),
                "; ".join(mover["refusals_lost"]),
            )
        ]


def matrix_csv_rows(matrix: Matrix) -> Iterator[list[str]]:
    yield [_("Under the policy in force / under the draft"), *map(csv_safe, matrix.columns)]
    for row in matrix.rows:
        yield [csv_safe(row.label), *(str(c) for c in row.cells)]


# --- Pages ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MoverRow:
    reference: str
    direction: str
    direction_label: str
    before: str
    after: str
    needs_gained: tuple[str, ...]
    needs_lost: tuple[str, ...]
    needs_changed: tuple[str, ...]
    refusals_gained: tuple[str, ...]
    refusals_lost: tuple[str, ...]


def mover_rows(
    movers: Iterable[Mapping[str, Any]], band_labels: Mapping[str, str]
) -> list[MoverRow]:
    """Stored movers as the rows of the "who moves" table."""
    return [
        MoverRow(
            reference=m["reference"],
            direction=m["direction"],
            direction_label=direction_label(m["direction"]),
            before=position_label(m["from"], band_labels),
            after=position_label(m["to"], band_labels),
            needs_gained=tuple(n["label"] for n in m["needs_gained"]),
            needs_lost=tuple(n["label"] for n in m["needs_lost"]),
            needs_changed=tuple(
                need_changed_label(n, band_labels) for n in m.get("needs_changed", [])
            ),
            refusals_gained=tuple(m["refusals_gained"]),
            refusals_lost=tuple(m["refusals_lost"]),
        )
        for m in movers
    ]


def unrecognised_rows(unrecognised: Mapping[str, Mapping[str, int]]) -> list[tuple[str, int, int]]:
    """(award code, households under the draft, under the policy in force), by code."""
    draft, baseline = unrecognised.get(DRAFT, {}), unrecognised.get(BASELINE, {})
    return [
        (code, draft.get(code, 0), baseline.get(code, 0)) for code in sorted({*draft, *baseline})
    ]


@dataclass(frozen=True, slots=True)
class ProblemGroup:
    under: str  # baseline | draft
    message: str
    references: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.references)


def problems_grouped(problems: Iterable[Mapping[str, Any]]) -> list[ProblemGroup]:
    """The same failure for many households reads better once, with the households listed:
    one group per (policy, message), the largest first, households in register order."""
    found: dict[tuple[str, str], list[str]] = {}
    for household in problems:
        for problem in household.get("problems", []):
            key = (str(problem.get("under", DRAFT)), str(problem.get("message", "")))
            references = found.setdefault(key, [])
            if household["reference"] not in references:
                references.append(household["reference"])
    groups = [ProblemGroup(under, message, tuple(refs)) for (under, message), refs in found.items()]
    return sorted(groups, key=lambda g: (g.under != DRAFT, -g.count))


# --- Past shortlists replayed ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReplayRow:
    """One replayed advert, as people read it."""

    advert: str
    home: str
    bedrooms: int
    closed: dt.date
    policy_then: int | None
    bids: int
    first_then: str  # household reference, "" if nobody was placed
    first_draft: str
    first_draft_standing: str  # "Band A", "45 points"
    first_then_under_draft: str  # "Would be number 3", "Would not be eligible: ..."
    changed: bool
    reproduced: bool | None
    unassessed: tuple[str, ...]
    problems: tuple[str, ...]


def _under_draft(found: Mapping[str, Any] | None, band_labels: Mapping[str, str]) -> str:
    if not found:
        return ""
    standing = position_label(found["position"], band_labels) if found.get("position") else ""
    if found.get("place") is not None:
        text = _("Would be number %(place)s") % {"place": found["place"]}
    elif found.get("reason"):
        text = _("Would not be placed: %(reason)s") % {"reason": found["reason"]}
    else:
        return standing
    return f"{text} ({standing})" if standing else text


def replay_rows(
    rows: Iterable[Mapping[str, Any]], band_labels: Mapping[str, str]
) -> list[ReplayRow]:
    """Stored replay rows (see `hearth.policy.simulation.replay`) as table rows."""
    return [
        ReplayRow(
            advert=row["advert"],
            home=row["home"],
            bedrooms=row.get("bedrooms", 0),
            closed=dt.date.fromisoformat(row["closed"]),
            policy_then=row.get("policy_then"),
            bids=row["bids"],
            first_then=row["first_then"],
            first_draft=row["first_draft"],
            first_draft_standing=position_label(row["first_draft_position"], band_labels)
            if row.get("first_draft_position")
            else "",
            first_then_under_draft=_under_draft(row.get("first_then_under_draft"), band_labels),
            changed=row["changed"],
            reproduced=row.get("reproduced"),
            unassessed=tuple(row.get("unassessed", ())),
            problems=tuple(row.get("problems", ())),
        )
        for row in rows
    ]
