"""Copy each work-queue item's council from its application.

One UPDATE per table with a correlated subquery (SQLite and PostgreSQL alike). Going back
leaves the values in place: 0009 going back drops the column.
"""

from typing import Any

from django.db import migrations
from django.db.models import OuterRef, Subquery

QUEUE_ITEMS = (
    "EvidenceDocument",
    "CircumstanceChange",
    "ReviewRequest",
    "AssessmentOverride",
    "DuplicateFlag",
)


def councils_copy(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    Application = apps.get_model("register", "Application")
    council_of_application = Subquery(
        Application.objects.using(alias)
        .filter(pk=OuterRef("application_id"))
        .values("council_id")[:1]
    )
    for name in QUEUE_ITEMS:
        model = apps.get_model("register", name)
        model.objects.using(alias).filter(council__isnull=True).update(
            council_id=council_of_application
        )


class Migration(migrations.Migration):
    dependencies = [("register", "0009_queue_items_council_add")]

    operations = [migrations.RunPython(councils_copy, migrations.RunPython.noop)]
