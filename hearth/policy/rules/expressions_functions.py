"""Typed functions and methods that expressions may call, and the standard set.

A `FunctionTable` maps names to typed overloads backed by Python callables:

    table = standard_functions()
    table.register_method(APPLICANT, "months_in_area", [STRING, INT], INT, months_in_area)
    # now `applicant.months_in_area(council, 12) >= 6` type-checks and calls
    # months_in_area(applicant_value, council_value, 12)

Implementations must be pure and deterministic: an expression may be evaluated more than once,
or not at all when `&&`/`||` short-circuit. They receive values already checked against the
declared parameter types. Any exception they raise is reported as `ExpressionRuntimeError`.
For pickling a table, its implementations must be module-level functions.

The built-in `size`, `has` and the list macros (`exists`, `all`, `exists_one`, `filter`, `map`)
are part of the language, not of the table, and their names cannot be registered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hearth.policy.rules.expressions_types import (
    BOOL,
    DATE,
    ERROR,
    FLOAT,
    INT,
    NOTHING,
    NULL,
    STRING,
    OptionalType,
    Type,
    is_assignable,
    is_valid_name,
)

MACROS = frozenset({"exists", "all", "exists_one", "filter", "map"})
LANGUAGE_FUNCTIONS = frozenset({"has", "size"})


@dataclass(frozen=True, slots=True)
class Overload:
    """One typed signature of a function or method.

    For a method the implementation is called as `implementation(receiver, *args)`.
    A `constant` overload takes only literal arguments and is evaluated once, at compile time; a
    `ValueError` it raises becomes a compile error whose message is the error's text.
    """

    params: tuple[Type, ...]
    result: Type
    implementation: Callable[..., Any]
    constant: bool = False
    doc: str = ""


class FunctionTable:
    """Named, typed functions (`name(args)`) and methods (`receiver.name(args)`)."""

    def __init__(self) -> None:
        self._functions: dict[str, list[Overload]] = {}
        self._methods: dict[tuple[Type, str], list[Overload]] = {}

    def register_function(
        self,
        name: str,
        params: Sequence[Type],
        result: Type,
        implementation: Callable[..., Any],
        *,
        constant: bool = False,
        doc: str = "",
    ) -> None:
        """Add an overload of the global function `name`."""
        self._check_name(name)
        overload = self._overload(params, result, implementation, constant, doc)
        self._add(self._functions.setdefault(name, []), overload, name)

    def register_method(
        self,
        receiver: Type,
        name: str,
        params: Sequence[Type],
        result: Type,
        implementation: Callable[..., Any],
        *,
        doc: str = "",
    ) -> None:
        """Add an overload of the method `name` on values of type `receiver` (exactly)."""
        self._check_name(name)
        if name in MACROS:
            raise ValueError(f"{name!r} is a built-in list macro and can't be redefined")
        if receiver in (NULL, NOTHING, ERROR) or isinstance(receiver, OptionalType):
            raise ValueError(f"Methods can't be declared on {receiver!r}")
        overload = self._overload(params, result, implementation, False, doc)
        self._add(self._methods.setdefault((receiver, name), []), overload, name)

    def copy(self) -> FunctionTable:
        """An independent table with the same entries, to extend without changing this one."""
        clone = FunctionTable()
        clone._functions = {name: list(found) for name, found in self._functions.items()}
        clone._methods = {key: list(found) for key, found in self._methods.items()}
        return clone

    def functions(self, name: str) -> tuple[Overload, ...]:
        return tuple(self._functions.get(name, ()))

    def methods(self, receiver: Type, name: str) -> tuple[Overload, ...]:
        return tuple(self._methods.get((receiver, name), ()))

    def function_names(self) -> list[str]:
        return sorted(self._functions)

    def method_names(self, receiver: Type) -> list[str]:
        return sorted(name for (on, name) in self._methods if on == receiver)

    def signatures(self) -> list[str]:
        """Every signature, one per line, for help text in a policy editor."""
        lines = [
            describe_overload(name, overload, None)
            for name, found in sorted(self._functions.items())
            for overload in found
        ]
        lines += [
            describe_overload(name, overload, receiver)
            for (receiver, name), found in sorted(
                self._methods.items(), key=lambda item: (item[0][0].signature_name(), item[0][1])
            )
            for overload in found
        ]
        return lines

    @staticmethod
    def _check_name(name: str) -> None:
        if not is_valid_name(name):
            raise ValueError(f"{name!r} can't be a function name")
        if name in LANGUAGE_FUNCTIONS:
            raise ValueError(f"{name!r} is built into the language and can't be redefined")

    @staticmethod
    def _overload(
        params: Sequence[Type],
        result: Type,
        implementation: Callable[..., Any],
        constant: bool,
        doc: str,
    ) -> Overload:
        for param in (*params, result):
            if not isinstance(param, Type) or param in (NOTHING, ERROR):
                raise TypeError(f"{param!r} is not a type a function can use")
        if not callable(implementation):
            raise TypeError(f"{implementation!r} is not callable")
        return Overload(tuple(params), result, implementation, constant, doc)

    @staticmethod
    def _add(found: list[Overload], overload: Overload, name: str) -> None:
        if any(existing.params == overload.params for existing in found):
            raise ValueError(f"{name!r} already has an overload taking {overload.params!r}")
        found.append(overload)


def describe_overload(name: str, overload: Overload, receiver: Type | None) -> str:
    params = ", ".join(param.signature_name() for param in overload.params)
    head = f"{receiver.signature_name()}.{name}" if receiver is not None else name
    text = f"{head}({params}) -> {overload.result.signature_name()}"
    return f"{text}: {overload.doc}" if overload.doc else text


def resolve(overloads: Sequence[Overload], args: Sequence[Type]) -> Overload | None:
    """The overload for these argument types: an exact match first, then one that accepts them
    (a whole number where a decimal is expected, a value where an optional one is)."""
    candidates = [overload for overload in overloads if len(overload.params) == len(args)]
    for overload in candidates:
        if all(param == arg for param, arg in zip(overload.params, args, strict=True)):
            return overload
    for overload in candidates:
        if all(is_assignable(param, arg) for param, arg in zip(overload.params, args, strict=True)):
            return overload
    return None


# -- the standard functions ------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")


def date_literal(text: str) -> dt.date:
    match = _ISO_DATE.match(text)
    if match is None:
        raise ValueError(
            f'Write dates as date("YYYY-MM-DD"), for example date("2026-04-01"), not "{text}".'
        )
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f'There is no such date as "{text}".') from None


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months completed from `start` to `end`, counted the way ages are: a month is
    complete on the same day-of-month, or on the 1st of the next month when that day doesn't
    exist (31 January + 1 month is reached on 1 March, not 29 February). Negative when `end`
    is before `start`."""
    if end < start:
        return -months_between(end, start)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def years_between(start: dt.date, end: dt.date) -> int:
    """Whole years completed from `start` to `end`, as an age counts them: someone born on
    29 February turns one on 1 March of a non-leap year. Negative when `end` is earlier."""
    months = months_between(start, end)
    return months // 12 if months >= 0 else -(-months // 12)


def days_between(start: dt.date, end: dt.date) -> int:
    """Days from `start` to `end` (negative when `end` is earlier)."""
    return (end - start).days


def _smaller(a: Any, b: Any) -> Any:
    return b if b < a else a


def _larger(a: Any, b: Any) -> Any:
    return b if b > a else a


def _starts_with(text: str, prefix: str) -> bool:
    return text.startswith(prefix)


def _ends_with(text: str, suffix: str) -> bool:
    return text.endswith(suffix)


def _contains(text: str, part: str) -> bool:
    return part in text


def standard_functions() -> FunctionTable:
    """A new table holding the standard functions; extend it with `register_*`."""
    table = FunctionTable()
    table.register_function(
        "date", [STRING], DATE, date_literal, constant=True, doc='a fixed date: date("2026-04-01")'
    )
    for name, implementation, doc in (
        ("years_between", years_between, "whole years from the first date to the second"),
        ("months_between", months_between, "whole months from the first date to the second"),
        ("days_between", days_between, "days from the first date to the second"),
    ):
        table.register_function(name, [DATE, DATE], INT, implementation, doc=doc)
    for type_ in (INT, FLOAT, DATE):
        table.register_function("min", [type_, type_], type_, _smaller, doc="the smaller value")
        table.register_function("max", [type_, type_], type_, _larger, doc="the larger value")
    table.register_method(STRING, "startsWith", [STRING], BOOL, _starts_with, doc="begins with")
    table.register_method(STRING, "endsWith", [STRING], BOOL, _ends_with, doc="ends with")
    table.register_method(STRING, "contains", [STRING], BOOL, _contains, doc="includes the text")
    return table
