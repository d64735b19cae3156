"""How long officer register search and the work-queue pages take as the register grows.

value: the slowest median milliseconds among the officer pages measured (search by name,
surname and first name, postcode, postcode district, National Insurance number, reference and
date of birth; the workspace home with its queue counts; each work queue), requested with
Django's test client as a signed-in register officer, with `size` applications on the
officer's council's register (and a few on another council's).
ratio: that page's median with `size` applications / its median with 1,000 applications, on a
second database holding the same first 1,000; requests to the two alternate, so both sizes are
timed in the same state of the machine, and the ratio shows how the pages scale.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Iterator
from typing import Any

from bench import BenchResult, django_ready, median, timed

NAME = "register_search"
DEFAULT_SIZE = 100_000
TINY_SIZE = 60
BASELINE = 1_000
BATCH = 5_000

FIRST = [
    "Amelia",
    "Oliver",
    "Isla",
    "George",
    "Ava",
    "Noah",
    "Mia",
    "Arthur",
    "Ivy",
    "Leo",
    "Grace",
    "Oscar",
    "Freya",
    "Harry",
    "Lily",
    "Jack",
    "Sophie",
    "Charlie",
    "Ella",
    "Jacob",
    "Emily",
    "Thomas",
    "Evie",
    "Henry",
    "Ruby",
    "Alfie",
    "Jane",
    "Muhammad",
    "Priya",
    "Tomasz",
    "Aisha",
    "Kwame",
    "Siobhan",
    "Dylan",
    "Chloe",
    "Ethan",
    "Megan",
    "Ryan",
    "Zara",
    "Owen",
]
SURNAME = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Robinson",
    "Wood",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Thomas",
    "Clarke",
    "Jackson",
    "Wilson-Hart",
    "Hughes",
    "Edwards",
    "Lewis",
    "Harris",
    "Martin",
    "Cooper",
    "King",
    "Lee",
    "Baker",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "Clark",
    "Turner",
    "Carter",
    "Phillips",
    "Mitchell",
    "Parker",
    "Khan",
    "Ahmed",
    "Begum",
    "Kowalski",
    "Nowak",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Okafor",
    "Mensah",
    "Singh",
    "Kaur",
    "Ali",
    "Hussain",
    "Shah",
    "Bell",
    "Price",
    "Bennett",
]
DISTRICTS = [f"MV{n}" for n in range(1, 21)]
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
TODAY = dt.date(2026, 6, 15)


def _postcode(rng: random.Random) -> str:
    inward = f"{rng.randint(1, 9)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"
    return f"{rng.choice(DISTRICTS)} {inward}"


def _status(rng: random.Random) -> str:
    roll = rng.random()
    for status, upto in (
        ("submitted", 0.05),
        ("pending_documents", 0.08),
        ("suspended", 0.11),
        ("cancelled", 0.16),
        ("housed", 0.19),
    ):
        if roll < upto:
            return status
    return "active"


def _chunks(start: int, stop: int) -> Iterator[range]:
    for first in range(start, stop, BATCH):
        yield range(first, min(first + BATCH, stop))


def _grow(council: Any, start: int, stop: int, rng: random.Random) -> None:
    """Add applications number `start` to `stop` (households, people, and their work)."""
    from hearth.core import clock
    from hearth.register.models import (
        Application,
        CircumstanceChange,
        Decision,
        DuplicateFlag,
        EvidenceDocument,
        Household,
        Person,
        ReviewRequest,
    )
    from hearth.register.services.workspace_search import search_names_refresh

    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=clock.LONDON)
    for numbers in _chunks(start, stop):
        households = [
            Household(
                council=council,
                reference=f"MC-{n:06d}",
                registration_date=TODAY - dt.timedelta(days=rng.randint(0, 3000)),
                home_tenure="private_rented",
                home_postcode=_postcode(rng),
            )
            for n in numbers
        ]
        Household.objects.bulk_create(households)
        people: list[Person] = []
        applications: list[Application] = []
        for n, household in zip(numbers, households, strict=True):
            surname = rng.choice(SURNAME)
            people.append(
                Person(
                    household=household,
                    full_name=f"{rng.choice(FIRST)} {surname}",
                    date_of_birth=dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 24000)),
                    sex=rng.choice(("female", "male")),
                    relationship="lead",
                    national_insurance_number=f"AB{n:06d}C",
                )
            )
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                people.append(
                    Person(
                        household=household,
                        full_name=f"{rng.choice(FIRST)} {surname}",
                        date_of_birth=dt.date(2008, 1, 1) + dt.timedelta(days=rng.randint(0, 6000)),
                        sex=rng.choice(("female", "male")),
                        relationship="child",
                    )
                )
            status = _status(rng)
            changed = now - dt.timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
            applications.append(
                Application(
                    household=household,
                    council=council,
                    status=status,
                    status_changed_at=changed,
                    submitted_at=changed,
                    activated_on=TODAY - dt.timedelta(days=rng.randint(0, 3000)),
                    renewal_due_on=TODAY + dt.timedelta(days=rng.randint(-60, 365)),
                    cancelled_on=TODAY if status == "cancelled" else None,
                    cancel_reason="officer" if status == "cancelled" else "",
                )
            )
        Person.objects.bulk_create(people)
        Application.objects.bulk_create(applications)
        # As a data load does: bulk-created people are added to the name search in one go.
        search_names_refresh(household_ids=[household.pk for household in households])
        documents, changes, decisions, flags = [], [], [], []
        for application in applications:
            roll = rng.random()
            when = now - dt.timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 1440))
            if roll < 0.05:
                documents.append(
                    EvidenceDocument(
                        application=application,
                        council=council,
                        kind="identity",
                        file=f"{application.pk}/bench",
                        original_name="passport.pdf",
                        content_type="application/pdf",
                        size=1000,
                        sha256="0" * 64,
                        uploaded_at=when,
                    )
                )
            elif roll < 0.07:
                changes.append(
                    CircumstanceChange(
                        application=application,
                        council=council,
                        summary="A baby was born",
                        reported_at=when,
                    )
                )
            elif roll < 0.08:
                decisions.append(
                    Decision(
                        application=application,
                        kind="accepted",
                        decided_on=when.date(),
                        review_by=when.date() + dt.timedelta(days=21),
                    )
                )
            elif roll < 0.085:
                flags.append(
                    DuplicateFlag(
                        application=application,
                        council=council,
                        other_household=rng.choice(households),
                        matched_on=["name", "date_of_birth"],
                        flagged_at=when,
                    )
                )
        EvidenceDocument.objects.bulk_create(documents)
        CircumstanceChange.objects.bulk_create(changes)
        Decision.objects.bulk_create(decisions)
        ReviewRequest.objects.bulk_create(
            ReviewRequest(
                decision=decision,
                application=decision.application,
                council=council,
                grounds="The band is wrong",
                requested_on=decision.decided_on + dt.timedelta(days=3),
            )
            for decision in decisions
        )
        DuplicateFlag.objects.bulk_create(flags, ignore_conflicts=True)


def _analyse() -> None:
    """Fresh planner statistics; on PostgreSQL also a vacuum, as a live database's autovacuum
    would have done, so no background vacuum of the rows just loaded runs while pages are timed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _pages() -> dict[str, str]:
    """The pages to time: searches for things that exist on the register, and the queues."""
    from hearth.register.models import Household, Person

    lead = Person.objects.filter(relationship="lead").order_by("household__reference")[1]
    household = Household.objects.get(pk=lead.household_id)
    first, surname = lead.full_name.split(" ", 1)
    born = lead.date_of_birth.strftime("%d/%m/%Y")
    pages = {
        "search surname": f"/staff/register/search/?q={surname}",
        "search first name and surname start": f"/staff/register/search/?q={first}+{surname[:3]}",
        "search postcode": f"/staff/register/search/?q={household.home_postcode.replace(' ', '+')}",
        "search postcode district": "/staff/register/search/?q=MV7",
        "search NI number": f"/staff/register/search/?q={lead.national_insurance_number}",
        "search reference": f"/staff/register/search/?q={household.reference}",
        "search date of birth": f"/staff/register/search/?q={born}",
        "search name and date of birth": (
            f"/staff/register/search/?q={surname}&date_of_birth_day={lead.date_of_birth.day}"
            f"&date_of_birth_month={lead.date_of_birth.month}"
            f"&date_of_birth_year={lead.date_of_birth.year}"
        ),
        "workspace home": "/staff/register/",
    }
    for queue in ("new", "evidence", "changes", "reviews", "renewals", "duplicates"):
        pages[f"queue {queue}"] = f"/staff/register/queues/{queue}/"
        pages[f"queue {queue} page 3"] = f"/staff/register/queues/{queue}/?page=3"
    return pages


def _interleaved(
    clients: dict[str, Any], pages: dict[str, str], repeats: int
) -> dict[str, dict[str, float]]:
    """Median seconds of each page on each database, requesting the page from each in turn so
    every size is timed in the same state of the machine."""
    from bench import database_using

    def get(client: Any, path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} answered {response.status_code}")

    samples: dict[str, dict[str, list[float]]] = {size: {} for size in clients}
    for name, path in pages.items():
        for client, database in clients.values():
            with database_using(database):
                timed(functools.partial(get, client, path), 2)
        for _ in range(repeats):
            for size, (client, database) in clients.items():
                with database_using(database):
                    samples[size].setdefault(name, []).extend(
                        timed(functools.partial(get, client, path), 1)
                    )
    return {
        size: {name: median(taken) for name, taken in by_page.items()}
        for size, by_page in samples.items()
    }


def _register(size: int, baseline_size: int) -> Any:
    """A scheme with a signed-in register officer and `size` applications on their council's
    register, on the current default database. The first `baseline_size` applications are the
    same whatever `size` is."""
    from django.test import Client

    from hearth.accounts.models import Membership, MembershipRole, User
    from hearth.core.models import Organisation, Scheme

    rng = random.Random(20260615)
    scheme = Scheme.objects.create(name="Bench Homes", slug="bench", colour="#0b5e55")
    council = Organisation.objects.create(
        scheme=scheme,
        name="Marshvale City Council",
        slug="mc",
        kind="council",
        council_status="live_cbl",
    )
    elsewhere = Organisation.objects.create(
        scheme=scheme,
        name="Eastmere Council",
        slug="em",
        kind="council",
        council_status="live_cbl",
    )
    user = User.objects.create(email="officer@bench.example", full_name="Bench Officer")
    membership = Membership.objects.create(user=user, organisation=council)
    MembershipRole.objects.create(membership=membership, role="register_officer")
    _grow(council, 0, baseline_size, rng)
    _grow(elsewhere, 900_000, 900_000 + max(5, baseline_size // 10), rng)
    _grow(council, baseline_size, size, rng)
    _analyse()
    client = Client()
    client.force_login(user)
    return client


def run(size: int) -> BenchResult:
    django_ready()
    from django.db import connections

    from bench import database_another, database_using
    from hearth.core.clock import clock_frozen_at

    baseline_size = BASELINE if size >= 10 * BASELINE else max(10, size // 4)
    repeats = 25 if size >= 10 * BASELINE else 3
    large_database = connections["default"]
    small_database = database_another()
    with clock_frozen_at(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)):
        with database_using(small_database):
            small_client = _register(baseline_size, baseline_size)
            pages = _pages()
        large_client = _register(size, baseline_size)
        medians = _interleaved(
            {
                "small": (small_client, small_database),
                "large": (large_client, large_database),
            },
            pages,
            repeats,
        )
    from hearth.register.models import Application

    with database_using(small_database):
        on_small = Application.objects.count()
    on_large = Application.objects.count()
    small, large = medians["small"], medians["large"]
    slowest = max(large, key=lambda name: large[name])
    lines = [
        f"database: {large_database.vendor}",
        f"applications: {size} and {baseline_size}, on two databases; "
        f"medians of {repeats} requests to each, taken in turn",
        f"applications in each database (both councils): {on_large} and {on_small}",
    ]
    lines += [
        f"{name}: {large[name] * 1000:.1f} ms (at {baseline_size}: {small[name] * 1000:.1f} ms)"
        for name in pages
    ]
    lines.append(f"slowest: {slowest}")
    return BenchResult(
        name=NAME,
        value=large[slowest] * 1000,
        unit="ms",
        ratio=large[slowest] / small[slowest],
        detail="\n".join(lines),
    )
