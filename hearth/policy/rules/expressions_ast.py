"""The syntax tree of a policy expression, and printing it back to source.

Nodes are immutable. Each carries `pos`, the 0-based source offset most useful in an error
message (an operator, a field name, a function name); positions are ignored by `==`, so a tree
parsed from `to_source(tree)` equals `tree`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hearth.policy.rules.expressions_types import BOOL, FLOAT, INT, NULL, STRING, Type


@dataclass(frozen=True, slots=True)
class Literal:
    value: int | float | str | bool | None
    type: Type
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Ident:
    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Select:
    operand: Expr
    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Index:
    operand: Expr
    index: Expr
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    """`name(args)` when `receiver` is None, else `receiver.name(args)` (methods and macros)."""

    receiver: Expr | None
    name: str
    args: tuple[Expr, ...]
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class ListLiteral:
    items: tuple[Expr, ...]
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "!" or "-"
    operand: Expr
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # "||" "&&" "<" "<=" ">" ">=" "==" "!=" "in" "+" "-" "*" "/" "%"
    left: Expr
    right: Expr
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Conditional:
    condition: Expr
    then: Expr
    otherwise: Expr
    pos: int = field(default=0, compare=False)


Expr = Literal | Ident | Select | Index | Call | ListLiteral | Unary | Binary | Conditional

# Binding strength of each binary operator (higher binds tighter). `?:` is 1, unary 7, member 8.
BINARY_PRECEDENCE: dict[str, int] = {
    "||": 2,
    "&&": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "==": 4,
    "!=": 4,
    "in": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}
CONDITIONAL_PRECEDENCE = 1
UNARY_PRECEDENCE = 7
MEMBER_PRECEDENCE = 8

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote_string(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + '"'


def _literal_source(node: Literal) -> str:
    value = node.value
    if node.type == BOOL:
        return "true" if value else "false"
    if node.type == NULL:
        return "null"
    if node.type == STRING and isinstance(value, str):
        return quote_string(value)
    if node.type in (INT, FLOAT) and isinstance(value, int | float):
        text = repr(value)
        return f"({text})" if text.startswith("-") else text
    raise ValueError(f"Not a literal: {node!r}")


def _precedence(node: Expr) -> int:
    if isinstance(node, Binary):
        return BINARY_PRECEDENCE[node.op]
    if isinstance(node, Conditional):
        return CONDITIONAL_PRECEDENCE
    if isinstance(node, Unary):
        return UNARY_PRECEDENCE
    return MEMBER_PRECEDENCE


def to_source(node: Expr) -> str:
    """Source text that parses back to an equal tree, with only the parentheses it needs."""
    return _print(node, CONDITIONAL_PRECEDENCE)


def _print(node: Expr, minimum: int) -> str:
    text = _print_bare(node)
    return f"({text})" if _precedence(node) < minimum else text


def _print_bare(node: Expr) -> str:
    match node:
        case Literal():
            return _literal_source(node)
        case Ident(name=name):
            return name
        case Select(operand=operand, name=name):
            return f"{_print(operand, MEMBER_PRECEDENCE)}.{name}"
        case Index(operand=operand, index=index):
            return f"{_print(operand, MEMBER_PRECEDENCE)}[{to_source(index)}]"
        case Call(receiver=receiver, name=name, args=args):
            arguments = ", ".join(to_source(arg) for arg in args)
            if receiver is None:
                return f"{name}({arguments})"
            return f"{_print(receiver, MEMBER_PRECEDENCE)}.{name}({arguments})"
        case ListLiteral(items=items):
            return "[" + ", ".join(to_source(item) for item in items) + "]"
        case Unary(op=op, operand=operand):
            return f"{op}{_print(operand, UNARY_PRECEDENCE)}"
        case Binary(op=op, left=left, right=right):
            strength = BINARY_PRECEDENCE[op]
            return f"{_print(left, strength)} {op} {_print(right, strength + 1)}"
        case Conditional(condition=condition, then=then, otherwise=otherwise):
            return (
                f"{_print(condition, CONDITIONAL_PRECEDENCE + 1)} ? "
                f"{_print(then, CONDITIONAL_PRECEDENCE + 1)} : "
                f"{_print(otherwise, CONDITIONAL_PRECEDENCE)}"
            )
    raise TypeError(f"Not an expression node: {node!r}")


def start_of(node: Expr) -> int:
    """The offset where the node's source text begins (its leftmost token)."""
    match node:
        case Select(operand=operand) | Index(operand=operand):
            return start_of(operand)
        case Call(receiver=receiver) if receiver is not None:
            return start_of(receiver)
        case Binary(left=left):
            return start_of(left)
        case Conditional(condition=condition):
            return start_of(condition)
    return node.pos
