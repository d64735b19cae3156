"""Each mobility assessment is kept, dated, so ranking on a past day reads the one made by
then (a shortlist ranked again reads the need as it stood at its close). A household assessed
before this gets one from what its record holds, dated as the record says."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def assessments_from_records(apps, schema_editor):
    household = apps.get_model("register", "Household")
    mobility = apps.get_model("register", "MobilityAssessment")
    assessed = household.objects.filter(mobility_assessed_on__isnull=False).values_list(
        "pk",
        "assessed_mobility",
        "assessed_adaptations",
        "mobility_assessed_on",
        "mobility_assessed_by_id",
    )
    mobility.objects.bulk_create(
        mobility(
            household_id=pk,
            assessed_mobility=need,
            adaptations=adaptations,
            assessed_on=on,
            assessed_by_id=by,
        )
        for pk, need, adaptations, on, by in assessed
    )


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0022_household_assessed_mobility"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MobilityAssessment",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "assessed_mobility",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "No accessible home needed"),
                            ("1", "Mobility 1: a home wheelchair accessible throughout"),
                            (
                                "2",
                                "Mobility 2: a home wheelchair accessible to the essential rooms",
                            ),
                            (
                                "3",
                                "Mobility 3: a step-free home, for someone who walks with an aid",
                            ),
                        ],
                        max_length=1,
                        verbose_name="assessed mobility need",
                    ),
                ),
                ("adaptations", models.TextField(blank=True, verbose_name="adaptations needed")),
                ("assessed_on", models.DateField(verbose_name="mobility assessed on")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "assessed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mobility_assessments",
                        to="register.household",
                    ),
                ),
            ],
            options={
                "ordering": ["-assessed_on", "-created_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["household", "-assessed_on", "-created_at"],
                        name="mobility_newest_idx",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("assessed_mobility__in", ["", "1", "2", "3"])),
                        name="mobility_assessment_need_valid",
                    )
                ],
            },
        ),
        # Back: the table is dropped with its rows; the records keep the newest as before.
        migrations.RunPython(assessments_from_records, migrations.RunPython.noop),
    ]
