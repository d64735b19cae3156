"""Type-checking a parsed expression against a schema, producing the checked form (`Checked`).

Errors are collected rather than raised, so a policy editor can show them all; an expression
with an error gets the internal type ERROR, which is accepted everywhere to avoid a cascade of
follow-on messages.

Optional values (`OptionalType`) may be compared with `==`/`!=`, tested with `has(...)`, or used
freely where a guard proves them present: on the right of `has(x.f) && ...`, of
`x.f != null && ...`, of `!has(x.f) || ...`, and in the matching branch of `... ? ... : ...`.
"""

from __future__ import annotations

from collections.abc import Mapping

from hearth.policy.rules import expressions_ast as ast
from hearth.policy.rules import expressions_ir as ir
from hearth.policy.rules.expressions_check_calls import check_call
from hearth.policy.rules.expressions_errors import ExpressionError
from hearth.policy.rules.expressions_functions import FunctionTable
from hearth.policy.rules.expressions_scope import Env, Key, Typed, suggestion, widen
from hearth.policy.rules.expressions_types import (
    BOOL,
    ERROR,
    FLOAT,
    INT,
    NOTHING,
    NULL,
    STRING,
    ListType,
    OptionalType,
    RecordType,
    Type,
    common_type,
    contains_record,
    equality_comparable,
    involves_list,
    is_assignable,
    is_numeric,
    orderable,
)


class Checker:
    def __init__(
        self, source: str, variables: Mapping[str, Type], functions: FunctionTable
    ) -> None:
        self.source = source
        self.variables = variables
        self.functions = functions
        self.errors: list[ExpressionError] = []
        self.bound: dict[str, None] = {}  # variables read, in order of first use
        self.loops = 0
        self.names_used: set[str] = set()

    # -- bookkeeping ---------------------------------------------------------------------

    def fail(self, pos: int, message: str) -> Typed:
        self.errors.append(ExpressionError(message, pos, self.source))
        return Typed(ir.Const(None), ERROR)

    def record(self, typed: Typed) -> Typed:
        if typed.path is not None:
            self.names_used.add(typed.path)
        return typed

    def value(self, node: ast.Expr, env: Env) -> Typed:
        """Check a node whose value is used as a whole (so its path counts as read)."""
        return self.record(self.check(node, env))

    def new_loop_binding(self) -> int:
        self.loops += 1
        return self.loops - 1

    def present(self, typed: Typed, node: ast.Expr) -> Typed:
        """`typed`, unless it may be null and no guard proves it present (then an error)."""
        if not isinstance(typed.type, OptionalType):
            return typed
        text = ast.to_source(node)
        guard = f"has({text})" if isinstance(node, ast.Select) else f"{text} != null"
        return self.fail(
            ast.start_of(node),
            f"'{text}' may be null (missing), so it can't be used like this. "
            f"Check it first, for example: {guard} && ...",
        )

    def finish(self, tree: ast.Expr, result: Type) -> ir.Checked | None:
        typed = self.value(tree, Env())
        if typed.type == ERROR and not self.errors:  # never expected: every ERROR is reported
            self.fail(ast.start_of(tree), "This expression can't be worked out.")
        if typed.type != ERROR and not is_assignable(result, typed.type):
            if result == BOOL:
                message = (
                    f"The condition must be true or false, but this gives {typed.type.describe()}."
                )
            else:
                message = (
                    f"The expression must give {result.describe()}, "
                    f"but this gives {typed.type.describe()}."
                )
            self.fail(ast.start_of(tree), message)
        if self.errors:
            return None
        return ir.Checked(
            tree=typed.node,
            type=typed.type,
            variables=tuple(self.bound),
            loops=self.loops,
            names_used=frozenset(self.names_used),
        )

    # -- nodes -----------------------------------------------------------------------------

    def check(self, node: ast.Expr, env: Env) -> Typed:
        match node:
            case ast.Literal(value=value, type=type_):
                return Typed(ir.Const(value), type_)
            case ast.Ident():
                return self.ident(node, env)
            case ast.Select():
                return self.select(node, env)
            case ast.Index():
                return self.index(node, env)
            case ast.Call():
                return check_call(self, node, env)
            case ast.ListLiteral():
                return self.list_literal(node, env)
            case ast.Unary():
                return self.unary(node, env)
            case ast.Binary():
                return self.binary(node, env)
            case ast.Conditional():
                return self.conditional(node, env)
        raise TypeError(f"Not an expression node: {node!r}")

    def ident(self, node: ast.Ident, env: Env) -> Typed:
        name = node.name
        if name.startswith("_"):
            return self.fail(node.pos, f"'{name}' isn't available: names can't start with '_'.")
        key: Key = (name,)
        local = env.locals.get(name)
        if local is not None:
            typed = Typed(ir.Loop(local.binding, name), local.type, local.path, key)
        elif name in self.variables:
            self.bound.setdefault(name, None)
            typed = Typed(ir.Var(name), self.variables[name], name, key)
        else:
            if name in self.functions.function_names() or name in ("has", "size"):
                return self.fail(node.pos, f"'{name}' is a function: call it as {name}(...).")
            choices = [*self.variables, *env.locals]
            return self.fail(node.pos, f"Unknown name '{name}'.{suggestion(name, choices)}")
        return self.narrow(typed, env)

    @staticmethod
    def narrow(typed: Typed, env: Env) -> Typed:
        if isinstance(typed.type, OptionalType) and typed.key in env.narrowed:
            return Typed(typed.node, typed.type.inner, typed.path, typed.key)
        return typed

    def field_of(self, operand: Typed, operand_node: ast.Expr, name: str, pos: int) -> Type:
        """The declared type of field `name` on `operand`, or ERROR after reporting why not."""
        if operand.type == ERROR:
            return ERROR
        present = self.present(operand, operand_node)
        record = present.type
        if record == ERROR:
            return ERROR
        if not isinstance(record, RecordType):
            self.fail(
                pos, f"'.{name}' can't be used on {record.describe()}: only records have fields."
            )
            return ERROR
        if name.startswith("_"):
            self.fail(pos, f"'{name}' isn't available: names starting with '_' are never fields.")
            return ERROR
        if name not in record.fields:
            fields = list(record.fields)
            hint = suggestion(name, fields)
            if not hint and fields:
                listed = ", ".join(fields[:12]) + (", ..." if len(fields) > 12 else "")
                hint = f" Its fields are: {listed}."
            self.fail(pos, f"Unknown field '{name}' on {record.name}.{hint}")
            return ERROR
        return record.fields[name]

    def select(self, node: ast.Select, env: Env) -> Typed:
        operand = self.check(node.operand, env)
        field_type = self.field_of(operand, node.operand, node.name, node.pos)
        if field_type == ERROR:
            return Typed(ir.Const(None), ERROR)
        path = f"{operand.path}.{node.name}" if operand.path is not None else None
        key = (*operand.key, node.name) if operand.key is not None else None
        optional = isinstance(field_type, OptionalType)
        typed = Typed(ir.Field(operand.node, node.name, optional), field_type, path, key)
        return self.narrow(typed, env)

    def index(self, node: ast.Index, env: Env) -> Typed:
        operand = self.present(self.check(node.operand, env), node.operand)
        index = self.present(self.value(node.index, env), node.index)
        if operand.type == ERROR or index.type == ERROR:
            return Typed(ir.Const(None), ERROR)
        if not isinstance(operand.type, ListType):
            return self.fail(
                node.pos, f"Only lists can be indexed with [ ], not {operand.type.describe()}."
            )
        if index.type != INT:
            return self.fail(
                ast.start_of(node.index),
                f"A list index must be a whole number, not {index.type.describe()}.",
            )
        element = operand.type.elem
        return Typed(ir.Index(operand.node, index.node), element, operand.path)

    def list_literal(self, node: ast.ListLiteral, env: Env) -> Typed:
        items = [self.value(item, env) for item in node.items]
        element: Type = NOTHING
        for item_node, item in zip(node.items, items, strict=True):
            joined = common_type(element, item.type)
            if joined is None:
                return self.fail(
                    ast.start_of(item_node),
                    f"All items in a list must be the same kind: this list mixes "
                    f"{element.plural()} and {item.type.plural()}.",
                )
            element = joined
        items = [widen(item, element) for item in items]
        return Typed(ir.MakeList(tuple(item.node for item in items)), ListType(element))

    def unary(self, node: ast.Unary, env: Env) -> Typed:
        operand = self.present(self.value(node.operand, env), node.operand)
        if operand.type == ERROR:
            return operand
        if node.op == "!":
            if operand.type != BOOL:
                return self.fail(
                    node.pos, f"'!' needs true or false, but this is {operand.type.describe()}."
                )
            return Typed(ir.Not(operand.node), BOOL)
        if not is_numeric(operand.type):
            return self.fail(
                node.pos, f"'-' needs a number, but this is {operand.type.describe()}."
            )
        return Typed(ir.Neg(operand.node), operand.type)

    def binary(self, node: ast.Binary, env: Env) -> Typed:
        if node.op in ("&&", "||"):
            return self.logical(node, env)
        left = self.value(node.left, env)
        right = self.value(node.right, env)
        if left.type == ERROR or right.type == ERROR:
            return Typed(ir.Const(None), ERROR)
        if node.op in ("==", "!="):
            return self.equality(node, left, right)
        left = self.present(left, node.left)
        right = self.present(right, node.right)
        if left.type == ERROR or right.type == ERROR:
            return Typed(ir.Const(None), ERROR)
        if node.op == "in":
            return self.membership(node, left, right)
        if node.op in ("<", "<=", ">", ">="):
            if not orderable(left.type, right.type):
                return self.fail(
                    node.pos,
                    f"Can't use {node.op} between {left.type.describe()} and "
                    f"{right.type.describe()}: only numbers, text and dates can be ordered, "
                    "each with its own kind.",
                )
            return Typed(ir.Compare(node.op, left.node, right.node, "value"), BOOL)
        return self.arithmetic(node, left, right)

    def logical(self, node: ast.Binary, env: Env) -> Typed:
        left = self.value(node.left, env)
        when_true, when_false = facts(node.left)
        right = self.value(node.right, env.proving(when_true if node.op == "&&" else when_false))
        for side, typed in (("left", left), ("right", right)):
            if typed.type not in (BOOL, ERROR):
                return self.fail(
                    node.pos,
                    f"Both sides of {node.op} must be true or false, but the {side} side is "
                    f"{typed.type.describe()}.",
                )
        if left.type == ERROR or right.type == ERROR:
            return Typed(ir.Const(None), ERROR)
        combined = ir.And if node.op == "&&" else ir.Or
        return Typed(combined(left.node, right.node), BOOL)

    def equality(self, node: ast.Binary, left: Typed, right: Typed) -> Typed:
        if not equality_comparable(left.type, right.type):
            if NULL in (left.type, right.type):
                other = right if left.type == NULL else left
                message = f"This is never null: it is always {other.type.describe()}."
            elif contains_record(left.type) or contains_record(right.type):
                message = f"Records can't be compared with {node.op}; compare their fields instead."
            else:
                message = (
                    f"Can't compare {left.type.describe()} with {right.type.describe()} "
                    f"using {node.op}: they are different kinds of value."
                )
            return self.fail(node.pos, message)
        if NULL in (left.type, right.type):
            value = right if left.type == NULL else left
            return Typed(ir.Compare(node.op, value.node, ir.Const(None), "null"), BOOL)
        mode = "sequence" if involves_list(left.type) or involves_list(right.type) else "value"
        return Typed(ir.Compare(node.op, left.node, right.node, mode), BOOL)

    def membership(self, node: ast.Binary, item: Typed, container: Typed) -> Typed:
        if not isinstance(container.type, ListType):
            return self.fail(
                node.pos, f"'in' needs a list on its right, not {container.type.describe()}."
            )
        if not equality_comparable(item.type, container.type.elem):
            return self.fail(
                node.pos,
                f"Can't look for {item.type.describe()} in {container.type.describe()}.",
            )
        sequence = involves_list(container.type.elem)
        return Typed(ir.In(item.node, container.node, sequence), BOOL)

    def arithmetic(self, node: ast.Binary, left: Typed, right: Typed) -> Typed:
        a, b, op = left.type, right.type, node.op
        if is_numeric(a) and is_numeric(b):
            both_int = a == INT and b == INT
            if op == "%" and not both_int:
                return self.fail(node.pos, "% works on whole numbers only.")
            mode = ("int" if both_int else "float") if op in ("/", "%") else "number"
            return Typed(ir.Arith(op, left.node, right.node, mode), INT if both_int else FLOAT)
        if op == "+" and a == STRING and b == STRING:
            return Typed(ir.Arith(op, left.node, right.node, "text"), STRING)
        if op == "+" and isinstance(a, ListType) and isinstance(b, ListType):
            joined = common_type(a, b)
            if joined is not None:
                left, right = widen(left, joined), widen(right, joined)
                return Typed(ir.Arith(op, left.node, right.node, "list"), joined)
        verbs = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "divide"}
        return self.fail(
            node.pos,
            f"Can't {verbs[op]} {a.describe()} and {b.describe()} with {op}.",
        )

    def conditional(self, node: ast.Conditional, env: Env) -> Typed:
        condition = self.value(node.condition, env)
        when_true, when_false = facts(node.condition)
        then = self.value(node.then, env.proving(when_true))
        otherwise = self.value(node.otherwise, env.proving(when_false))
        if condition.type not in (BOOL, ERROR):
            return self.fail(
                ast.start_of(node.condition),
                f"The condition before '?' must be true or false, but this gives "
                f"{condition.type.describe()}.",
            )
        joined = common_type(then.type, otherwise.type)
        if joined is None:
            return self.fail(
                node.pos,
                f"Both choices after '?' must give the same kind of value, but one gives "
                f"{then.type.describe()} and the other {otherwise.type.describe()}.",
            )
        if ERROR in (condition.type, joined):
            return Typed(ir.Const(None), ERROR)
        then, otherwise = widen(then, joined), widen(otherwise, joined)
        return Typed(ir.Choose(condition.node, then.node, otherwise.node), joined)


def chain_key(node: ast.Expr) -> Key | None:
    """`("a", "b", "c")` for the chain `a.b.c`; None for anything else."""
    if isinstance(node, ast.Ident):
        return (node.name,)
    if isinstance(node, ast.Select):
        inner = chain_key(node.operand)
        return None if inner is None else (*inner, node.name)
    return None


def facts(node: ast.Expr) -> tuple[frozenset[Key], frozenset[Key]]:
    """The chains proven non-null when `node` is true, and when it is false."""
    none: frozenset[Key] = frozenset()
    match node:
        case ast.Call(receiver=None, name="has", args=(ast.Select() as target,)):
            key = chain_key(target)
            return (frozenset({key}) if key else none), none
        case ast.Unary(op="!", operand=operand):
            when_true, when_false = facts(operand)
            return when_false, when_true
        case ast.Binary(op="&&", left=left, right=right):
            (lt, lf), (rt, rf) = facts(left), facts(right)
            return lt | rt, lf & rf
        case ast.Binary(op="||", left=left, right=right):
            (lt, lf), (rt, rf) = facts(left), facts(right)
            return lt & rt, lf | rf
        case ast.Binary(op="==" | "!=" as op, left=left, right=right):
            other = right if _is_null(left) else left if _is_null(right) else None
            key = chain_key(other) if other is not None else None
            if key is None:
                return none, none
            proven = frozenset({key})
            return (proven, none) if op == "!=" else (none, proven)
    return none, none


def _is_null(node: ast.Expr) -> bool:
    return isinstance(node, ast.Literal) and node.type == NULL
