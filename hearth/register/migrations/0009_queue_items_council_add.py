"""Each work-queue item carries its application's council (nullable until 0010 fills it).

Documents, changes of circumstances, review requests, overrides and duplicate flags each
belong to one application, whose council never changes. Copying the council onto the item
lets a council's queue be counted and paged from one index on the item's own table, instead
of joining every application of the council. 0010 copies it; 0011 makes it required and swaps
the queue indexes.
"""

import django.db.models.deletion
from django.db import migrations, models

QUEUE_ITEMS = (
    "evidencedocument",
    "circumstancechange",
    "reviewrequest",
    "assessmentoverride",
    "duplicateflag",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_events_append_only"),
        ("register", "0008_register_search_names_fill"),
    ]

    operations = [
        migrations.AddField(
            model_name=model_name,
            name="council",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organisation",
            ),
        )
        for model_name in QUEUE_ITEMS
    ]
