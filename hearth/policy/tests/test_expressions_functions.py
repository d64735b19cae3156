"""Functions that policy expressions call (`expressions_functions.py`): date differences across
month ends and leap days, min and max, and registering functions and methods in a function
table.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearth.policy.rules.expressions import (
    BOOL,
    DATE,
    FLOAT,
    INT,
    STRING,
    ExpressionError,
    ListType,
    OptionalType,
    Type,
    compile_expression,
    standard_functions,
)
from hearth.policy.rules.expressions_functions import months_between, years_between
from hearth.policy.tests.expression_support import (
    APPLICANT,
    HOME,
    HOUSEHOLD,
    STRATEGIES,
    both,
    custom_table,
    housing_points,
)

# -- standard functions --------------------------------------------------------------------

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


# -- the function table --------------------------------------------------------------------


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
