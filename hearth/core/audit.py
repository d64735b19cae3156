"""Writing audit events. Services call `audit_record` inside their own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models, transaction

from hearth.core import clock
from hearth.core.actor import Actor
from hearth.core.models import AuditEvent, Organisation


class AuditOutsideTransactionError(RuntimeError):
    """An audit row must commit or roll back with the change it describes."""


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (dt.date, dt.datetime, uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(_plain(v) for v in value)
    return value


def changes_between(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """The fields whose values differ, as {field: {"before": old, "after": new}}."""
    names = fields if fields is not None else sorted(set(before) | set(after))
    diff: dict[str, dict[str, Any]] = {}
    for name in names:
        old, new = _plain(before.get(name)), _plain(after.get(name))
        if old != new:
            diff[name] = {"before": old, "after": new}
    return diff


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def audit_record(
    *,
    actor: Actor,
    verb: str,
    target: models.Model,
    changes: Mapping[str, Any] | None = None,
    organisation: Organisation | None = None,
    label: str | None = None,
) -> AuditEvent:
    """Record that `actor` did `verb` to `target`. Must run inside the caller's transaction."""
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
        changes=dict(changes or {}),
        ip_address=actor.ip_address,
    )


def record_viewed(
    *, actor: Actor, target: models.Model, organisation: Organisation | None = None
) -> AuditEvent:
    """Note that a page showed a person's record to `actor`."""
    with transaction.atomic():
        return audit_record(actor=actor, verb="viewed", target=target, organisation=organisation)
