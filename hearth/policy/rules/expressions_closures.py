"""Compiling a checked expression to nested Python closures.

The slower of the two back ends, kept as the reference implementation (tests compare the
generated code against it) and as the fallback when generated code can't be compiled.

Each node becomes a function of an environment: a list holding the variables read (in
`Checked.variables` order) followed by one slot per macro loop variable.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from hearth.policy.rules import expressions_ir as ir
from hearth.policy.rules import expressions_runtime as rt
from hearth.policy.rules.expressions_errors import ExpressionRuntimeError

Env = list[Any]
Fn = Callable[[Env], Any]
Evaluate = Callable[[Mapping[str, object]], object]

_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


def build(checked: ir.Checked) -> Evaluate:
    names = checked.variables
    root = _Builder(names).build(checked.tree)
    padding: list[Any] = [None] * checked.loops

    def evaluate(variables: Mapping[str, object]) -> object:
        try:
            env: Env = [variables[name] for name in names]
            env += padding
            return root(env)
        except ExpressionRuntimeError:
            raise
        except Exception as error:
            raise rt.runtime_error(error) from error

    return evaluate


class _Builder:
    def __init__(self, variables: tuple[str, ...]) -> None:
        self.slots = {name: slot for slot, name in enumerate(variables)}
        self.variables = len(variables)

    def build(self, node: ir.Node) -> Fn:
        match node:
            case ir.Const(value=value):
                return lambda env: value
            case ir.Var(name=name):
                return operator.itemgetter(self.slots[name])
            case ir.Loop(binding=binding):
                return operator.itemgetter(self.variables + binding)
            case ir.Field():
                return self.field(node)
            case ir.Has(operand=operand, name=name):
                record = self.build(operand)
                return lambda env: rt.has_field(record(env), name)
            case ir.Index(operand=operand, index=position):
                items, at = self.build(operand), self.build(position)
                return lambda env: rt.index(items(env), at(env))
            case ir.MakeList(items=items):
                parts = [self.build(item) for item in items]
                return lambda env: [part(env) for part in parts]
            case ir.Not(operand=operand):
                inner = self.build(operand)
                return lambda env: not inner(env)
            case ir.Neg(operand=operand):
                inner = self.build(operand)
                return lambda env: -inner(env)
            case ir.And(left=left, right=right):
                a, b = self.build(left), self.build(right)
                return lambda env: a(env) and b(env)
            case ir.Or(left=left, right=right):
                a, b = self.build(left), self.build(right)
                return lambda env: a(env) or b(env)
            case ir.Choose(condition=condition, then=then, otherwise=otherwise):
                c, t, o = self.build(condition), self.build(then), self.build(otherwise)
                return lambda env: t(env) if c(env) else o(env)
            case ir.Compare():
                return self.compare(node)
            case ir.Arith():
                return self.arithmetic(node)
            case ir.In(item=item, container=container, sequence=sequence):
                a, b = self.build(item), self.build(container)
                if sequence:
                    return lambda env: rt.sequence_in(a(env), b(env))
                return lambda env: a(env) in b(env)
            case ir.Size(operand=operand):
                inner = self.build(operand)
                return lambda env: len(inner(env))
            case ir.Apply(implementation=implementation, args=args):
                parts = [self.build(arg) for arg in args]
                return lambda env: implementation(*[part(env) for part in parts])
            case ir.Macro():
                return self.macro(node)
        raise TypeError(f"Not a checked node: {node!r}")

    def field(self, node: ir.Field) -> Fn:
        record, name = self.build(node.operand), node.name
        if node.optional:
            return lambda env: rt.get_optional(record(env), name)
        plain, get = rt.PLAIN, rt.get_field

        def read(env: Env) -> Any:
            value = record(env)
            return getattr(value, name) if value.__class__ in plain else get(value, name)

        return read

    def compare(self, node: ir.Compare) -> Fn:
        a = self.build(node.left)
        if node.mode == "null":
            if node.op == "==":
                return lambda env: a(env) is None
            return lambda env: a(env) is not None
        b = self.build(node.right)
        if node.mode == "sequence":
            if node.op == "==":
                return lambda env: rt.sequence_equal(a(env), b(env))
            return lambda env: not rt.sequence_equal(a(env), b(env))
        test = _OPERATORS[node.op]
        if isinstance(node.right, ir.Const):
            constant = node.right.value
            return lambda env: test(a(env), constant)
        return lambda env: test(a(env), b(env))

    def arithmetic(self, node: ir.Arith) -> Fn:
        a, b = self.build(node.left), self.build(node.right)
        if node.mode == "int":
            divide = rt.int_divide if node.op == "/" else rt.int_remainder
            return lambda env: divide(a(env), b(env))
        if node.mode == "list":
            return lambda env: rt.join_lists(a(env), b(env))
        combine = _OPERATORS[node.op]
        return lambda env: combine(a(env), b(env))

    def macro(self, node: ir.Macro) -> Fn:
        listed, body = self.build(node.range), self.build(node.body)
        slot = self.variables + node.binding
        kind = node.kind

        def run(env: Env) -> Any:
            if kind == "exists":
                for item in listed(env):
                    env[slot] = item
                    if body(env):
                        return True
                return False
            if kind == "all":
                for item in listed(env):
                    env[slot] = item
                    if not body(env):
                        return False
                return True
            if kind == "exists_one":
                found = 0
                for item in listed(env):
                    env[slot] = item
                    if body(env):
                        found += 1  # every item is looked at, as in CEL: an error is the answer
                return found == 1
            results: list[Any] = []
            for item in listed(env):
                env[slot] = item
                if kind == "map":
                    results.append(body(env))
                elif body(env):
                    results.append(item)
            return results

        return run
