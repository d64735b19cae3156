"""Compiling a checked expression to a Python function by generating Python source.

Why this is safe: the generated text is built only from the checked form, never copied from the
expression's source. Every Python name in it is chosen here (`_a0` for a variable, `_l0` for a
loop variable, `_t0` for a temporary, `_f0`/`_k0` for functions and constants); literals are
written with `repr` of an int, float, str, bool or None; field names come from the schema and
are checked again below to be plain identifiers (never starting with `_`). The code runs with
no builtins, seeing only the helpers put in its namespace.

The generated function converts every exception into `ExpressionRuntimeError` itself, so it can
be called directly with no wrapper.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from hearth.policy.rules import expressions_ir as ir
from hearth.policy.rules import expressions_runtime as rt
from hearth.policy.rules.expressions_errors import ExpressionRuntimeError

_ATTRIBUTE = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_PYTHON_OPERATORS = {"<", "<=", ">", ">=", "==", "!=", "+", "-", "*", "/"}

Evaluate = Callable[[Mapping[str, object]], object]


class _Scope:
    """One generated Python function: the names it binds, and those it needs passed in."""

    def __init__(self, bound: set[str]) -> None:
        self.bound = bound
        self.free: list[str] = []

    def use(self, name: str) -> str:
        if name not in self.bound and name not in self.free:
            self.free.append(name)
        return name


class _Generator:
    def __init__(self, checked: ir.Checked) -> None:
        self.checked = checked
        self.variable_names = {name: f"_a{i}" for i, name in enumerate(checked.variables)}
        self.namespace: dict[str, Any] = {
            "__builtins__": {},
            "_P": rt.PLAIN,
            "_get": rt.get_field,
            "_opt": rt.get_optional,
            "_has": rt.has_field,
            "_index": rt.index,
            "_idiv": rt.int_divide,
            "_imod": rt.int_remainder,
            "_seq_eq": rt.sequence_equal,
            "_seq_in": rt.sequence_in,
            "_len": len,
            "_convert": rt.runtime_error,
            "_RuntimeError": ExpressionRuntimeError,
            "_Exception": Exception,
        }
        self.objects: dict[int, str] = {}
        self.helpers: list[str] = []
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def constant(self, value: object, prefix: str) -> str:
        """The name under which an arbitrary object (function, date, ...) is reachable."""
        key = id(value)
        if key not in self.objects:
            name = self.fresh(prefix)
            self.objects[key] = name
            self.namespace[name] = value
        return self.objects[key]

    def source(self) -> str:
        scope = _Scope(set(self.variable_names.values()))
        body = self.emit(self.checked.tree, scope)
        prologue = [
            f"        {local} = _vars[{name!r}]" for name, local in self.variable_names.items()
        ]
        main = [
            "def _expr(_vars):",
            "    try:",
            *prologue,
            f"        return {body}",
            "    except _RuntimeError:",
            "        raise",
            "    except _Exception as _e:",
            "        raise _convert(_e) from _e",
        ]
        return "\n".join([*self.helpers, *main]) + "\n"

    # -- expressions -----------------------------------------------------------------------

    def emit(self, node: ir.Node, scope: _Scope) -> str:
        match node:
            case ir.Const(value=value):
                return self.literal(value)
            case ir.Var(name=name):
                return scope.use(self.variable_names[name])
            case ir.Loop(binding=binding):
                return scope.use(f"_l{binding}")
            case ir.Field(operand=operand, name=name, optional=optional):
                return self.field(self.emit(operand, scope), name, optional, operand)
            case ir.Has(operand=operand, name=name):
                return f"_has({self.emit(operand, scope)}, {name!r})"
            case ir.Index(operand=operand, index=position):
                return f"_index({self.emit(operand, scope)}, {self.emit(position, scope)})"
            case ir.MakeList(items=items):
                return "[" + ", ".join(self.emit(item, scope) for item in items) + "]"
            case ir.Not(operand=operand):
                return f"(not {self.emit(operand, scope)})"
            case ir.Neg(operand=operand):
                return f"(-{self.emit(operand, scope)})"
            case ir.And() | ir.Or():
                word = " and " if isinstance(node, ir.And) else " or "
                parts = [self.emit(part, scope) for part in _flatten(node)]
                return "(" + word.join(parts) + ")"
            case ir.Choose(condition=condition, then=then, otherwise=otherwise):
                c, t, o = (self.emit(part, scope) for part in (condition, then, otherwise))
                return f"({t} if {c} else {o})"
            case ir.Compare():
                return self.compare(node, scope)
            case ir.Arith():
                return self.arithmetic(node, scope)
            case ir.In(item=item, container=container, sequence=sequence):
                a, b = self.emit(item, scope), self.emit(container, scope)
                return f"_seq_in({a}, {b})" if sequence else f"({a} in {b})"
            case ir.Size(operand=operand):
                return f"_len({self.emit(operand, scope)})"
            case ir.Apply(implementation=implementation, args=args):
                function = self.constant(implementation, "_f")
                return f"{function}({', '.join(self.emit(arg, scope) for arg in args)})"
            case ir.Macro():
                return self.macro(node, scope)
        raise TypeError(f"Not a checked node: {node!r}")

    def literal(self, value: object) -> str:
        # Exact types only: a subclass could change what `repr` writes.
        if value is None or type(value) in (bool, int, str):
            return repr(value)
        if type(value) is float and math.isfinite(value):
            return repr(value)
        return self.constant(value, "_k")

    def field(self, operand: str, name: str, optional: bool, operand_node: ir.Node) -> str:
        if optional:
            return f"_opt({operand}, {name!r})"
        if not _ATTRIBUTE.match(name) or keyword.iskeyword(name):
            return f"_get({operand}, {name!r})"
        if isinstance(operand_node, ir.Var | ir.Loop):
            return f"({operand}.{name} if {operand}.__class__ in _P else _get({operand}, {name!r}))"
        temp = self.fresh("_t")
        return (
            f"({temp}.{name} if ({temp} := {operand}).__class__ in _P else _get({temp}, {name!r}))"
        )

    def compare(self, node: ir.Compare, scope: _Scope) -> str:
        left = self.emit(node.left, scope)
        if node.mode == "null":
            return f"({left} {'is' if node.op == '==' else 'is not'} None)"
        right = self.emit(node.right, scope)
        if node.mode == "sequence":
            test = f"_seq_eq({left}, {right})"
            return test if node.op == "==" else f"(not {test})"
        return f"({left} {_python_operator(node.op)} {right})"

    def arithmetic(self, node: ir.Arith, scope: _Scope) -> str:
        left, right = self.emit(node.left, scope), self.emit(node.right, scope)
        if node.mode == "int":
            return f"{'_idiv' if node.op == '/' else '_imod'}({left}, {right})"
        if node.mode == "list":
            return f"[*{left}, *{right}]"
        return f"({left} {_python_operator(node.op)} {right})"

    def macro(self, node: ir.Macro, scope: _Scope) -> str:
        name = self.fresh("_m")
        loop = f"_l{node.binding}"
        inner = _Scope({loop})
        body = self.emit(node.body, inner)
        lines = {
            "exists": ["        if {body}:", "            return True", "    return False"],
            "all": ["        if not {body}:", "            return False", "    return True"],
            # Every item is looked at, as in CEL: an error in any of them is the answer.
            "exists_one": ["        if {body}:", "            _n += 1", "    return _n == 1"],
            "filter": ["        if {body}:", "            _r.append({loop})", "    return _r"],
            "map": ["        _r.append({body})", "    return _r"],
        }[node.kind]
        start = {"exists_one": ["    _n = 0"], "filter": ["    _r = []"], "map": ["    _r = []"]}
        params = ", ".join(["_it", *inner.free])
        self.helpers += [
            f"def {name}({params}):",
            *start.get(node.kind, []),
            f"    for {loop} in _it:",
            *(line.format(body=body, loop=loop) for line in lines),
            "",
        ]
        listed = self.emit(node.range, scope)
        passed = [scope.use(free) for free in inner.free]
        return f"{name}({', '.join([listed, *passed])})"


def _python_operator(op: str) -> str:
    if op not in _PYTHON_OPERATORS:
        raise ValueError(f"No Python operator for {op!r}")
    return op


def _flatten(node: ir.Node) -> list[ir.Node]:
    """The operands of a chain of the same logical operator, left to right."""
    kind = type(node)
    parts: list[ir.Node] = []
    while isinstance(node, ir.And | ir.Or) and type(node) is kind:
        parts.append(node.right)
        node = node.left
    parts.append(node)
    return parts[::-1]


def generate_source(checked: ir.Checked) -> tuple[str, dict[str, Any]]:
    """The Python source of `_expr(_vars)` and the namespace it must run in."""
    generator = _Generator(checked)
    return generator.source(), generator.namespace


def build(checked: ir.Checked) -> tuple[Evaluate, str]:
    """The compiled function, and the Python source it was compiled from."""
    text, namespace = generate_source(checked)
    code = compile(text, "<policy expression>", "exec")
    exec(code, namespace)  # noqa: S102 - generated from the checked tree only; see module docstring
    function: Evaluate = namespace["_expr"]
    return function, text
