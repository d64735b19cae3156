"""A need award can say why it ended, when the system ended it (0014 ends duplicates)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("register", "0014_person_economic_activity")]

    operations = [
        migrations.AddField(
            model_name="needaward",
            name="withdrawn_reason",
            field=models.CharField(blank=True, max_length=200, verbose_name="reason withdrawn"),
        ),
    ]
