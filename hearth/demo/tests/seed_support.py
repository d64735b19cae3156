"""What the demo seed's invariant tests share: audit events in the form the tests compare them
(the demo itself is seeded once per module by the `seeded` fixture in conftest.py)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import models

from hearth.accounts.models import (
    Membership,
)
from hearth.core import clock
from hearth.core.access.roles import Capability, capabilities_for
from hearth.core.audit import AuditChanges, changes_of
from hearth.core.models import AuditEvent
from hearth.register.models import (
    Household,
    StatusChange,
)

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def london_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.LONDON).date()


def created_with(fields: dict[str, Any]) -> dict[str, Any]:
    """What a create service records: each field it was given (an empty one changed nothing)."""
    return changes_of(after={name: value for name, value in fields.items() if value}).as_json()


# An audit event as the tests compare them: verb, record, label, organisation, actor, on whose
# behalf, when (a time, or a day for rows that keep only a date), what changed (as stored JSON,
# keys sorted).
Event = tuple[str, str, str, str, str, str | None, str | None, Any, str]


def id_text(value: object) -> str | None:
    return str(value) if value is not None else None


def event_of(
    verb: str,
    target: models.Model,
    label: str,
    organisation_id: uuid.UUID,
    actor_id: uuid.UUID | None,
    when: Any,
    changes: AuditChanges | dict[str, Any],
) -> Event:
    """The event `audit_record` writes for `actor_id` (None: the system)."""
    stored = changes.as_json() if isinstance(changes, AuditChanges) else changes
    return (
        verb,
        target._meta.label_lower,
        str(target.pk),
        label,
        str(organisation_id),
        id_text(actor_id),
        None,
        when,
        json.dumps(stored, sort_keys=True),
    )


def events_found(*verbs: str, when: Callable[[dt.datetime], Any] = lambda at: at) -> Counter[Event]:
    """The stored events with these verbs, each as `event_of` builds it."""
    return Counter(
        (
            event.verb,
            event.object_type,
            event.object_id,
            event.object_label,
            str(event.organisation_id),
            id_text(event.actor_id),
            id_text(event.on_behalf_of_id),
            when(event.occurred_at),
            json.dumps(event.changes, sort_keys=True),
        )
        for event in AuditEvent.objects.filter(verb__in=verbs)
    )


def members_who_may(capability: Capability) -> set[tuple[str, str]]:
    """(user, organisation) for each active member who holds `capability` there."""
    return {
        (str(m.user_id), str(m.organisation_id))
        for m in Membership.objects.filter(is_active=True).prefetch_related("roles")
        if capability in capabilities_for(frozenset(m.role_names()))
    }


def acts_for(household: Household, actor_id: uuid.UUID | None, officers: set[Any]) -> bool:
    """The household's own account, or (without one) an officer of its council for it."""
    if household.applicant_id is not None:
        return actor_id == household.applicant_id
    return (str(actor_id), str(household.council_id)) in officers


def application_starts() -> dict[uuid.UUID, StatusChange]:
    """Household id -> the first step of its application's history (`application_start`): who
    started it, for the household, and when."""
    return {
        change.application.household_id: change
        for change in StatusChange.objects.filter(from_status="").select_related("application")
    }


def default_of(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.get_default()
