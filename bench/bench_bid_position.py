"""One bidder's live queue position on an advert that already has many bids, from the database.

value: milliseconds (median) for `queue_positions` (hearth/lettings/selectors/bids_position.py)
of one bid on an advert of Marshvale City with `size` live bids from the demo register's
qualifying households, each with its order key as the scheduled refresh leaves it: ranking the
viewer's own bid afresh and counting the bids ahead of it over the stored keys (ADR 0019) —
what the applicant's page after a bid shows ("You are 4th of 1,000 so far"). The detail also
gives the same position when the keys are out of date (every bid ranked, as before ADR 0019).
ratio: that / milliseconds for the shortlist engine alone on the same households (fetching their
standings and ranking them, as `shortlist_rank` does): what the position costs against ranking
every bid.
"""

from __future__ import annotations

import io
import os

from bench import BenchResult, django_ready, median, timed
from bench.advert_with_bids import advert_with_bids

NAME = "bid_position"
DEFAULT_SIZE = 1000
TINY_SIZE = 40
ROUNDS = 15


def run(size: int) -> BenchResult:
    # Marshvale City holds about 40% of the demo register; most of it is active and qualifies.
    os.environ["HEARTH_DEMO_HOUSEHOLDS"] = str(max(300, size * 6))
    django_ready()

    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from hearth.accounts.models import User
    from hearth.core import clock
    from hearth.core.models import Organisation
    from hearth.lettings.models import Bid
    from hearth.lettings.selectors.bids_position import queue_positions
    from hearth.policy.documents.loaded import document_of
    from hearth.policy.models import PolicyVersion
    from hearth.policy.rules.rank import Bidder, Home, rank
    from hearth.register.fetch import bidders_standing
    from hearth.register.models import Assessment

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo_seed", verbosity=0, stdout=io.StringIO())
    now = clock.now()
    today = clock.today()
    council = Organisation.objects.get(slug="marshvale-city")
    landlord = Organisation.objects.filter(scheme=council.scheme, kind="landlord").first()
    assert landlord is not None
    placed_by = User.objects.filter(is_applicant=False).first()
    assert placed_by is not None
    ids = list(
        Assessment.objects.filter(
            household__council=council,
            household__application__status="active",
            status="qualifies",
            local_connection=True,
            assessed_on=clock.today(),  # today's: a household's decision rests on an earlier one
        )
        .order_by("household_id")
        .values_list("household_id", flat=True)
        .distinct()[:size]
    )
    if len(ids) < size:
        raise AssertionError(f"only {len(ids)} qualifying Marshvale households for {size} bids")
    advert = advert_with_bids(
        council=council,
        landlord=landlord,
        placed_by=placed_by,
        now=now,
        reference="BENCH1",
        households=ids,
    )
    mine = (
        Bid.objects.select_related(
            "advert__property", "advert__council", "advert__cycle", "application__household"
        )
        .filter(advert=advert)
        .order_by("id")[size // 2]
    )

    def position() -> object:
        return queue_positions([mine], on_date=today)[mine.pk]

    document = document_of(PolicyVersion.objects.get(council=council, number=1))
    engine_home = Home(bedrooms=2, council="marshvale-city", local_connection_scope="council")
    id_text = [str(pk) for pk in ids]

    def engine() -> object:
        bidders = [Bidder(s.household_id, s) for s in bidders_standing(id_text, today)]
        return rank(document, engine_home, bidders, today)

    found = position()
    assert getattr(found, "total", 0) == size, found
    timed(position, 2)
    timed(engine, 2)
    ours = median(timed(position, ROUNDS))
    floor = median(timed(engine, ROUNDS))
    Bid.objects.filter(advert=advert).update(ranked_on=None)  # every key out of date
    assert queue_positions([mine], on_date=today)[mine.pk] == found
    in_full = median(timed(position, ROUNDS))
    detail = "\n".join(
        [
            f"database: {connection.vendor}",
            f"live queue position among {size} bids: median {ours * 1000:.1f} ms",
            f"fetch standings + rank the same {size}: median {floor * 1000:.1f} ms",
            f"the same position with every key out of date (all {size} ranked): median "
            f"{in_full * 1000:.1f} ms",
            f"({ROUNDS} rounds each)",
            f"the bid is {getattr(found, 'position', '?')} of {size}",
        ]
    )
    return BenchResult(name=NAME, value=ours * 1000, unit="ms", ratio=ours / floor, detail=detail)
