"""Policy expressions give CEL's answers: CEL's own conformance tests, run against the language.

Every conformance test whose expression and answer stay inside the language (see
`cel_conformance_support`) must give CEL's answer, value or error, with both back ends, or be
listed with its reason in the configuration guide's table of differences. A listed test that
starts agreeing fails too, so the table stays true.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from hearth.policy.tests.cel_conformance_support import Case, load_cases, run_case

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "policy" / "configuration-guide.md"
CASES = load_cases()
IN_SCOPE = [case for case in CASES if case.out_of_scope is None]


@dataclass(frozen=True)
class Listed:
    expression: str
    reason: str


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row, with `\\|` read as a literal bar."""
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [cell.strip().replace("\\|", "|") for cell in cells]


def _table_after(text: str, heading: str) -> list[list[str]]:
    start = text.index(heading)
    rows: list[list[str]] = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("|"):
            rows.append(_cells(line))
        elif rows:
            break
    return rows[2:]  # past the header and its underline


def _code(cell: str) -> str:
    assert cell.startswith("`") and cell.endswith("`"), cell
    return cell[1:-1]


GUIDE_TEXT = GUIDE.read_text("utf-8")
REASONS = {_code(row[0]) for row in _table_after(GUIDE_TEXT, "### How the language compares")}
LISTED = {
    _code(row[0]): Listed(_code(row[1]), row[2])
    for row in _table_after(GUIDE_TEXT, "#### Conformance tests that differ")
}


def _counts_in_guide() -> tuple[int, int, int]:
    found = re.search(
        r"\*\*(\d+)\*\* are in the language: \*\*(\d+)\*\* give CEL's answer and \*\*(\d+)\*\*",
        GUIDE_TEXT,
    )
    assert found, "the guide states how many conformance tests are in the language"
    in_scope, agree, differ = (int(group) for group in found.groups())
    return in_scope, agree, differ


@pytest.mark.parametrize("case", IN_SCOPE, ids=[case.id for case in IN_SCOPE])
def test_conformance_case_gives_cels_answer_or_is_a_listed_difference(case: Case) -> None:
    expected = case.expected.error and f"an error ({case.expected.error})"
    expected = expected or repr(case.expected.value)
    for strategy in ("codegen", "closures"):
        outcome = run_case(case, strategy)
        listed = LISTED.get(case.id)
        if listed is None:
            assert outcome.agrees, (
                f"{case.id}: {case.expr!r} gives {outcome.answer} with {strategy}; CEL gives "
                f"{expected}. Fix it, or list it in the guide with its reason."
            )
        else:
            assert not outcome.agrees, (
                f"{case.id} now gives CEL's answer ({expected}): take it out of the guide's "
                "table of differences"
            )
            assert listed.expression == case.expr


def test_every_listed_difference_is_an_in_scope_case_with_a_known_reason() -> None:
    in_scope = {case.id for case in IN_SCOPE}
    assert set(LISTED) <= in_scope, set(LISTED) - in_scope
    unexplained = {name: row.reason for name, row in LISTED.items() if row.reason not in REASONS}
    assert not unexplained


def test_the_guide_states_the_counts() -> None:
    # The counts, printed with `pytest -s`, are the guide's; they change only with the table.
    outcomes = Counter(run_case(case).agrees for case in IN_SCOPE)
    counts = (len(IN_SCOPE), outcomes[True], outcomes[False])
    print(  # the record of the run
        f"CEL conformance: {len(CASES)} tests, {counts[0]} in the language, {counts[1]} give "
        f"CEL's answer, {counts[2]} listed differences"
    )
    assert counts == _counts_in_guide()
    assert counts[2] == len(LISTED)


def test_what_is_out_of_scope_is_only_what_the_language_lacks() -> None:
    # Out of scope means a feature the language does not have at all; a case the language
    # merely gets wrong must stay in scope.
    reasons = Counter(case.out_of_scope for case in CASES if case.out_of_scope)
    lacking = (
        "maps and messages",
        "bytes values",
        "unsigned numbers",
        "uint64 values",
        "map values",
        "map type declarations",
        "null declarations",
        "names written from the root ('.name')",
        "names inside a protocol buffer package",
        "the function dyn()",
        "the function int()",
        "the function matches()",
    )
    assert set(reasons) <= set(lacking), set(reasons) - set(lacking)
