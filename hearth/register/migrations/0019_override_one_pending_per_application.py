"""An application has at most one override waiting for a team leader: a partial unique
constraint over its pending overrides (SQLite and PostgreSQL both support the condition)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("register", "0018_override_duplicates_close")]

    operations = [
        migrations.AddConstraint(
            model_name="assessmentoverride",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending")),
                fields=("application",),
                name="override_one_pending_per_application",
            ),
        ),
    ]
