"""Replaying closed shortlists under a draft: who would have been first? Pure, no ORM.

`ShortlistReplay` (key "shortlist_replay") is a `Comparison` of a what-if simulation. It is not
fed the register as it stands today (its `add` takes nothing from it): a past shortlist was made
from the households that bid, as they stood on the close day, and many of those households have
since been housed or were on another partner's register. So the run reads each closed cycle
through `hearth.policy.past_lettings` and hands it to `cycle_add`, which, for every bid the
shortlist counted:

- assesses the bidder's facts as on the close day under the draft and under the version the
  shortlist was ranked with (`outcome_assess`, as the register comparison does), and
- ranks the advert's bids again under each with `hearth.policy.rules.rank.rank`, with the same
  seed as the shortlist, so a random draw falls the same way.

It reports, per advert, who was first at the close, who would be first under the draft and
where the household that was first would stand; how many adverts would have a different first;
and the equality profile of every bid, of the households that would gain first place and of
those that would lose it. The ranking under the version of the time checks the comparison: when
it does not put the same household first (records changed since the close, say), the advert is
marked as not reproduced, so a change is not put down to the draft alone.

Only bids that were placed are replayed: households who did not bid (because the labels or the
policy of the time kept them out, or they chose not to) are not invented.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hearth.policy.past_lettings import PastBid, PastCycleBids, PastShortlist
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.rank import Bidder, ShortlistResult, rank
from hearth.policy.simulation.results import (
    DRAFT,
    HouseholdOutcome,
    Position,
    equality_profile,
    outcome_assess,
)

REPLAY_KEY = "shortlist_replay"
# How many closed cycles a run replays, newest first: enough to see a pattern over a quarter
# of weekly cycles, few enough that a run stays a matter of minutes on a large scheme.
REPLAY_CYCLES = 12
# Equality groups: every bid replayed, and the households that would gain or lose first place.
BIDS, GAIN, LOSE = "bids", "gain", "lose"
UNASSESSED = "could not be assessed under the draft"


@dataclass(frozen=True, slots=True)
class PolicyThen:
    """The version a past shortlist was ranked under: its number and document (None if the
    document no longer reads, so it cannot be applied again)."""

    number: int
    document: PolicyDocument | None


def _first(result: ShortlistResult | None) -> str:
    return result.placed[0].household_id if result is not None and result.placed else ""


@dataclass
class ShortlistReplay:
    """Past shortlists ranked again under the draft (see the module docstring)."""

    draft: PolicyDocument
    limit: int = REPLAY_CYCLES
    key: str = REPLAY_KEY
    cycles: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    bids: int = 0
    unassessed: int = 0
    equality: dict[str, dict[str, Counter[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter))
    )
    band_labels: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.band_labels = {b.code: b.label for b in self.draft.bands}

    def add(self, outcome: HouseholdOutcome) -> None:
        """Nothing to take from today's register: past bidders are read as on each close."""

    def cycle_add(self, past: PastCycleBids, policies: Mapping[str, PolicyThen]) -> None:
        """Replay one closed cycle's shortlists. `policies` holds (at least) the version each
        shortlist was ranked under, by identifier."""
        outcomes: dict[tuple[str, str], HouseholdOutcome | None] = {}

        def outcome(household_id: str, version_id: str) -> HouseholdOutcome | None:
            key = (household_id, version_id)
            if key not in outcomes:
                facts = past.households.get(household_id)
                then = policies.get(version_id)
                outcomes[key] = (
                    None
                    if facts is None
                    else outcome_assess(
                        reference="",
                        facts=facts,
                        baseline=then.document if then is not None else None,
                        draft=self.draft,
                        on_date=past.on_date,
                    )
                )
            return outcomes[key]

        for shortlist in past.shortlists:
            then = policies.get(shortlist.policy_version_id)
            if then is not None and then.document is not None:
                for band in then.document.bands:
                    self.band_labels.setdefault(band.code, band.label)
            found = [
                (bid, outcome(bid.household_id, shortlist.policy_version_id))
                for bid in shortlist.bids
            ]
            self.rows.append(self._row(past.on_date, shortlist, then, found))
        self.cycles.append(
            {
                "closed": past.on_date.isoformat(),
                "adverts": len(past.shortlists),
            }
        )

    def _row(
        self,
        on_date: dt.date,
        shortlist: PastShortlist,
        then: PolicyThen | None,
        found: Sequence[tuple[PastBid, HouseholdOutcome | None]],
    ) -> dict[str, Any]:
        references = {bid.household_id: bid.reference for bid, _ in found}
        profiles = {
            o.facts.household_id: equality_profile(o.facts, on_date)
            for _, o in found
            if o is not None
        }
        under_draft: list[Bidder] = []
        under_then: list[Bidder] = []
        unassessed: list[str] = []
        problems: list[str] = []
        drafts: dict[str, Position] = {}
        for bid, assessed in found:
            self.bids += 1
            if assessed is not None:
                _count(self.equality[BIDS], profiles[bid.household_id])
            if assessed is None or assessed.draft is None:
                unassessed.append(bid.reference)
                continue
            drafts[bid.household_id] = Position.of(assessed.draft)
            under_draft.append(
                Bidder.of(bid.bid_id, assessed.facts, assessed.draft, bid.under_offer)
            )
            if assessed.baseline is not None:
                under_then.append(
                    Bidder.of(bid.bid_id, assessed.facts, assessed.baseline, bid.under_offer)
                )
            problems.extend(
                f"{bid.reference}: {message}"
                for which, message in assessed.problems
                if which == DRAFT
            )
        self.unassessed += len(unassessed)
        draft_result = rank(
            self.draft, shortlist.home, under_draft, on_date, seed=shortlist.advert_id
        )
        problems.extend(draft_result.problems)
        then_result = (
            rank(then.document, shortlist.home, under_then, on_date, seed=shortlist.advert_id)
            if then is not None and then.document is not None
            else None
        )
        was, now = shortlist.first, _first(draft_result)
        changed = was != now
        if changed:
            if now and now in profiles:
                _count(self.equality[GAIN], profiles[now])
            if was and was in profiles:
                _count(self.equality[LOSE], profiles[was])
        return {
            "advert": shortlist.reference,
            "advert_id": shortlist.advert_id,
            "home": shortlist.description,
            "bedrooms": shortlist.home.bedrooms,
            "closed": on_date.isoformat(),
            "policy_then": then.number if then is not None else None,
            "bids": len(found),
            "first_then": references.get(was, ""),
            "first_draft": references.get(now, ""),
            "first_draft_position": drafts[now].data() if now in drafts else None,
            "first_then_under_draft": _standing_under_draft(
                was, draft_result, drafts, unassessed, references
            ),
            "changed": changed,
            # None: the version of the time could not be applied again, so nothing to check.
            "reproduced": None if then_result is None else _first(then_result) == was,
            "unassessed": unassessed,
            "problems": problems,
        }

    def data(self) -> dict[str, Any]:
        rows = self.rows
        return {
            "limit": self.limit,
            "cycles": self.cycles,
            "adverts": len(rows),
            "changed": sum(1 for row in rows if row["changed"]),
            "not_reproduced": sum(1 for row in rows if row["reproduced"] is False),
            "bids": self.bids,
            "unassessed": self.unassessed,
            "band_labels": self.band_labels,
            "rows": rows,
            "equality": {
                group: {dim: dict(sorted(found.items())) for dim, found in dims.items()}
                for group, dims in sorted(self.equality.items())
            },
        }

    def problems(self) -> list[dict[str, Any]]:
        """Bidders that could not be assessed are reported with their advert, in `data()`:
        the register comparison already lists the households on today's register."""
        return []


def _standing_under_draft(
    household_id: str,
    result: ShortlistResult,
    drafts: Mapping[str, Position],
    unassessed: Sequence[str],
    references: Mapping[str, str],
) -> dict[str, Any] | None:
    """Where the household that was first at the close would stand under the draft: its place
    (or why it would be excluded) and its band or points."""
    if not household_id:
        return None
    place = next((p.position for p in result.placed if p.household_id == household_id), None)
    reason = next((e.reason for e in result.excluded if e.household_id == household_id), "")
    if references.get(household_id, "") in unassessed:
        reason = UNASSESSED
    position = drafts.get(household_id)
    return {
        "place": place,
        "reason": reason,
        "position": position.data() if position is not None else None,
    }


def _count(into: dict[str, Counter[str]], profile: Mapping[str, str]) -> None:
    for dimension, category in profile.items():
        into[dimension][category] += 1
