"""What a what-if simulation found: pure aggregation over assessments, no ORM.

A simulation assesses every household on a council's register twice, under the policy in force
(the baseline) and under a draft, and hands each pair to one or more *comparisons*. A comparison
is anything that follows the `Comparison` protocol: it is fed one `HouseholdOutcome` at a time
(so a register of any size is read in batches) and, at any moment, gives its findings as plain
JSON-ready data, which is what `SimulationRun.results` stores.

Comparisons today:

- `RegisterMovement` (key "register_movement"): where each household stands under each policy,
  the movement matrix (from → to), who moves up or down and why (need reasons and qualification
  rules gained and lost), and the equality profile of the households that move against the whole
  register. Households whose assessment reported rule failures are kept apart as problems. It
  also lists the orders shortlists would be placed in that the draft changes (the scheme's, and
  each local lettings plan's own order within its groups: `shortlist_orders_changed`), since
  those move no one on the register but change who is offered a home.

- `ShortlistReplay` (key "shortlist_replay", in `hearth.policy.simulation.replay`): who would
  have been first on each of the council's shortlists in its last closed cycles under the
  draft. Past bidders are not today's register (many have been housed, some are on another
  partner's register), so it takes nothing through `add`: the run reads each closed cycle
  through `hearth.policy.past_lettings` and hands it to the replay's `cycle_add`.

Everything here is a pure function of its inputs; labels shown to people are resolved when a
page or a CSV file is made (`category_label`, `equality_tables`, `movers_csv_rows`), so stored
results do not depend on the language of whoever ran the simulation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hearth.policy.rules.assess import (
    INELIGIBLE,
    NOT_QUALIFYING,
    QUALIFIES,
    Assessment,
    assess,
)
from hearth.policy.rules.document import OrderKey, PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts, PersonFacts, age_on

# Where a household stands when there was no policy in force to compare the draft with.
NO_POLICY = "no_policy"
UP, DOWN, SAME, CHANGED = "up", "down", "same", "changed"
DIRECTIONS = (UP, DOWN, CHANGED, SAME)
BASELINE, DRAFT = "baseline", "draft"

# Points schemes are shown in bands of points; the narrowest width that keeps the matrix to
# about ten rows is used.
POINTS_WIDTHS = (20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000)
POINTS_MAX_ROWS = 10

_STATUS_RANK = {INELIGIBLE: 0, NOT_QUALIFYING: 1, QUALIFIES: 2}


# --- One household under one policy ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Position:
    """Where a household stands under one policy."""

    status: str  # qualifies | not_qualifying | ineligible | no_policy
    band: str = ""
    points: int | None = None
    # (code, label, band, points) of each need reason that applies
    needs: tuple[tuple[str, str, str, int], ...] = ()
    refusals: tuple[str, ...] = ()  # the qualification rules that refuse, as their text

    @classmethod
    def of(cls, assessment: Assessment | None) -> Position:
        if assessment is None:
            return cls(status=NO_POLICY)
        return cls(
            status=assessment.status,
            band=assessment.band,
            points=assessment.points,
            needs=tuple((n.code, n.label, n.band, n.points) for n in assessment.needs),
            refusals=assessment.reasons_not_qualifying,
        )

    def data(self) -> dict[str, Any]:
        return {"status": self.status, "band": self.band, "points": self.points}


def position_key(position: Position) -> str:
    """The matrix category before points are grouped: "band:A", "points:37", or a status."""
    if position.status != QUALIFIES:
        return position.status
    if position.points is not None:
        return f"points:{position.points}"
    return f"band:{position.band}"


def direction(before: Position, after: Position, band_order: Sequence[str]) -> str:
    """Up (more priority under the draft), down, same, or changed (cannot be compared: no
    policy in force, or a move between a banded and a points scheme or to a band that only
    one of the two policies has)."""
    if before.status == NO_POLICY:
        return CHANGED
    if before.status != after.status:
        return UP if _STATUS_RANK[after.status] > _STATUS_RANK[before.status] else DOWN
    if before.status != QUALIFIES:
        return SAME
    if before.points is not None and after.points is not None:
        if after.points == before.points:
            return SAME
        return UP if after.points > before.points else DOWN
    if before.points is None and after.points is None:
        if before.band == after.band:
            return SAME
        if before.band in band_order and after.band in band_order:
            # Earlier in the order is the higher band.
            return UP if band_order.index(after.band) < band_order.index(before.band) else DOWN
    return CHANGED


def bands_merged(baseline: Sequence[str], draft: Sequence[str]) -> list[str]:
    """One order for the bands of both policies, highest first: the draft's order, with any band
    only the policy in force has placed just after the band it follows there."""
    merged = list(draft)
    for i, code in enumerate(baseline):
        if code in merged:
            continue
        before = next((b for b in reversed(baseline[:i]) if b in merged), None)
        merged.insert(merged.index(before) + 1 if before is not None else 0, code)
    return merged


# --- Assessing one household --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HouseholdOutcome:
    """One household's facts and its assessments under the policy in force and the draft.

    `baseline` is None when no policy was in force. `problems` lists rule failures (and any
    other failure to assess) as (which policy, message); such a household is reported, not
    compared, and the run goes on. `unrecognised` lists officer awards a policy has no need
    reason for, as (which policy, code): they count for nothing under that policy, which is
    what a draft that drops an officer-awarded reason means, so they are a finding, not a
    failure.
    """

    reference: str
    facts: HouseholdFacts
    baseline: Assessment | None
    draft: Assessment | None
    problems: tuple[tuple[str, str], ...] = ()
    unrecognised: tuple[tuple[str, str], ...] = ()


def awards_unrecognised(
    policy: PolicyDocument, facts: HouseholdFacts, on_date: dt.date
) -> list[str]:
    """The codes of the household's officer awards in force that `policy` has no reason for."""
    known = {reason.code for reason in policy.need_reasons}
    return sorted({a.code for a in facts.need_awards if a.awarded_on <= on_date} - known)


def _award_warning(codes: Sequence[str]) -> str:
    """The engine's own note about such awards (see `hearth.policy.rules.assess`). Should its
    wording ever change, the note counts as a failure again: safe, only stricter."""
    return f"awards not in this policy: {', '.join(codes)}"


def outcome_assess(
    *,
    reference: str,
    facts: HouseholdFacts,
    baseline: PolicyDocument | None,
    draft: PolicyDocument,
    on_date: dt.date,
) -> HouseholdOutcome:
    """Assess one household under both policies. Never raises: failures become problems."""
    problems: list[tuple[str, str]] = []
    unrecognised: list[tuple[str, str]] = []
    assessments: dict[str, Assessment | None] = {BASELINE: None, DRAFT: None}
    for which, policy in ((BASELINE, baseline), (DRAFT, draft)):
        if policy is None:
            continue
        try:
            found = assess(policy, facts, on_date)
        except Exception as failure:  # one unreadable household must not stop the run
            problems.append((which, f"the assessment stopped: {failure!r}"))
            continue
        assessments[which] = found
        codes = awards_unrecognised(policy, facts, on_date)
        unrecognised.extend((which, code) for code in codes)
        warning = _award_warning(codes) if codes else None
        problems.extend((which, message) for message in found.problems if message != warning)
    return HouseholdOutcome(
        reference=reference,
        facts=facts,
        baseline=assessments[BASELINE],
        draft=assessments[DRAFT],
        problems=tuple(problems),
        unrecognised=tuple(unrecognised),
    )


# --- Equality monitoring --------------------------------------------------------------------------

AGE, DISABILITY, ETHNICITY, HOUSEHOLD_TYPE, SEX = (
    "age",
    "disability",
    "ethnicity",
    "household_type",
    "sex",
)
EQUALITY_DIMENSIONS = (AGE, DISABILITY, ETHNICITY, HOUSEHOLD_TYPE, SEX)
AGE_BANDS = ("under_16", "16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus")
HOUSEHOLD_TYPES = ("single", "couple", "lone_parent", "couple_with_children", "other")
NOT_KNOWN = "not_known"


def age_band(age: int) -> str:
    """The equality-monitoring age band for a completed age in years."""
    if age < 16:
        return "under_16"
    if age >= 75:
        return "75_plus"
    for low in (16, 25, 35, 45, 55, 65):
        high = 24 if low == 16 else low + 9
        if age <= high:
            return f"{low}_{high}"
    raise AssertionError(age)  # pragma: no cover - every age below 75 falls in a band above


def household_type(facts: HouseholdFacts, on_date: dt.date) -> str:
    """single, couple, lone_parent, couple_with_children or other.

    The lead and their partner (linked as partners, or recorded as the lead's partner) count as
    adults whatever their age; anyone else under 18 is a child and anyone else 18 or over is
    another adult, which makes the household "other".
    """
    if not facts.members:
        return NOT_KNOWN
    lead = facts.lead
    others = [m for m in facts.members if m is not lead]
    partners = [m for m in others if _partners(lead, m)]
    rest = [m for m in others if m not in partners]
    children = [m for m in rest if age_on(m.date_of_birth, on_date) < 18]
    other_adults = len(rest) - len(children)
    if other_adults or len(partners) > 1:
        return "other"
    if partners:
        return "couple_with_children" if children else "couple"
    return "lone_parent" if children else "single"


def _partners(lead: PersonFacts, person: PersonFacts) -> bool:
    return (
        person.relationship == "partner"
        or lead.partner_id == person.person_id
        or person.partner_id == lead.person_id
    )


def equality_profile(facts: HouseholdFacts, on_date: dt.date) -> dict[str, str]:
    """The household's equality-monitoring categories (lead's age, ethnicity and sex; anyone
    disabled; household type). Never used to decide anything."""
    if not facts.members:
        return dict.fromkeys(EQUALITY_DIMENSIONS, NOT_KNOWN)
    lead = facts.lead
    return {
        AGE: age_band(age_on(lead.date_of_birth, on_date)),
        DISABILITY: "disabled" if any(m.disabled for m in facts.members) else "not_disabled",
        ETHNICITY: lead.ethnicity or NOT_KNOWN,
        HOUSEHOLD_TYPE: household_type(facts, on_date),
        SEX: lead.sex or NOT_KNOWN,
    }


# --- Comparisons --------------------------------------------------------------------------------


class Comparison(Protocol):
    """One thing a simulation measures (see the module docstring for the ones there are)."""

    key: str

    def add(self, outcome: HouseholdOutcome) -> None:
        """Take one household's outcome into account."""

    def data(self) -> dict[str, Any]:
        """The findings so far, as JSON-ready data."""

    def problems(self) -> list[dict[str, Any]]:
        """Households that could not be assessed, as JSON-ready data."""


@dataclass
class RegisterMovement:
    """Where households stand under the draft compared with the policy in force."""

    baseline: PolicyDocument | None
    draft: PolicyDocument
    on_date: dt.date
    key: str = "register_movement"
    households: int = 0
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    directions: Counter[str] = field(default_factory=Counter)
    movers: list[dict[str, Any]] = field(default_factory=list)
    equality: dict[str, dict[str, Counter[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter))
    )
    failed: list[dict[str, Any]] = field(default_factory=list)
    unrecognised: dict[str, Counter[str]] = field(
        default_factory=lambda: {BASELINE: Counter(), DRAFT: Counter()}
    )
    band_order: list[str] = field(init=False)

    def __post_init__(self) -> None:
        baseline = [b.code for b in self.baseline.bands] if self.baseline is not None else []
        self.band_order = bands_merged(baseline, [b.code for b in self.draft.bands])

    def add(self, outcome: HouseholdOutcome) -> None:
        self.households += 1
        profile = equality_profile(outcome.facts, self.on_date)
        _count(self.equality["register"], profile)
        for which, code in outcome.unrecognised:
            self.unrecognised[which][code] += 1
        if outcome.problems or outcome.draft is None:
            self.failed.append(
                {
                    "household_id": outcome.facts.household_id,
                    "reference": outcome.reference,
                    "problems": [{"under": w, "message": m} for w, m in outcome.problems],
                }
            )
            return
        before, after = Position.of(outcome.baseline), Position.of(outcome.draft)
        self.pairs[(position_key(before), position_key(after))] += 1
        moved = direction(before, after, self.band_order)
        self.directions[moved] += 1
        if moved == SAME:
            return
        _count(self.equality[moved], profile)
        self.movers.append(mover_record(outcome, before, after, moved))

    def data(self) -> dict[str, Any]:
        rows, columns, counts = movement_matrix(
            self.pairs,
            baseline_scheme=self.baseline.scheme if self.baseline is not None else None,
            draft_scheme=self.draft.scheme,
            baseline_bands=[b.code for b in self.baseline.bands] if self.baseline else [],
            draft_bands=[b.code for b in self.draft.bands],
        )
        labels = {b.code: b.label for b in self.baseline.bands} if self.baseline else {}
        labels.update({b.code: b.label for b in self.draft.bands})
        return {
            "households": self.households,
            "compared": sum(self.directions.values()),
            "problems": len(self.failed),
            "directions": {d: self.directions.get(d, 0) for d in DIRECTIONS},
            "matrix": {"rows": rows, "columns": columns, "counts": counts},
            "band_labels": labels,
            "unrecognised_awards": {
                which: dict(sorted(found.items())) for which, found in self.unrecognised.items()
            },
            "movers": self.movers,
            "shortlist_orders": shortlist_orders_changed(self.baseline, self.draft),
            "equality": {
                group: {dim: dict(sorted(found.items())) for dim, found in dims.items()}
                for group, dims in sorted(self.equality.items())
            },
        }

    def problems(self) -> list[dict[str, Any]]:
        return self.failed


def _keys(order: Sequence[OrderKey]) -> list[dict[str, str]]:
    return [dataclasses.asdict(key) for key in order]


def shortlist_orders_changed(
    baseline: PolicyDocument | None, draft: PolicyDocument
) -> list[dict[str, Any]]:
    """The shortlist orders the draft changes: the scheme's usual order (plan "") and each local
    lettings plan's own order within its groups, as {"plan", "name", "now", "draft"}, where an
    order is a list of order keys as data and None means the plan has none of its own (the
    scheme's usual order applies). A plan only one of the two policies has counts as changed."""
    if baseline is None:
        return []
    found: list[dict[str, Any]] = []
    if baseline.shortlist.order != draft.shortlist.order:
        found.append(
            {
                "plan": "",
                "name": "",
                "now": _keys(baseline.shortlist.order),
                "draft": _keys(draft.shortlist.order),
            }
        )
    before = {plan.code: plan for plan in baseline.shortlist.local_lettings_plans}
    after = {plan.code: plan for plan in draft.shortlist.local_lettings_plans}
    for code in [*after, *(c for c in before if c not in after)]:
        old, new = before.get(code), after.get(code)
        if old is not None and new is not None and old.order == new.order:
            continue
        if not (old is not None and old.order) and not (new is not None and new.order):
            continue  # the scheme's order, now and in the draft
        found.append(
            {
                "plan": code,
                "name": (new or old).name,  # type: ignore[union-attr]
                "now": _keys(old.order) if old is not None and old.order else None,
                "draft": _keys(new.order) if new is not None and new.order else None,
            }
        )
    return found


def _count(into: dict[str, Counter[str]], profile: Mapping[str, str]) -> None:
    for dimension, category in profile.items():
        into[dimension][category] += 1


def mover_record(
    outcome: HouseholdOutcome, before: Position, after: Position, moved: str
) -> dict[str, Any]:
    """Who moved, from where to where, and why: the need reasons gained and lost, the reasons
    that count for a different band or number of points, and the qualification rules that
    refuse now or no longer refuse. A household that does not qualify under the draft has no
    need reasons worked out, so the rule that refuses it is the reason given, not a list of
    every need it "lost"; one that starts qualifying lists the reasons that place it."""
    compare_needs = after.status == QUALIFIES
    was = {code: (label, band, points) for code, label, band, points in before.needs}
    now = {code: (label, band, points) for code, label, band, points in after.needs}
    if not compare_needs:
        was, now = {}, {}
    return {
        "household_id": outcome.facts.household_id,
        "reference": outcome.reference,
        "direction": moved,
        "from": before.data(),
        "to": after.data(),
        "needs_gained": [{"code": c, "label": now[c][0]} for c in now if c not in was],
        "needs_lost": [{"code": c, "label": was[c][0]} for c in was if c not in now],
        "needs_changed": [
            {
                "code": c,
                "label": now[c][0],
                "from": {"band": was[c][1], "points": was[c][2]},
                "to": {"band": now[c][1], "points": now[c][2]},
            }
            for c in now
            if c in was and now[c][1:] != was[c][1:]
        ],
        "refusals_gained": [r for r in after.refusals if r not in before.refusals],
        "refusals_lost": [r for r in before.refusals if r not in after.refusals],
    }


def points_width(highest: int) -> int:
    """The width of each group of points, so that 0 to `highest` fits in about ten rows."""
    for width in POINTS_WIDTHS:
        if highest // width < POINTS_MAX_ROWS:
            return width
    return POINTS_WIDTHS[-1] * (highest // (POINTS_WIDTHS[-1] * POINTS_MAX_ROWS) + 1)


def _points_group(key: str, width: int) -> str:
    if not key.startswith("points:"):
        return key
    low = int(key.removeprefix("points:")) // width * width
    return f"points:{low}:{low + width - 1}"


def _axis(scheme: str | None, bands: Sequence[str], highest: int, width: int) -> list[str]:
    if scheme is None:
        return [NO_POLICY]
    if scheme == "points":
        lows = range(highest // width * width, -1, -width)  # highest points first
        qualifying = [f"points:{low}:{low + width - 1}" for low in lows]
    else:
        qualifying = [f"band:{code}" for code in bands]
    return [*qualifying, NOT_QUALIFYING, INELIGIBLE]


def movement_matrix(
    pairs: Mapping[tuple[str, str], int],
    *,
    baseline_scheme: str | None,
    draft_scheme: str,
    baseline_bands: Sequence[str],
    draft_bands: Sequence[str],
) -> tuple[list[str], list[str], list[list[int]]]:
    """Rows (under the policy in force), columns (under the draft) and the count in each cell.

    Bands are listed highest first, then points groups highest first, then "not qualifying"
    and "ineligible". When both policies are of the same kind the rows and columns are the
    same list, so the diagonal holds the households that stay where they are.
    """
    points = [int(k.removeprefix("points:")) for pair in pairs for k in pair if "points:" in k]
    highest = max(points, default=0)
    width = points_width(highest)
    if baseline_scheme == draft_scheme == "bands":
        merged = bands_merged(baseline_bands, draft_bands)
        rows = columns = _axis("bands", merged, highest, width)
    else:
        rows = _axis(baseline_scheme, baseline_bands, highest, width)
        columns = _axis(draft_scheme, draft_bands, highest, width)
    grouped: Counter[tuple[str, str]] = Counter()
    for (before, after), count in pairs.items():
        grouped[(_points_group(before, width), _points_group(after, width))] += count
    # A band not in a policy's list cannot happen for a valid document; keep any such count.
    rows = rows + sorted({b for b, _a in grouped} - set(rows))
    columns = columns + sorted({a for _b, a in grouped} - set(columns))
    counts = [[grouped.get((row, column), 0) for column in columns] for row in rows]
    return list(rows), list(columns), counts
