"""Policy expressions: parsing, type-checking, both back ends, errors, and properties."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from collections import namedtuple
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules import expressions_codegen
from hearth.policy.rules.expressions import (
    BOOL,
    DATE,
    FLOAT,
    INT,
    NULL,
    STRING,
    CompiledExpression,
    ExpressionError,
    ExpressionRuntimeError,
    FunctionTable,
    ListType,
    OptionalType,
    RecordType,
    Strategy,
    Type,
    check_expression,
    compile_expression,
    parse_expression,
    standard_functions,
    to_source,
    variable_problems,
)
from hearth.policy.rules.expressions_ast import (
    Binary,
    Call,
    Conditional,
    Expr,
    Ident,
    Index,
    ListLiteral,
    Literal,
    Select,
    Unary,
)
from hearth.policy.rules.expressions_functions import months_between, years_between
from hearth.policy.rules.expressions_parse import MAX_NESTING

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


# -- operators and literals -----------------------------------------------------------------

VALUES: list[tuple[str, Type, object]] = [
    # literals
    ("42", INT, 42),
    ("1.5", FLOAT, 1.5),
    ("2e3", FLOAT, 2000.0),
    ("'it\\'s'", STRING, "it's"),
    ('"say \\"hi\\""', STRING, 'say "hi"'),
    ('"tab\\tnew\\nline\\\\"', STRING, "tab\tnew\nline\\"),
    ("true", BOOL, True),
    ("false", BOOL, False),
    ("null", OptionalType(INT), None),
    ("[1, 2, 3]", ListType(INT), [1, 2, 3]),
    ("[1, 2.5]", ListType(FLOAT), [1, 2.5]),
    ("[]", ListType(INT), []),
    ("[1, null]", ListType(OptionalType(INT)), [1, None]),
    ("[[1], []]", ListType(ListType(INT)), [[1], []]),
    # arithmetic
    ("1 + 2", INT, 3),
    ("5 - 7", INT, -2),
    ("6 * 7", INT, 42),
    ("7 / 2", INT, 3),
    ("-7 / 2", INT, -3),
    ("7 / -2", INT, -3),
    ("-6 / 2", INT, -3),
    ("7 % 3", INT, 1),
    ("-7 % 3", INT, -1),
    ("7 % -3", INT, 1),
    ("1 + 2.5", FLOAT, 3.5),
    ("5.0 / 2", FLOAT, 2.5),
    ("5 / 2.0", FLOAT, 2.5),
    ("2 * 1.5", FLOAT, 3.0),
    ("-3", INT, -3),
    ("--3", INT, 3),
    ("-(2 - 5)", INT, 3),
    ("-1.5", FLOAT, -1.5),
    ("'ab' + 'cd'", STRING, "abcd"),
    ("[1] + [2, 3]", ListType(INT), [1, 2, 3]),
    ("[1] + [2.5]", ListType(FLOAT), [1, 2.5]),
    ("household.tags + ['new']", ListType(STRING), ["priority", "medical", "new"]),
    # comparison
    ("1 < 2", BOOL, True),
    ("2 < 2", BOOL, False),
    ("2 <= 2", BOOL, True),
    ("3 > 2", BOOL, True),
    ("2 >= 3", BOOL, False),
    ("2 == 2", BOOL, True),
    ("2 != 2", BOOL, False),
    ("1 == 1.0", BOOL, True),
    ("1 < 1.5", BOOL, True),
    ("'apple' < 'banana'", BOOL, True),
    ("'a' == 'a'", BOOL, True),
    ("true == false", BOOL, False),
    ("date('2026-01-01') < date('2026-01-02')", BOOL, True),
    ("[1, 2] == [1, 2]", BOOL, True),
    ("[1, 2] != [2, 1]", BOOL, True),
    ("household.tags == ['priority', 'medical']", BOOL, True),
    ("household.scores == [1.5, 2]", BOOL, True),
    ("[[1], [2]] == [[1], [2]]", BOOL, True),
    # membership
    ("2 in [1, 2, 3]", BOOL, True),
    ("4 in [1, 2, 3]", BOOL, False),
    ("2 in [1.0, 2.0]", BOOL, True),
    ("'medical' in household.tags", BOOL, True),
    ("council in ['Northtown', 'Southtown']", BOOL, True),
    ("[1] in [[1], [2]]", BOOL, True),
    ("1 in []", BOOL, False),
    # logic
    ("true && true", BOOL, True),
    ("true && false", BOOL, False),
    ("false || true", BOOL, True),
    ("false || false", BOOL, False),
    ("!true", BOOL, False),
    ("!!true", BOOL, True),
    ("false && 1 / 0 == 1", BOOL, False),
    ("true || 1 / 0 == 1", BOOL, True),
    ("true ? 1 : 2", INT, 1),
    ("false ? 1 : 2", INT, 2),
    ("false ? 1 : 2.5", FLOAT, 2.5),
    ("true ? null : 3", OptionalType(INT), None),
    ("false ? 1 / 0 : 3", INT, 3),
    # null comparisons
    ("limit == null", BOOL, True),
    ("limit != null", BOOL, False),
    ("limit == 3", BOOL, False),
    ("household.previous_address == null", BOOL, True),
]


@pytest.mark.parametrize(("source", "result", "expected"), VALUES)
def test_values(source: str, result: Type, expected: object) -> None:
    value = both(source, result)
    assert value == expected
    assert type(value) is type(expected)


PRECEDENCE: list[tuple[str, object]] = [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("10 - 4 - 3", 3),
    ("10 - (4 - 3)", 9),
    ("100 / 10 / 5", 2),
    ("2 * 3 % 4", 2),
    ("2 * (3 % 4)", 6),
    ("-2 * 3", -6),
    ("-(2 * 3) + 1", -5),
    ("1 + 2 < 4 ? 10 : 20", 10),
    ("true || false && false ? 1 : 2", 1),
    ("false && false || true ? 1 : 2", 1),
    ("!false && false ? 1 : 2", 2),
    ("!(false && false) ? 1 : 2", 1),
    ("true ? 1 : false ? 2 : 3", 1),
    ("false ? 1 : false ? 2 : 3", 3),
    ("false ? 1 : true ? 2 : 3", 2),
    ("(true ? false : true) ? 1 : 2", 2),
    ("1 + 2 in [3] ? 1 : 2", 1),
    ("[1, 2, 3][1] * 2", 4),
    ("size([1, 2]) * 3", 6),
    ("household.members[0].age - 60", 7),
    ("-household.bedrooms", -2),
]


@pytest.mark.parametrize(("source", "expected"), PRECEDENCE)
def test_precedence(source: str, expected: object) -> None:
    assert both(source, INT) == expected


def test_relations_are_left_associative_and_type_checked() -> None:
    assert both("1 < 2 == true") is True
    assert "Can't use <" in error_for("1 < 2 < 3").message


# -- fields, records, macros, functions ----------------------------------------------------

RECORDS: list[tuple[str, Type, object]] = [
    ("household.overcrowded_by", INT, 1),
    ("household.address.council", STRING, "Northtown"),
    ("household.members[2].name", STRING, "Chloe"),
    ("household.members.size()", INT, 3),
    ("size(household.members)", INT, 3),
    ("size('héllo')", INT, 5),
    ("'abc'.size()", INT, 3),
    ("household.members.exists(m, m.age >= 60 && m.disabled)", BOOL, True),
    ("household.members.exists(m, m.age > 100)", BOOL, False),
    ("household.members.all(m, m.age >= 9)", BOOL, True),
    ("household.members.all(m, m.age >= 18)", BOOL, False),
    ("household.members.exists_one(m, m.age < 18)", BOOL, True),
    ("household.members.exists_one(m, m.age > 18)", BOOL, False),
    ("household.members.exists_one(m, m.age > 99)", BOOL, False),
    ("household.members.filter(m, m.age >= 18).map(m, m.name)", ListType(STRING), ["Alice", "Bob"]),
    ("household.members.filter(m, m.age >= 18).size()", INT, 2),
    ("household.members.map(m, m.age)", ListType(INT), [67, 34, 9]),
    ("household.members.map(m, m.age * 1.5)", ListType(FLOAT), [100.5, 51.0, 13.5]),
    ("[1, 2, 3].filter(x, x % 2 == 1)", ListType(INT), [1, 3]),
    ("[1, 2, 3].map(x, x * x)", ListType(INT), [1, 4, 9]),
    ("[[1, 2], [3]].map(xs, xs.size())", ListType(INT), [2, 1]),
    (
        "household.members.exists(m, household.members.exists(n, n.age + 30 < m.age))",
        BOOL,
        True,
    ),
    ("household.members.all(m, m.age < threshold * 100)", BOOL, True),
    ("household.members.exists(m, m.name.startsWith('Bo'))", BOOL, True),
    ("household.address.postcode.endsWith('2CD')", BOOL, True),
    ("household.address.postcode.contains('1 2')", BOOL, True),
    ("household.address.postcode.contains('XYZ')", BOOL, False),
    ("household.address.council == council", BOOL, True),
    ("has(household.previous_address)", BOOL, False),
    ("household.members.filter(m, has(m.email)).size()", INT, 1),
    ("household.members.filter(m, m.email != null).size()", INT, 1),
    ("household.members.filter(m, m.email == 'alice@example.org').size()", INT, 1),
    ("has(household.bedrooms)", BOOL, True),
]


@pytest.mark.parametrize(("source", "result", "expected"), RECORDS)
def test_records(source: str, result: Type, expected: object) -> None:
    value = both(source, result)
    if expected is not None:
        assert value == expected


def test_nested_macro_uses_outer_loop_variable() -> None:
    value = both("household.members.map(m, [1, 2].map(k, m.age + k))", ListType(ListType(INT)))
    assert value == [[68, 69], [35, 36], [10, 11]]


def test_macros_on_empty_lists() -> None:
    empty = Household(0, 1, (), Address("X", "Y"))
    for source, expected in [
        ("household.members.exists(m, m.age > 0)", False),
        ("household.members.all(m, m.age > 0)", True),
        ("household.members.exists_one(m, m.age > 0)", False),
        ("household.members.filter(m, m.age > 0).size() == 0", True),
    ]:
        for strategy in STRATEGIES:
            assert run(source, values=facts(empty), strategy=strategy) is expected


def test_records_may_be_dataclasses_dicts_mappings_or_named_tuples() -> None:
    member_tuple = namedtuple("member_tuple", "name age disabled born email income")
    variants: list[object] = [
        HOME,
        as_dicts(HOME),
        MappingProxyType(as_dicts(HOME)),
        {**as_dicts(HOME), "members": list(HOME.members)},  # a dict holding dataclasses
        Household(
            1,
            2,
            tuple(
                member_tuple(*(getattr(m, f) for f in member_tuple._fields)) for m in HOME.members
            ),
            HOME.address,
        ),
    ]
    source = "household.members.exists(m, m.age >= 60 && m.disabled) && household.bedrooms == 2"
    for household in variants:
        for strategy in STRATEGIES:
            assert run(source, values=facts(household), strategy=strategy) is True


def test_a_field_named_like_a_dict_method_reads_the_key() -> None:
    record = RecordType("Thing", {"items": INT, "keys": ListType(INT), "get": STRING})
    schema = {"thing": record}
    value = {"items": 3, "keys": [1, 2], "get": "yes"}
    for strategy in STRATEGIES:
        compiled = compile_expression(
            "thing.items + size(thing.keys) == 5 && thing.get == 'yes'",
            variables=schema,
            result=BOOL,
            strategy=strategy,
        )
        assert compiled({"thing": value}) is True
        assert compiled({"thing": MappingProxyType(value)}) is True


def test_a_field_named_like_a_python_keyword() -> None:
    record = RecordType("Tenancy", {"class": STRING, "from": DATE})
    assert record.fields["class"] == STRING

    class Tenancy:
        def __getattr__(self, name: str) -> object:
            return {"class": "secure", "from": dt.date(2020, 1, 1)}[name]

    for strategy in STRATEGIES:
        compiled = compile_expression(
            "t.class == 'secure' && t.from < date('2021-01-01')",
            variables={"t": record},
            result=BOOL,
            strategy=strategy,
        )
        assert compiled({"t": Tenancy()}) is True
        assert compiled({"t": {"class": "secure", "from": dt.date(2020, 1, 1)}}) is True


DATES: list[tuple[str, int]] = [
    ("years_between(date('2024-02-29'), date('2025-02-28'))", 0),
    ("years_between(date('2024-02-29'), date('2025-03-01'))", 1),
    ("years_between(date('2024-02-29'), date('2028-02-28'))", 3),
    ("years_between(date('2024-02-29'), date('2028-02-29'))", 4),
    ("years_between(date('1959-02-28'), date('2026-02-27'))", 66),
    ("years_between(date('1959-02-28'), date('2026-02-28'))", 67),
    ("years_between(date('2000-01-01'), date('2000-01-01'))", 0),
    ("years_between(date('2025-02-28'), date('2024-02-29'))", 0),
    ("years_between(date('2026-04-01'), date('2016-04-01'))", -10),
    ("months_between(date('2024-01-31'), date('2024-02-29'))", 0),
    ("months_between(date('2024-01-31'), date('2024-03-01'))", 1),
    ("months_between(date('2023-01-31'), date('2023-02-28'))", 0),
    ("months_between(date('2023-01-31'), date('2023-03-01'))", 1),
    ("months_between(date('2024-01-15'), date('2024-02-15'))", 1),
    ("months_between(date('2024-01-15'), date('2024-02-14'))", 0),
    ("months_between(date('2023-12-31'), date('2024-12-31'))", 12),
    ("months_between(date('2024-03-31'), date('2024-04-30'))", 0),
    ("months_between(date('2024-03-31'), date('2024-05-01'))", 1),
    ("months_between(date('2024-03-01'), date('2024-01-31'))", -1),
    ("days_between(date('2024-02-28'), date('2024-03-01'))", 2),
    ("days_between(date('2023-02-28'), date('2023-03-01'))", 1),
    ("days_between(date('2026-04-01'), date('2026-03-31'))", -1),
    ("years_between(household.members[0].born, today)", 67),
    ("min(3, 5)", 3),
    ("max(3, 5)", 5),
    ("min(-2, -2)", -2),
]


@pytest.mark.parametrize(("source", "expected"), DATES)
def test_functions(source: str, expected: int) -> None:
    assert both(source, INT) == expected


def test_min_and_max_mix_numbers_and_dates() -> None:
    assert both("max(1, 2.5)", FLOAT) == 2.5
    assert both("min(1.5, 1)", FLOAT) == 1
    assert both("max(date('2026-01-01'), today)", DATE) == dt.date(2026, 4, 1)
    assert both("min(date('2026-01-01'), today)", DATE) == dt.date(2026, 1, 1)


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
def test_date_differences_agree_with_each_other(start: dt.date, end: dt.date) -> None:
    months = months_between(start, end)
    assert months == -months_between(end, start)
    assert years_between(start, end) == int(months / 12)
    if start <= end:
        # the anniversary counting `months` has been reached; the next one has not
        assert _add_months(start, months) <= end < _add_months(start, months + 1)


def _add_months(start: dt.date, months: int) -> dt.date:
    """The date `months` after `start`: the same day, or the 1st of the next month when that
    day doesn't exist."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    try:
        return dt.date(year, month, start.day)
    except ValueError:
        return dt.date(year + month // 12, month % 12 + 1, 1)


# -- optional values and guards ------------------------------------------------------------


def test_optional_values_need_a_guard() -> None:
    error = error_for("household.previous_address.council == 'X'")
    assert error.message == (
        "'household.previous_address' may be null (missing), so it can't be used like this. "
        "Check it first, for example: has(household.previous_address) && ..."
    )
    assert "limit != null && ..." in error_for("limit > 3").message
    assert "may be null" in error_for("household.members.exists(m, m.income > 100.0)").message
    assert "may be null" in error_for("household.members.exists(m, m.email.contains('@'))").message


GUARDS: list[tuple[str, object]] = [
    ("has(household.previous_address) && household.previous_address.council == 'X'", False),
    ("!has(household.previous_address) || household.previous_address.council == 'X'", True),
    ("has(household.previous_address) ? household.previous_address.council : 'none'", "none"),
    ("!has(household.previous_address) ? 'none' : household.previous_address.council", "none"),
    ("limit != null && limit > 3", False),
    ("limit == null || limit > 3", True),
    ("limit != null ? limit : 7", 7),
    ("household.members.filter(m, has(m.income) && m.income > 100.0).size()", 1),
    ("household.members.filter(m, !has(m.income) || m.income > 100.0).size()", 3),
    ("household.members.map(m, has(m.income) ? m.income : 0.0)", [120.5, 0.0, 0.0]),
    ("has(household.previous_address) && true && household.previous_address.council == 'X'", False),
]


@pytest.mark.parametrize(("source", "expected"), GUARDS)
def test_guards_make_optional_values_usable(source: str, expected: object) -> None:
    result: Type = BOOL
    if isinstance(expected, str):
        result = STRING
    elif isinstance(expected, int) and not isinstance(expected, bool):
        result = INT
    elif isinstance(expected, list):
        result = ListType(FLOAT)
    assert both(source, result) == expected


def test_guards_see_present_values() -> None:
    moved = Household(0, 1, (), Address("X", "Y"), previous_address=Address("Z", "Southtown"))
    source = "has(household.previous_address) && household.previous_address.council == 'Southtown'"
    for household in (moved, as_dicts(moved)):
        for strategy in STRATEGIES:
            assert run(source, values=facts(household), strategy=strategy) is True
    assert run("limit != null && limit > 3", values=facts(limit=5)) is True


def test_a_guard_does_not_leak_out_of_its_branch() -> None:
    assert (
        "may be null"
        in error_for(
            "has(household.previous_address) || household.previous_address.council == 'X'"
        ).message
    )
    assert (
        "may be null"
        in error_for(
            "(has(household.previous_address) ? 1 : household.previous_address.postcode.size()) > 0"
        ).message
    )


# -- names used ----------------------------------------------------------------------------


def test_names_used_lists_the_facts_read() -> None:
    compiled = compile_expression(
        "household.overcrowded_by >= 2 || household.members.exists(m, m.age >= 60 && m.disabled)",
        variables=SCHEMA,
        result=BOOL,
    )
    assert compiled.names_used == {
        "household.overcrowded_by",
        "household.members",
        "household.members.age",
        "household.members.disabled",
    }
    compiled = compile_expression(
        "council == household.address.council && has(household.previous_address) "
        "&& size(household.tags) > threshold",
        variables=SCHEMA,
        result=BOOL,
    )
    assert compiled.names_used == {
        "council",
        "household.address.council",
        "household.previous_address",
        "household.tags",
        "threshold",
    }


# -- errors at compile time ----------------------------------------------------------------

PARSE_ERRORS: list[tuple[str, str, int]] = [
    ("", "The expression is empty.", 0),
    ("1 +", "The expression ends too soon: expected a value.", 3),
    ("(1 + 2", "The '(' here is never closed with ')'.", 0),
    ("size(1, 2", "The '(' here is never closed with ')'.", 4),
    ("[1, 2", "The '[' here is never closed with ']'.", 0),
    ("a b", "Expected an operator or the end of the expression, but found 'b'.", 2),
    ("a = 1", "Use == to compare two values (a single = is not allowed).", 2),
    ("a & b", "Use && for 'and'.", 2),
    ("a | b", "Use || for 'or'.", 2),
    ("a and b", "Use && instead of the word 'and'.", 2),
    ("a or b", "Use || instead of the word 'or'.", 2),
    ("'abc", "This text is missing its closing '.", 0),
    ('x == "a\\qb"', "Unknown escape in text: use \\\\ \\' \\\" \\n \\t or \\r.", 7),
    ("{1: 2}", "Maps written with { } are not supported.", 0),
    (
        "a ? b",
        (
            "The expression ends too soon: expected ':' "
            "(the choice needs both parts: condition ? a : b)."
        ),
        5,
    ),
    ("1 # 2", "The character '#' isn't allowed here.", 2),
    ("a.if", "'if' is a reserved word and can't be used here.", 2),
    ("household.", "The expression ends too soon: expected a field or method name after '.'.", 10),
    ("99999999999999999999 > 1", "The number 99999999999999999999 is too large.", 0),
    ("1e999 > 1.0", "The number 1e999 is too large.", 0),
    (".a", "An expression can't start with '.'.", 0),
    (
        "a ? b ? c : d : e",
        "Expected ':' (the choice needs both parts: condition ? a : b), but found '?'.",
        6,
    ),
]


@pytest.mark.parametrize(("source", "message", "position"), PARSE_ERRORS)
def test_parse_errors(source: str, message: str, position: int) -> None:
    error = error_for(source)
    assert (error.message, error.position) == (message, position)


def test_error_position_line_column_and_pointer() -> None:
    source = "household.bedrooms > 1 &&\n  household.bedroom < 3"
    error = error_for(source)
    assert error.message == "Unknown field 'bedroom' on Household. Did you mean 'bedrooms'?"
    assert (error.position, error.line, error.column) == (38, 2, 13)
    assert error.pointer() == "  household.bedroom < 3\n            ^"
    assert str(error) == f"{error.message} (line 2, column 13)"
    assert round_trip(error).message == error.message


def test_nesting_is_limited() -> None:
    assert "nested too deeply" in error_for("(" * 200 + "1" + ")" * 200 + " > 0").message
    # a flat chain just under the limit compiles to generated code, not to the fallback
    source = " || ".join(f"threshold == {i}" for i in range(MAX_NESTING - 2))
    compiled = compile_expression(source, variables=SCHEMA, result=BOOL)
    assert compiled.strategy == "codegen"
    assert compiled(facts()) is True


TYPE_ERRORS: list[tuple[str, Type, str]] = [
    (
        "household.bedrooms",
        BOOL,
        "The condition must be true or false, but this gives a whole number.",
    ),
    (
        "household.savings",
        BOOL,
        "The condition must be true or false, but this gives a decimal number.",
    ),
    ("council", INT, "The expression must give a whole number, but this gives text."),
    ("1.5", INT, "The expression must give a whole number, but this gives a decimal number."),
    (
        "household.bedroom > 1",
        BOOL,
        "Unknown field 'bedroom' on Household. Did you mean 'bedrooms'?",
    ),
    (
        "household.adress.council == 'x'",
        BOOL,
        "Unknown field 'adress' on Household. Did you mean 'address'?",
    ),
    (
        "household.zzz > 1",
        BOOL,
        (
            "Unknown field 'zzz' on Household. Its fields are: overcrowded_by, bedrooms, members, "
            "address, previous_address, tags, scores, savings."
        ),
    ),
    ("houshold.bedrooms > 1", BOOL, "Unknown name 'houshold'. Did you mean 'household'?"),
    ("nobody > 1", BOOL, "Unknown name 'nobody'."),
    (
        "yeras_between(today, today) > 1",
        BOOL,
        "Unknown function 'yeras_between'. Did you mean 'years_between'?",
    ),
    (
        "household.members.exist(m, m.disabled)",
        BOOL,
        "A list of Member records has no method 'exist'. Did you mean 'exists'?",
    ),
    (
        "council.startswith('N')",
        BOOL,
        "Text has no method 'startswith'. Did you mean 'startsWith'?",
    ),
    (
        "household.bedrooms() > 1",
        BOOL,
        "'bedrooms' is a field of Household, not a method: drop the ( ).",
    ),
    (
        "1 == 'a'",
        BOOL,
        "Can't compare a whole number with text using ==: they are different kinds of value.",
    ),
    (
        "council != 3",
        BOOL,
        "Can't compare text with a whole number using !=: they are different kinds of value.",
    ),
    ("household.bedrooms == null", BOOL, "This is never null: it is always a whole number."),
    (
        "household.address == household.address",
        BOOL,
        "Records can't be compared with ==; compare their fields instead.",
    ),
    (
        "1 && true",
        BOOL,
        "Both sides of && must be true or false, but the left side is a whole number.",
    ),
    ("true || 'x'", BOOL, "Both sides of || must be true or false, but the right side is text."),
    ("!1", BOOL, "'!' needs true or false, but this is a whole number."),
    ("-'a' == 'a'", BOOL, "'-' needs a number, but this is text."),
    (
        "'a' < 1",
        BOOL,
        (
            "Can't use < between text and a whole number: only numbers, text and dates can be "
            "ordered, each with its own kind."
        ),
    ),
    (
        "true < false",
        BOOL,
        (
            "Can't use < between true or false and true or false: only numbers, text and dates can "
            "be ordered, each with its own kind."
        ),
    ),
    ("'a' + 1 == 'a1'", BOOL, "Can't add text and a whole number with +."),
    ("'a' * 2 == 'aa'", BOOL, "Can't multiply text and a whole number with *."),
    ("5.5 % 2 == 1", BOOL, "% works on whole numbers only."),
    ("1 in 'abc'", BOOL, "'in' needs a list on its right, not text."),
    ("'a' in [1, 2]", BOOL, "Can't look for text in a list of whole numbers."),
    (
        "[1, 'a'] == []",
        BOOL,
        (
            "All items in a list must be the same kind: "
            "this list mixes whole numbers and pieces of text."
        ),
    ),
    ("council[0] == 'N'", BOOL, "Only lists can be indexed with [ ], not text."),
    ("household.tags['a'] == 'x'", BOOL, "A list index must be a whole number, not text."),
    (
        "1 ? 2 : 3",
        INT,
        "The condition before '?' must be true or false, but this gives a whole number.",
    ),
    (
        "true ? 1 : 'a'",
        INT,
        (
            "Both choices after '?' must give the same kind of value, but one gives a whole number "
            "and the other text."
        ),
    ),
    ("size(3) > 1", BOOL, "size needs a list or a piece of text, not a whole number."),
    ("size() > 1", BOOL, "size(...) takes one list or piece of text."),
    ("has(council)", BOOL, "has(...) needs one field to test, for example has(applicant.email)."),
    (
        "has(household.nope)",
        BOOL,
        (
            "Unknown field 'nope' on Household. Its fields are: overcrowded_by, bedrooms, members, "
            "address, previous_address, tags, scores, savings."
        ),
    ),
    (
        "household.members.exists(m, m.age)",
        BOOL,
        "The condition inside exists(...) must be true or false, but this gives a whole number.",
    ),
    (
        "household.members.exists(m)",
        BOOL,
        (
            "exists(...) needs a name for each item and then an expression, like list.exists(m, "
            "m.age >= 60)."
        ),
    ),
    (
        "household.members.all(1, true)",
        BOOL,
        (
            "all(...) needs a name for each item and then an expression, like list.all(m, m.age >= "
            "16)."
        ),
    ),
    (
        "household.members.exists(council, true)",
        BOOL,
        "'council' is already used in this rule; choose another name for each item.",
    ),
    (
        "household.members.exists(m, household.members.exists(m, true))",
        BOOL,
        "'m' is already used in this rule; choose another name for each item.",
    ),
    ("council.exists(c, true)", BOOL, "exists works on lists, but this is text."),
    (
        "[].exists(c, true)",
        BOOL,
        "This list is always empty, so exists(...) has nothing to look at.",
    ),
    (
        "exists(household.members, m, true)",
        BOOL,
        "exists is used on a list, like list.exists(m, m.age >= 60).",
    ),
    (
        "years_between(today, 3) > 1",
        BOOL,
        (
            "years_between can't be used with a date and a whole number. It takes: "
            "years_between(date, date)."
        ),
    ),
    (
        "min(1, 'a') > 0",
        BOOL,
        (
            "min can't be used with a whole number and text. It takes: min(int, int); min(float, "
            "float); min(date, date)."
        ),
    ),
    (
        "council.startsWith(1)",
        BOOL,
        "string.startsWith can't be used with a whole number. It takes: string.startsWith(string).",
    ),
    ("date('2026-02-30') < today", BOOL, 'There is no such date as "2026-02-30".'),
    (
        "date('1/4/2026') < today",
        BOOL,
        'Write dates as date("YYYY-MM-DD"), for example date("2026-04-01"), not "1/4/2026".',
    ),
    ("date(council) < today", BOOL, "date(...) needs its value written out, in quotes."),
    ("size == 1", BOOL, "'size' is a function: call it as size(...)."),
    (
        "household.bedrooms.size() > 1",
        BOOL,
        "size needs a list or a piece of text, not a whole number.",
    ),
    (
        "household.bedrooms.council == 'x'",
        BOOL,
        "'.council' can't be used on a whole number: only records have fields.",
    ),
]


@pytest.mark.parametrize(("source", "result", "message"), TYPE_ERRORS)
def test_type_errors(source: str, result: Type, message: str) -> None:
    assert error_for(source, result).message == message


def test_check_expression_reports_every_problem_in_order() -> None:
    errors = check_expression(
        "household.bedroom > 1 && houshold.size == 2 && council + 1 == 3",
        variables=SCHEMA,
        result=BOOL,
    )
    assert [(e.message, e.position) for e in errors] == [
        ("Unknown field 'bedroom' on Household. Did you mean 'bedrooms'?", 10),
        ("Unknown name 'houshold'. Did you mean 'household'?", 25),
        ("Can't add text and a whole number with +.", 55),
    ]
    assert check_expression("household.bedrooms > 1", variables=SCHEMA, result=BOOL) == []
    assert [e.message for e in check_expression("(1", variables=SCHEMA, result=BOOL)] == [
        "The '(' here is never closed with ')'."
    ]


def test_int_is_accepted_where_float_is_expected() -> None:
    compiled = compile_expression("household.bedrooms * 2", variables=SCHEMA, result=FLOAT)
    assert compiled.type == INT
    assert compiled.result_type == FLOAT
    assert compiled(facts()) == 4
    compiled = compile_expression("[1, 2]", variables=SCHEMA, result=ListType(FLOAT))
    assert compiled(facts()) == [1, 2]
    compiled = compile_expression("3", variables=SCHEMA, result=OptionalType(FLOAT))
    assert compiled(facts()) == 3


# -- safety: nothing outside the schema is reachable ---------------------------------------

ESCAPES: list[tuple[str, str]] = [
    (
        "household.__class__",
        "'__class__' isn't available: names starting with '_' are never fields.",
    ),
    (
        "household._private == 'secret'",
        "'_private' isn't available: names starting with '_' are never fields.",
    ),
    (
        "household.__dict__.size() > 0",
        "'__dict__' isn't available: names starting with '_' are never fields.",
    ),
    (
        "household.extra.size() > 0",
        (
            "Unknown field 'extra' on Household. Its fields are: "
            "overcrowded_by, bedrooms, members, address, previous_address, tags, scores, savings."
        ),
    ),
    ("__import__('os') == null", "'__import__' isn't available: names can't start with '_'."),
    ("_ == 1", "'_' isn't available: names can't start with '_'."),
    ("council.__len__() == 1", "'__len__' isn't available: names can't start with '_'."),
    ("council.upper() == 'X'", "Text has no method 'upper'."),
    ("household.members.exists(__m, true)", "'__m' isn't available: names can't start with '_'."),
    (
        "has(household.__class__)",
        "'__class__' isn't available: names starting with '_' are never fields.",
    ),
    (
        "[1].map(x, x).__class__ == null",
        "'.__class__' can't be used on a list of whole numbers: only records have fields.",
    ),
    ("exec('1') == null", "Unknown function 'exec'."),
    ("eval == null", "Unknown name 'eval'."),
]


@pytest.mark.parametrize(("source", "message"), ESCAPES)
def test_escapes_are_refused(source: str, message: str) -> None:
    assert error_for(source).message == message


def test_schemas_cannot_declare_hidden_names() -> None:
    with pytest.raises(ValueError, match="not allowed"):
        RecordType("Bad", {"_secret": STRING})
    with pytest.raises(ValueError, match="not allowed"):
        RecordType("Bad", {"__class__": STRING})
    with pytest.raises(ValueError, match="not allowed"):
        RecordType("Bad", {"in": STRING})
    with pytest.raises(ValueError, match="not allowed"):
        compile_expression("1 > 0", variables={"__builtins__": INT}, result=BOOL)
    with pytest.raises(TypeError):
        compile_expression("1 > 0", variables={"x": int}, result=BOOL)  # type: ignore[dict-item]


def test_text_cannot_break_out_of_generated_code() -> None:
    sneaky = "'); import os; ('"
    source = f'council == "{sneaky}" || council + "\\n#" == "x"'
    for strategy in STRATEGIES:
        assert run(source, strategy=strategy) is False
        assert run(source, values=facts(council=sneaky), strategy=strategy) is True
    compiled = compile_expression(source, variables=SCHEMA, result=BOOL)
    assert compiled.python_source is not None
    assert "import os" not in compiled.python_source.replace(repr(sneaky), "")


def test_generated_code_uses_only_generated_names() -> None:
    compiled = compile_expression(
        "household.members.exists(m, m.age > threshold) && council.startsWith('N')",
        variables=SCHEMA,
        result=BOOL,
    )
    source = compiled.python_source
    assert source is not None
    assert "_vars['household']" in source
    outside_strings = re.sub(r"'[^']*'", "''", source)
    for user_name in ("household", "threshold", "council", "m", "startsWith"):
        assert not re.search(rf"\b{user_name}\b", outside_strings), user_name


# -- errors at run time --------------------------------------------------------------------

RUNTIME_ERRORS: list[tuple[str, Type, Mapping[str, object] | None, str]] = [
    ("threshold / 0 == 1", BOOL, None, "Division by zero."),
    ("threshold % 0 == 1", BOOL, None, "Division by zero."),
    ("household.savings / 0 > 1.0", BOOL, None, "Division by zero."),
    ("household.savings / (threshold - 2) > 1.0", BOOL, None, "Division by zero."),
    (
        "household.members[3].age",
        INT,
        None,
        "There is no item 3 in a list of 3 (items count from 0).",
    ),
    (
        "household.members[-1].age",
        INT,
        None,
        "There is no item -1 in a list of 3 (items count from 0).",
    ),
    ("[][0] == 1", BOOL, None, "There is no item 0 in a list of 0 (items count from 0)."),
    ("threshold > 1", BOOL, {"council": "x"}, "No value was given for 'threshold'."),
    (
        "household.bedrooms > 1",
        BOOL,
        facts({"members": []}),
        "No value was given for the field 'bedrooms'.",
    ),
    (
        "household.bedrooms > 1",
        BOOL,
        facts(object()),
        "No value was given for the field 'bedrooms'.",
    ),
]


@pytest.mark.parametrize(("source", "result", "values", "message"), RUNTIME_ERRORS)
def test_runtime_errors(
    source: str, result: Type, values: Mapping[str, object] | None, message: str
) -> None:
    for strategy in STRATEGIES:
        with pytest.raises(ExpressionRuntimeError) as caught:
            run(source, result, values, strategy)
        assert caught.value.message == message


def test_a_missing_field_on_a_known_class_is_reported() -> None:
    @dataclass(frozen=True)
    class Thin:
        bedrooms: int

    for strategy in STRATEGIES:
        compiled = compile_expression(
            "household.bedrooms > 1 && household.overcrowded_by > 0",
            variables=SCHEMA,
            result=BOOL,
            strategy=strategy,
        )
        with pytest.raises(ExpressionRuntimeError, match="'overcrowded_by'"):
            compiled(facts(Thin(2)))


def test_a_failing_function_is_reported_as_a_runtime_error() -> None:
    table = standard_functions()
    table.register_function("explode", [INT], INT, _explode)
    for strategy in STRATEGIES:
        with pytest.raises(ExpressionRuntimeError, match="RuntimeError: boom") as caught:
            run("explode(threshold) > 1", values=facts(), strategy=strategy, functions=table)
        assert isinstance(caught.value.__cause__, RuntimeError)


def _explode(value: int) -> int:
    raise RuntimeError("boom")


# -- the function table --------------------------------------------------------------------

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


def test_registered_methods_and_functions() -> None:
    table = custom_table()
    schema: dict[str, Type] = {"applicant": APPLICANT, "council": STRING, "household": HOUSEHOLD}
    source = "applicant.months_in_area(council, 12) >= 6 && points(household.bedrooms) == 20"
    values = {
        "applicant": {"id": "a1", "moved_in": dt.date(2020, 1, 1)},
        "council": "Northtown",
        "household": HOME,
    }
    for strategy in STRATEGIES:
        compiled = compile_expression(
            source, variables=schema, result=BOOL, functions=table, strategy=strategy
        )
        assert compiled(values) is True
        assert compiled({**values, "council": "Southtown"}) is False
    assert compile_expression(
        source, variables=schema, result=BOOL, functions=table
    ).names_used == {
        "applicant",
        "council",
        "household.bedrooms",
    }
    # the standard table is untouched
    with pytest.raises(ExpressionError, match="Unknown function 'points'"):
        compile_expression("points(1) > 0", variables=schema, result=BOOL)
    with pytest.raises(ExpressionError, match="has no method 'months_in_area'"):
        compile_expression("council.months_in_area(council, 1) > 0", variables=schema, result=BOOL)


def test_the_function_table_refuses_bad_registrations() -> None:
    table = standard_functions()
    with pytest.raises(ValueError, match="built into the language"):
        table.register_function("size", [INT], INT, housing_points)
    with pytest.raises(ValueError, match="list macro"):
        table.register_method(ListType(INT), "exists", [INT], INT, housing_points)
    with pytest.raises(ValueError, match="can't be a function name"):
        table.register_function("__import__", [INT], INT, housing_points)
    with pytest.raises(ValueError, match="already has an overload"):
        table.register_function("min", [INT, INT], INT, housing_points)
    with pytest.raises(ValueError, match="Methods can't be declared"):
        table.register_method(OptionalType(INT), "twice", [], INT, housing_points)
    with pytest.raises(TypeError, match="not callable"):
        table.register_function("points", [INT], INT, 3)  # type: ignore[arg-type]
    copy = table.copy()
    copy.register_function("points", [INT], INT, housing_points)
    assert "points" in copy.function_names() and "points" not in table.function_names()


def test_signatures_describe_the_table() -> None:
    lines = custom_table().signatures()
    assert 'date(string) -> date: a fixed date: date("2026-04-01")' in lines
    assert (
        "years_between(date, date) -> int: whole years from the first date to the second" in lines
    )
    assert "Applicant.months_in_area(string, int) -> int: local connection" in lines
    assert "string.startsWith(string) -> bool: begins with" in lines


# -- compiled objects ----------------------------------------------------------------------


def round_trip(value: object) -> Any:
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - bytes this test just made


def test_compiled_expressions_pickle_by_recompiling() -> None:
    source = "household.members.exists(m, m.age >= 60 && m.disabled)"
    compiled = compile_expression(source, variables=SCHEMA, result=BOOL)
    clone = round_trip(compiled)
    assert isinstance(clone, CompiledExpression)
    assert (clone.source, clone.result_type, clone.names_used) == (
        compiled.source,
        compiled.result_type,
        compiled.names_used,
    )
    assert clone(facts()) is True
    custom = compile_expression(
        "points(household.bedrooms) > 5", variables=SCHEMA, result=BOOL, functions=custom_table()
    )
    assert round_trip(custom)(facts()) is True
    assert round_trip(INT) is INT
    assert round_trip(HOUSEHOLD) == HOUSEHOLD


def test_evaluate_and_call_agree_and_repr() -> None:
    compiled = compile_expression("threshold + 1", variables=SCHEMA, result=INT)
    assert compiled.evaluate(facts()) == compiled(facts()) == 3
    assert repr(compiled) == "CompiledExpression('threshold + 1', result_type=INT)"
    assert compiled.strategy == "codegen"


def test_generated_code_falls_back_to_closures(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(checked: object) -> object:
        raise SyntaxError("too many nested parentheses")

    monkeypatch.setattr(expressions_codegen, "build", refuse)
    compiled = compile_expression("threshold > 1", variables=SCHEMA, result=BOOL)
    assert compiled.strategy == "closures"
    assert compiled.python_source is None
    assert compiled(facts()) is True


def test_variable_problems() -> None:
    assert variable_problems(SCHEMA, facts()) == []
    assert variable_problems(SCHEMA, facts(as_dicts(HOME))) == []
    problems = variable_problems(
        SCHEMA, facts(threshold=True, limit="x", today=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    )
    assert problems == [
        "today should be a date: datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)",
        "threshold should be a whole number: True",
        "limit should be a whole number: 'x'",
    ]
    broken = {**as_dicts(HOME), "members": [{"name": "X"}], "tags": "abc"}
    del broken["bedrooms"]
    assert variable_problems({"household": HOUSEHOLD}, {"household": broken}) == [
        "household.bedrooms is missing",
        "household.members[0].age is missing",
        "household.members[0].disabled is missing",
        "household.members[0].born is missing",
        "household.tags should be a list: 'abc'",
    ]
    assert variable_problems({"council": STRING}, {}) == ["council is missing"]


def test_types_describe_themselves() -> None:
    assert ListType(OptionalType(INT)).describe() == "a list of whole numbers or nulls"
    assert OptionalType(MEMBER).signature_name() == "optional(Member)"
    assert repr(ListType(INT)) == "ListType(INT)"
    assert NULL.describe() == "null (no value)"
    with pytest.raises(TypeError):
        OptionalType(OptionalType(INT))
    with pytest.raises(TypeError):
        OptionalType(NULL)


# -- properties ----------------------------------------------------------------------------

INT_VARIABLES = {"x": INT, "y": INT, "flag": BOOL, "xs": ListType(INT)}


class UndefinedError(Exception):
    """The reference evaluator's runtime error."""


def reference(node: Expr, env: dict[str, Any]) -> Any:
    """An independent, direct evaluator of integer/boolean trees with CEL's semantics."""
    match node:
        case Literal(value=value):
            return value
        case Ident(name=name):
            return env[name]
        case Unary(op="-", operand=operand):
            return -reference(operand, env)
        case Unary(op="!", operand=operand):
            return not reference(operand, env)
        case Binary(op="&&", left=left, right=right):
            return reference(left, env) and reference(right, env)
        case Binary(op="||", left=left, right=right):
            return reference(left, env) or reference(right, env)
        case Binary(op=op, left=left, right=right):
            a, b = reference(left, env), reference(right, env)
            if op in ("/", "%"):
                if b == 0:
                    raise UndefinedError
                quotient = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
                return quotient if op == "/" else a - b * quotient
            operations = {
                "+": lambda: a + b,
                "-": lambda: a - b,
                "*": lambda: a * b,
                "<": lambda: a < b,
                "<=": lambda: a <= b,
                ">": lambda: a > b,
                ">=": lambda: a >= b,
                "==": lambda: a == b,
                "!=": lambda: a != b,
                "in": lambda: a in b,
            }
            return operations[op]()
        case Conditional(condition=condition, then=then, otherwise=otherwise):
            return reference(then if reference(condition, env) else otherwise, env)
        case Index(operand=operand, index=index):
            items, position = reference(operand, env), reference(index, env)
            if not 0 <= position < len(items):
                raise UndefinedError
            return items[position]
        case Call(receiver=None, name="size", args=(arg,)):
            return len(reference(arg, env))
        case Call(receiver=None, name="min" | "max" as name, args=(a, b)):
            pair = (reference(a, env), reference(b, env))
            return min(pair) if name == "min" else max(pair)
        case Call(receiver=receiver, name=name, args=(Ident(name=var), body)) if receiver:
            items = reference(receiver, env)

            def test(item: int) -> Any:
                return reference(body, {**env, var: item})

            if name == "exists":
                return any(test(item) for item in items)  # stops at the first true
            if name == "all":
                return all(test(item) for item in items)  # stops at the first false
            if name == "filter":
                return [item for item in items if test(item)]
            return [test(item) for item in items]  # map
        case ListLiteral(items=items):
            return [reference(item, env) for item in items]
    raise AssertionError(f"unexpected node {node!r}")


def _pick(draw: st.DrawFn, weights: dict[str, int]) -> str:
    """A weighted choice (Hypothesis's own choices favour the first and last options)."""
    roll = draw(st.integers(0, sum(weights.values()) - 1))
    for kind, weight in weights.items():
        if roll < weight:
            return kind
        roll -= weight
    raise AssertionError("unreachable")


def _int_literal(draw: st.DrawFn, top: int = 30) -> Expr:
    return Literal(draw(st.integers(0, top)), INT)


def _name(draw: st.DrawFn, scope: tuple[str, ...]) -> Expr:
    return Ident(draw(st.sampled_from(["x", "y", *scope])))


@st.composite
def int_trees(draw: st.DrawFn, depth: int, scope: tuple[str, ...] = ()) -> Expr:
    """Well-typed whole-number trees over x, y: int, flag: bool, xs: list(int)."""
    weights = {"literal": 4, "name": 6, "size": 2}
    if depth > 0:
        weights |= {"arith": 20, "divide": 20, "neg": 5, "choose": 10, "minmax": 8}
        weights |= {"index": 4, "literal_index": 4, "filter": 12}
    kind = _pick(draw, weights)
    sub = int_trees(depth - 1, scope)
    var = f"v{len(scope)}"
    if kind == "literal":
        return _int_literal(draw)
    if kind == "name":
        return _name(draw, scope)
    if kind == "size":
        return Call(None, "size", (Ident("xs"),))
    if kind in ("arith", "divide"):
        ops = ["+", "-", "*"] if kind == "arith" else ["/", "%"]
        return Binary(draw(st.sampled_from(ops)), draw(sub), draw(sub))
    if kind == "neg":
        return Unary("-", draw(sub))
    if kind == "choose":
        return Conditional(draw(bool_trees(depth - 1, scope)), draw(sub), draw(sub))
    if kind == "minmax":
        return Call(None, draw(st.sampled_from(["min", "max"])), (draw(sub), draw(sub)))
    if kind == "index":
        return Index(Ident("xs"), draw(sub))
    if kind == "literal_index":
        items = draw(st.lists(sub, min_size=1, max_size=3))
        return Index(ListLiteral(tuple(items)), draw(sub))
    body = draw(bool_trees(depth - 1, (*scope, var)))
    return Call(None, "size", (Call(Ident("xs"), "filter", (Ident(var), body)),))


@st.composite
def bool_trees(draw: st.DrawFn, depth: int, scope: tuple[str, ...] = ()) -> Expr:
    """Well-typed true/false trees over the same variables."""
    weights = {"literal": 2, "flag": 2, "compare_name": 4}
    if depth > 0:
        weights |= {"logic": 15, "not": 5, "relation": 25, "bool_equal": 5, "choose": 8}
        weights |= {"in": 8, "macro": 12, "in_map": 8}
    kind = _pick(draw, weights)
    sub, number = bool_trees(depth - 1, scope), int_trees(depth - 1, scope)
    var = f"v{len(scope)}"
    if kind == "literal":
        return Literal(draw(st.booleans()), BOOL)
    if kind == "flag":
        return Ident("flag")
    if kind == "compare_name":
        op = draw(st.sampled_from(["<", "==", ">="]))
        return Binary(op, _name(draw, scope), _int_literal(draw, 5))
    if kind == "logic":
        return Binary(draw(st.sampled_from(["&&", "||"])), draw(sub), draw(sub))
    if kind == "not":
        return Unary("!", draw(sub))
    if kind == "relation":
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        return Binary(op, draw(number), draw(number))
    if kind == "bool_equal":
        return Binary(draw(st.sampled_from(["==", "!="])), draw(sub), draw(sub))
    if kind == "choose":
        return Conditional(draw(sub), draw(sub), draw(sub))
    if kind == "in":
        return Binary("in", draw(number), Ident("xs"))
    if kind == "macro":
        body = draw(bool_trees(depth - 1, (*scope, var)))
        return Call(Ident("xs"), draw(st.sampled_from(["exists", "all"])), (Ident(var), body))
    body = draw(int_trees(depth - 1, (*scope, var)))
    return Binary("in", draw(number), Call(Ident("xs"), "map", (Ident(var), body)))


@settings(max_examples=300, deadline=None)
@given(
    typed_tree=st.one_of(
        int_trees(3).map(lambda tree: (INT, tree)), bool_trees(3).map(lambda tree: (BOOL, tree))
    ),
    x=st.integers(-40, 40),
    y=st.integers(-40, 40),
    flag=st.booleans(),
    xs=st.lists(st.integers(-5, 5), max_size=4),
)
def test_compiled_code_matches_the_reference_evaluator(
    typed_tree: tuple[Type, Expr], x: int, y: int, flag: bool, xs: list[int]
) -> None:
    result_type, tree = typed_tree
    source = to_source(tree)
    assert parse_expression(source) == tree
    values = {"x": x, "y": y, "flag": flag, "xs": xs}
    try:
        expected: object = reference(tree, values)
    except UndefinedError:
        expected = UndefinedError
    for strategy in STRATEGIES:
        compiled = compile_expression(
            source, variables=INT_VARIABLES, result=result_type, strategy=strategy
        )
        if expected is UndefinedError:
            with pytest.raises(ExpressionRuntimeError):
                compiled(values)
        else:
            outcome = compiled(values)
            assert outcome == expected and type(outcome) is type(expected), (strategy, source)


@given(
    st.sampled_from(["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!="]),
    st.integers(-(2**70), 2**70),
    st.integers(-(2**70), 2**70) | st.integers(-3, 3),
)
def test_integer_operators_match_the_reference(op: str, x: int, y: int) -> None:
    tree = Binary(op, Ident("x"), Ident("y"))
    values = {"x": x, "y": y, "flag": False, "xs": []}
    result_type = INT if op in "+-*/%" else BOOL
    for strategy in STRATEGIES:
        compiled = compile_expression(
            to_source(tree), variables=INT_VARIABLES, result=result_type, strategy=strategy
        )
        if y == 0 and op in "/%":
            with pytest.raises(ExpressionRuntimeError, match="Division by zero"):
                compiled(values)
        else:
            assert compiled(values) == reference(tree, values)


def _printable_trees() -> st.SearchStrategy[Expr]:
    leaves = st.one_of(
        st.integers(0, 10**12).map(lambda value: Literal(value, INT)),
        st.floats(min_value=0, allow_nan=False, allow_infinity=False).map(
            lambda value: Literal(value, FLOAT)
        ),
        st.text(max_size=8).map(lambda value: Literal(value, STRING)),
        st.sampled_from([Literal(True, BOOL), Literal(False, BOOL), Literal(None, NULL)]),
        st.sampled_from(["a", "b", "household", "m"]).map(Ident),
    )
    names = st.sampled_from(["size", "exists", "age", "x1"])
    operators = st.sampled_from(
        ["||", "&&", "<", "<=", ">", ">=", "==", "!=", "in", "+", "-", "*", "/", "%"]
    )

    def extend(sub: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        return st.one_of(
            st.builds(Binary, operators, sub, sub),
            st.builds(Unary, st.sampled_from(["!", "-"]), sub),
            st.builds(Conditional, sub, sub, sub),
            st.builds(Select, sub, names),
            st.builds(Index, sub, sub),
            st.builds(
                lambda receiver, name, args: Call(receiver, name, tuple(args)),
                st.none() | sub,
                names,
                st.lists(sub, max_size=2),
            ),
            st.lists(sub, max_size=3).map(lambda items: ListLiteral(tuple(items))),
        )

    return st.recursive(leaves, extend, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_printable_trees())
def test_printing_and_parsing_round_trip(tree: Expr) -> None:
    assert parse_expression(to_source(tree)) == tree
