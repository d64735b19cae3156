"""Close duplicate pending overrides, so that 0019 can require one pending override per application.

Two officers asking for an override at the same moment could both succeed. Of each application's
pending overrides, the earliest asked for stays waiting for a team leader; the others are
closed as refused (by nobody), with the reason in the decision note. Going back leaves them
closed: they were duplicates.
"""

from typing import Any

from django.db import migrations
from django.db.models import Count

NOTE = "Closed: a duplicate of an override asked for earlier on this application"


def duplicates_close(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    AssessmentOverride = apps.get_model("register", "AssessmentOverride")
    pending = AssessmentOverride.objects.using(alias).filter(status="pending")
    repeated = (
        pending.values("application_id").annotate(overrides=Count("id")).filter(overrides__gt=1)
    ).order_by()
    for group in repeated:
        overrides = list(
            pending.filter(application_id=group["application_id"]).order_by("requested_at", "id")
        )
        for duplicate in overrides[1:]:
            duplicate.status = "refused"
            duplicate.decided_at = duplicate.requested_at
            duplicate.decision_note = NOTE
            duplicate.save(update_fields=["status", "decided_at", "decision_note"])


class Migration(migrations.Migration):
    dependencies = [("register", "0017_need_award_one_active_per_code")]

    operations = [migrations.RunPython(duplicates_close, migrations.RunPython.noop)]
