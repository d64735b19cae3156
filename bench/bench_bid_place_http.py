"""Bids placed over HTTP by signed-in applicants, each answered with the bidder's live position.

Marshvale City's policy is live; an advert in an open cycle already has 1,000 bids (at the
default size) from qualifying households of its register, and `size` more of its qualifying
households each get an applicant account, signed in (a session made as sign-in makes it).
Hearth runs under gunicorn with 2 workers on a loopback port, as deployed (DEBUG off, behind a
proxy that ends HTTPS). Each applicant first opens the advert's page, which gives them the CSRF
cookie and the form's tokens (not timed); then, from CLIENTS threads at once, each posts the Bid
button with them (the real CSRF check) and follows the redirect to the advert's page, which
must say "You are Nth of M so far" — a bid that is refused, or a page without the position,
fails the benchmark.

value: bids per second over the whole run (`size` bids from CLIENTS clients at once; the
target is 100 or more, with the 95th percentile of post-and-answer at 300 ms or less).
ratio: the 95th percentile of post-and-answer / the 95th percentile of GET /health/ (the
cheapest request the stack answers), sent the same number of times by the same clients to the
same server: what a bid costs over the fixed cost of a request under the same load.
The detail gives the CPU each bid costs the client, the server and the database (Linux), and
the rate and CPU of a signed-in page that does nothing else (`FLOOR_PAGE`): a bid is two
requests, so the floor bounds the rate any bid could reach on this machine.
"""

from __future__ import annotations

import io
import os
import re
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bench import BenchResult, django_ready, median
from bench.advert_with_bids import advert_with_bids
from bench.served import Browser, cpu_ms_each, cpu_seconds, gunicorn_serving, percentile

NAME = "bid_place_http"
DEFAULT_SIZE = 1000
TINY_SIZE = 12
EXISTING_BIDS = 1000
TINY_EXISTING_BIDS = 20
WORKERS = 2
CLIENTS = 8
REFERENCE = "BENCHHTTP1"
# A signed-in applicant's page that only renders the layout: what any page costs at least.
FLOOR_PAGE = "/account/changes/sent/"
POSITION = re.compile(r"You are (\d+)(?:st|nd|rd|th) of (\d+) so far\.")
HIDDEN = re.compile(r'<input[^>]*name="(csrfmiddlewaretoken|submission_token)"[^>]*>')
VALUE = re.compile(r'value="([^"]*)"')

T = TypeVar("T")
R = TypeVar("R")


def run(size: int) -> BenchResult:
    existing = EXISTING_BIDS if size >= 100 else TINY_EXISTING_BIDS
    # Marshvale City holds about 40% of the demo register; most of it is active and qualifies.
    os.environ["HEARTH_DEMO_HOUSEHOLDS"] = str(max(300, (existing + size) * 6))
    django_ready()
    from django.conf import settings
    from django.db import connection, connections

    from hearth.lettings.models import Bid

    sessions, advert_pk = _scheme_with_bidders(existing, size)
    vendor = connection.vendor
    if vendor == "postgresql":
        # Planner statistics, as a database in use has them (autovacuum may not have run yet
        # on this fresh one, and could then change the plans halfway through the run).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connections.close_all()  # the server's workers have the database to themselves
    page = f"/homes/{REFERENCE}/"
    with gunicorn_serving(
        workers=WORKERS, secret_key=settings.SECRET_KEY, var_dir=os.environ["HEARTH_VAR_DIR"]
    ) as port:
        browsers = [Browser(port, {settings.SESSION_COOKIE_NAME: key}) for key in sessions]
        forms = _each(browsers, lambda browser: _bid_form(browser, page))
        started, cpu_before = time.perf_counter(), cpu_seconds()
        placed = _each(
            list(zip(browsers, forms, strict=True)), lambda pair: _bid(pair[0], page, pair[1])
        )
        wall = time.perf_counter() - started
        cpu = cpu_ms_each(cpu_before, size)
        health = _each(browsers, _health)
        # The floor: a signed-in applicant's page that reads and writes nothing of its own.
        floor_started, floor_cpu = time.perf_counter(), cpu_seconds()
        _each(browsers, _floor_page)
        floor_rate = size / (time.perf_counter() - floor_started)
        floor = cpu_ms_each(floor_cpu, size)
    bid_taken = [taken for taken, _position, _total in placed]
    health_taken = health
    totals = sorted(total for _taken, _position, total in placed)
    stored = Bid.objects.filter(advert_id=advert_pk).count()
    if stored != existing + size:
        raise AssertionError(f"{stored} bids stored; expected {existing} + {size}")
    rate = size / wall
    bid_p95, health_p95 = percentile(bid_taken, 95), percentile(health_taken, 95)
    detail = "\n".join(
        [
            f"database: {vendor}; gunicorn {WORKERS} workers, {CLIENTS} clients at once",
            f"{size} bids placed on an advert that had {existing}: {wall:.2f} s, {rate:.1f} bids/s",
            f"post bid + answer with the position: median {median(bid_taken) * 1000:.1f} ms, "
            f"p95 {bid_p95 * 1000:.1f} ms, max {max(bid_taken) * 1000:.1f} ms",
            f"GET /health/ ({len(health_taken)} times): median "
            f"{median(health_taken) * 1000:.1f} ms, p95 {health_p95 * 1000:.1f} ms",
            f"positions shown of {totals[0]} to {totals[-1]} bids so far",
            "CPU per bid (post + answer): "
            + (", ".join(f"{k} {v:.1f} ms" for k, v in cpu.items()) if cpu else "not measured")
            + f"; {os.cpu_count()} CPUs, so the CPU allows at most "
            + (
                f"{(os.cpu_count() or 1) * 1000 / sum(cpu.values()):.0f} bids/s"
                if cpu
                else "(not measured)"
            ),
            f"the floor, GET {FLOOR_PAGE} signed in ({size} times): {floor_rate:.0f} requests/s"
            + (f", {sum(floor.values()):.1f} ms CPU each" if floor else ""),
            f"targets: >= 100 bids/s, p95 <= 300 ms "
            f"({'met' if rate >= 100 and bid_p95 <= 0.3 else 'NOT met'})",
        ]
    )
    return BenchResult(
        name=NAME, value=rate, unit="bids/s", ratio=bid_p95 / health_p95, detail=detail
    )


def _each(items: list[T], action: Callable[[T], R]) -> list[R]:
    """`action` on every item, from CLIENTS threads at once; the first failure is raised."""
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(action, items))


def _bid_form(browser: Browser, page: str) -> dict[str, str]:
    """The Bid form's hidden fields, from the advert's page as the applicant sees it."""
    answer = browser.get(page)
    if answer.status != 200:
        raise AssertionError(f"GET {page} answered {answer.status}")
    fields: dict[str, str] = {}
    for tag in HIDDEN.finditer(answer.body):
        value = VALUE.search(tag.group(0))
        if value is not None:
            fields[tag.group(1)] = value.group(1)
    if set(fields) != {"csrfmiddlewaretoken", "submission_token"}:
        raise AssertionError(f"no Bid form for the applicant on {page}: found {sorted(fields)}")
    return fields


def _bid(browser: Browser, page: str, form: dict[str, str]) -> tuple[float, int, int]:
    """Post the Bid button and read the answer: seconds taken, position, and bids so far."""
    started = time.perf_counter()
    posted = browser.post(page, form)
    if posted.status != 302 or posted.location != page:
        raise AssertionError(f"bid answered {posted.status} to {posted.location!r}")
    answer = browser.get(posted.location, referer=page)
    taken = time.perf_counter() - started
    found = POSITION.search(answer.body)
    if answer.status != 200 or found is None or "You have bid for this home." not in answer.body:
        raise AssertionError(f"the answer to a bid shows no position ({answer.status})")
    return taken, int(found.group(1)), int(found.group(2))


def _floor_page(browser: Browser) -> None:
    answer = browser.get(FLOOR_PAGE)
    if answer.status != 200:
        raise AssertionError(f"GET {FLOOR_PAGE} answered {answer.status}")


def _health(browser: Browser) -> float:
    started = time.perf_counter()
    # Without the applicant's cookies: the fixed cost of a request, with no session to read.
    answer = Browser(browser.port).get("/health/")
    if answer.status != 200:
        raise AssertionError(f"GET /health/ answered {answer.status}")
    return time.perf_counter() - started


def _scheme_with_bidders(existing: int, size: int) -> tuple[list[str], uuid.UUID]:
    """The demo partnership, an advert with `existing` bids, and `size` signed-in applicants
    who may bid for it: their session keys, and the advert's id."""
    from django.core.management import call_command
    from django.test import Client, override_settings

    from hearth.accounts.models import ApplicantProfile, User
    from hearth.core import clock
    from hearth.core.models import Organisation
    from hearth.register.models import Assessment, Household

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo_seed", verbosity=0, stdout=io.StringIO())
    now = clock.now()
    council = Organisation.objects.get(slug="marshvale-city")
    landlord = Organisation.objects.filter(scheme=council.scheme, kind="landlord").first()
    placed_by = User.objects.filter(is_applicant=False).first()
    assert landlord is not None and placed_by is not None
    ids = list(
        Assessment.objects.filter(
            household__council=council,
            household__application__status="active",
            household__applicant__isnull=True,
            status="qualifies",
            local_connection=True,
            assessed_on=now.astimezone(clock.LONDON).date(),  # today's: the one in force
        )
        .order_by("household_id")
        .values_list("household_id", flat=True)
        .distinct()[: existing + size]
    )
    if len(ids) < existing + size:
        raise AssertionError(f"only {len(ids)} qualifying households for {existing + size}")
    advert = advert_with_bids(
        council=council,
        landlord=landlord,
        placed_by=placed_by,
        now=now,
        reference=REFERENCE,
        households=ids[:existing],
    )
    # Applicant accounts as registering makes them (verified, with a profile), one a household.
    users = [
        User(
            email=f"bidder{number}@bench.example",
            full_name=f"Bidder {number}",
            is_applicant=True,
            email_verified_at=now,
        )
        for number in range(size)
    ]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)
    ApplicantProfile.objects.bulk_create(ApplicantProfile(user=user) for user in users)
    owned = Household.objects.in_bulk(ids[existing:])
    for household_id, user in zip(ids[existing:], users, strict=True):
        owned[household_id].applicant = user
    Household.objects.bulk_update(owned.values(), ["applicant"])
    sessions = []
    for user in users:
        browser = Client()
        browser.force_login(user)  # Django's own sign-in, without checking a password
        sessions.append(browser.session.session_key or "")
    return sessions, advert.pk
