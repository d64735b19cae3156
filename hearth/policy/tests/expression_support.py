"""The schema, household and helpers shared by the policy-expression tests.

The same household is given as frozen dataclasses and as plain dicts; `run` compiles with one
back end, `both` checks that every back end and both shapes of record agree.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from hearth.policy.rules.expressions import (
    BOOL,
    DATE,
    FLOAT,
    INT,
    STRING,
    ExpressionError,
    FunctionTable,
    ListType,
    OptionalType,
    RecordType,
    Strategy,
    Type,
    compile_expression,
    standard_functions,
)

STRATEGIES: tuple[Strategy, ...] = ("codegen", "closures")

# -- a schema, and the same household as dataclasses and as dicts ---------------------------

MEMBER = RecordType(
    "Member",
    {
        "name": STRING,
        "age": INT,
        "disabled": BOOL,
        "born": DATE,
        "email": OptionalType(STRING),
        "income": OptionalType(FLOAT),
    },
)
ADDRESS = RecordType("Address", {"postcode": STRING, "council": STRING})
HOUSEHOLD = RecordType(
    "Household",
    {
        "overcrowded_by": INT,
        "bedrooms": INT,
        "members": ListType(MEMBER),
        "address": ADDRESS,
        "previous_address": OptionalType(ADDRESS),
        "tags": ListType(STRING),
        "scores": ListType(FLOAT),
        "savings": FLOAT,
    },
)
SCHEMA: dict[str, Type] = {
    "household": HOUSEHOLD,
    "council": STRING,
    "today": DATE,
    "threshold": INT,
    "limit": OptionalType(INT),
}


@dataclass(frozen=True)
class Member:
    name: str
    age: int
    disabled: bool
    born: dt.date
    email: str | None = None
    income: float | None = None


@dataclass(frozen=True, slots=True)
class Address:
    postcode: str
    council: str


@dataclass(frozen=True)
class Household:
    overcrowded_by: int
    bedrooms: int
    members: tuple[Member, ...]
    address: Address
    previous_address: Address | None = None
    tags: tuple[str, ...] = ()
    scores: tuple[float, ...] = ()
    savings: float = 0.0
    _private: str = "secret"
    extra: list[str] = field(default_factory=list)


ALICE = Member("Alice", 67, True, dt.date(1959, 2, 28), email="alice@example.org", income=120.5)
BOB = Member("Bob", 34, False, dt.date(1992, 7, 1))
CHLOE = Member("Chloe", 9, False, dt.date(2017, 3, 15))
HOME = Household(
    overcrowded_by=1,
    bedrooms=2,
    members=(ALICE, BOB, CHLOE),
    address=Address("AB1 2CD", "Northtown"),
    tags=("priority", "medical"),
    scores=(1.5, 2.0),
    savings=250.0,
)


def as_dicts(value: Any) -> Any:
    """The same facts with every record a plain dict and every tuple a list."""
    if isinstance(value, Member | Address | Household):
        return {
            name: as_dicts(getattr(value, name))
            for name in value.__dataclass_fields__
            if not name.startswith("_")
        }
    if isinstance(value, tuple):
        return [as_dicts(item) for item in value]
    return value


def facts(household: Any = HOME, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "household": household,
        "council": "Northtown",
        "today": dt.date(2026, 4, 1),
        "threshold": 2,
        "limit": None,
    }
    values.update(overrides)
    return values


def run(
    source: str,
    result: Type = BOOL,
    values: Mapping[str, object] | None = None,
    strategy: Strategy = "codegen",
    functions: FunctionTable | None = None,
) -> object:
    compiled = compile_expression(
        source, variables=SCHEMA, result=result, functions=functions, strategy=strategy
    )
    return compiled(facts() if values is None else values)


def both(source: str, result: Type = BOOL, values: Mapping[str, object] | None = None) -> object:
    """The value from both back ends, and from records given as dataclasses and as dicts."""
    outcomes = set()
    for strategy in STRATEGIES:
        for given_values in (values or facts(), values or facts(as_dicts(HOME))):
            value = run(source, result, given_values, strategy)
            outcomes.add((type(value).__name__, repr(value)))
    assert len(outcomes) == 1, outcomes
    return run(source, result, values, "codegen")


def error_for(
    source: str, result: Type = BOOL, variables: Mapping[str, Type] = SCHEMA
) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source, variables=variables, result=result)
    return caught.value


# -- a function table with a method and a function of its own ------------------------------

APPLICANT = RecordType("Applicant", {"id": STRING, "moved_in": DATE})


def months_in_area(applicant: Any, council: str, window: int) -> int:
    """A stand-in for an engine-provided method: months lived in `council` out of `window`."""
    return min(window, {"Northtown": 8, "Southtown": 2}.get(council, 0))


def housing_points(bedrooms: int) -> int:
    return bedrooms * 10


def custom_table() -> FunctionTable:
    table = standard_functions()
    table.register_method(
        APPLICANT, "months_in_area", [STRING, INT], INT, months_in_area, doc="local connection"
    )
    table.register_function("points", [INT], INT, housing_points)
    return table


# -- pickling ------------------------------------------------------------------------------


def round_trip(value: object) -> Any:
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - bytes this test just made
