"""When a review request was withdrawn, and when and why an evidence request was cancelled.

Both are set only in that status, and the database says so: a withdrawn review has its time, a
cancelled request its time and a reason. Nothing set either status before, so every existing
row already passes the checks.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0005_staff_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="evidencerequest",
            name="cancel_reason",
            field=models.TextField(blank=True, verbose_name="why it is no longer needed"),
        ),
        migrations.AddField(
            model_name="evidencerequest",
            name="cancelled_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="reviewrequest",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="evidencerequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "cancelled"), _negated=True),
                    models.Q(
                        ("cancelled_at__isnull", False),
                        models.Q(("cancel_reason", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="evidence_cancelled_with_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "withdrawn"), ("withdrawn_at__isnull", False)),
                    models.Q(
                        models.Q(("status", "withdrawn"), _negated=True),
                        ("withdrawn_at__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="review_withdrawn_at_when_withdrawn",
            ),
        ),
    ]
