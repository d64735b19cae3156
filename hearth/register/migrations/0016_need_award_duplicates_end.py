"""End duplicate need awards, so that 0015 can require one active award of a code per household.

Two officers awarding the same need reason at the same moment could both succeed. Of each
household's active awards of one code, the earliest (by award date, then when it was recorded)
stays; the others end on their own award date, so they never counted on any day the first did
not, with the reason recorded. Going back leaves them ended: they were duplicates.
"""

from typing import Any

from django.db import migrations
from django.db.models import Count

REASON = "Ended: a duplicate of an award of the same need reason made earlier"


def duplicates_end(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    NeedAward = apps.get_model("register", "NeedAward")
    active = NeedAward.objects.using(alias).filter(withdrawn_on__isnull=True)
    repeated = (
        active.values("household_id", "code")
        .annotate(awards=Count("id"))
        .filter(awards__gt=1)
        .order_by()
    )
    for group in repeated:
        awards = list(
            active.filter(household_id=group["household_id"], code=group["code"]).order_by(
                "awarded_on", "created_at", "id"
            )
        )
        for duplicate in awards[1:]:
            duplicate.withdrawn_on = duplicate.awarded_on
            duplicate.withdrawn_reason = REASON
            duplicate.save(update_fields=["withdrawn_on", "withdrawn_reason"])


class Migration(migrations.Migration):
    dependencies = [("register", "0015_need_award_withdrawn_reason_add")]

    operations = [migrations.RunPython(duplicates_end, migrations.RunPython.noop)]
