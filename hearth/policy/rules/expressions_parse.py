"""Tokenising and parsing policy expressions (a subset of CEL's grammar).

    expr     = or ["?" or ":" expr]
    or       = and {"||" and}
    and      = rel {"&&" rel}
    rel      = add {("<" | "<=" | ">" | ">=" | "==" | "!=" | "in") add}
    add      = mul {("+" | "-") mul}
    mul      = unary {("*" | "/" | "%") unary}
    unary    = member | "!" {"!"} member | "-" {"-"} member
    member   = primary {"." NAME ["(" [args] ")"] | "[" expr "]"}
    primary  = NAME ["(" [args] ")"] | "(" expr ")" | "[" [args [","]] "]" | literal

Comments run from `//` to the end of the line. Parsing never evaluates anything.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

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
from hearth.policy.rules.expressions_errors import ExpressionError
from hearth.policy.rules.expressions_types import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    RESERVED_WORDS,
    STRING,
)

MAX_SOURCE_LENGTH = 20_000
MAX_NESTING = 100  # operators applied to operators, the depth of the syntax tree
# Brackets, calls and choices (`?:`) inside each other: each level costs the parser several
# Python stack frames, so this is kept well below Python's recursion limit.
MAX_GROUPING = 40
MAX_INT = 2**63 - 1  # CEL's largest integer literal

_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F]+|[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+(?:[eE][+-]?[0-9]+)?"
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPACE = re.compile(r"(?:\s+|//[^\n]*)+")
_SYMBOLS = (
    *("<=", ">=", "==", "!=", "&&", "||", "(", ")", "[", "]", "{", "}", ".", ","),
    *("?", ":", "!", "-", "+", "*", "/", "%", "<", ">"),
)
_STRING_ESCAPES = {
    **{"\\": "\\", "'": "'", '"': '"', "`": "`", "?": "?"},
    **{"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"},
}
_CODE_ESCAPES = {"x": 2, "X": 2, "u": 4, "U": 8}  # escape letter -> number of hex digits
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_MISTAKES = {
    "=": "Use == to compare two values (a single = is not allowed).",
    "&": "Use && for 'and'.",
    "|": "Use || for 'or'.",
}
_WORD_MISTAKES = {"and": "&&", "or": "||", "not": "!"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "int" "float" "string" "name" "symbol" "end"
    text: str
    pos: int
    value: int | float | str | None = None


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    length = len(source)
    while True:
        space = _SPACE.match(source, pos)
        if space:
            pos = space.end()
        if pos >= length:
            tokens.append(Token("end", "", length))
            return tokens
        ch = source[pos]
        if "0" <= ch <= "9" or (ch == "." and source[pos + 1 : pos + 2].isdigit()):
            tokens.append(_read_number(source, pos))
            pos += len(tokens[-1].text)
        elif ch in "rRbB" and source[pos + 1 : pos + 2] in ("'", '"'):
            if ch in "bB":
                raise ExpressionError(
                    'Bytes values (b"...") are not supported: write text without the b.',
                    pos,
                    source,
                )
            text, end = _read_string(source, pos + 1, raw=True)
            tokens.append(Token("string", source[pos:end], pos, text))
            pos = end
        elif ch.isalpha() or ch == "_":
            match = _NAME.match(source, pos)
            if match is None:
                raise ExpressionError(f"The character {ch!r} can't be used in a name.", pos, source)
            tokens.append(Token("name", match.group(), pos))
            pos = match.end()
        elif ch in "'\"":
            start = pos
            text, pos = _read_string(source, pos, raw=False)
            tokens.append(Token("string", source[start:pos], start, text))
        else:
            symbol = next((s for s in _SYMBOLS if source.startswith(s, pos)), None)
            if symbol is None:
                message = _MISTAKES.get(ch, f"The character {ch!r} isn't allowed here.")
                raise ExpressionError(message, pos, source)
            tokens.append(Token("symbol", symbol, pos))
            pos += len(symbol)


def _read_number(source: str, pos: int) -> Token:
    match = _NUMBER.match(source, pos)
    text = match.group() if match else source[pos]
    after = source[pos + len(text) : pos + len(text) + 1]
    if after in ("u", "U") and not text.startswith("."):
        raise ExpressionError(
            f"Unsigned numbers ({text}{after}) are not supported: write {text} without the "
            f"{after}.",
            pos,
            source,
        )
    if text[:2] in ("0x", "0X"):
        value = int(text, 16)
    elif "." in text or "e" in text or "E" in text:
        number = float(text)
        if not math.isfinite(number):
            raise ExpressionError(f"The number {text} is too large.", pos, source)
        return Token("float", text, pos, number)
    else:
        value = int(text) if len(text) <= 20 else MAX_INT + 2
    # One more than MAX_INT is allowed here, for the parser to accept it only after a minus.
    if value > MAX_INT + 1:
        raise ExpressionError(f"The number {text} is too large.", pos, source)
    return Token("int", text, pos, value)


def _read_string(source: str, start: int, *, raw: bool) -> tuple[str, int]:
    r"""The text of the literal whose opening quote is at `start`, and the offset after it.

    As in CEL: text in single or double quotes stays on one line; in three of either it may
    run across lines; after an `r` (raw) a backslash is just a backslash. Escapes: \\ \' \" \`
    \? \n \r \t \a \b \f \v, \xHH, \uHHHH, \UHHHHHHHH and octal \OOO (a character code)."""
    quote = source[start] * 3 if source.startswith(source[start] * 3, start) else source[start]
    pos = start + len(quote)
    parts: list[str] = []
    while True:
        if pos >= len(source) or (len(quote) == 1 and source[pos] in "\n\r"):
            raise ExpressionError(f"This text is missing its closing {quote}.", start, source)
        if source.startswith(quote, pos):
            return "".join(parts), pos + len(quote)
        ch = source[pos]
        if ch == "\\" and not raw:
            text, pos = _read_escape(source, pos)
            parts.append(text)
        else:
            parts.append(ch)
            pos += 1


def _read_escape(source: str, pos: int) -> tuple[str, int]:
    """The character an escape at `pos` (a backslash) stands for, and the offset after it."""
    letter = source[pos + 1 : pos + 2]
    if letter in _STRING_ESCAPES:
        return _STRING_ESCAPES[letter], pos + 2
    if letter in _CODE_ESCAPES:
        digits = source[pos + 2 : pos + 2 + _CODE_ESCAPES[letter]]
        if len(digits) < _CODE_ESCAPES[letter] or not set(digits) <= _HEX_DIGITS:
            raise ExpressionError(
                f"\\{letter} must be followed by {_CODE_ESCAPES[letter]} hexadecimal digits.",
                pos,
                source,
            )
        code, end = int(digits, 16), pos + 2 + len(digits)
    elif letter in "0123" and letter:
        digits = source[pos + 1 : pos + 4]
        if len(digits) < 3 or not set(digits) <= set("01234567"):
            raise ExpressionError(
                "An octal escape needs three digits from 0 to 7, like \\012.", pos, source
            )
        code, end = int(digits, 8), pos + 4
    else:
        raise ExpressionError(
            "Unknown escape in text: use \\\\ \\' \\\" \\n \\t or \\r.", pos, source
        )
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise ExpressionError(f"\\{letter}{digits} is not a character.", pos, source)
    return chr(code), end


_RELATIONS = frozenset({"<", "<=", ">", ">=", "==", "!=", "in"})
_CLOSERS = {"(": ")", "[": "]"}


def parse(source: str) -> Expr:
    """Parse `source` into a syntax tree, or raise `ExpressionError` at the first problem."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(
            f"The expression is too long (over {MAX_SOURCE_LENGTH} characters).", 0, source
        )
    parser = _Parser(source, tokenize(source))
    if parser.peek().kind == "end":
        raise ExpressionError("The expression is empty.", 0, source)
    tree = parser.expression()
    token = parser.peek()
    if token.kind != "end":
        raise parser.unexpected(token, "an operator or the end of the expression")
    return tree


class _Parser:
    def __init__(self, source: str, tokens: list[Token]) -> None:
        self.source = source
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.grouping = 0

    # -- token helpers -------------------------------------------------------------------

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def at(self, symbol: str) -> bool:
        token = self.tokens[self.index]
        return token.kind == "symbol" and token.text == symbol

    def at_word(self, word: str) -> bool:
        token = self.tokens[self.index]
        return token.kind == "name" and token.text == word

    def error(self, message: str, pos: int) -> ExpressionError:
        return ExpressionError(message, pos, self.source)

    def unexpected(self, token: Token, wanted: str) -> ExpressionError:
        if token.kind == "end":
            return self.error(f"The expression ends too soon: expected {wanted}.", token.pos)
        if token.kind == "name" and token.text in _WORD_MISTAKES:
            return self.error(
                f"Use {_WORD_MISTAKES[token.text]} instead of the word '{token.text}'.", token.pos
            )
        return self.error(f"Expected {wanted}, but found '{token.text}'.", token.pos)

    def expect(self, symbol: str, wanted: str, opener: Token | None = None) -> Token:
        if self.at(symbol):
            return self.advance()
        token = self.peek()
        if opener is not None and token.kind == "end":
            raise self.error(
                f"The '{opener.text}' here is never closed with '{symbol}'.", opener.pos
            )
        raise self.unexpected(token, wanted)

    def nest(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.error("The expression is nested too deeply; split it up.", pos)

    # -- grammar -------------------------------------------------------------------------

    def expression(self) -> Expr:
        saved = self.depth
        self.nest(self.peek().pos)
        self.grouping += 1
        if self.grouping > MAX_GROUPING:
            raise self.error(
                "The expression is nested too deeply (brackets or choices inside each other "
                f"more than {MAX_GROUPING} times); split it up.",
                self.peek().pos,
            )
        condition = self.or_()
        if self.at("?"):
            question = self.advance()
            then = self.or_()
            self.expect(":", "':' (the choice needs both parts: condition ? a : b)")
            otherwise = self.expression()
            condition = Conditional(condition, then, otherwise, question.pos)
        self.depth = saved
        self.grouping -= 1
        return condition

    def or_(self) -> Expr:
        saved = self.depth
        left = self.and_()
        while self.at("||"):
            op = self.advance()
            self.nest(op.pos)
            left = Binary("||", left, self.and_(), op.pos)
        self.depth = saved
        return left

    def and_(self) -> Expr:
        saved = self.depth
        left = self.relation()
        while self.at("&&"):
            op = self.advance()
            self.nest(op.pos)
            left = Binary("&&", left, self.relation(), op.pos)
        self.depth = saved
        return left

    def relation(self) -> Expr:
        saved = self.depth
        left = self.addition()
        while True:
            token = self.peek()
            is_relation = (token.kind == "symbol" and token.text in _RELATIONS) or (
                token.kind == "name" and token.text == "in"
            )
            if not is_relation:
                self.depth = saved
                return left
            self.advance()
            self.nest(token.pos)
            left = Binary(token.text, left, self.addition(), token.pos)

    def addition(self) -> Expr:
        saved = self.depth
        left = self.multiplication()
        while self.at("+") or self.at("-"):
            op = self.advance()
            self.nest(op.pos)
            left = Binary(op.text, left, self.multiplication(), op.pos)
        self.depth = saved
        return left

    def multiplication(self) -> Expr:
        saved = self.depth
        left = self.unary()
        while self.at("*") or self.at("/") or self.at("%"):
            op = self.advance()
            self.nest(op.pos)
            left = Binary(op.text, left, self.unary(), op.pos)
        self.depth = saved
        return left

    def unary(self) -> Expr:
        following = self.tokens[self.index + 1] if self.at("-") else None
        if following is not None and following.kind == "int" and following.value == MAX_INT + 1:
            # CEL's smallest whole number, -9223372036854775808, is written as a negative literal.
            op = self.advance()
            number = self.advance()
            if self.at(".") or self.at("["):
                raise self.error(f"The number {number.text} is too large.", number.pos)
            return Literal(-(MAX_INT + 1), INT, op.pos)
        if self.at("!") or self.at("-"):
            op = self.advance()
            saved = self.depth
            self.nest(op.pos)
            node = Unary(op.text, self.unary(), op.pos)
            self.depth = saved
            return node
        return self.member()

    def member(self) -> Expr:
        saved = self.depth
        node = self.primary()
        while True:
            if self.at("."):
                self.advance()
                name = self.name("a field or method name after '.'")
                self.nest(name.pos)
                if self.at("("):
                    opener = self.advance()
                    args = self.arguments(")", opener)
                    node = Call(node, name.text, args, name.pos)
                else:
                    node = Select(node, name.text, name.pos)
            elif self.at("["):
                opener = self.advance()
                self.nest(opener.pos)
                index = self.expression()
                self.expect("]", "']' to close the index", opener)
                node = Index(node, index, opener.pos)
            else:
                self.depth = saved
                return node

    def name(self, wanted: str) -> Token:
        token = self.peek()
        if token.kind != "name":
            raise self.unexpected(token, wanted)
        if token.text in RESERVED_WORDS:
            raise self.error(
                f"'{token.text}' is a reserved word and can't be used here.", token.pos
            )
        return self.advance()

    def arguments(self, closer: str, opener: Token) -> tuple[Expr, ...]:
        items: list[Expr] = []
        if self.at(closer):
            self.advance()
            return ()
        while True:
            items.append(self.expression())
            if self.at(","):
                self.advance()
                if closer == "]" and self.at("]"):
                    self.advance()
                    return tuple(items)
                continue
            self.expect(closer, f"',' or '{closer}'", opener)
            return tuple(items)

    def primary(self) -> Expr:
        token = self.peek()
        if token.kind in ("int", "float", "string"):
            if token.kind == "int" and isinstance(token.value, int) and token.value > MAX_INT:
                raise self.error(f"The number {token.text} is too large.", token.pos)
            self.advance()
            kinds = {"int": INT, "float": FLOAT, "string": STRING}
            return Literal(token.value, kinds[token.kind], token.pos)
        if token.kind == "name":
            if token.text in ("true", "false"):
                self.advance()
                return Literal(token.text == "true", BOOL, token.pos)
            if token.text == "null":
                self.advance()
                return Literal(None, NULL, token.pos)
            name = self.name("a value")
            if self.at("("):
                opener = self.advance()
                return Call(None, name.text, self.arguments(")", opener), name.pos)
            return Ident(name.text, name.pos)
        if self.at("("):
            opener = self.advance()
            inner = self.expression()
            self.expect(")", "')'", opener)
            return inner
        if self.at("["):
            opener = self.advance()
            return ListLiteral(self.arguments("]", opener), opener.pos)
        if self.at("{"):
            raise self.error("Maps written with { } are not supported.", token.pos)
        if self.at("."):
            raise self.error("An expression can't start with '.'.", token.pos)
        raise self.unexpected(token, "a value")
