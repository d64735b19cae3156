"""The generated-code back end (`expressions_codegen.py`): text in an expression can't break out of
the generated Python, which uses only names it chose itself.
"""

from __future__ import annotations

import re

from hearth.policy.rules.expressions import BOOL, compile_expression
from hearth.policy.tests.expression_support import SCHEMA, STRATEGIES, facts, run

# -- safety of the generated code ----------------------------------------------------------


def test_text_cannot_break_out_of_generated_code() -> None:
    sneaky = "'); import os; ('"
    source = f'council == "{sneaky}" || council + "\\n#" == "x"'
    for strategy in STRATEGIES:
        assert run(source, strategy=strategy) is False
        assert run(source, values=facts(council=sneaky), strategy=strategy) is True
    compiled = compile_expression(source, variables=SCHEMA, result=BOOL)
    assert compiled.python_source is not None
    assert "import os" not in compiled.python_source.replace(repr(sneaky), "")


def test_generated_code_uses_only_generated_names() -> None:
    compiled = compile_expression(
        "household.members.exists(m, m.age > threshold) && council.startsWith('N')",
        variables=SCHEMA,
        result=BOOL,
    )
    source = compiled.python_source
    assert source is not None
    assert "_vars['household']" in source
    outside_strings = re.sub(r"'[^']*'", "''", source)
    for user_name in ("household", "threshold", "council", "m", "startsWith"):
        assert not re.search(rf"\b{user_name}\b", outside_strings), user_name
