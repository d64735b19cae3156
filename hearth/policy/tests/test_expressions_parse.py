"""Parsing policy expressions (`expressions_parse.py`) and printing them back (`to_source` in
`expressions_ast.py`): precedence, syntax errors with their positions and the nesting limit.
"""

from __future__ import annotations

import pytest

from hearth.policy.rules.expressions import BOOL, FLOAT, INT, STRING, compile_expression
from hearth.policy.rules.expressions_parse import MAX_NESTING
from hearth.policy.tests.expression_support import SCHEMA, both, error_for, facts, round_trip

# -- precedence ----------------------------------------------------------------------------

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


# -- syntax errors -------------------------------------------------------------------------

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


# -- text and numbers written as CEL writes them ---------------------------------------------

CEL_LITERALS: list[tuple[str, object]] = [
    ("'''it's \"quoted\"'''", 'it\'s "quoted"'),
    ('"""two\nlines"""', "two\nlines"),
    ('r"a\\nb"', "a\\nb"),
    ("R'\\d+'", "\\d+"),
    ('"caf\\u00E9"', "café"),
    ('"\\U0001F600"', "\U0001f600"),
    ('"\\x41\\X42\\103"', "ABC"),
    ('"\\a\\b\\f\\v\\?\\`"', "\a\b\f\v?`"),
    ("0x1F", 31),
    ("-0x10", -16),
    (".5", 0.5),
    ("2e3", 2000.0),
    ("-9223372036854775808", -(2**63)),
    ("-9223372036854775808.0", -(2.0**63)),
]


@pytest.mark.parametrize(("source", "expected"), CEL_LITERALS)
def test_cel_literals(source: str, expected: object) -> None:
    # Given text or a number written in any of CEL's ways, it reads as CEL reads it
    result = STRING if isinstance(expected, str) else FLOAT if isinstance(expected, float) else INT
    value = both(source, result)
    assert (type(value), value) == (type(expected), expected)


CEL_LITERAL_ERRORS = [
    ("1u == 1", "Unsigned numbers (1u) are not supported: write 1 without the u.", 0),
    ('b"abc" == "abc"', 'Bytes values (b"...") are not supported: write text without the b.', 0),
    ('"\\u12" == ""', "\\u must be followed by 4 hexadecimal digits.", 1),
    ('"\\uD800" == ""', "\\uD800 is not a character.", 1),
    ('"\\19" == ""', "An octal escape needs three digits from 0 to 7, like \\012.", 1),
    ("'a\nb' == ''", "This text is missing its closing '.", 0),
    ("'''abc'' == ''", "This text is missing its closing '''.", 0),
    ("9223372036854775808 > 1", "The number 9223372036854775808 is too large.", 0),
    ("-9223372036854775809 < 1", "The number 9223372036854775809 is too large.", 1),
]


@pytest.mark.parametrize(("source", "message", "position"), CEL_LITERAL_ERRORS)
def test_cel_literal_errors(source: str, message: str, position: int) -> None:
    error = error_for(source)
    assert (error.message, error.position) == (message, position)
