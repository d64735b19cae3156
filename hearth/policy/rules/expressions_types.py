"""The types of the policy expression language, and the rules for combining them.

Every expression is typed when it is compiled; there is no `any` type. Types are immutable
values compared with `==` and picklable (the primitive types unpickle as the same singletons).

Types:
- `INT`, `FLOAT`, `BOOL`, `STRING`, `DATE` (a `datetime.date`, never a `datetime`), `NULL`.
- `ListType(elem)`: a list (at run time any sequence: list or tuple).
- `OptionalType(inner)`: a value that may be null (`None` at run time).
- `RecordType(name, fields)`: a record with named, typed fields (at run time an object with
  attributes, such as a frozen dataclass, or a `Mapping` from field name to value).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# CEL's reserved words plus the literal keywords: none can be a variable or field name.
RESERVED_WORDS = frozenset(
    {
        "true",
        "false",
        "null",
        "in",
        "as",
        "break",
        "const",
        "continue",
        "else",
        "for",
        "function",
        "if",
        "import",
        "let",
        "loop",
        "namespace",
        "package",
        "return",
        "var",
        "void",
        "while",
    }
)

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def is_valid_name(name: str) -> bool:
    """A name a schema may declare: ASCII letters, digits and `_`, starting with a letter."""
    return bool(_NAME.match(name)) and name not in RESERVED_WORDS


def require_valid_name(name: str, what: str) -> None:
    if not is_valid_name(name):
        raise ValueError(
            f"{what} {name!r} is not allowed: use ASCII letters, digits and '_', start with a "
            "letter, and avoid reserved words"
        )


class Type:
    """Base class of all expression types."""

    __slots__ = ()

    def describe(self) -> str:
        """Plain English with an article, for messages: 'a whole number'."""
        raise NotImplementedError

    def plural(self) -> str:
        """Plain English plural, for messages: 'whole numbers'."""
        raise NotImplementedError

    def signature_name(self) -> str:
        """Short technical name, for function signatures: 'int', 'list(int)'."""
        raise NotImplementedError


class PrimitiveType(Type):
    """One of the built-in scalar types; use the module's singletons, never construct more."""

    __slots__ = ("_description", "_global_name", "_plural", "name")

    def __init__(self, name: str, description: str, plural: str, global_name: str) -> None:
        self.name = name
        self._description = description
        self._plural = plural
        self._global_name = global_name

    def describe(self) -> str:
        return self._description

    def plural(self) -> str:
        return self._plural

    def signature_name(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return self._global_name

    def __reduce__(self) -> str:
        return self._global_name


INT = PrimitiveType("int", "a whole number", "whole numbers", "INT")
FLOAT = PrimitiveType("float", "a decimal number", "decimal numbers", "FLOAT")
BOOL = PrimitiveType("bool", "true or false", "true/false values", "BOOL")
STRING = PrimitiveType("string", "text", "pieces of text", "STRING")
DATE = PrimitiveType("date", "a date", "dates", "DATE")
NULL = PrimitiveType("null", "null (no value)", "nulls", "NULL")
# Internal: the element type of the empty list `[]`, assignable to every type.
NOTHING = PrimitiveType("nothing", "nothing", "nothing", "NOTHING")
# Internal: the type of an expression that already has an error (suppresses follow-on errors).
ERROR = PrimitiveType("error", "an invalid value", "invalid values", "ERROR")

NUMERIC = (INT, FLOAT)


class ListType(Type):
    __slots__ = ("elem",)

    def __init__(self, elem: Type) -> None:
        if not isinstance(elem, Type):
            raise TypeError(f"ListType needs a Type, not {elem!r}")
        self.elem = elem

    def describe(self) -> str:
        if self.elem == NOTHING:
            return "an empty list"
        return f"a list of {self.elem.plural()}"

    def plural(self) -> str:
        return f"lists of {self.elem.plural()}"

    def signature_name(self) -> str:
        return f"list({self.elem.signature_name()})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ListType) and other.elem == self.elem

    def __hash__(self) -> int:
        return hash(("list", self.elem))

    def __repr__(self) -> str:
        return f"ListType({self.elem!r})"

    def __reduce__(self) -> tuple[type[ListType], tuple[Type]]:
        return (ListType, (self.elem,))


class OptionalType(Type):
    """A value of `inner` or null. Optional values may only be compared with `==`/`!=`, tested
    with `has(...)`, or used after a guard such as `has(x.f) && ...` (see the checker)."""

    __slots__ = ("inner",)

    def __init__(self, inner: Type) -> None:
        if not isinstance(inner, Type):
            raise TypeError(f"OptionalType needs a Type, not {inner!r}")
        if isinstance(inner, OptionalType) or inner in (NULL, NOTHING, ERROR):
            raise TypeError(f"OptionalType({inner!r}) is not a meaningful type")
        self.inner = inner

    def describe(self) -> str:
        return f"{self.inner.describe()} or null"

    def plural(self) -> str:
        return f"{self.inner.plural()} or nulls"

    def signature_name(self) -> str:
        return f"optional({self.inner.signature_name()})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OptionalType) and other.inner == self.inner

    def __hash__(self) -> int:
        return hash(("optional", self.inner))

    def __repr__(self) -> str:
        return f"OptionalType({self.inner!r})"

    def __reduce__(self) -> tuple[type[OptionalType], tuple[Type]]:
        return (OptionalType, (self.inner,))


class RecordType(Type):
    """A named record type. Field names must be valid names (see `is_valid_name`), so names
    beginning with `_` (and so every dunder) can never be declared or reached."""

    __slots__ = ("_fields", "_hash", "name")

    def __init__(self, name: str, fields: Mapping[str, Type]) -> None:
        if not name:
            raise ValueError("A record type needs a name")
        for field_name, field_type in fields.items():
            require_valid_name(field_name, f"Field name on {name}")
            if not isinstance(field_type, Type):
                raise TypeError(f"Field {name}.{field_name} needs a Type, not {field_type!r}")
        self.name = name
        self._fields: Mapping[str, Type] = MappingProxyType(dict(fields))
        self._hash = hash(("record", name, frozenset(self._fields)))

    @property
    def fields(self) -> Mapping[str, Type]:
        return self._fields

    def describe(self) -> str:
        return f"a {self.name} record"

    def plural(self) -> str:
        return f"{self.name} records"

    def signature_name(self) -> str:
        return self.name

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return (
            isinstance(other, RecordType)
            and other.name == self.name
            and dict(other.fields) == dict(self.fields)
        )

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"RecordType({self.name!r}, {dict(self.fields)!r})"

    def __reduce__(self) -> tuple[type[RecordType], tuple[str, dict[str, Type]]]:
        return (RecordType, (self.name, dict(self.fields)))


def is_numeric(t: Type) -> bool:
    return t in (INT, FLOAT)


def is_assignable(target: Type, source: Type) -> bool:
    """May a value of type `source` be used where `target` is expected?"""
    if source in (ERROR, NOTHING, target) or target == ERROR:
        return True
    if target == FLOAT and source == INT:
        return True
    if isinstance(target, OptionalType):
        if source == NULL:
            return True
        inner_source = source.inner if isinstance(source, OptionalType) else source
        return is_assignable(target.inner, inner_source)
    if isinstance(target, ListType) and isinstance(source, ListType):
        return is_assignable(target.elem, source.elem)
    return False


def common_type(a: Type, b: Type) -> Type | None:
    """The type of a value that is either an `a` or a `b` (list items, `?:` branches)."""
    if a == ERROR or b == ERROR:
        return ERROR
    if a == NOTHING:
        return b
    if b == NOTHING or a == b:
        return a
    if is_numeric(a) and is_numeric(b):
        return FLOAT
    if a == NULL or b == NULL:
        other = b if a == NULL else a
        return other if isinstance(other, OptionalType) else OptionalType(other)
    if isinstance(a, OptionalType) or isinstance(b, OptionalType):
        inner = common_type(strip_optional(a), strip_optional(b))
        return None if inner is None else OptionalType(inner)
    if isinstance(a, ListType) and isinstance(b, ListType):
        elem = common_type(a.elem, b.elem)
        return None if elem is None else ListType(elem)
    return None


def strip_optional(t: Type) -> Type:
    return t.inner if isinstance(t, OptionalType) else t


def contains_record(t: Type) -> bool:
    if isinstance(t, RecordType):
        return True
    if isinstance(t, ListType):
        return contains_record(t.elem)
    if isinstance(t, OptionalType):
        return contains_record(t.inner)
    return False


def equality_comparable(a: Type, b: Type) -> bool:
    """May `a == b` be written? Same types, numbers with numbers, optional values with null or
    with their inner type. Records (and lists of records) are only ever compared with null."""
    if a == ERROR or b == ERROR:
        return True
    if a == NULL or b == NULL:
        other = b if a == NULL else a
        return isinstance(other, OptionalType) or other == NULL
    if contains_record(a) or contains_record(b):
        return False
    if a in (NOTHING, b) or b == NOTHING:
        return True
    if is_numeric(a) and is_numeric(b):
        return True
    if isinstance(a, OptionalType) or isinstance(b, OptionalType):
        return equality_comparable(strip_optional(a), strip_optional(b))
    if isinstance(a, ListType) and isinstance(b, ListType):
        return equality_comparable(a.elem, b.elem)
    return False


def orderable(a: Type, b: Type) -> bool:
    """May `a < b` be written? Numbers with numbers, text with text, dates with dates."""
    if a == ERROR or b == ERROR:
        return True
    if is_numeric(a) and is_numeric(b):
        return True
    return a == b and a in (STRING, DATE)


def involves_list(t: Type) -> bool:
    """Do values of this type need sequence-aware equality (lists may arrive as tuples)?"""
    return isinstance(strip_optional(t), ListType)
