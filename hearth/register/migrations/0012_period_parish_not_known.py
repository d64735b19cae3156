"""A period records that its area question was answered "Somewhere else, or I'm not sure".

Until now that answer was stored as an empty parish, the same as a question never answered.
Existing periods start as not answered (False): there is no way to tell the two apart in the
old data. A period with a parish is never also "not known".
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("register", "0011_queue_items_council_required")]

    operations = [
        migrations.AddField(
            model_name="period",
            name="parish_not_known",
            field=models.BooleanField(default=False, verbose_name="area not known"),
        ),
        migrations.AddConstraint(
            model_name="period",
            constraint=models.CheckConstraint(
                condition=models.Q(("parish_not_known", False), ("parish", ""), _connector="OR"),
                name="period_parish_or_not_known",
            ),
        ),
    ]
