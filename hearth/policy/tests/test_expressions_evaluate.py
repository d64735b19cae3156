"""What policy expressions evaluate to, on both back ends and with records given as dataclasses
and as dicts: literals, operators, fields and list macros.
"""

from __future__ import annotations

import pytest

from hearth.policy.rules.expressions import (
    BOOL,
    FLOAT,
    INT,
    STRING,
    ExpressionRuntimeError,
    ListType,
    OptionalType,
    Type,
)
from hearth.policy.tests.expression_support import STRATEGIES, Address, Household, both, facts, run

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


# -- fields, records and macros ------------------------------------------------------------

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


@pytest.mark.parametrize(
    ("source", "result", "expected"),
    [
        ("true ? 1 : 2.0", FLOAT, 1.0),
        ("false ? 2.5 : 3", FLOAT, 3.0),
        ("[1, 2.5][0]", FLOAT, 1.0),
        ("([1] + [2.5])[0]", FLOAT, 1.0),
        ("max(2, 1.5)", FLOAT, 2.0),
        ("min(household.bedrooms, 9.5)", FLOAT, 2.0),
        ("true ? [1] : [2.5]", ListType(FLOAT), [1.0]),
        ("household.members.map(m, m.age > 60 ? m.age : 0.5)", ListType(FLOAT), [67.0, 0.5, 0.5]),
    ],
)
def test_a_value_typed_as_a_decimal_is_a_decimal(
    source: str, result: Type, expected: object
) -> None:
    # CEL never gives a whole number where a decimal is typed; neither does a joined value here
    value = both(source, result)
    assert value == expected
    items = value if isinstance(value, list) else [value]
    assert all(type(item) is float for item in items)


def test_exists_one_looks_at_every_item_so_an_error_in_any_is_the_answer() -> None:
    # CEL's conformance test macros/exists_one/list_no_shortcircuit: 12 / 0 on the last item
    for strategy in STRATEGIES:
        with pytest.raises(ExpressionRuntimeError, match="Division by zero"):
            run("[3, 2, 1, 0].exists_one(n, 12 / n > 1)", strategy=strategy)
