"""Running compiled policy expressions (`expressions_runtime.py`): reading fields from dataclasses,
dicts, mappings and named tuples, and the errors raised at run time.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pytest

from hearth.policy.rules.expressions import (
    BOOL,
    DATE,
    INT,
    STRING,
    ExpressionRuntimeError,
    ListType,
    RecordType,
    Type,
    compile_expression,
    standard_functions,
)
from hearth.policy.tests.expression_support import (
    HOME,
    SCHEMA,
    STRATEGIES,
    Household,
    as_dicts,
    facts,
    run,
)

# -- reading record fields -----------------------------------------------------------------


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
