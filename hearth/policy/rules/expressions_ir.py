"""The checked form of an expression: what each back end (closures, generated code) compiles.

Every operation here has already been type-checked and resolved (which comparison, which kind
of arithmetic, which Python callable), so a back end never needs to reason about types.
`Checked.variables` lists the variables read (in order of first use); macro loop variables are
numbered from 0 in `Loop.binding`, `Checked.loops` of them in all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hearth.policy.rules.expressions_types import Type


@dataclass(frozen=True, slots=True)
class Const:
    value: Any


@dataclass(frozen=True, slots=True)
class Var:
    """A variable given to the expression."""

    name: str


@dataclass(frozen=True, slots=True)
class Loop:
    """A macro's loop variable (`m` in `list.exists(m, ...)`)."""

    binding: int
    name: str


@dataclass(frozen=True, slots=True)
class Field:
    """`operand.name`; `optional` fields read as None when absent."""

    operand: Node
    name: str
    optional: bool


@dataclass(frozen=True, slots=True)
class Has:
    """`has(operand.name)`: the field is present and not null."""

    operand: Node
    name: str


@dataclass(frozen=True, slots=True)
class Index:
    operand: Node
    index: Node


@dataclass(frozen=True, slots=True)
class MakeList:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node


@dataclass(frozen=True, slots=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Or:
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Choose:
    condition: Node
    then: Node
    otherwise: Node


@dataclass(frozen=True, slots=True)
class Compare:
    """`op` is one of < <= > >= == !=. `mode`: "value" (Python comparison), "sequence" (list
    equality that treats tuples and lists alike) or "null" (`left` compared with null)."""

    op: str
    left: Node
    right: Node
    mode: str


@dataclass(frozen=True, slots=True)
class Arith:
    """`op` is one of + - * / %. `mode`: "number" (+ - * on numbers), "int" (/ and % on whole
    numbers, truncating like CEL), "float" (/ on decimals), "text" or "list" (+ joins)."""

    op: str
    left: Node
    right: Node
    mode: str


@dataclass(frozen=True, slots=True)
class In:
    item: Node
    container: Node
    sequence: bool  # the items are lists themselves


@dataclass(frozen=True, slots=True)
class Size:
    operand: Node


@dataclass(frozen=True, slots=True)
class Apply:
    """A call of a registered function or method (the receiver is the first argument)."""

    implementation: Callable[..., Any]
    args: tuple[Node, ...]
    name: str


@dataclass(frozen=True, slots=True)
class Macro:
    """`range.kind(var, body)`; the loop variable is binding `binding`."""

    kind: str  # "exists" "all" "exists_one" "filter" "map"
    binding: int
    range: Node
    body: Node


Node = (
    Const
    | Var
    | Loop
    | Field
    | Has
    | Index
    | MakeList
    | Not
    | Neg
    | And
    | Or
    | Choose
    | Compare
    | Arith
    | In
    | Size
    | Apply
    | Macro
)


@dataclass(frozen=True, slots=True)
class Checked:
    tree: Node
    type: Type
    variables: tuple[str, ...]
    loops: int
    names_used: frozenset[str]
