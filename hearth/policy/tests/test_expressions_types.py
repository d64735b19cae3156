"""The types of the policy expression language (`expressions_types.py`): the names a schema may
not declare, and how types describe themselves.
"""

from __future__ import annotations

import pytest

from hearth.policy.rules.expressions import (
    BOOL,
    INT,
    NULL,
    STRING,
    ListType,
    OptionalType,
    RecordType,
    compile_expression,
)
from hearth.policy.tests.expression_support import MEMBER


def test_schemas_cannot_declare_hidden_names() -> None:
    with pytest.raises(ValueError, match="not allowed"):
        RecordType("Bad", {"_secret": STRING})
    with pytest.raises(ValueError, match="not allowed"):
        RecordType("Bad", {"__class__": STRING})
    with pytest.raises(ValueError, match="not allowed"):
        RecordType("Bad", {"in": STRING})
    with pytest.raises(ValueError, match="not allowed"):
        compile_expression("1 > 0", variables={"__builtins__": INT}, result=BOOL)
    with pytest.raises(TypeError):
        compile_expression("1 > 0", variables={"x": int}, result=BOOL)  # type: ignore[dict-item]


def test_types_describe_themselves() -> None:
    assert ListType(OptionalType(INT)).describe() == "a list of whole numbers or nulls"
    assert OptionalType(MEMBER).signature_name() == "optional(Member)"
    assert repr(ListType(INT)) == "ListType(INT)"
    assert NULL.describe() == "null (no value)"
    with pytest.raises(TypeError):
        OptionalType(OptionalType(INT))
    with pytest.raises(TypeError):
        OptionalType(NULL)
