"""Writing audit events, and reading back what they changed.

Services call `audit_record` inside their own transaction. What an event changed has one shape,
``{"<field>": {"before": old, "after": new}, …}``, built with `changes_of` (or `changes_between`
for a dict diff). Anything that explains the event without being a changed field (a reason, a
count, the record it came from) goes under the one reserved key ``"context"``::

    audit_record(
        actor=actor,
        verb="application.status_changed",
        target=application,
        changes=changes_of(
            before={"status": "active"}, after={"status": "suspended"}, context={"reason": why}
        ),
    )

stores ``{"status": {"before": "active", "after": "suspended"}, "context": {"reason": why}}``.
`audit_record` refuses anything that is not an `AuditChanges`.

The log is append-only, so rows written before this shape (``{"status": [old, new]}``,
``{"reason": "…"}``) stay as they were; `audit_lines` reads any stored shape for display.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.db import connection, models, transaction

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.models import AuditEvent, Organisation

CONTEXT = "context"
"""The reserved key for what explains an event without being a changed field."""

_SIDES = frozenset({"before", "after"})


class AuditOutsideTransactionError(RuntimeError):
    """An audit row must commit or roll back with the change it describes."""


class AuditShapeError(TypeError):
    """What an audit event changed was not given in the one shape (see the module docstring)."""


def _plain(value: Any) -> Any:
    """`value` as JSON can hold it: records by primary key, dates and numbers as text, sets sorted.

    Lists and tuples keep their order (an order can be what changed)."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, (dt.date, dt.datetime, dt.time, uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise AuditShapeError(f"{type(value).__name__} cannot be stored in an audit event: {value!r}")


@dataclass(frozen=True)
class Change:
    """One field's value before and after an event (None where it had or has none)."""

    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class AuditChanges:
    """What an event changed (field → `Change`) and its free context. Build with `changes_of`."""

    fields: Mapping[str, Change] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, change in self.fields.items():
            if not isinstance(name, str) or not name or name == CONTEXT:
                raise AuditShapeError(f"{name!r} cannot name a changed field")
            if not isinstance(change, Change):
                raise AuditShapeError(f"the change to {name!r} must be a Change, not {change!r}")
        for name in self.context:
            if not isinstance(name, str) or not name:
                raise AuditShapeError(f"{name!r} cannot name a context entry")
        fields = {
            name: Change(_plain(c.before), _plain(c.after)) for name, c in self.fields.items()
        }
        object.__setattr__(self, "fields", MappingProxyType(fields))
        object.__setattr__(self, "context", MappingProxyType(_plain(dict(self.context))))

    def __or__(self, other: AuditChanges) -> AuditChanges:
        """Both sets of changes; where a field or context key is in both, `other`'s wins."""
        if not isinstance(other, AuditChanges):
            return NotImplemented
        return AuditChanges(
            fields={**self.fields, **other.fields}, context={**self.context, **other.context}
        )

    def __bool__(self) -> bool:
        return bool(self.fields or self.context)

    def as_json(self) -> dict[str, Any]:
        """The stored shape: {field: {"before": …, "after": …}, …, "context": {…}}."""
        stored: dict[str, Any] = {
            name: {"before": change.before, "after": change.after}
            for name, change in self.fields.items()
        }
        if self.context:
            stored[CONTEXT] = dict(self.context)
        return stored


def _diff(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: Iterable[str] | None
) -> dict[str, Change]:
    names = fields if fields is not None else sorted(set(before) | set(after))
    diff: dict[str, Change] = {}
    for name in names:
        old, new = _plain(before.get(name)), _plain(after.get(name))
        if old != new:
            diff[name] = Change(old, new)
    return diff


def changes_of(
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    fields: Iterable[str] | None = None,
    context: Mapping[str, Any] | None = None,
) -> AuditChanges:
    """The fields (all named in `before` or `after`, or just `fields`) whose values differ, with
    `context`. A record created: ``after=`` alone; removed: ``before=`` alone."""
    return AuditChanges(fields=_diff(before or {}, after or {}, fields), context=context or {})


def changes_between(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """The fields whose values differ, as {field: {"before": old, "after": new}}."""
    return changes_of(before=before, after=after, fields=fields).as_json()


def audit_shape_problems(stored: Any) -> list[str]:
    """Why `stored` (an `AuditEvent.changes` value) is not in the one shape; empty if it is."""
    if not isinstance(stored, dict):
        return [f"changes is a {type(stored).__name__}, not an object"]
    problems = []
    for name, value in stored.items():
        if name == CONTEXT:
            if not isinstance(value, dict):
                problems.append(f"context is a {type(value).__name__}, not an object")
        elif not (isinstance(value, dict) and set(value) == _SIDES):
            problems.append(f"{name!r} is {value!r}, not {{'before': …, 'after': …}}")
    return problems


# --- Reading what an event changed, whatever shape it was stored in ----------------------------

LEGACY_PAIR_FIELDS = frozenset({"status", "renewal_due_on"})
"""Fields stored as ``[before, after]`` lists (before the one shape). Other lists are values."""


@dataclass(frozen=True)
class AuditLine:
    """One line of an event's details: a field's before → after, or a piece of context."""

    name: str
    after: str
    before: str | None = None

    @property
    def is_change(self) -> bool:
        return self.before is not None

    def __str__(self) -> str:
        if self.before is None:
            return f"{self.name}: {self.after}"
        return f"{self.name}: {self.before} → {self.after}"


def _shown(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    return str(value)


def audit_lines(stored: Any) -> list[AuditLine]:
    """An `AuditEvent.changes` value, in any shape ever stored, as lines to show: each changed
    field as before → after, then each piece of context as name: value.

    Older rows are read as written: ``[old, new]`` pairs for the fields in `LEGACY_PAIR_FIELDS`
    are changes; any other bare value is context."""
    if not stored:
        return []
    if not isinstance(stored, dict):
        return [AuditLine("changes", _shown(stored))]
    changes: list[AuditLine] = []
    context: list[AuditLine] = []
    for name, value in stored.items():
        if name == CONTEXT and isinstance(value, dict):
            context.extend(AuditLine(str(k), _shown(v)) for k, v in value.items())
        elif isinstance(value, dict) and value and set(value) <= _SIDES:
            changes.append(
                AuditLine(
                    str(name), before=_shown(value.get("before")), after=_shown(value.get("after"))
                )
            )
        elif name in LEGACY_PAIR_FIELDS and isinstance(value, list) and len(value) == 2:
            changes.append(AuditLine(str(name), before=_shown(value[0]), after=_shown(value[1])))
        else:
            context.append(AuditLine(str(name), _shown(value)))
    return changes + context


@dataclass(frozen=True)
class EventRow:
    """One row of an events table (``core/_events_table.html``): the audit log, an
    application's history. Apps with events of their own (status changes) make rows too."""

    occurred_at: dt.datetime
    who: str
    what: str
    details: list[str] = field(default_factory=list)
    on_behalf_of: str = ""
    organisation: str = ""


def event_rows(events: Iterable[AuditEvent], *, organisation: bool = False) -> list[EventRow]:
    """Audit events as rows, each change shown before → after; with `organisation`, the
    organisation each was recorded for (for readers of the whole scheme). Select the events'
    `actor`, `on_behalf_of` (and `organisation`) related."""
    return [
        EventRow(
            occurred_at=event.occurred_at,
            who=event.actor.full_name if event.actor else "",
            on_behalf_of=event.on_behalf_of.full_name if event.on_behalf_of else "",
            what=f"{event.verb}: {event.object_label}",
            details=[str(line) for line in audit_lines(event.changes)],
            organisation=event.organisation.name if organisation and event.organisation else "",
        )
        for event in events
    ]


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def audit_record(
    *,
    actor: Actor,
    verb: str,
    target: models.Model,
    changes: AuditChanges | None = None,
    organisation: Organisation | None = None,
    label: str | None = None,
) -> AuditEvent:
    """Record that `actor` did `verb` to `target`. Must run inside the caller's transaction.

    `changes` comes from `changes_of` / `AuditChanges`; any other value is refused."""
    if changes is not None and not isinstance(changes, AuditChanges):
        raise AuditShapeError(
            f"audit of {verb}: changes must be built with changes_of(before=…, after=…, "
            f"context=…), not given as a {type(changes).__name__}"
        )
    if not connection.in_atomic_block:
        raise AuditOutsideTransactionError(f"audit of {verb} written outside a transaction")
    return AuditEvent.objects.create(
        occurred_at=clock.now(),
        actor=actor.user,
        organisation=organisation if organisation is not None else actor.organisation,
        on_behalf_of=actor.on_behalf_of,
        verb=verb,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_label=(label if label is not None else str(target))[:200],
        changes=changes.as_json() if changes is not None else {},
        ip_address=actor.ip_address,
    )


def record_viewed(
    *, actor: Actor, target: models.Model, organisation: Organisation | None = None
) -> AuditEvent:
    """Note that a page showed a person's record to `actor`."""
    with transaction.atomic():
        return audit_record(actor=actor, verb="viewed", target=target, organisation=organisation)
