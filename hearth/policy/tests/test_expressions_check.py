"""Type-checking policy expressions (`expressions_check.py`, `expressions_check_calls.py`):
optional values and their guards, the names an expression reads, type errors in plain English,
and names outside the schema refused.
"""

from __future__ import annotations

import pytest

from hearth.policy.rules.expressions import (
    BOOL,
    FLOAT,
    INT,
    STRING,
    ListType,
    Type,
    compile_expression,
)
from hearth.policy.tests.expression_support import (
    SCHEMA,
    STRATEGIES,
    Address,
    Household,
    as_dicts,
    both,
    error_for,
    facts,
    run,
)

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


# -- type errors ---------------------------------------------------------------------------

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
