"""Fill the officers' name search table for everyone already on an application."""

from typing import Any

from django.db import migrations

BATCH = 2_000


def _searchable(full_name: str) -> str:
    # As `hearth.register.models.search.name_searchable` (migrations import no app code).
    return " " + " ".join(full_name.replace("-", " ").upper().split())


def fill(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("register", "Person")
    RegisterSearchName = apps.get_model("register", "RegisterSearchName")
    people = (
        Person.objects.filter(household__application__isnull=False)
        .values_list(
            "id",
            "full_name",
            "household__reference",
            "household__application__id",
            "household__application__council_id",
        )
        .iterator(chunk_size=BATCH)
    )
    rows = []
    for person_id, full_name, reference, application_id, council_id in people:
        rows.append(
            RegisterSearchName(
                person_id=person_id,
                application_id=application_id,
                council_id=council_id,
                reference=reference,
                name=_searchable(full_name),
            )
        )
        if len(rows) == BATCH:
            RegisterSearchName.objects.bulk_create(rows)
            rows = []
    RegisterSearchName.objects.bulk_create(rows)


def empty(apps: Any, schema_editor: Any) -> None:
    apps.get_model("register", "RegisterSearchName").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("register", "0007_register_search_names")]

    operations = [migrations.RunPython(fill, empty)]
