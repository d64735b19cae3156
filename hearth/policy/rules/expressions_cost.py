"""How much work an expression can take, estimated from its checked form before it ever runs.

Every expression terminates, but some terminate too late: list functions inside list
functions multiply (`members.map(a, members.map(b, ...))`), and `map` can double a piece of
text or square a number at every step (`["a"].map(x, x + x).map(x, x + x)...`). A policy
editor refuses an expression whose estimate is over `MAX_COST`, so no published rule can slow
assessment down.

The estimate is an upper bound in "steps" (roughly one small Python operation each). It
follows the size of every value: how many items a list may have (`LIST_ITEMS` for a list the
expression is given), how long a piece of text may be (`TEXT_LENGTH`), and how many bits a
whole number may need. A list function costs its list's items times its condition; joining
text or lists costs their length; arithmetic on big numbers costs their size.
"""

from __future__ import annotations

from dataclasses import dataclass

from hearth.policy.rules import expressions_ir as ir

MAX_COST = 20_000
LIST_ITEMS = 20  # a household of twenty, twenty awarded needs: more than any real list
TEXT_LENGTH = 200
NUMBER_BITS = 64
_WORD = 64  # characters or bits handled in one step


@dataclass(frozen=True, slots=True)
class Size:
    """An upper bound on a value: items (a list), characters (text), bits (a number)."""

    items: int = LIST_ITEMS
    chars: int = TEXT_LENGTH
    bits: int = NUMBER_BITS
    elem: Size | None = None  # the items' size, for a list; None for a given value's default

    def item(self) -> Size:
        return self.elem if self.elem is not None else GIVEN

    def weight(self) -> int:
        """Steps to read the whole value once (to compare, copy or join it)."""
        own = 1 + self.chars // _WORD + self.bits // _WORD
        return own if self.elem is None else own + self.items * self.elem.weight()


GIVEN = Size()  # a value the expression is given, or a function gives
SMALL = Size(items=0, chars=0, bits=1)  # true/false, null


def _join(a: Size, b: Size) -> Size:
    """A size bounding both `a` and `b` (the two sides of `?:`, the items of a list)."""
    elem = _join(a.elem, b.elem) if a.elem and b.elem else a.elem or b.elem
    return Size(max(a.items, b.items), max(a.chars, b.chars), max(a.bits, b.bits), elem)


def _constant(value: object) -> Size:
    if isinstance(value, bool) or value is None:
        return SMALL
    if isinstance(value, int):
        return Size(items=0, chars=0, bits=max(1, value.bit_length()))
    if isinstance(value, str):
        return Size(items=0, chars=len(value), bits=1)
    if isinstance(value, list | tuple):
        elem = SMALL
        for item in value:
            elem = _join(elem, _constant(item))
        return Size(items=len(value), chars=0, bits=1, elem=elem)
    return Size(items=0, chars=0, bits=NUMBER_BITS)  # a decimal or a date


class _Estimator:
    def __init__(self) -> None:
        self.loops: dict[int, Size] = {}

    def run(self, node: ir.Node) -> tuple[int, Size]:
        """The steps to evaluate `node` once, and the size of its value."""
        match node:
            case ir.Const(value=value):
                return 1, _constant(value)
            case ir.Var() | ir.Field():
                cost = self.run(node.operand)[0] + 1 if isinstance(node, ir.Field) else 1
                return cost, GIVEN
            case ir.Loop(binding=binding):
                return 1, self.loops.get(binding, GIVEN)
            case ir.Has(operand=operand):
                return self.run(operand)[0] + 1, SMALL
            case ir.Index(operand=operand, index=position):
                (a, listed), (b, _) = self.run(operand), self.run(position)
                return a + b + 1, listed.item()
            case ir.MakeList(items=items):
                cost, elem = 1, SMALL
                for item in items:
                    step, size = self.run(item)
                    cost, elem = cost + step, _join(elem, size)
                return cost, Size(items=len(items), chars=0, bits=1, elem=elem)
            case ir.Not(operand=operand) | ir.Neg(operand=operand):
                step, size = self.run(operand)
                return step + 1 + size.bits // _WORD, size
            case ir.And(left=left, right=right) | ir.Or(left=left, right=right):
                return self.run(left)[0] + self.run(right)[0] + 1, SMALL
            case ir.Choose(condition=condition, then=then, otherwise=otherwise):
                (c, _), (t, then_size) = self.run(condition), self.run(then)
                o, otherwise_size = self.run(otherwise)
                return c + max(t, o) + 1, _join(then_size, otherwise_size)
            case ir.Compare(left=left, right=right):
                (a, x), (b, y) = self.run(left), self.run(right)
                return a + b + min(x.weight(), y.weight()), SMALL
            case ir.Arith():
                return self.arithmetic(node)
            case ir.In(item=item, container=container):
                (a, x), (b, listed) = self.run(item), self.run(container)
                return a + b + listed.items * min(x.weight(), listed.item().weight()), SMALL
            case ir.Size(operand=operand):
                return self.run(operand)[0] + 1, Size(items=0, chars=0, bits=NUMBER_BITS)
            case ir.Apply(args=args):
                cost = 1
                for arg in args:
                    step, size = self.run(arg)
                    cost += step + size.weight()
                return cost, GIVEN
            case ir.Macro():
                return self.macro(node)
        raise TypeError(f"Not a checked node: {node!r}")

    def arithmetic(self, node: ir.Arith) -> tuple[int, Size]:
        (a, x), (b, y) = self.run(node.left), self.run(node.right)
        cost = a + b + 1
        if node.mode == "text":
            chars = x.chars + y.chars
            return cost + chars // _WORD, Size(items=0, chars=chars, bits=1)
        if node.mode == "list":
            items = x.items + y.items
            joined = Size(items=items, chars=0, bits=1, elem=_join(x.item(), y.item()))
            return cost + items, joined
        if node.op == "*":
            bits = x.bits + y.bits
            work = (x.bits // _WORD + 1) * (y.bits // _WORD + 1)
        elif node.op in ("+", "-"):
            bits = max(x.bits, y.bits) + 1
            work = bits // _WORD
        else:  # / and % never make a number bigger
            bits = x.bits
            work = (x.bits // _WORD + 1) * (y.bits // _WORD + 1)
        return cost + work, Size(items=0, chars=0, bits=bits)

    def macro(self, node: ir.Macro) -> tuple[int, Size]:
        listed_cost, listed = self.run(node.range)
        self.loops[node.binding] = listed.item()
        body_cost, body = self.run(node.body)
        cost = listed_cost + 1 + listed.items * (body_cost + 1)
        if node.kind == "map":
            return cost, Size(items=listed.items, chars=0, bits=1, elem=body)
        if node.kind == "filter":
            return cost, listed
        return cost, SMALL


def estimate_cost(checked: ir.Checked) -> int:
    """An upper bound on the steps one evaluation of the expression can take."""
    return _Estimator().run(checked.tree)[0]
