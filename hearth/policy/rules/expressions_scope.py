"""What the type checker tracks while it walks an expression: names in scope, values proven
present, and the typed result of each node."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from hearth.policy.rules import expressions_ir as ir
from hearth.policy.rules.expressions_types import Type

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Local:
    binding: int
    type: Type
    path: str | None


@dataclass(frozen=True, slots=True)
class Env:
    """What is in scope: macro loop variables, and the optional values proven present."""

    locals: Mapping[str, Local] = field(default_factory=dict)
    narrowed: frozenset[Key] = frozenset()

    def proving(self, facts: frozenset[Key]) -> Env:
        return self if not facts else Env(self.locals, self.narrowed | facts)


@dataclass(frozen=True, slots=True)
class Typed:
    node: ir.Node
    type: Type
    path: str | None = None  # the dotted fact this value is, for `names_used`
    key: Key | None = None  # the syntactic chain (`a.b.c`) this value is, for narrowing


def suggestion(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
