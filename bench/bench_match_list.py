"""A match list for one home over a whole council register, as an officer opens it.

value: milliseconds (median) to rank `size` households on one council's register for a
two-bedroom home with a local-connection label, as the product does it
(`hearth.lettings.selectors.matches.match_rank`: every active application read as a bid, each
household's stored standing fetched in one query through `hearth.lettings.fetch.bidders_of`,
ranked by `hearth.policy.rules.rank.rank` under the Marshvale City policy). The match list page
(the same ranking, plus the page of 50 households shown and the reasons counted) is timed too,
through Django's test client as a signed-in lettings officer, as a detail line.
ratio: that / milliseconds for one raw SQL query that reads the same households' stored keys and
orders them (band, ranked-below flag, priority date): the floor a database gives.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from bench import BenchResult, django_ready, median, timed

NAME = "match_list"
DEFAULT_SIZE = 20_000
TINY_SIZE = 40
ROUNDS = 9
BATCH = 5_000
TODAY = dt.date(2026, 6, 15)
BANDS = ("A", "B", "C", "D")


def _register(size: int) -> tuple[Any, Any, Any, Any]:
    """A council with its policy, a landlord's home, `size` assessed households on the register
    and a signed-in lettings officer. Returns (council, policy version, home, client)."""
    from django.test import Client

    from hearth.accounts.models import Membership, MembershipRole, User
    from hearth.core import clock
    from hearth.core.models import Organisation, Scheme
    from hearth.demo.policies import demo_policy_texts
    from hearth.lettings.models import Property
    from hearth.policy.models import PolicyStatus, PolicyVersion
    from hearth.policy.rules.document_read import document_data, document_from_text
    from hearth.register.models import Application, Assessment, Household, Person

    rng = random.Random(20260615)
    scheme = Scheme.objects.create(name="Bench Homes", slug="bench", colour="#0b5e55")
    council = Organisation.objects.create(
        scheme=scheme,
        name="Marshvale City",
        slug="marshvale-city",
        kind="council",
        council_status="live_cbl",
    )
    landlord = Organisation.objects.create(
        scheme=scheme, name="Heronsgate", slug="heronsgate", kind="landlord"
    )
    text = demo_policy_texts()["marshvale-city"]
    version = PolicyVersion.objects.create(
        council=council,
        number=1,
        status=PolicyStatus.PUBLISHED,
        title="Allocation scheme",
        document=document_data(document_from_text(text)),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=clock.now(),
    )
    home = Property.objects.create(
        landlord=landlord,
        council=council,
        address="Flat 1, Heron Court",
        postcode="MV1 2AB",
        property_type="flat",
        bedrooms=2,
        max_occupants=4,
        weekly_rent=100,
        tenancy_type="assured",
    )
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=clock.LONDON)
    for first in range(0, size, BATCH):
        numbers = range(first, min(first + BATCH, size))
        households = [
            Household(
                council=council,
                reference=f"MC-{n:06d}",
                registration_date=TODAY - dt.timedelta(days=rng.randint(0, 3000)),
                home_tenure="private_rented",
            )
            for n in numbers
        ]
        Household.objects.bulk_create(households)
        Person.objects.bulk_create(
            Person(
                household=household,
                full_name=f"Applicant {n}",
                date_of_birth=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 18000)),
                sex="female",
                relationship="lead",
            )
            for n, household in zip(numbers, households, strict=True)
        )
        Application.objects.bulk_create(
            Application(
                household=household,
                council=council,
                status="active" if rng.random() < 0.97 else "under_offer",
                status_changed_at=now,
                submitted_at=now,
                activated_on=TODAY,
                renewal_due_on=TODAY + dt.timedelta(days=200),
            )
            for household in households
        )
        Assessment.objects.bulk_create(
            Assessment(
                household=household,
                policy_version=version,
                assessed_on=TODAY - dt.timedelta(days=rng.randint(1, 300)),
                qualifies=True,
                status="qualifies",
                band=rng.choice(BANDS),
                priority_date=TODAY - dt.timedelta(days=rng.randint(0, 2000)),
                bedroom_need=rng.choice((1, 2, 2, 2, 3)),
                local_connection=rng.random() < 0.9,
            )
            for household in households
        )
    user = User.objects.create(email="officer@bench.example", full_name="Bench Officer")
    membership = Membership.objects.create(user=user, organisation=council)
    MembershipRole.objects.create(membership=membership, role="lettings_officer")
    client = Client()
    client.force_login(user)
    return council, version, home, client


def _cpu_timed(action: Any, times: int) -> list[float]:
    """CPU seconds this process spent in each of `times` calls of `action`: on a shared machine,
    what the ranking itself costs, apart from waiting for the database or for a free core."""
    taken = []
    for _ in range(times):
        start = time.process_time()
        action()
        taken.append(time.process_time() - start)
    return taken


def run(size: int) -> BenchResult:
    django_ready()
    from django.db import connection

    from hearth.core import clock
    from hearth.core.clock import clock_frozen_at
    from hearth.lettings.selectors.matches import Ranked, labels_for, match_rank
    from hearth.policy.documents.loaded import document_of
    from hearth.register.models import Application, Assessment

    at = dt.datetime.combine(TODAY, dt.time(12), tzinfo=clock.LONDON)
    with clock_frozen_at(at):
        council, version, home, client = _register(size)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        labels = labels_for(home, None)

        def product() -> Ranked:
            ranked = match_rank(home=home, labels=labels, as_at=at)
            if ranked is None:
                raise AssertionError("no policy in force")
            return ranked

        document = document_of(version)
        band_case = " ".join(f"WHEN '{b.code}' THEN {i}" for i, b in enumerate(document.bands))
        assessments = Assessment._meta.db_table
        applications = Application._meta.db_table
        raw_sql = (
            f"SELECT a.household_id FROM {assessments} a JOIN {applications} p "
            "ON p.household_id = a.household_id WHERE p.council_id = %s "
            "AND p.status = 'active' AND a.status = 'qualifies' AND a.bedroom_need = 2 "
            f"AND a.local_connection ORDER BY CASE a.band {band_case} END, a.ranked_below, "
            "a.priority_date, a.household_id"
        )
        pk_field = type(council)._meta.pk
        assert pk_field is not None
        params = [pk_field.get_db_prep_value(council.pk, connection)]

        def raw() -> list[tuple[object, ...]]:
            with connection.cursor() as cursor:
                cursor.execute(raw_sql, params)
                return list(cursor.fetchall())

        url = f"/staff/lettings/homes/{home.pk}/matches/"

        def page() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise AssertionError(f"GET {url} answered {response.status_code}")

        ranked = product()
        if len(ranked.result.placed) != len(raw()):
            raise AssertionError("the match list and the SQL disagree on who fits the home")
        timed(product, 2)
        timed(raw, 2)
        timed(page, 2)
        ours = median(timed(product, ROUNDS))
        cpu = median(_cpu_timed(product, ROUNDS))
        floor = median(timed(raw, ROUNDS))
        shown = median(timed(page, ROUNDS))
    detail = "\n".join(
        [
            f"database: {connection.vendor}",
            f"households on the register: {size}",
            f"match list (fetch + rank): median {ours * 1000:.1f} ms ({ROUNDS} rounds)",
            f"  of which this process's CPU: median {cpu * 1000:.1f} ms (the rest is waiting for "
            "the database, or for a busy machine)",
            f"match list page (HTTP, test client): median {shown * 1000:.1f} ms",
            f"raw SQL ORDER BY on stored keys: median {floor * 1000:.2f} ms",
            f"placed {len(ranked.result.placed)}, left off {len(ranked.result.excluded)}",
        ]
    )
    return BenchResult(name=NAME, value=ours * 1000, unit="ms", ratio=ours / floor, detail=detail)
