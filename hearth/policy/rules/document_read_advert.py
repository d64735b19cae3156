"""Reading the parts of a policy's shortlist that refer to the advert: where a
`local_connection` order key looks (`to`), and the uses of an advert's mobility label the
council allows (`mobility_labels`). Problems name the field, as everywhere in
`hearth.policy.rules.document_read`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hearth.policy.rules import document as d
from hearth.policy.rules.document_reader import DocumentReader, path_join


def connection_to(r: DocumentReader, entry: Mapping[str, Any], path: str, key: str) -> str:
    """Where a `local_connection` key looks for a connection ("" for the advertising council)."""
    if "to" not in entry:
        return ""
    to = entry["to"]
    if key != "local_connection":
        r.problem(path_join(path, "to"), "is only for the 'local_connection' key")
        return ""
    if to not in d.CONNECTION_TO:
        r.problem(
            path_join(path, "to"),
            f"{to!r} is not a place to look for a connection; write advert_council (the "
            "advertising council's area) or advert_parish (the advertised home's own area or "
            "parish)",
        )
        return ""
    return "" if to == d.ADVERT_COUNCIL else str(to)


def mobility_labels(r: DocumentReader, data: Mapping[str, Any], path: str) -> tuple[str, ...]:
    """The uses of an advert's mobility label the council allows: both when left out."""
    if "mobility_labels" not in data:
        return d.MOBILITY_LABEL_USES
    uses = r.strings(data, "mobility_labels", path, d.MOBILITY_LABEL_USES)
    where = path_join(path, "mobility_labels")
    if isinstance(data["mobility_labels"], list) and not data["mobility_labels"]:
        r.problem(where, "must list filter, priority or both, or be left out to allow both")
    if len(set(uses)) != len(uses):
        r.problem(where, "lists the same use twice")
    return uses


def keys_compared(order: Sequence[d.OrderKey]) -> list[tuple[str, str]]:
    """The keys an order may not list twice: expressions may repeat, and a local connection to
    the home's own area may come before one to the council's."""
    return [(k.key, k.to) for k in order if k.key != "expression"]
