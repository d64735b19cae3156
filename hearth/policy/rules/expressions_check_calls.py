"""Type-checking calls: `has`, `size`, the list macros, and functions and methods from the
function table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearth.policy.rules import expressions_ast as ast
from hearth.policy.rules import expressions_ir as ir
from hearth.policy.rules.expressions_functions import MACROS, Overload, resolve
from hearth.policy.rules.expressions_scope import Env, Local, Typed, suggestion, widen
from hearth.policy.rules.expressions_types import (
    BOOL,
    ERROR,
    INT,
    NOTHING,
    STRING,
    ListType,
    RecordType,
    Type,
)

if TYPE_CHECKING:
    from hearth.policy.rules.expressions_check import Checker

_MACRO_EXAMPLES = {
    "exists": "list.exists(m, m.age >= 60)",
    "all": "list.all(m, m.age >= 16)",
    "exists_one": "list.exists_one(m, m.is_main_applicant)",
    "filter": "list.filter(m, m.age < 18)",
    "map": "list.map(m, m.age)",
}


def check_call(checker: Checker, node: ast.Call, env: Env) -> Typed:
    if node.receiver is None:
        if node.name == "has":
            return _has(checker, node, env)
        if node.name == "size":
            if len(node.args) != 1:
                return checker.fail(node.pos, "size(...) takes one list or piece of text.")
            return _size(checker, node.args[0], node.pos, env)
        return _function(checker, node, env)
    if node.name in MACROS:
        return _macro(checker, node, node.receiver, env)
    if node.name == "size" and not node.args:
        return _size(checker, node.receiver, node.pos, env)
    return _method(checker, node, node.receiver, env)


def _has(checker: Checker, node: ast.Call, env: Env) -> Typed:
    if len(node.args) != 1 or not isinstance(node.args[0], ast.Select):
        return checker.fail(
            node.pos, "has(...) needs one field to test, for example has(applicant.email)."
        )
    target = node.args[0]
    operand = checker.check(target.operand, env)
    field_type = checker.field_of(operand, target.operand, target.name, target.pos)
    if field_type == ERROR:
        return Typed(ir.Const(None), ERROR)
    if operand.path is not None:
        checker.names_used.add(f"{operand.path}.{target.name}")
    return Typed(ir.Has(operand.node, target.name), BOOL)


def _size(checker: Checker, target: ast.Expr, pos: int, env: Env) -> Typed:
    typed = checker.present(checker.value(target, env), target)
    if typed.type == ERROR:
        return typed
    if not isinstance(typed.type, ListType) and typed.type != STRING:
        return checker.fail(
            pos, f"size needs a list or a piece of text, not {typed.type.describe()}."
        )
    return Typed(ir.Size(typed.node), INT)


def _arguments(checker: Checker, args: tuple[ast.Expr, ...], env: Env) -> list[Typed] | None:
    typed = [checker.value(arg, env) for arg in args]
    return None if any(item.type == ERROR for item in typed) else typed


def _describe_args(types: list[Type]) -> str:
    if not types:
        return "nothing"
    described = [t.describe() for t in types]
    return (
        described[0] if len(described) == 1 else ", ".join(described[:-1]) + " and " + described[-1]
    )


def _no_overload(
    checker: Checker, pos: int, title: str, overloads: tuple[Overload, ...], types: list[Type]
) -> Typed:
    accepted = "; ".join(
        f"{title}({', '.join(param.signature_name() for param in overload.params)})"
        for overload in overloads
    )
    return checker.fail(
        pos, f"{title} can't be used with {_describe_args(types)}. It takes: {accepted}."
    )


def _apply(
    checker: Checker, node: ast.Call, overload: Overload, args: list[Typed], title: str
) -> Typed:
    if not overload.constant:
        params = overload.params if node.receiver is None else (args[0].type, *overload.params)
        widened = [widen(arg, param) for arg, param in zip(args, params, strict=True)]
        return Typed(
            ir.Apply(overload.implementation, tuple(arg.node for arg in widened), node.name),
            overload.result,
        )
    values = []
    for arg_node in node.args:
        if not isinstance(arg_node, ast.Literal):
            return checker.fail(
                ast.start_of(arg_node), f"{title}(...) needs its value written out, in quotes."
            )
        values.append(arg_node.value)
    try:
        value = overload.implementation(*values)
    except ValueError as error:
        return checker.fail(ast.start_of(node.args[0]) if node.args else node.pos, str(error))
    return Typed(ir.Const(value), overload.result)


def _function(checker: Checker, node: ast.Call, env: Env) -> Typed:
    overloads = checker.functions.functions(node.name)
    if not overloads:
        if node.name.startswith("_"):
            return checker.fail(
                node.pos, f"'{node.name}' isn't available: names can't start with '_'."
            )
        if node.name in MACROS:
            return checker.fail(
                node.pos, f"{node.name} is used on a list, like {_MACRO_EXAMPLES[node.name]}."
            )
        hint = suggestion(node.name, [*checker.functions.function_names(), "has", "size"])
        return checker.fail(node.pos, f"Unknown function '{node.name}'.{hint}")
    args = _arguments(checker, node.args, env)
    if args is None:
        return Typed(ir.Const(None), ERROR)
    types = [arg.type for arg in args]
    overload = resolve(overloads, types)
    if overload is None:
        return _no_overload(checker, node.pos, node.name, overloads, types)
    return _apply(checker, node, overload, args, node.name)


def _method(checker: Checker, node: ast.Call, receiver_node: ast.Expr, env: Env) -> Typed:
    receiver = checker.present(checker.value(receiver_node, env), receiver_node)
    if receiver.type == ERROR:
        return receiver
    overloads = checker.functions.methods(receiver.type, node.name)
    if not overloads:
        if node.name.startswith("_"):
            return checker.fail(
                node.pos, f"'{node.name}' isn't available: names can't start with '_'."
            )
        known = checker.functions.method_names(receiver.type)
        if isinstance(receiver.type, ListType) or receiver.type == STRING:
            known.append("size")
        if isinstance(receiver.type, ListType):
            known.extend(MACROS)
        if isinstance(receiver.type, RecordType) and node.name in receiver.type.fields:
            return checker.fail(
                node.pos,
                f"'{node.name}' is a field of {receiver.type.name}, not a method: drop the ( ).",
            )
        hint = suggestion(node.name, known)
        described = receiver.type.describe()
        return checker.fail(
            node.pos, f"{described[0].upper()}{described[1:]} has no method '{node.name}'.{hint}"
        )
    args = _arguments(checker, node.args, env)
    if args is None:
        return Typed(ir.Const(None), ERROR)
    types = [arg.type for arg in args]
    overload = resolve(overloads, types)
    title = f"{receiver.type.signature_name()}.{node.name}"
    if overload is None:
        return _no_overload(checker, node.pos, title, overloads, types)
    return _apply(checker, node, overload, [receiver, *args], title)


def _macro(checker: Checker, node: ast.Call, receiver_node: ast.Expr, env: Env) -> Typed:
    kind = node.name
    example = _MACRO_EXAMPLES[kind]
    if len(node.args) != 2 or not isinstance(node.args[0], ast.Ident):
        return checker.fail(
            node.pos,
            f"{kind}(...) needs a name for each item and then an expression, like {example}.",
        )
    variable = node.args[0]
    name = variable.name
    if name.startswith("_"):
        return checker.fail(variable.pos, f"'{name}' isn't available: names can't start with '_'.")
    if name in checker.variables or name in env.locals:
        return checker.fail(
            variable.pos,
            f"'{name}' is already used in this rule; choose another name for each item.",
        )
    listed = checker.present(checker.value(receiver_node, env), receiver_node)
    if listed.type == ERROR:
        return listed
    if not isinstance(listed.type, ListType):
        return checker.fail(
            node.pos, f"{kind} works on lists, but this is {listed.type.describe()}."
        )
    element = listed.type.elem
    if element == NOTHING:
        return checker.fail(
            node.pos, f"This list is always empty, so {kind}(...) has nothing to look at."
        )
    binding = checker.new_loop_binding()
    inner = Env({**env.locals, name: Local(binding, element, listed.path)}, env.narrowed)
    body = checker.value(node.args[1], inner)
    if body.type == ERROR:
        return body
    result: Type
    if kind == "map":
        result = ListType(body.type)
    else:
        if body.type != BOOL:
            return checker.fail(
                ast.start_of(node.args[1]),
                f"The condition inside {kind}(...) must be true or false, but this gives "
                f"{body.type.describe()}.",
            )
        result = listed.type if kind == "filter" else BOOL
    return Typed(ir.Macro(kind, binding, listed.node, body.node), result)
