"""What the type checker tracks while it walks an expression: names in scope, values proven
present, and the typed result of each node."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from hearth.policy.rules import expressions_ir as ir
from hearth.policy.rules.expressions_runtime import as_decimal
from hearth.policy.rules.expressions_types import FLOAT, INT, ListType, Type, strip_optional

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


def widen(typed: Typed, target: Type) -> Typed:
    """`typed` as a value of `target`, converting whole numbers where `target` has decimals.

    CEL never joins whole and decimal numbers; here `true ? 1 : 2.5`, `[1, 2.5]` and
    `max(1, 2.5)` are decimals, so their value must be a decimal whichever side gives it."""
    if not _gains_decimals(typed.type, target):
        return typed
    if isinstance(typed.node, ir.Const):
        return Typed(ir.Const(as_decimal(typed.node.value)), target)
    return Typed(ir.Apply(as_decimal, (typed.node,), "decimal"), target)


def _gains_decimals(source: Type, target: Type) -> bool:
    source, target = strip_optional(source), strip_optional(target)
    if isinstance(source, ListType) and isinstance(target, ListType):
        return _gains_decimals(source.elem, target.elem)
    return source == INT and target == FLOAT
