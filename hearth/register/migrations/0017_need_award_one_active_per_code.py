"""A household holds each need reason once at a time: a partial unique constraint over its
active awards (SQLite and PostgreSQL both support the condition)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("register", "0016_need_award_duplicates_end")]

    operations = [
        migrations.AddConstraint(
            model_name="needaward",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_on__isnull", True)),
                fields=("household", "code"),
                name="need_award_one_active_per_code",
            ),
        ),
    ]
