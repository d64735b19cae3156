"""The audit events of the demo households' own records, as the register's services write them.

`demo_households_seed` writes households, their people, their periods (addresses, work and
family) and their need awards in bulk; these are the events the services that make each of them
in real use would have written, so the audit log tells the same story as the rows:

- each person: `person_save` adding them, `person.added`, with the answers given about them;
- the household's answers: `household_answers_save`, one `household.answers_saved` for each
  section of the form whose answers differ from a new household's (blank) ones;
- each period: `period_save` adding it, `period.saved`, and where it is in a parish (for a
  local lettings plan) `period_area_set`, `period.area_set`;
- each need award: `need_award_create`, `need.awarded`, and for one since withdrawn
  `need_award_withdraw`, `need.withdrawn`.

The household fills in its own form from its account when it has one, else an officer of its
council does it for it (as `demo_application_records` has it act), when the application was
started. Need awards are an officer's, the day they were awarded (or withdrawn).
`demo/tests/test_seed_invariants.py` rebuilds the same events from the rows and compares.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import models

from hearth.accounts.models import User
from hearth.core.audit import CONTEXT, changes_of
from hearth.core.models import AuditEvent
from hearth.demo.register.applications import at_ten, started_at
from hearth.register.models import Application, Household, NeedAward, Period, PeriodKind, Person
from hearth.register.rules import apply_sections as routing
from hearth.register.services.household import HOUSEHOLD_FIELDS, PERIOD_FIELDS, PERSON_FIELDS

# The answers `household_answers_save` records for each section: the section's own, and for the
# current home what its tenure implies (a social tenant asks for a transfer).
ANSWERS: dict[str, tuple[str, ...]] = {
    section: tuple(sorted(fields | ({"is_transfer"} if section == routing.HOME else set())))
    for section, fields in HOUSEHOLD_FIELDS.items()
}
_PERIOD_AREA_BLANK = {"parish": "", "parish_not_known": False}


def blank_answers() -> dict[str, Any]:
    """A household's answers as `application_start` leaves them, as read back from the database
    (money to the penny): what the first answers to each section change."""
    blank: dict[str, Any] = {}
    for fields in ANSWERS.values():
        for name in fields:
            field = Household._meta.get_field(name)
            if not isinstance(field, models.Field):
                continue  # a relation, never an answer
            value = field.get_default()
            if isinstance(field, models.DecimalField):
                value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
            blank[name] = value
    return blank


def _created(record: models.Model, fields: Iterable[str], **context: Any) -> dict[str, Any]:
    """`changes_of(after=<the record's fields>, context=context).as_json()`, for the plain
    values the seed's people and periods hold (text, numbers, yes or no, dates), built without
    its checks: there are thousands of them (the invariant tests build them with `changes_of`
    and compare)."""
    stored: dict[str, Any] = {}
    for name in sorted(fields):
        value = getattr(record, name)
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, dt.date):
            value = str(value)
        if value is not None:
            stored[name] = {"before": None, "after": value}
    if context:
        stored[CONTEXT] = context
    return stored


def person_changes(person: Person) -> dict[str, Any]:
    """What `person_save` records adding `person` with the answers it has."""
    return _created(person, PERSON_FIELDS)


def period_changes(period: Period) -> dict[str, Any]:
    """What `period_save` records adding `period` (a new one has no area yet)."""
    return _created(period, PERIOD_FIELDS, kind=str(period.kind))


def period_area_changes(period: Period) -> dict[str, Any]:
    """What `period_area_set` records giving a new `period` its area."""
    after = {"parish": period.parish, "parish_not_known": period.parish_not_known}
    return changes_of(
        before=_PERIOD_AREA_BLANK, after=after, context={"kind": period.kind}
    ).as_json()


def answers_changes(household: Household, blank: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Section -> what `household_answers_save` records for the household's answers to it (only
    the sections whose answers are not a new household's)."""
    recorded = {}
    for section, fields in ANSWERS.items():
        answered = {name: getattr(household, name) for name in fields}
        if all(answered[name] == blank[name] for name in fields):
            continue  # most sections: only changed answers are recorded, and none changed
        diff = changes_of(
            before={name: blank[name] for name in fields},
            after=answered,
            context={"section": section},
        )
        if diff.fields:
            recorded[section] = diff.as_json()
    return recorded


def need_award_changes(award: NeedAward) -> dict[str, Any]:
    """What `need_award_create` records for `award`."""
    after = {"code": award.code, "awarded_on": award.awarded_on, "notes": award.notes}
    return changes_of(after=after).as_json()


def need_withdrawn_changes(award: NeedAward) -> dict[str, Any]:
    """What `need_award_withdraw` records for `award`."""
    return changes_of(after={"withdrawn_on": award.withdrawn_on}).as_json()


def household_record_events(
    *,
    applications: Iterable[Application],
    people: Iterable[Person],
    periods: Iterable[Period],
    need_awards: Iterable[NeedAward],
    officers: Mapping[str, User | None],
    now: dt.datetime,
) -> list[AuditEvent]:
    """The events of each household's people, answers, periods and need awards (see the module
    docstring). Gives each need award the officer who awarded it."""
    by_household = {app.household_id: app for app in applications}
    started = {household_id: started_at(app) for household_id, app in by_household.items()}
    kinds = {kind.value: str(kind.label) for kind in PeriodKind}
    events: list[AuditEvent] = []

    def record(
        verb: str,
        target: type[models.Model],
        target_id: UUID,
        label: str,
        household: Household,
        by: User | None,
        at: dt.datetime,
        changes: dict[str, Any],
    ) -> None:
        events.append(
            # By id: setting thousands of related objects costs more than the rest of the row.
            AuditEvent(
                occurred_at=at,
                actor_id=by.pk if by is not None else None,
                organisation_id=household.council_id,
                verb=verb,
                object_type=target._meta.label_lower,
                object_id=str(target_id),
                object_label=label[:200],
                changes=changes,
            )
        )

    def household_actor(household: Household) -> User | None:
        return household.applicant or officers.get(household.council.slug)

    blank = blank_answers()
    for household_id, app in by_household.items():
        household = app.household
        by, at = household_actor(household), started[household_id]
        for changes in answers_changes(household, blank).values():
            record(
                "household.answers_saved",
                Household,
                household.pk,
                str(household),
                household,
                by,
                at,
                changes,
            )
    for person in people:
        household = by_household[person.household_id].household
        record(
            "person.added",
            Person,
            person.pk,
            f"{household.reference}: {person.full_name}",
            household,
            household_actor(household),
            started[person.household_id],
            person_changes(person),
        )
    for period in periods:
        household = by_household[period.household_id].household
        label = f"{household.reference}: {kinds[period.kind]}"
        by, at = household_actor(household), started[period.household_id]
        record("period.saved", Period, period.pk, label, household, by, at, period_changes(period))
        if period.parish or period.parish_not_known:
            changes = period_area_changes(period)
            record("period.area_set", Period, period.pk, label, household, by, at, changes)
    for award in need_awards:
        household = by_household[award.household_id].household
        officer = officers.get(household.council.slug)
        award.awarded_by = officer
        label = f"{household.reference}: {award.code}"
        awarded = min(at_ten(award.awarded_on), now)
        changes = need_award_changes(award)
        record("need.awarded", NeedAward, award.pk, label, household, officer, awarded, changes)
        if award.withdrawn_on is not None:
            withdrawn = min(at_ten(award.withdrawn_on), now)
            changes = need_withdrawn_changes(award)
            record(
                "need.withdrawn", NeedAward, award.pk, label, household, officer, withdrawn, changes
            )
    return events
