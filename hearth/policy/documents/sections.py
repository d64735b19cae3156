"""The parts a readable policy is made of: sections, written rules, tables and cells. Frozen
values, so two versions' sections compare with `==` (`hearth.policy.documents.compare`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import ngettext


@dataclass(frozen=True)
class Cell:
    text: str
    code: str = ""  # an expression, shown as code after the text
    hint: str = ""  # a second line in smaller text


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Rule:
    """One written rule: its text for applicants and the facts that make it work."""

    text: str
    facts: tuple[tuple[str, Cell], ...] = ()


@dataclass(frozen=True)
class Section:
    key: str  # the page anchor, and what a comparison matches sections by
    title: str
    text: str = ""  # the policy's own words for the section
    facts: tuple[tuple[str, Cell], ...] = ()
    rules: tuple[Rule, ...] = ()
    table: Table | None = None
    steps: tuple[Cell, ...] = ()  # a numbered list
    empty: str = ""  # said when the section has nothing in it
    parts: tuple[Section, ...] = field(default=())  # e.g. each local lettings plan

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.facts or self.rules or self.table or self.steps or self.parts)


def months_text(count: int) -> str:
    return ngettext("%(count)s month", "%(count)s months", count) % {"count": count}
