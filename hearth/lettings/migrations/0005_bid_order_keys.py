"""Each live bid keeps its order key (where it stands under the advertising council's policy),
so a queue position is a count over an index. Existing bids start without one: they are
ranked the slow way until `bid_order_refresh` keys them (within minutes, on schedule)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lettings", "0004_shortlist_entry_reason_codes"),
        ("policy", "0001_policy_versions"),
        ("register", "0022_household_assessed_mobility"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="bid",
            name="rank_key",
            field=models.CharField(blank=True, default="", max_length=600),
        ),
        migrations.AddField(
            model_name="bid",
            name="rank_placed",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="bid",
            name="ranked_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="bid",
            name="ranked_policy",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="policy.policyversion",
            ),
        ),
        migrations.AddIndex(
            model_name="bid",
            index=models.Index(
                condition=models.Q(("rank_placed", True), ("status", "live")),
                fields=["advert", "rank_key"],
                name="lettings_bid_live_order",
            ),
        ),
    ]
