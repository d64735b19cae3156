"""Reading CEL's conformance test files and running their cases against policy expressions.

The files in `cel_conformance/testdata/` are text-format protocol buffers (`SimpleTestFile` in
cel-spec's `simple.proto`). `read_textproto` reads that format into nested dicts (each field a
list of its values); `load_cases` turns each test into a `Case`; `run_case` compiles and
evaluates it with the policy expression language and says whether it gave CEL's answer.

Which cases are in scope is decided mechanically (`Case.out_of_scope`): a case is out of scope
when its expression or its answer needs something the language does not have at all (maps,
bytes, unsigned numbers, messages, type conversions, timestamps, ...); every other case must
agree with CEL or be a documented deviation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hearth.policy.rules.expressions import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    STRING,
    CompiledExpression,
    ExpressionError,
    ExpressionRuntimeError,
    ListType,
    Strategy,
    Type,
    parse_expression,
    standard_functions,
)
from hearth.policy.rules.expressions_check import Checker
from hearth.policy.rules.expressions_types import ERROR, NOTHING, common_type

HERE = Path(__file__).parent / "cel_conformance"
FILES = (
    "basic",
    "comparisons",
    "fp_math",
    "integer_math",
    "lists",
    "logic",
    "macros",
    "parse",
    "plumbing",
    "string",
)

Message = dict[str, list[Any]]


# -- text-format protocol buffers ----------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<number>-?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[fFuU]?)
  | (?P<word>-?[A-Za-z_][A-Za-z0-9_.]*|\[[A-Za-z0-9_./]+\])
  | (?P<symbol>[{}<>\[\]:,;])
    """,
    re.VERBOSE,
)
_SIMPLE_ESCAPES = {
    "a": b"\a",
    "b": b"\b",
    "f": b"\f",
    "n": b"\n",
    "r": b"\r",
    "t": b"\t",
    "v": b"\v",
    "\\": b"\\",
    "'": b"'",
    '"': b'"',
    "?": b"?",
}


def _unquote(text: str) -> bytes:
    """The bytes a text-format string literal stands for (C-style escapes, UTF-8 text)."""
    body = text[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode()
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in _SIMPLE_ESCAPES:
            out += _SIMPLE_ESCAPES[nxt]
            i += 2
        elif nxt in "xX":
            digits = re.match(r"[0-9a-fA-F]{1,2}", body[i + 2 :])
            assert digits, text
            out.append(int(digits.group(), 16))
            i += 2 + len(digits.group())
        elif nxt in "uU":
            width = 4 if nxt == "u" else 8
            out += chr(int(body[i + 2 : i + 2 + width], 16)).encode("utf-8", "surrogatepass")
            i += 2 + width
        else:
            digits = re.match(r"[0-7]{1,3}", body[i + 1 :])
            assert digits, text
            out.append(int(digits.group(), 8))
            i += 1 + len(digits.group())
    return bytes(out)


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"Can't read the text format at {text[pos : pos + 40]!r}")
        kind = match.lastgroup
        assert kind is not None
        if kind != "space":
            found.append((kind, match.group()))
        pos = match.end()
    return found


def read_textproto(text: str) -> Message:
    """A text-format message as nested dicts: field name -> list of values (in order)."""
    tokens = _tokens(text)
    position = 0

    def scalar() -> Any:
        nonlocal position
        kind, value = tokens[position]
        if kind == "string":
            pieces = []
            while position < len(tokens) and tokens[position][0] == "string":
                pieces.append(_unquote(tokens[position][1]))
                position += 1
            return b"".join(pieces)
        position += 1
        if kind == "number":
            number = value.rstrip("fFuU")
            if re.fullmatch(r"-?0[xX][0-9a-fA-F]+", number):
                return int(number, 16)
            if re.fullmatch(r"-?[0-9]+", number):
                return int(number)
            return float(number)
        if kind == "word":
            lowered = value.lower()
            if lowered in ("inf", "infinity", "-inf", "-infinity", "nan"):
                return float(lowered)
            return value
        raise ValueError(f"Unexpected {value!r} in the text format")

    def message(closer: str | None) -> Message:
        nonlocal position
        fields: Message = {}
        while True:
            if position >= len(tokens):
                if closer is None:
                    return fields
                raise ValueError("The text format ends inside a message")
            kind, value = tokens[position]
            if kind == "symbol" and value == closer:
                position += 1
                return fields
            if kind == "symbol" and value in ",;":
                position += 1
                continue
            name = value
            position += 1
            if tokens[position] == ("symbol", ":"):
                position += 1
            values = fields.setdefault(name, [])
            if tokens[position] == ("symbol", "["):
                position += 1
                while tokens[position] != ("symbol", "]"):
                    if tokens[position] == ("symbol", ","):
                        position += 1
                        continue
                    values.append(item())
                position += 1
            else:
                values.append(item())

    def item() -> Any:
        nonlocal position
        kind, value = tokens[position]
        if kind == "symbol" and value in "{<":
            position += 1
            return message("}" if value == "{" else ">")
        return scalar()

    return message(None)


def _one(message: Message, name: str, default: Any = None) -> Any:
    values = message.get(name)
    return values[-1] if values else default


def _text(message: Message, name: str) -> str:
    value = _one(message, name, b"")
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


# -- cases -----------------------------------------------------------------------------------


class OutOfScopeError(Exception):
    """A case needs something the policy expression language does not have."""


@dataclass(frozen=True)
class Expected:
    """CEL's answer: a value (with its type), or an error."""

    error: str | None = None
    value: Any = None
    type: Type | None = None


_PRIMITIVES: dict[str, Type] = {"INT64": INT, "DOUBLE": FLOAT, "BOOL": BOOL, "STRING": STRING}


def _type(message: Message) -> Type:
    if "primitive" in message:
        primitive = _one(message, "primitive")
        if primitive in _PRIMITIVES:
            return _PRIMITIVES[primitive]
        raise OutOfScopeError(f"{primitive.lower()} values")
    if "list_type" in message:
        return ListType(_type(_one(_one(message, "list_type"), "elem_type")))
    kind = next(iter(message), "?")
    raise OutOfScopeError(f"{kind.replace('_', ' ')} declarations")


def _value(message: Message) -> tuple[Any, Type]:
    """A `cel.expr.Value` as a Python value and its expression type."""
    if "null_value" in message:
        return None, NULL
    if "bool_value" in message:
        return _one(message, "bool_value") in (True, "true", "True", 1), BOOL
    if "int64_value" in message:
        return int(_one(message, "int64_value")), INT
    if "double_value" in message:
        return float(_one(message, "double_value")), FLOAT
    if "string_value" in message:
        return _text(message, "string_value"), STRING
    if "list_value" in message:
        items = [_value(item) for item in _one(message, "list_value").get("values", [])]
        element: Type | None = NOTHING
        for _, item_type in items:
            element = common_type(element, item_type) if element is not None else None
        if element is None or (element == FLOAT and INT in {t for _, t in items}):
            element = None  # a list mixing kinds: CEL keeps each item's own type
        return [item for item, _ in items], ListType(element or NOTHING)
    kind = next(iter(message), "?")
    raise OutOfScopeError(f"{kind.replace('_value', '').replace('_', ' ')} values")


# CEL's standard functions that the subset does not have. A call of any other name is in scope:
# the language must refuse an unknown function, as CEL does.
MISSING_FUNCTIONS = frozenset(
    {"dyn", "int", "uint", "double", "string", "bytes", "bool", "type", "matches"}
    | {"timestamp", "duration", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear"}
    | {"getFullYear", "getHours", "getMilliseconds", "getMinutes", "getMonth", "getSeconds"}
)
# CEL syntax the language does not have, found in the source with its text blanked out.
_OUT_OF_SCOPE_SYNTAX = (
    (re.compile(r"\{"), "maps and messages"),
    (re.compile(r"(?<![\w.])(?:0[xX][0-9a-fA-F]+|[0-9]+)[uU](?!\w)"), "unsigned numbers"),
)
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_ROOT_NAME = re.compile(r"\.\s*[A-Za-z_]")
_STRING_LITERAL = re.compile(
    r"""(?P<prefix>[rRbB]{0,2})(?P<q>'''|\"\"\"|'|")(?:\\.|(?!(?P=q)).)*?(?P=q)""", re.DOTALL
)


def _syntax_out_of_scope(source: str) -> str | None:
    bytes_literal = False

    def blank(match: re.Match[str]) -> str:
        nonlocal bytes_literal
        if "b" in match.group("prefix").lower():
            bytes_literal = True
        return '""'

    code = _STRING_LITERAL.sub(blank, source)
    if bytes_literal:
        return "bytes values"
    for pattern, reason in _OUT_OF_SCOPE_SYNTAX:
        if pattern.search(code):
            return reason
    for match in _ROOT_NAME.finditer(code):
        before = code[: match.start()].rstrip()
        if not before or before[-1] in "([,!?:&|=<>+-*/%":
            return "names written from the root ('.name')"
    for name in _CALL.findall(code):
        if name in MISSING_FUNCTIONS:
            return f"the function {name}()"
    return None


@dataclass
class Case:
    file: str
    section: str
    name: str
    expr: str
    expected: Expected
    variables: dict[str, Type] = field(default_factory=dict)
    bindings: dict[str, Any] = field(default_factory=dict)
    out_of_scope: str | None = None

    @property
    def id(self) -> str:
        return f"{self.file}/{self.section}/{self.name}"


def _case(file: str, section: str, test: Message) -> Case:
    name = _text(test, "name")
    expr = _text(test, "expr")
    case = Case(file, section, name, expr, Expected())
    try:
        if _one(test, "container") or _one(test, "disable_macros") in ("true", True):
            raise OutOfScopeError("names inside a protocol buffer package")
        if "value" in test:
            value, type_ = _value(_one(test, "value"))
            case.expected = Expected(value=value, type=type_)
        elif "eval_error" in test:
            errors = _one(test, "eval_error").get("errors", [{}])
            case.expected = Expected(error=_text(errors[0], "message") or "error")
        else:
            raise OutOfScopeError("answers other than a value or an error")
        for declaration in test.get("type_env", []):
            ident = _one(declaration, "ident")
            if ident is None:
                raise OutOfScopeError("function declarations")
            case.variables[_text(declaration, "name")] = _type(_one(ident, "type"))
        for binding in test.get("bindings", []):
            key = _text(binding, "key")
            value, type_ = _value(_one(_one(binding, "value"), "value"))
            case.bindings[key] = value
            case.variables.setdefault(key, type_)
        reason = _syntax_out_of_scope(expr)
        if reason:
            raise OutOfScopeError(reason)
    except OutOfScopeError as why:
        case.out_of_scope = str(why)
    return case


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for file in FILES:
        data = read_textproto((HERE / "testdata" / f"{file}.textproto").read_text("utf-8"))
        for section in data.get("section", []):
            section_name = _text(section, "name")
            for test in section.get("test", []):
                cases.append(_case(file, section_name, test))
    return cases


# -- running ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    agrees: bool
    answer: str  # what the policy expression language gave, for messages and the table


def _same(expected: Any, expected_type: Type | None, actual: Any) -> bool:
    """Equal, kind for kind: CEL's 1 (a whole number) is not its 1.0 (a decimal)."""
    if isinstance(expected, list):
        if not isinstance(actual, list | tuple) or len(actual) != len(expected):
            return False
        element = expected_type.elem if isinstance(expected_type, ListType) else None
        return all(_same(e, element, a) for e, a in zip(expected, actual, strict=True))
    if isinstance(expected, float):
        if type(actual) is not float:
            return False
        if math.isnan(expected):
            return math.isnan(actual)
        return expected == actual
    return type(expected) is type(actual) and expected == actual


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(describe(item) for item in value) + "]"
    if isinstance(value, str):
        return repr(value)
    return repr(value)


def compile_case(case: Case, strategy: Strategy = "codegen") -> CompiledExpression:
    """Parse, check and compile the case's expression, whatever type it gives (raises
    `ExpressionError` when the language refuses it)."""
    tree = parse_expression(case.expr)
    checker = Checker(case.expr, case.variables, standard_functions())
    checked = checker.finish(tree, ERROR)  # ERROR as the result type accepts any type
    if checked is None:
        raise sorted(checker.errors, key=lambda error: error.position)[0]
    return CompiledExpression(
        source=case.expr,
        checked=checked,
        result_type=checked.type,
        variables=case.variables,
        functions=None,
        strategy=strategy,
    )


def run_case(case: Case, strategy: Strategy = "codegen") -> Outcome:
    try:
        compiled = compile_case(case, strategy)
    except ExpressionError as error:
        return Outcome(case.expected.error is not None, f"refused: {error.message}")
    try:
        value = compiled(case.bindings)
    except ExpressionRuntimeError as error:
        return Outcome(case.expected.error is not None, f"error: {error.message}")
    if case.expected.error is not None:
        return Outcome(False, describe(value))
    return Outcome(_same(case.expected.value, case.expected.type, value), describe(value))
