"""Ranking the bids for one home, as the product does it, from the database.

value: milliseconds (median) to load `size` bidders from the database through
`hearth.register.fetch` (the fetch code the product uses, choosing as the product does with
`needs_full_facts`: `bidders_standing`, one query for all the bidders' latest stored assessments and
household records, when the policy orders on stored keys, as Marshvale City's band-then-date order
does, even for a home labelled for local connection to the council, whose own register's bidders
have that connection stored with their assessment; `bidders_full`, adding every bidder's full
facts, when ranking needs address histories, such as a home open to any partner's local
connection — that path is measured too, as a detail line) and rank them with
`hearth.policy.rules.rank.rank` under the Marshvale City policy.
ratio: that / milliseconds for one raw SQL query choosing each of the same households' newest
assessment (a household has several: the one its decision rested on, then each reassessment)
and ordering them by its precomputed keys (band, ranked-below flag, priority date): the floor a
database gives.
"""

from __future__ import annotations

import io
import os
import uuid

from bench import BenchResult, django_ready, median, timed

NAME = "shortlist_rank"
DEFAULT_SIZE = 1000
TINY_SIZE = 40
ROUNDS = 15


def run(size: int) -> BenchResult:
    # Marshvale City holds about 40% of the demo register, and most of its households are on the
    # register and qualify: make it big enough for `size` bids.
    os.environ["HEARTH_DEMO_HOUSEHOLDS"] = str(max(200, size * 4))
    django_ready()
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from hearth.core import clock
    from hearth.policy.documents.loaded import document_of
    from hearth.policy.models import PolicyVersion
    from hearth.policy.rules.rank import Bidder, Home, ShortlistResult, needs_full_facts, rank
    from hearth.register.fetch import bidders_full, bidders_standing
    from hearth.register.models import Assessment, Household

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo_seed", verbosity=0, stdout=io.StringIO())
    on_date = clock.today()
    version = PolicyVersion.objects.get(council__slug="marshvale-city", number=1)
    document = document_of(version)
    ids = list(
        Assessment.objects.filter(
            household__council__slug="marshvale-city",
            status="qualifies",
            local_connection=True,
            assessed_on=on_date,  # today's: a household's decision rests on an earlier one
        )
        .order_by("household_id")
        .values_list("household_id", flat=True)[:size]
    )
    if len(ids) < size:
        raise AssertionError(f"only {len(ids)} qualifying Marshvale households for {size} bids")
    id_text = [str(pk) for pk in ids]
    home = Home(bedrooms=2, council="marshvale-city", local_connection_scope="council")

    def shortlist_for(for_home: Home) -> ShortlistResult:
        # Every bidder here is on Marshvale City's register (the benchmark's households).
        if needs_full_facts(document, for_home, "marshvale-city"):
            bidders = [Bidder(s.household_id, s, f) for s, f in bidders_full(id_text, on_date)]
        else:
            bidders = [Bidder(s.household_id, s) for s in bidders_standing(id_text, on_date)]
        return rank(document, for_home, bidders, on_date)

    def product() -> ShortlistResult:
        return shortlist_for(home)

    # A home open to every partner council's local connection needs each bidder's addresses.
    partners_home = Home(
        bedrooms=2,
        council="marshvale-city",
        local_connection_scope="partners",
        partner_councils=("eastmere", "northfen", "kingsbarrow"),
    )

    band_case = " ".join(f"WHEN '{b.code}' THEN {i}" for i, b in enumerate(document.bands))
    table = Assessment._meta.db_table
    placeholders = ", ".join(["%s"] * len(ids))
    # The same job in hand-written SQL: each household's newest assessment (a household has
    # several: the one its decision rested on, each reassessment), then the stored keys' order.
    if connection.vendor == "postgresql":
        newest = (
            f"SELECT DISTINCT ON (household_id) household_id, status, band, ranked_below, "
            f"priority_date FROM {table} WHERE household_id IN ({placeholders}) "
            "AND assessed_on <= %s "
            "ORDER BY household_id, assessed_on DESC, created_at DESC, id DESC"
        )
    else:
        newest = (
            "SELECT * FROM (SELECT household_id, status, band, ranked_below, priority_date, "
            "ROW_NUMBER() OVER (PARTITION BY household_id "
            "ORDER BY assessed_on DESC, created_at DESC, id DESC) AS n "
            f"FROM {table} WHERE household_id IN ({placeholders}) AND assessed_on <= %s) "
            "WHERE n = 1"
        )
    raw_sql = (
        f"SELECT household_id FROM ({newest}) latest WHERE status = 'qualifies' "
        f"ORDER BY CASE band {band_case} END, ranked_below, priority_date, household_id"
    )
    pk_field = Household._meta.pk
    assert pk_field is not None
    params = [pk_field.get_db_prep_value(pk, connection) for pk in ids]
    params.append(connection.ops.adapt_datefield_value(on_date))

    def raw() -> list[tuple[object, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(raw_sql, params)
            return list(cursor.fetchall())

    shortlist = product()
    ordered = [uuid.UUID(str(row[0])).hex for row in raw()]
    placed = [uuid.UUID(p.household_id).hex for p in shortlist.placed]
    if len(placed) != size or placed != ordered:
        # Same households, same keys: the product must agree with the database's order.
        raise AssertionError("the product's shortlist differs from the SQL order")
    timed(product, 2)
    timed(raw, 2)
    ours = median(timed(product, ROUNDS))
    floor = median(timed(raw, ROUNDS))
    full = median(timed(lambda: shortlist_for(partners_home), max(3, ROUNDS // 3)))
    detail = "\n".join(
        [
            f"database: {connection.vendor}",
            f"fetch + rank {size} bidders: median {ours * 1000:.1f} ms ({ROUNDS} rounds)",
            f"raw SQL ORDER BY on stored keys: median {floor * 1000:.2f} ms",
            f"full facts (a home open to any partner's connection): {full * 1000:.1f} ms",
            f"placed {len(placed)} of {size}",
        ]
    )
    return BenchResult(name=NAME, value=ours * 1000, unit="ms", ratio=ours / floor, detail=detail)
