"""Errors raised by policy expressions: at compile time (with a position) and at run time."""

from __future__ import annotations


class ExpressionError(Exception):
    """A problem found while parsing or type-checking an expression.

    `message` is plain English for a policy administrator. `position` is the 0-based offset into
    `source`; `line` and `column` are 1-based. `pointer()` shows the line with a caret under the
    problem.
    """

    def __init__(self, message: str, position: int, source: str) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.position = max(0, min(position, len(source)))
        before = source[: self.position]
        self.line = before.count("\n") + 1
        self.column = self.position - (before.rfind("\n") + 1) + 1

    def pointer(self) -> str:
        """The source line holding the problem, and a caret under it on the next line."""
        lines = self.source.split("\n")
        text = lines[self.line - 1] if self.line - 1 < len(lines) else ""
        lead = "".join("\t" if ch == "\t" else " " for ch in text[: self.column - 1])
        return f"{text}\n{lead}^"

    def __str__(self) -> str:
        return f"{self.message} (line {self.line}, column {self.column})"

    def __repr__(self) -> str:
        return f"ExpressionError({self.message!r}, position={self.position})"

    def __reduce__(self) -> tuple[type[ExpressionError], tuple[str, int, str]]:
        return (ExpressionError, (self.message, self.position, self.source))


class ExpressionRuntimeError(Exception):
    """A compiled expression could not be evaluated for the values it was given: division by
    zero, a list index out of range, a missing value, or a failing function."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[type[ExpressionRuntimeError], tuple[str]]:
        return (ExpressionRuntimeError, (self.message,))
