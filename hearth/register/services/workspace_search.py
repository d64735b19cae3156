"""Keeping the officers' name search (`RegisterSearchName`) in step with the people it finds.

Derived data, not a record of anything anyone did: the services that change who is in a
household, or what they are called, call `search_names_refresh` inside their own transaction
(which checks permission and writes the audit event), and bulk loads call it once at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable

from django.db.models import QuerySet

from hearth.register.models import Person, RegisterSearchName, name_searchable

BATCH = 2_000


def _people_on_applications(people: QuerySet[Person]) -> Iterable[RegisterSearchName]:
    found = people.filter(household__application__isnull=False).values_list(
        "id",
        "full_name",
        "household__reference",
        "household__application__id",
        "household__application__council_id",
    )
    for person_id, full_name, reference, application_id, council_id in found.iterator(BATCH):
        yield RegisterSearchName(
            person_id=person_id,
            application_id=application_id,
            council_id=council_id,
            reference=reference,
            name=name_searchable(full_name),
        )


def _write(rows: Iterable[RegisterSearchName]) -> int:
    written = 0
    batch: list[RegisterSearchName] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            written += len(RegisterSearchName.objects.bulk_create(batch))
            batch = []
    return written + len(RegisterSearchName.objects.bulk_create(batch))


def search_names_refresh(*, household_ids: Collection[uuid.UUID | str]) -> int:
    """Rebuild the search rows of these households' people (those with an application);
    returns how many rows they now have."""
    written = 0
    ids = list(household_ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        RegisterSearchName.objects.filter(person__household_id__in=batch).delete()
        written += _write(_people_on_applications(Person.objects.filter(household_id__in=batch)))
    return written


def search_names_rebuild() -> int:
    """Rebuild every search row (after a bulk load, or to repair); returns how many."""
    RegisterSearchName.objects.all().delete()
    return _write(_people_on_applications(Person.objects.all()))
