"""What `hearth.policy.rules.rank` ranks and gives back: the advertised home, each bid with its
bidder's standing (and full facts when ranking needs them), and the placed and excluded bidders
of a shortlist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from hearth.policy.rules import labels
from hearth.policy.rules.assess import (
    QUALIFIES,
    Assessment,
    long_date,
)
from hearth.policy.rules.context import HomeView
from hearth.policy.rules.eligibility import Refusal
from hearth.policy.rules.facts import HouseholdFacts


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
    mobility: str = ""  # the home's own mobility category ("" for general needs)
    maximum_age: int = 0  # the age label (0: no limit at that end), and whose age counts
    age_applies_to: str = labels.APPLICANT
    mobility_need: str = ""  # the mobility label ("" none), a filter or a priority group
    mobility_use: str = labels.FILTER
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
            mobility_need=self.mobility_need,
        )


class Standing(NamedTuple):
    """What a bidder's stored assessment and household record say: all that ranking on stored
    keys and checking an advert's labels read. A tuple, so a thousand of them are cheap to build
    from database rows (positionally, in this order)."""

    household_id: str
    council: str  # the council whose register the household is on
    registration_date: dt.date
    lead_date_of_birth: dt.date | None  # None: no lead applicant on record
    housing_debt: Decimal
    is_transfer: bool
    status: str
    band: str
    points: int | None
    priority_date: dt.date | None
    bedroom_need: int
    local_connection: bool  # to the household's own council, as assessed
    ranked_below: bool
    assessed_mobility: str = ""  # an officer's assessment, on the household record

    @property
    def qualifies(self) -> bool:
        return self.status == QUALIFIES

    @classmethod
    def of(cls, household: HouseholdFacts, assessment: Assessment) -> Standing:
        """The standing that `assessment` of `household` gives it."""
        return cls(
            household.household_id,
            household.council,
            household.registration_date,
            household.lead.date_of_birth,
            household.housing_debt,
            household.is_transfer,
            assessment.status,
            assessment.band,
            assessment.points,
            assessment.priority_date,
            assessment.bedroom_need,
            assessment.local_connection,
            assessment.ranked_below,
            household.assessed_mobility,
        )


class Bidder(NamedTuple):
    """One bid: the bidder's standing, and their full facts when ranking needs them (see
    `needs_full_facts`; ranking without facts it needs is a programming error)."""

    bid_id: str
    standing: Standing
    household: HouseholdFacts | None = None
    under_offer: bool = False

    @classmethod
    def of(
        cls,
        bid_id: str,
        household: HouseholdFacts,
        assessment: Assessment,
        under_offer: bool = False,
    ) -> Bidder:
        """A bid from full facts and the engine's assessment of them."""
        return cls(bid_id, Standing.of(household, assessment), household, under_offer)


class Placed(NamedTuple):
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


class Excluded(NamedTuple):
    bid_id: str
    household_id: str
    reason: str  # in officers' words
    # The refusal the reason words (None for a bidder the engine was never given to rank).
    refusal: Refusal | None = None


@dataclass(frozen=True, slots=True)
class ShortlistResult:
    placed: tuple[Placed, ...]
    excluded: tuple[Excluded, ...]
    problems: tuple[str, ...]
    # How the list was put in order, in plain English, one sentence each (`order_explained`).
    explanation: tuple[str, ...] = ()
    # Each placed bid's order key (`rank_key.order_key`), by bid id: asked for with `keyed`.
    order_keys: Mapping[str, str] = field(default_factory=dict)
