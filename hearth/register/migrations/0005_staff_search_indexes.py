"""Indexes for the officers' register search (name, date of birth, current postcode).

Names are matched by word prefix anywhere in the full name: on PostgreSQL a trigram index on
UPPER(full_name) answers `LIKE 'JO%' OR LIKE '% JO%'` without reading every person; SQLite (the
embedded default, small registers) scans. Postcodes are compared without spaces, upper case,
on the household's current address (`Household.home_postcode`), whole or by its first part. The indexes are written as SQL because they are
expressions with operator classes that only PostgreSQL has; the models do not declare them.
"""

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTCODE = "REPLACE(UPPER(home_postcode), ' ', '')"


def _statements(vendor: str) -> list[str]:
    statements = [
        "CREATE INDEX register_person_dob_idx ON register_person (date_of_birth)",
    ]
    if vendor == "postgresql":
        statements += [
            "CREATE INDEX register_person_name_trgm_idx ON register_person "
            "USING gin (UPPER(full_name) gin_trgm_ops)",
            f"CREATE INDEX register_household_postcode_idx ON register_household "
            f"(({POSTCODE}) text_pattern_ops)",
        ]
    else:
        statements.append(
            f"CREATE INDEX register_household_postcode_idx ON register_household (({POSTCODE}))"
        )
    return statements


def indexes_create(apps: Any, schema_editor: Any) -> None:
    for statement in _statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def indexes_drop(apps: Any, schema_editor: Any) -> None:
    for name in (
        "register_person_dob_idx",
        "register_person_name_trgm_idx",
        "register_household_postcode_idx",
    ):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("register", "0004_apply_home_address_contact")]

    operations = [
        # Does nothing on SQLite.
        TrigramExtension(),
        migrations.RunPython(indexes_create, indexes_drop),
    ]
