"""Each person can say what they mostly do (work, self-employment, training, volunteering,
retirement, ...) and, for work, training and volunteering, how many hours a week.

Both start empty for everyone already on the register: their applications never asked, and an
empty answer ("not answered") stays distinguishable from every real answer, so there is nothing
to fill in and the fields stay optional.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0013_assessment_order_newest_first"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="economic_activity",
            field=models.CharField(
                blank=True,
                choices=[
                    ("employed", "In paid work for an employer"),
                    ("self_employed", "Self-employed"),
                    ("training", "In education or training"),
                    ("volunteering", "Volunteering"),
                    ("unemployed", "Unemployed and looking for work"),
                    ("looking_after_home", "Looking after the home or family"),
                    ("retired", "Retired"),
                    ("unable_to_work", "Unable to work because of illness or disability"),
                ],
                max_length=30,
                verbose_name="work, training or other activity",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="hours_per_week",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="hours a week"
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "economic_activity__in",
                        [
                            "employed",
                            "self_employed",
                            "training",
                            "volunteering",
                            "unemployed",
                            "looking_after_home",
                            "retired",
                            "unable_to_work",
                            "",
                        ],
                    )
                ),
                name="person_economic_activity_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("hours_per_week__isnull", True),
                    models.Q(("hours_per_week__gte", 1), ("hours_per_week__lte", 99)),
                    _connector="OR",
                ),
                name="person_hours_per_week_in_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        (
                            "economic_activity__in",
                            ["employed", "self_employed", "training", "volunteering"],
                        ),
                        ("hours_per_week__isnull", False),
                    ),
                    models.Q(
                        models.Q(
                            (
                                "economic_activity__in",
                                ["employed", "self_employed", "training", "volunteering"],
                            ),
                            _negated=True,
                        ),
                        ("hours_per_week__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="person_hours_only_with_activity",
            ),
        ),
    ]
