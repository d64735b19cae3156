"""Properties of policy expressions, checked with Hypothesis: on random well-typed trees, both back
ends agree with an independent reference evaluator, and printing any tree then parsing it
gives the same tree back.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.expressions import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    STRING,
    ExpressionRuntimeError,
    ListType,
    Type,
    compile_expression,
    parse_expression,
    to_source,
)
from hearth.policy.rules.expressions_ast import (
    Binary,
    Call,
    Conditional,
    Expr,
    Ident,
    Index,
    ListLiteral,
    Literal,
    Select,
    Unary,
)
from hearth.policy.tests.expression_support import STRATEGIES

# -- properties ----------------------------------------------------------------------------

INT_VARIABLES = {"x": INT, "y": INT, "flag": BOOL, "xs": ListType(INT)}


class UndefinedError(Exception):
    """The reference evaluator's runtime error."""


def reference(node: Expr, env: dict[str, Any]) -> Any:
    """An independent, direct evaluator of integer/boolean trees with CEL's semantics."""
    match node:
        case Literal(value=value):
            return value
        case Ident(name=name):
            return env[name]
        case Unary(op="-", operand=operand):
            return -reference(operand, env)
        case Unary(op="!", operand=operand):
            return not reference(operand, env)
        case Binary(op="&&", left=left, right=right):
            return reference(left, env) and reference(right, env)
        case Binary(op="||", left=left, right=right):
            return reference(left, env) or reference(right, env)
        case Binary(op=op, left=left, right=right):
            a, b = reference(left, env), reference(right, env)
            if op in ("/", "%"):
                if b == 0:
                    raise UndefinedError
                quotient = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
                return quotient if op == "/" else a - b * quotient
            operations = {
                "+": lambda: a + b,
                "-": lambda: a - b,
                "*": lambda: a * b,
                "<": lambda: a < b,
                "<=": lambda: a <= b,
                ">": lambda: a > b,
                ">=": lambda: a >= b,
                "==": lambda: a == b,
                "!=": lambda: a != b,
                "in": lambda: a in b,
            }
            return operations[op]()
        case Conditional(condition=condition, then=then, otherwise=otherwise):
            return reference(then if reference(condition, env) else otherwise, env)
        case Index(operand=operand, index=index):
            items, position = reference(operand, env), reference(index, env)
            if not 0 <= position < len(items):
                raise UndefinedError
            return items[position]
        case Call(receiver=None, name="size", args=(arg,)):
            return len(reference(arg, env))
        case Call(receiver=None, name="min" | "max" as name, args=(a, b)):
            pair = (reference(a, env), reference(b, env))
            return min(pair) if name == "min" else max(pair)
        case Call(receiver=receiver, name=name, args=(Ident(name=var), body)) if receiver:
            items = reference(receiver, env)

            def test(item: int) -> Any:
                return reference(body, {**env, var: item})

            if name == "exists":
                return any(test(item) for item in items)  # stops at the first true
            if name == "all":
                return all(test(item) for item in items)  # stops at the first false
            if name == "filter":
                return [item for item in items if test(item)]
            return [test(item) for item in items]  # map
        case ListLiteral(items=items):
            return [reference(item, env) for item in items]
    raise AssertionError(f"unexpected node {node!r}")


def _pick(draw: st.DrawFn, weights: dict[str, int]) -> str:
    """A weighted choice (Hypothesis's own choices favour the first and last options)."""
    roll = draw(st.integers(0, sum(weights.values()) - 1))
    for kind, weight in weights.items():
        if roll < weight:
            return kind
        roll -= weight
    raise AssertionError("unreachable")


def _int_literal(draw: st.DrawFn, top: int = 30) -> Expr:
    return Literal(draw(st.integers(0, top)), INT)


def _name(draw: st.DrawFn, scope: tuple[str, ...]) -> Expr:
    return Ident(draw(st.sampled_from(["x", "y", *scope])))


@st.composite
def int_trees(draw: st.DrawFn, depth: int, scope: tuple[str, ...] = ()) -> Expr:
    """Well-typed whole-number trees over x, y: int, flag: bool, xs: list(int)."""
    weights = {"literal": 4, "name": 6, "size": 2}
    if depth > 0:
        weights |= {"arith": 20, "divide": 20, "neg": 5, "choose": 10, "minmax": 8}
        weights |= {"index": 4, "literal_index": 4, "filter": 12}
    kind = _pick(draw, weights)
    sub = int_trees(depth - 1, scope)
    var = f"v{len(scope)}"
    if kind == "literal":
        return _int_literal(draw)
    if kind == "name":
        return _name(draw, scope)
    if kind == "size":
        return Call(None, "size", (Ident("xs"),))
    if kind in ("arith", "divide"):
        ops = ["+", "-", "*"] if kind == "arith" else ["/", "%"]
        return Binary(draw(st.sampled_from(ops)), draw(sub), draw(sub))
    if kind == "neg":
        return Unary("-", draw(sub))
    if kind == "choose":
        return Conditional(draw(bool_trees(depth - 1, scope)), draw(sub), draw(sub))
    if kind == "minmax":
        return Call(None, draw(st.sampled_from(["min", "max"])), (draw(sub), draw(sub)))
    if kind == "index":
        return Index(Ident("xs"), draw(sub))
    if kind == "literal_index":
        items = draw(st.lists(sub, min_size=1, max_size=3))
        return Index(ListLiteral(tuple(items)), draw(sub))
    body = draw(bool_trees(depth - 1, (*scope, var)))
    return Call(None, "size", (Call(Ident("xs"), "filter", (Ident(var), body)),))


@st.composite
def bool_trees(draw: st.DrawFn, depth: int, scope: tuple[str, ...] = ()) -> Expr:
    """Well-typed true/false trees over the same variables."""
    weights = {"literal": 2, "flag": 2, "compare_name": 4}
    if depth > 0:
        weights |= {"logic": 15, "not": 5, "relation": 25, "bool_equal": 5, "choose": 8}
        weights |= {"in": 8, "macro": 12, "in_map": 8}
    kind = _pick(draw, weights)
    sub, number = bool_trees(depth - 1, scope), int_trees(depth - 1, scope)
    var = f"v{len(scope)}"
    if kind == "literal":
        return Literal(draw(st.booleans()), BOOL)
    if kind == "flag":
        return Ident("flag")
    if kind == "compare_name":
        op = draw(st.sampled_from(["<", "==", ">="]))
        return Binary(op, _name(draw, scope), _int_literal(draw, 5))
    if kind == "logic":
        return Binary(draw(st.sampled_from(["&&", "||"])), draw(sub), draw(sub))
    if kind == "not":
        return Unary("!", draw(sub))
    if kind == "relation":
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        return Binary(op, draw(number), draw(number))
    if kind == "bool_equal":
        return Binary(draw(st.sampled_from(["==", "!="])), draw(sub), draw(sub))
    if kind == "choose":
        return Conditional(draw(sub), draw(sub), draw(sub))
    if kind == "in":
        return Binary("in", draw(number), Ident("xs"))
    if kind == "macro":
        body = draw(bool_trees(depth - 1, (*scope, var)))
        return Call(Ident("xs"), draw(st.sampled_from(["exists", "all"])), (Ident(var), body))
    body = draw(int_trees(depth - 1, (*scope, var)))
    return Binary("in", draw(number), Call(Ident("xs"), "map", (Ident(var), body)))


@settings(max_examples=300, deadline=None)
@given(
    typed_tree=st.one_of(
        int_trees(3).map(lambda tree: (INT, tree)), bool_trees(3).map(lambda tree: (BOOL, tree))
    ),
    x=st.integers(-40, 40),
    y=st.integers(-40, 40),
    flag=st.booleans(),
    xs=st.lists(st.integers(-5, 5), max_size=4),
)
def test_compiled_code_matches_the_reference_evaluator(
    typed_tree: tuple[Type, Expr], x: int, y: int, flag: bool, xs: list[int]
) -> None:
    result_type, tree = typed_tree
    source = to_source(tree)
    assert parse_expression(source) == tree
    values = {"x": x, "y": y, "flag": flag, "xs": xs}
    try:
        expected: object = reference(tree, values)
    except UndefinedError:
        expected = UndefinedError
    for strategy in STRATEGIES:
        compiled = compile_expression(
            source, variables=INT_VARIABLES, result=result_type, strategy=strategy
        )
        if expected is UndefinedError:
            with pytest.raises(ExpressionRuntimeError):
                compiled(values)
        else:
            outcome = compiled(values)
            assert outcome == expected and type(outcome) is type(expected), (strategy, source)


@given(
    st.sampled_from(["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!="]),
    st.integers(-(2**70), 2**70),
    st.integers(-(2**70), 2**70) | st.integers(-3, 3),
)
def test_integer_operators_match_the_reference(op: str, x: int, y: int) -> None:
    tree = Binary(op, Ident("x"), Ident("y"))
    values = {"x": x, "y": y, "flag": False, "xs": []}
    result_type = INT if op in "+-*/%" else BOOL
    for strategy in STRATEGIES:
        compiled = compile_expression(
            to_source(tree), variables=INT_VARIABLES, result=result_type, strategy=strategy
        )
        if y == 0 and op in "/%":
            with pytest.raises(ExpressionRuntimeError, match="Division by zero"):
                compiled(values)
        else:
            assert compiled(values) == reference(tree, values)


def _printable_trees() -> st.SearchStrategy[Expr]:
    leaves = st.one_of(
        st.integers(0, 10**12).map(lambda value: Literal(value, INT)),
        st.floats(min_value=0, allow_nan=False, allow_infinity=False).map(
            lambda value: Literal(value, FLOAT)
        ),
        st.text(max_size=8).map(lambda value: Literal(value, STRING)),
        st.sampled_from([Literal(True, BOOL), Literal(False, BOOL), Literal(None, NULL)]),
        st.sampled_from(["a", "b", "household", "m"]).map(Ident),
    )
    names = st.sampled_from(["size", "exists", "age", "x1"])
    operators = st.sampled_from(
        ["||", "&&", "<", "<=", ">", ">=", "==", "!=", "in", "+", "-", "*", "/", "%"]
    )

    def extend(sub: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        return st.one_of(
            st.builds(Binary, operators, sub, sub),
            st.builds(Unary, st.sampled_from(["!", "-"]), sub),
            st.builds(Conditional, sub, sub, sub),
            st.builds(Select, sub, names),
            st.builds(Index, sub, sub),
            st.builds(
                lambda receiver, name, args: Call(receiver, name, tuple(args)),
                st.none() | sub,
                names,
                st.lists(sub, max_size=2),
            ),
            st.lists(sub, max_size=3).map(lambda items: ListLiteral(tuple(items))),
        )

    return st.recursive(leaves, extend, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_printable_trees())
def test_printing_and_parsing_round_trip(tree: Expr) -> None:
    assert parse_expression(to_source(tree)) == tree
