"""The officers' name search reads its own narrow table, `RegisterSearchName`.

One row per person on an application: the normalised name, the application, its council and
its household reference. On PostgreSQL a trigram index on the name answers each searched word
(`LIKE '% WORD%'`); the trigram index on people's UPPER(full_name), which the search used
before, goes. SQLite (the embedded default, small registers) scans.
"""

import uuid
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

PERSON_INDEX = (
    "CREATE INDEX register_person_name_trgm_idx ON register_person "
    "USING gin (UPPER(full_name) gin_trgm_ops)"
)
SEARCH_INDEX = (
    "CREATE INDEX register_search_name_trgm_idx ON register_registersearchname "
    "USING gin (name gin_trgm_ops)"
)


def index_move(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS register_person_name_trgm_idx")
        schema_editor.execute(SEARCH_INDEX)


def index_move_back(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS register_search_name_trgm_idx")
        schema_editor.execute(PERSON_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_organisation_contact_details"),
        ("register", "0006_review_withdrawn_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegisterSearchName",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "person",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="register.person",
                    ),
                ),
                ("reference", models.CharField(max_length=20)),
                ("name", models.TextField()),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="register.application",
                    ),
                ),
                (
                    "council",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.organisation",
                    ),
                ),
            ],
            options={"ordering": ["reference", "id"]},
        ),
        migrations.RunPython(index_move, index_move_back),
    ]
