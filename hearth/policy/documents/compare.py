"""Comparing two policy versions: which readable sections changed, and a line diff of the text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from hearth.policy.documents.readable import Section


@dataclass(frozen=True)
class SectionChange:
    key: str
    title: str
    change: str  # changed | unchanged | added | removed
    before: Section | None
    after: Section | None


def sections_compared(before: list[Section], after: list[Section]) -> list[SectionChange]:
    """Each section of either version, in the newer one's order, marked with what changed."""
    old = {s.key: s for s in before}
    new_keys = {s.key for s in after}
    changes = []
    for section in after:
        previous = old.get(section.key)
        if previous is None:
            change = "added"
        elif previous == section:
            change = "unchanged"
        else:
            change = "changed"
        changes.append(SectionChange(section.key, section.title, change, previous, section))
    for section in before:
        if section.key not in new_keys:
            changes.append(SectionChange(section.key, section.title, "removed", section, None))
    return changes


# --- Line differences ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    kind: str  # same | added | removed | skipped
    before: int | None  # line number in the older text
    after: int | None  # line number in the newer text
    text: str  # indentation kept as non-breaking spaces, so lines can wrap on small screens
    skipped: int = 0  # for "skipped": how many unchanged lines are not shown


def _shown(line: str) -> str:
    stripped = line.lstrip(" ")
    return "\u00a0" * (len(line) - len(stripped)) + stripped


def text_diff(before: str, after: str, *, context: int = 3) -> list[DiffLine]:
    """The lines that differ between two texts, with `context` unchanged lines around each."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    lines: list[DiffLine] = []
    shown_to = 0  # lines of `old` accounted for so far
    for group in matcher.get_grouped_opcodes(context):
        first_old = group[0][1]
        if first_old > shown_to:
            lines.append(DiffLine("skipped", None, None, "", skipped=first_old - shown_to))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(
                    DiffLine("same", i + 1, j + 1, _shown(old[i]))
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                )
                continue
            if tag in ("replace", "delete"):
                lines.extend(
                    DiffLine("removed", i + 1, None, _shown(old[i])) for i in range(i1, i2)
                )
            if tag in ("replace", "insert"):
                lines.extend(DiffLine("added", None, j + 1, _shown(new[j])) for j in range(j1, j2))
        shown_to = group[-1][2]
    if lines and shown_to < len(old):
        lines.append(DiffLine("skipped", None, None, "", skipped=len(old) - shown_to))
    return lines
