"""Compiling policy expressions end to end (`expressions.py`): checking without compiling, the
result type, compiled objects (pickling, repr, the fallback back end) and checking values
against a schema.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.policy.rules import expressions_codegen
from hearth.policy.rules.expressions import (
    BOOL,
    FLOAT,
    INT,
    STRING,
    CompiledExpression,
    ListType,
    OptionalType,
    check_expression,
    compile_expression,
    variable_problems,
)
from hearth.policy.tests.expression_support import (
    HOME,
    HOUSEHOLD,
    SCHEMA,
    as_dicts,
    custom_table,
    facts,
    round_trip,
)

# -- checking and compiling ----------------------------------------------------------------


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


# -- compiled objects ----------------------------------------------------------------------


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
