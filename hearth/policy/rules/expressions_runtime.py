"""Run-time support shared by both back ends: reading record fields, CEL arithmetic, list
equality, and turning Python exceptions into `ExpressionRuntimeError`.

Records arrive either as objects with attributes (frozen dataclasses, named tuples, ...) or as
`Mapping`s. A field is read by key from a Mapping and as an attribute from anything else.
Classes seen not to be Mappings are remembered in `PLAIN`, so compiled code can read their
fields with a plain attribute access after one set-membership test. Field names are checked
against the schema at compile time and can never start with `_`.

Values are trusted to match the schema they were compiled against; the compiled code does not
re-check each one (that would cost more than the expression). `value_problems` checks values
against a type, for tests and for diagnosing a rule that misbehaves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hearth.policy.rules.expressions_errors import ExpressionRuntimeError
from hearth.policy.rules.expressions_types import (
    BOOL,
    DATE,
    FLOAT,
    INT,
    NULL,
    STRING,
    ListType,
    OptionalType,
    RecordType,
    Type,
)

PLAIN: set[type] = set()
_PLAIN_LIMIT = 10_000


def get_field(record: Any, name: str) -> Any:
    """The value of field `name` of `record` (a Mapping, or an object with attributes)."""
    cls = record.__class__
    if cls is dict or isinstance(record, Mapping):
        try:
            return record[name]
        except KeyError:
            raise ExpressionRuntimeError(f"No value was given for the field '{name}'.") from None
    if len(PLAIN) < _PLAIN_LIMIT:
        PLAIN.add(cls)
    try:
        return getattr(record, name)
    except AttributeError:
        raise ExpressionRuntimeError(f"No value was given for the field '{name}'.") from None


def get_optional(record: Any, name: str) -> Any:
    """The value of an optional field: None when it is null or absent."""
    if record.__class__ is dict or isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def has_field(record: Any, name: str) -> bool:
    return get_optional(record, name) is not None


def index(items: Sequence[Any], position: int) -> Any:
    if 0 <= position < len(items):
        return items[position]
    raise ExpressionRuntimeError(
        f"There is no item {position} in a list of {len(items)} (items count from 0)."
    )


def int_divide(a: int, b: int) -> int:
    """Whole-number division rounding toward zero, as in CEL (-7 / 2 == -3)."""
    if b == 0:
        raise ExpressionRuntimeError("Division by zero.")
    quotient = a // b
    if quotient < 0 and quotient * b != a:
        quotient += 1
    return quotient


def int_remainder(a: int, b: int) -> int:
    """The remainder matching `int_divide`: it takes the sign of `a` (-7 % 2 == -1)."""
    if b == 0:
        raise ExpressionRuntimeError("Division by zero.")
    remainder = a % b
    if remainder and (a < 0) != (b < 0):
        remainder -= b
    return remainder


def _is_sequence(value: Any) -> bool:
    return isinstance(value, list | tuple)


def sequence_equal(a: Any, b: Any) -> bool:
    """List equality that treats lists and tuples alike, at any depth."""
    if a is None or b is None:
        return a is b
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if _is_sequence(x) or _is_sequence(y):
            if not sequence_equal(x, y):
                return False
        elif x != y:
            return False
    return True


def sequence_in(item: Any, items: Sequence[Any]) -> bool:
    return any(sequence_equal(item, candidate) for candidate in items)


def as_decimal(value: Any) -> Any:
    """A whole number (or a list of them, or null) as a decimal: where the checker has joined a
    whole number with a decimal, the value is a decimal whichever it came from."""
    if value.__class__ is int:
        return float(value)
    if isinstance(value, list | tuple):
        return [as_decimal(item) for item in value]
    return value


def join_lists(a: Sequence[Any], b: Sequence[Any]) -> list[Any]:
    return [*a, *b]


def runtime_error(error: Exception) -> ExpressionRuntimeError:
    """The `ExpressionRuntimeError` to raise in place of a Python exception."""
    if isinstance(error, ExpressionRuntimeError):
        return error
    if isinstance(error, ZeroDivisionError):
        return ExpressionRuntimeError("Division by zero.")
    if isinstance(error, KeyError) and error.args:
        return ExpressionRuntimeError(f"No value was given for '{error.args[0]}'.")
    if isinstance(error, AttributeError) and error.name:
        return ExpressionRuntimeError(f"No value was given for the field '{error.name}'.")
    return ExpressionRuntimeError(
        f"The expression could not be worked out for these values ({type(error).__name__}: "
        f"{error})."
    )


def value_problems(expected: Type, value: object, where: str) -> list[str]:
    """How `value` fails to match `expected` (empty when it matches)."""
    if isinstance(expected, OptionalType):
        return [] if value is None else value_problems(expected.inner, value, where)
    if expected == NULL:
        return [] if value is None else [f"{where} should be null"]
    scalar_ok: dict[Type, Callable[[object], bool]] = {
        INT: lambda v: isinstance(v, int) and not isinstance(v, bool),
        FLOAT: lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        BOOL: lambda v: isinstance(v, bool),
        STRING: lambda v: isinstance(v, str),
        DATE: lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
    }
    check = scalar_ok.get(expected)
    if check is not None:
        return [] if check(value) else [f"{where} should be {expected.describe()}: {value!r}"]
    if isinstance(expected, ListType):
        if not isinstance(value, list | tuple):
            return [f"{where} should be a list: {value!r}"]
        problems: list[str] = []
        for position, item in enumerate(value):
            problems += value_problems(expected.elem, item, f"{where}[{position}]")
        return problems
    if isinstance(expected, RecordType):
        problems = []
        for name, field_type in expected.fields.items():
            if isinstance(value, Mapping):
                present, item = name in value, value.get(name)
            else:
                present, item = hasattr(value, name), getattr(value, name, None)
            if not present and not isinstance(field_type, OptionalType):
                problems.append(f"{where}.{name} is missing")
            else:
                problems += value_problems(field_type, item, f"{where}.{name}")
        return problems
    return [f"{where}: no values are expected of {expected!r}"]
