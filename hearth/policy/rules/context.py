"""What a policy expression can see: the typed variables, and their values for one household.

Conditions (qualification rules, derived need reasons, band caps) see `household` and `today`.
Shortlist expressions also see `home` (the advertised home) and `bid` (the bidder's assessment).
The values are computed once per household by `household_view`, so every rule reads the same
numbers the explanation shows. A view is made for every household each time it is assessed, so
it is built cheaply: the members are turned into `PersonView`s only when a rule first reads them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from hearth.policy.rules.expressions import CompiledExpression, check_expression, compile_expression
from hearth.policy.rules.expressions_types import (
    BOOL,
    DATE,
    FLOAT,
    INT,
    STRING,
    ListType,
    RecordType,
    Type,
)
from hearth.policy.rules.facts import WORK_OR_TRAINING, PersonFacts

ExpressionKind = Literal["condition", "bid_condition", "sort_key"]

PERSON = RecordType(
    "Person",
    {
        "age": INT,
        "sex": STRING,
        "relationship": STRING,
        "pregnant": BOOL,
        "disabled": BOOL,
        "needs_overnight_carer": BOOL,
        "economic_activity": STRING,
        "hours_per_week": INT,
    },
)

HOUSEHOLD = RecordType(
    "Household",
    {
        "size": INT,
        "members": ListType(PERSON),
        "lead_age": INT,
        "children": INT,
        "bedroom_need": INT,
        "home_bedrooms": INT,
        "overcrowded_by": INT,
        "under_occupying_by": INT,
        "home_tenure": STRING,
        "social_tenant": BOOL,
        "shares_facilities": BOOL,
        "disrepair": BOOL,
        "local_connection": BOOL,
        "homelessness_duty": STRING,
        "is_transfer": BOOL,
        "eligible": BOOL,
        "income_yearly": FLOAT,
        "savings": FLOAT,
        "owns_property": BOOL,
        "unacceptable_behaviour": BOOL,
        "housing_debt": FLOAT,
        "repayment_arrangement": BOOL,
        "partner_connection": BOOL,
        "months_registered": INT,
        "reasonable_refusals": INT,
        "awarded": ListType(STRING),
        "exemptions": ListType(STRING),
        "work_or_training_hours_max": INT,
        "work_or_training_hours_total": INT,
        "assessed_mobility": STRING,
    },
)

HOME = RecordType(
    "Home",
    {
        "bedrooms": INT,
        "property_type": STRING,
        "council": STRING,
        "parish": STRING,
        "minimum_age": INT,
        "mobility": STRING,
        "mobility_need": STRING,
    },
)

BID = RecordType(
    "Bid",
    {
        "band": STRING,
        "points": INT,
        "priority_date": DATE,
        "registration_date": DATE,
        "bedroom_need": INT,
        "local_connection": BOOL,
    },
)

VARIABLES: dict[ExpressionKind, dict[str, Type]] = {
    "condition": {"household": HOUSEHOLD, "today": DATE},
    "bid_condition": {"household": HOUSEHOLD, "home": HOME, "today": DATE},
    "sort_key": {"household": HOUSEHOLD, "home": HOME, "bid": BID, "today": DATE},
}
RESULTS: dict[ExpressionKind, Type] = {
    "condition": BOOL,
    "bid_condition": BOOL,
    "sort_key": FLOAT,
}


def expression_problems(source: str, kind: ExpressionKind, bands: Sequence[str] = ()) -> list[str]:
    """Plain-English problems with `source`, each pointing at where it is (empty when fine)."""
    if not source:
        return []
    errors = check_expression(source, variables=VARIABLES[kind], result=RESULTS[kind])
    return [f"{e.message} (at character {e.column} of line {e.line})" for e in errors]


@functools.lru_cache(maxsize=4096)
def expression_compiled(source: str, kind: ExpressionKind) -> CompiledExpression:
    """Compile once per distinct rule text: a policy version's rules never change."""
    return compile_expression(source, variables=VARIABLES[kind], result=RESULTS[kind])


@dataclass(frozen=True, slots=True)
class PersonView:
    age: int
    sex: str
    relationship: str
    pregnant: bool
    disabled: bool
    needs_overnight_carer: bool
    economic_activity: str = ""
    hours_per_week: int = 0


def person_view(person: PersonFacts, age: int) -> PersonView:
    """One member as the rules see them (field names match `PERSON`)."""
    return PersonView(
        age,
        person.sex,
        person.relationship,
        person.pregnant,
        person.disabled,
        person.needs_overnight_carer,
        person.economic_activity,
        person.hours_per_week,
    )


@dataclass(slots=True)
class HouseholdView:
    """The household as the rules see it on one date (field names match `HOUSEHOLD`).

    Not frozen, though nothing writes to it (expressions cannot): a frozen dataclass sets each
    field through `object.__setattr__`, which made building this view for every assessment
    cost more than running the policy's rules. `members` is worked out from `people` and their
    `ages` on first read, as most rules never look at individual members.
    """

    size: int
    lead_age: int
    children: int
    bedroom_need: int
    home_bedrooms: int
    overcrowded_by: int
    under_occupying_by: int
    home_tenure: str
    social_tenant: bool
    shares_facilities: bool
    disrepair: bool
    local_connection: bool
    homelessness_duty: str
    is_transfer: bool
    eligible: bool
    income_yearly: float
    savings: float
    owns_property: bool
    unacceptable_behaviour: bool
    housing_debt: float
    repayment_arrangement: bool
    months_registered: int
    reasonable_refusals: int
    awarded: tuple[str, ...]
    exemptions: tuple[str, ...]
    people: Sequence[PersonFacts] = field(repr=False, compare=False)
    ages: Sequence[int] = field(repr=False, compare=False)  # in the order of `people`
    assessed_mobility: str = ""  # "1", "2" or "3" as an officer assessed it; "" none
    _members: tuple[PersonView, ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # Whether the household has a local connection to any partner council, worked out only
    # when a rule reads `partner_connection` (it tests every council the household has lived,
    # worked or has family in). None: the household's own council is the only one to test.
    connected_elsewhere: Callable[[], bool] | None = field(default=None, repr=False, compare=False)

    @property
    def partner_connection(self) -> bool:
        if self.local_connection:
            return True
        check = self.connected_elsewhere
        return check() if check is not None else False

    @property
    def members(self) -> tuple[PersonView, ...]:
        found = self._members
        if found is None:
            found = self._members = tuple(map(person_view, self.people, self.ages))
        return found

    # The most hours a week any one person works (employed or self-employed) or trains, and
    # everyone's hours of work and training added up: worked out when a rule reads them.
    @property
    def work_or_training_hours_max(self) -> int:
        return max(_work_or_training_hours(self.people), default=0)

    @property
    def work_or_training_hours_total(self) -> int:
        return sum(_work_or_training_hours(self.people))


def _work_or_training_hours(people: Sequence[PersonFacts]) -> list[int]:
    return [p.hours_per_week for p in people if p.economic_activity in WORK_OR_TRAINING]


@dataclass(frozen=True, slots=True)
class HomeView:
    bedrooms: int
    property_type: str = "house"
    council: str = ""
    parish: str = ""
    minimum_age: int = 0
    mobility: str = ""
    mobility_need: str = ""  # the advert's mobility label


@dataclass(frozen=True, slots=True)
class BidView:
    band: str
    points: int
    priority_date: dt.date
    registration_date: dt.date
    bedroom_need: int
    local_connection: bool
