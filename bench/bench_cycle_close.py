"""Closing a bidding cycle: every advert shortlisted, as the product does it, from the database.

The demo partnership is seeded with enough households for 40 bidding households per advert
(20,000 at the default size); `size` adverts (homes of the three
demo landlords, in the councils on choice-based lettings) get 200 bids each from qualifying
households (about one in ten from another partner council's register, assessed under the
advertising council's policy), written in bulk. Then `cycle_close` runs as the scheduler runs it:
each advert's shortlist read, ranked and stored in its own transaction.

value: seconds for the whole close (500 adverts x 200 bids = 100,000 bids from 20,000 households
at the default size; the target is 30 s or less).
ratio: that / (500 x the time to fetch and rank one advert's 200 bids with the product's fetch
and engine, without storing them: the shortlist_rank work done once per advert).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import time
import uuid
from decimal import Decimal

from bench import BenchResult, django_ready, median, timed

NAME = "cycle_close"
DEFAULT_SIZE = 500
TINY_SIZE = 4
BIDS_PER_ADVERT = 200
TINY_BIDS = 20


def run(size: int) -> BenchResult:
    bids_each = BIDS_PER_ADVERT if size >= 50 else TINY_BIDS
    # About 45% of demo households are active and qualify: seed enough for 40 bidding
    # households an advert (20,000 at the default size).
    os.environ["HEARTH_DEMO_HOUSEHOLDS"] = str(max(200, size * 90))
    django_ready()
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from hearth.accounts.models import User
    from hearth.core import clock
    from hearth.core.access.roles import CouncilStatus, OrganisationKind
    from hearth.core.models import Organisation, Scheme
    from hearth.lettings.fetch import BidRow, advert_home, bidders_of
    from hearth.lettings.models import (
        Advert,
        AdvertStatus,
        Bid,
        BidChannel,
        ConnectionScope,
        Cycle,
        CycleStatus,
        Property,
        PropertyType,
        Shortlist,
        ShortlistEntry,
        TenancyType,
    )
    from hearth.lettings.services.bids_order import bid_order_refresh
    from hearth.lettings.services.cycles import cycle_close
    from hearth.policy.documents.loaded import document_of
    from hearth.policy.rules.rank import rank
    from hearth.policy.selectors import policy_in_force
    from hearth.register.models import Application, Assessment

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo_seed", verbosity=0, stdout=io.StringIO())
    rng = random.Random(13)
    scheme = Scheme.objects.get()
    councils = list(
        Organisation.objects.filter(
            scheme=scheme, kind=OrganisationKind.COUNCIL, council_status=CouncilStatus.LIVE_CBL
        ).order_by("slug")
    )
    landlords = list(
        Organisation.objects.filter(scheme=scheme, kind=OrganisationKind.LANDLORD).order_by("slug")
    )
    today = clock.today()
    # Bidders: active applications whose household qualifies, by council.
    qualifying = set(
        Assessment.objects.filter(status="qualifies", assessed_on=today).values_list(
            "household_id", flat=True
        )
    )
    applications: dict[uuid.UUID, list[tuple[uuid.UUID, int]]] = {c.pk: [] for c in councils}
    for pk, council_id, household_id in Application.objects.filter(
        status="active", council__in=councils
    ).values_list("pk", "council_id", "household_id"):
        if household_id in qualifying:
            applications[council_id].append((pk, 0))
    # Bidders: 40 households an advert, drawn across the councils as they come.
    wanted = size * 40
    pool = sorted((c, a) for c, apps in applications.items() for a in apps)
    kept = set(rng.sample(pool, min(wanted, len(pool))))
    applications = {c: [a for a in apps if (c, a) in kept] for c, apps in applications.items()}
    closes = clock.now() - dt.timedelta(minutes=5)
    cycle = Cycle.objects.create(
        scheme=scheme,
        opens_at=closes - dt.timedelta(days=4),
        closes_at=closes,
        status=CycleStatus.OPEN,
        opened_at=closes - dt.timedelta(days=4),
    )
    creator = (
        User.objects.filter(is_applicant=False).order_by("email").values_list("pk", flat=True)[0]
    )
    properties = []
    adverts = []
    for n in range(size):
        council = councils[n % len(councils)]
        home = Property(
            landlord=landlords[n % len(landlords)],
            council=council,
            address=f"{n + 1} Bench Row\nMarshvale",
            postcode="MV1 2AB",
            property_type=PropertyType.FLAT,
            bedrooms=2,
            max_occupants=4,
            weekly_rent=Decimal("110.00"),
            tenancy_type=TenancyType.ASSURED,
        )
        properties.append(home)
        adverts.append(
            Advert(
                reference=f"BENCH{n:05d}",
                property=home,
                council=council,
                cycle=cycle,
                status=AdvertStatus.LIVE,
                min_bedroom_need=1,
                max_bedroom_need=3,
                # One in ten is in the partner pot: a connection to any partner council.
                connection_scope=ConnectionScope.PARTNERS
                if n % 10 == 0
                else ConnectionScope.COUNCIL,
                created_by_id=creator,
            )
        )
    Property.objects.bulk_create(properties, batch_size=500)
    Advert.objects.bulk_create(adverts, batch_size=500)
    bids: list[Bid] = []
    for n, advert in enumerate(adverts):
        own = applications[advert.council_id]
        others = [a for c in councils if c.pk != advert.council_id for a in applications[c.pk]]
        cross = bids_each // 10 if n % 10 == 0 else 0
        chosen = rng.sample(own, bids_each - cross) + rng.sample(others, cross)
        bids.extend(
            Bid(
                advert=advert,
                application_id=application_id,
                channel=BidChannel.ONLINE,
                placed_at=closes - dt.timedelta(hours=1),
                placed_by_id=creator,
                cross_partner=i >= bids_each - cross,
            )
            for i, (application_id, _) in enumerate(chosen)
        )
    Bid.objects.bulk_create(bids, batch_size=2000)

    # The per-advert baseline: fetch and rank one advert's bids, as shortlist_rank measures.
    sample = adverts[1 % len(adverts)]
    version = policy_in_force(sample.council, closes.date())
    assert version is not None
    document = document_of(version)
    home_of_sample = advert_home(
        Advert.objects.select_related("property", "council").get(pk=sample.pk)
    )
    rows = [
        BidRow(str(b), str(h), c)
        for b, h, c in Bid.objects.filter(advert=sample).values_list(
            "id", "application__household_id", "application__council__slug"
        )
    ]

    def one_advert() -> object:
        return rank(
            document, home_of_sample, bidders_of(document, home_of_sample, rows, today), today
        )

    timed(one_advert, 2)
    per_advert = median(timed(one_advert, 7))

    # The five-minute job that keeps live queue positions counted (ADR 0019), a minute before
    # the close: every key made once, then again with nothing changed.
    before_close = closes - dt.timedelta(minutes=1)
    started = time.perf_counter()
    keyed = bid_order_refresh(now=before_close)
    keying = time.perf_counter() - started
    started = time.perf_counter()
    rekeyed = bid_order_refresh(now=before_close)
    rekeying = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # The keys rewrote every bid: tidy up, so the close reads the table it read before.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE lettings_bid")
    # (the demo's own open cycle is keyed too)
    if keyed < size * bids_each or rekeyed:
        raise AssertionError(f"{keyed} bids keyed, then {rekeyed}: expected {size * bids_each}+, 0")

    started = time.perf_counter()
    outcome = cycle_close(cycle=cycle, now=clock.now())
    took = time.perf_counter() - started
    if outcome.shortlisted != size or Shortlist.objects.filter(advert__cycle=cycle).count() != size:
        raise AssertionError(f"shortlisted {outcome.shortlisted} of {size} adverts")
    entries = ShortlistEntry.objects.filter(shortlist__advert__cycle=cycle).count()
    if entries != size * bids_each:
        raise AssertionError(f"{entries} shortlist entries for {size * bids_each} bids")
    # Closing again makes nothing new (the close is idempotent).
    again = cycle_close(cycle=cycle, now=clock.now())
    if again.shortlisted:
        raise AssertionError("closing twice shortlisted again")
    detail = "\n".join(
        [
            f"database: {connection.vendor}",
            f"adverts: {size}, bids: {size * bids_each} from "
            f"{sum(len(v) for v in applications.values())} qualifying households",
            f"close and shortlist everything: {took:.2f} s ({took / size * 1000:.1f} ms an advert)",
            f"fetch and rank one advert's {bids_each} bids: {per_advert * 1000:.1f} ms",
            f"bid_order_refresh before the close: {keying:.2f} s keying {keyed} bids, "
            f"{rekeying:.2f} s again with nothing changed",
        ]
    )
    return BenchResult(
        name=NAME, value=took, unit="s", ratio=took / (per_advert * size), detail=detail
    )
