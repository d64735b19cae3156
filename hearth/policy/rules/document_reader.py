"""The walker that reads policy document data field by field, collecting every problem with
the exact path of the field it is about, so an author sees all their mistakes at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from hearth.policy.rules.context import ExpressionKind, expression_problems

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FieldProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PolicyDocumentError(ValueError):
    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class DocumentReader:
    """Walks the data, remembering where it is, collecting problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(FieldProblem(path, message))

    def mapping(self, value: object, path: str) -> Mapping[str, Any]:
        if isinstance(value, Mapping):
            return value
        self.problem(path, "must be a set of named fields")
        return {}

    def unknown(self, data: Mapping[str, Any], path: str, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.problem(
                    path_join(path, str(key)), f"is not a field here (expected one of: {hint})"
                )

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path_join(path, key), "is required")
            return ""
        if not isinstance(value, str):
            self.problem(path_join(path, key), "must be text")
            return ""
        if required and not value.strip():
            self.problem(path_join(path, key), "must not be empty")
        return value.strip()

    def choice(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        options: Sequence[str],
        default: str = "",
    ) -> str:
        value = data.get(key, default)
        if value == "" and default == "" and key not in data:
            self.problem(path_join(path, key), f"is required (one of: {', '.join(options)})")
            return ""
        if value not in options:
            self.problem(path_join(path, key), f"{value!r} is not one of: {', '.join(options)}")
            return default
        return str(value)

    def integer(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        minimum: int = 0,
        maximum: int | None = None,
        default: int | None = None,
    ) -> int | None:
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path_join(path, key), "must be a whole number")
            return default
        if value < minimum or (maximum is not None and value > maximum):
            limit = f"from {minimum} to {maximum}" if maximum is not None else f"{minimum} or more"
            self.problem(path_join(path, key), f"must be {limit}")
            return default
        return value

    def required_integer(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        minimum: int = 0,
        maximum: int | None = None,
    ) -> int:
        if key not in data:
            self.problem(path_join(path, key), "is required")
            return minimum
        found = self.integer(data, key, path, minimum=minimum, maximum=maximum)
        return minimum if found is None else found

    def flag(self, data: Mapping[str, Any], key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(path_join(path, key), "must be true or false")
            return default
        return value

    def items(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        read: Callable[[object, str], T],
        *,
        required: bool = False,
    ) -> tuple[T, ...]:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path_join(path, key), "is required")
            return ()
        if not isinstance(value, list):
            self.problem(path_join(path, key), "must be a list")
            return ()
        return tuple(read(item, f"{path_join(path, key)}[{i}]") for i, item in enumerate(value))

    def strings(
        self, data: Mapping[str, Any], key: str, path: str, options: Sequence[str] | None = None
    ) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path_join(path, key), "must be a list of text values")
            return ()
        for i, item in enumerate(value):
            if options is not None and item not in options:
                self.problem(
                    f"{path_join(path, key)}[{i}]", f"{item!r} is not one of: {', '.join(options)}"
                )
        return tuple(value)

    def expression(self, source: str, path: str, kind: ExpressionKind, bands: Sequence[str]) -> str:
        for message in expression_problems(source, kind, bands):
            self.problem(path, message)
        return source


def path_join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
