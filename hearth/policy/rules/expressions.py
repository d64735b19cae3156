"""Policy expressions: a small, safe subset of CEL (Common Expression Language).

A council's allocation policy states its conditions as expressions such as

    household.overcrowded_by >= 2 || household.members.exists(m, m.age >= 60 && m.disabled)

Each is parsed and type-checked once, against a schema of typed variables, then compiled to a
Python function:

    rule = compile_expression(text, variables={"household": HOUSEHOLD}, result=BOOL)
    rule({"household": household})        # -> True / False

The language has literals (whole and decimal numbers, text, true/false/null, lists, written as
in CEL: `0x1F`, `.5`, text in three quotes, raw `r"..."` text, every CEL escape), variables,
field selection, list indexing, the operators `?:` `||` `&&` `< <= > >= == != in` `+ -`
`* / %` `! -` with CEL's precedence, `size`, `has`, the list macros `exists`, `all`,
`exists_one`, `filter`, `map`, and typed functions and methods from a `FunctionTable` (the
standard set: `date`, `years_between`, `months_between`, `days_between`, `min`, `max`, and the
text methods `startsWith`, `endsWith`, `contains`). It has no loops, recursion, assignment or
attribute access beyond the declared schema, so every expression terminates and can reach only
the values it is given; names starting with `_` (so every dunder) can't be written at all.

Semantics, following CEL except where noted:
- No implicit conversion to true/false: `&&`, `||`, `!`, `?:` and macro conditions need bools.
- Whole and decimal numbers mix in arithmetic (giving a decimal) and in comparisons; where a
  list, a choice or a function joins them, the value is converted, so a value typed as a
  decimal is always a decimal. Whole numbers are unbounded (CEL's 64-bit overflow error is
  not reproduced). `/` on two whole
  numbers rounds toward zero and `%` takes the sign of the left side, as in CEL; division by
  zero raises `ExpressionRuntimeError` for decimals too (CEL would give infinity).
- `==`/`!=` need comparable types (a type error at compile time otherwise); records are never
  compared. `+` adds numbers and joins text or lists. `in` tests list membership only.
- `&&` and `||` short-circuit left to right, and so do `exists` and `all` over a list. CEL's
  rule that an error on one side is absorbed when the other side decides the result is NOT
  implemented: an error on the left (or in an earlier item) is raised. `exists_one` looks at
  every item, as in CEL, so an error in any item is raised.
- Ordering true/false and list functions on the literal `[]` are refused (CEL allows them).

The configuration guide lists every difference from CEL, and `test_expressions_cel` holds the
language to CEL's conformance tests. `check_expression` also refuses an expression nested too
deeply or whose estimated cost (`expressions_cost`) is over `MAX_COST`.
- Optional (nullable) values may be compared with `==`/`!=` or tested with `has(...)`, and are
  usable as their inner type only behind a guard: `has(a.b) && a.b > 1`, `a.b != null && ...`,
  `!has(a.b) || ...`, `has(a.b) ? a.b : 0`.

`CompiledExpression` objects pickle as their source and schema and are compiled again when
unpickled (a fraction of a millisecond); custom functions must then be module-level functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from hearth.policy.rules import expressions_closures, expressions_codegen
from hearth.policy.rules.expressions_ast import Expr, to_source
from hearth.policy.rules.expressions_check import Checker
from hearth.policy.rules.expressions_cost import MAX_COST, estimate_cost
from hearth.policy.rules.expressions_errors import ExpressionError, ExpressionRuntimeError
from hearth.policy.rules.expressions_functions import (
    FunctionTable,
    Overload,
    standard_functions,
)
from hearth.policy.rules.expressions_ir import Checked
from hearth.policy.rules.expressions_parse import parse
from hearth.policy.rules.expressions_runtime import value_problems
from hearth.policy.rules.expressions_types import (
    BOOL,
    DATE,
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
    require_valid_name,
)

Strategy = Literal["codegen", "closures"]
Evaluate = Callable[[Mapping[str, object]], object]

__all__ = [
    "BOOL",
    "DATE",
    "FLOAT",
    "INT",
    "MAX_COST",
    "NULL",
    "STRING",
    "CompiledExpression",
    "Expr",
    "ExpressionError",
    "ExpressionRuntimeError",
    "FunctionTable",
    "ListType",
    "OptionalType",
    "Overload",
    "RecordType",
    "Strategy",
    "Type",
    "check_expression",
    "compile_expression",
    "parse_expression",
    "standard_functions",
    "to_source",
    "variable_problems",
]

_STANDARD = standard_functions()


class CompiledExpression:
    """A parsed, type-checked and compiled expression.

    `evaluate(variables)` (or calling the object) gives the expression's value for a mapping of
    variable names to values; it raises `ExpressionRuntimeError` when the values can't give one.
    `evaluate` is the compiled function itself, the cheapest way to call it in a loop.
    """

    evaluate: Evaluate

    def __init__(
        self,
        *,
        source: str,
        checked: Checked,
        result_type: Type,
        variables: Mapping[str, Type],
        functions: FunctionTable | None,
        strategy: Strategy,
    ) -> None:
        self.source = source
        self.result_type = result_type
        self.type = checked.type  # what it gives; may be narrower, e.g. INT when FLOAT was asked
        self.names_used: frozenset[str] = checked.names_used
        self.variables = dict(variables)
        self.functions = functions
        self.requested_strategy = strategy
        self.python_source: str | None = None
        if strategy == "codegen":
            try:
                self.evaluate, self.python_source = expressions_codegen.build(checked)
                self.strategy: Strategy = "codegen"
                return
            except (SyntaxError, RecursionError, MemoryError):
                pass  # too deeply nested for Python's compiler: use closures instead
        self.evaluate = expressions_closures.build(checked)
        self.strategy = "closures"

    def __call__(self, variables: Mapping[str, object]) -> object:
        return self.evaluate(variables)

    def __repr__(self) -> str:
        return f"CompiledExpression({self.source!r}, result_type={self.result_type!r})"

    def __reduce__(
        self,
    ) -> tuple[
        Callable[..., CompiledExpression],
        tuple[str, dict[str, Type], Type, FunctionTable | None, Strategy],
    ]:
        return (
            _recompile,
            (
                self.source,
                self.variables,
                self.result_type,
                self.functions,
                self.requested_strategy,
            ),
        )


def _recompile(
    source: str,
    variables: dict[str, Type],
    result: Type,
    functions: FunctionTable | None,
    strategy: Strategy,
) -> CompiledExpression:
    return compile_expression(
        source, variables=variables, result=result, functions=functions, strategy=strategy
    )


def parse_expression(source: str) -> Expr:
    """The syntax tree of `source` (raises `ExpressionError`); `to_source` prints it back."""
    return parse(source)


def _check_schema(variables: Mapping[str, Type], result: Type) -> None:
    for name, type_ in variables.items():
        require_valid_name(name, "Variable name")
        if not isinstance(type_, Type) or type_ in (NOTHING, ERROR):
            raise TypeError(f"Variable {name!r} needs a type, not {type_!r}")
    if not isinstance(result, Type) or result in (NOTHING, ERROR):
        raise TypeError(f"The result needs a type, not {result!r}")


def _check(
    source: str,
    variables: Mapping[str, Type],
    result: Type,
    functions: FunctionTable | None,
) -> tuple[Checked | None, list[ExpressionError]]:
    _check_schema(variables, result)
    try:
        tree = parse(source)
        checker = Checker(source, variables, functions if functions is not None else _STANDARD)
        checked = checker.finish(tree, result)
    except ExpressionError as error:
        return None, [error]
    except RecursionError:
        # The parser's limits keep well clear of this; it is the last line of defence.
        message = "The expression is nested too deeply; split it up."
        return None, [ExpressionError(message, 0, source)]
    errors = sorted(checker.errors, key=lambda error: error.position)
    return checked, errors


def compile_expression(
    source: str,
    *,
    variables: Mapping[str, Type],
    result: Type,
    functions: FunctionTable | None = None,
    strategy: Strategy = "codegen",
) -> CompiledExpression:
    """Parse, type-check and compile `source`, or raise the first `ExpressionError`.

    `variables` declares the names the expression may use and their types; `result` is the type
    it must give (a whole number is accepted where a decimal is asked for). `functions` defaults
    to `standard_functions()`. `strategy` picks the back end: "codegen" (generated Python, the
    fast default) or "closures" (the reference implementation).
    """
    checked, errors = _check(source, variables, result, functions)
    if errors or checked is None:
        raise errors[0]
    return CompiledExpression(
        source=source,
        checked=checked,
        result_type=result,
        variables=variables,
        functions=functions,
        strategy=strategy,
    )


def check_expression(
    source: str,
    *,
    variables: Mapping[str, Type],
    result: Type,
    functions: FunctionTable | None = None,
    max_cost: int | None = MAX_COST,
) -> list[ExpressionError]:
    """Every problem with `source`, in order of position (empty when it compiles), without
    raising: for a policy editor. A syntax error stops checking, so it is reported alone.

    An expression that could take more than `max_cost` steps (see `expressions_cost`) is refused
    too, so a rule saved through an editor can never slow assessment down. `compile_expression`
    does not apply the limit: a rule already in force keeps working."""
    checked, errors = _check(source, variables, result, functions)
    if errors or checked is None or max_cost is None:
        return errors
    cost = estimate_cost(checked)
    if cost > max_cost:
        return [
            ExpressionError(
                f"This expression could take too long to work out for a large household (up to "
                f"{cost:,} steps; the limit is {max_cost:,}). List functions inside list "
                "functions multiply the work, and joining text or multiplying numbers inside "
                "map(...) makes them grow: simplify it, or split it into separate rules.",
                0,
                source,
            )
        ]
    return errors


def variable_problems(variables: Mapping[str, Type], values: Mapping[str, object]) -> list[str]:
    """How `values` fail to match the declared `variables` (empty when they match). Compiled
    expressions trust their inputs; use this in tests or when a rule misbehaves."""
    problems: list[str] = []
    for name, type_ in variables.items():
        if name not in values:
            problems.append(f"{name} is missing")
        else:
            problems += value_problems(type_, values[name], name)
    return problems
