"""Every work-queue item has its council (0010 copied it), and each queue is served by one
index on (council, status, queue date, id), matching the queue's filter and order.

The old indexes on (status, date) served only those queues, so they go.
"""

import django.db.models.deletion
from django.db import migrations, models

# (model, old status index or None, new index name, queue date field)
QUEUE_ITEMS = (
    ("evidencedocument", "document_status_idx", "document_queue_idx", "uploaded_at"),
    ("circumstancechange", "change_status_idx", "change_queue_idx", "reported_at"),
    ("reviewrequest", "review_status_idx", "review_queue_idx", "requested_on"),
    ("assessmentoverride", None, "override_queue_idx", "requested_at"),
    ("duplicateflag", None, "duplicate_queue_idx", "flagged_at"),
)


class Migration(migrations.Migration):
    dependencies = [("register", "0010_queue_items_council_fill")]

    operations = [
        *(
            migrations.RemoveIndex(model_name=model_name, name=old)
            for model_name, old, _new, _date in QUEUE_ITEMS
            if old is not None
        ),
        *(
            migrations.AlterField(
                model_name=model_name,
                name="council",
                field=models.ForeignKey(
                    db_index=False,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="core.organisation",
                ),
            )
            for model_name, _old, _new, _date in QUEUE_ITEMS
        ),
        *(
            migrations.AddIndex(
                model_name=model_name,
                index=models.Index(fields=["council", "status", date, "id"], name=new),
            )
            for model_name, _old, new, date in QUEUE_ITEMS
        ),
    ]
