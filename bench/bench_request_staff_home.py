"""How long the staff home page takes, through every middleware, for a signed-in council officer.

value: median milliseconds for GET /staff/ with Django's test client, signed in through the real
sign-in form as the demo register officer of a council.
ratio: that / the median for GET /health/ (the cheapest request the stack answers), so the
ratio is the page's own cost over the fixed cost of a request.
"""

from __future__ import annotations

import io

from bench import BenchResult, django_ready, median, timed

NAME = "request_staff_home"
DEFAULT_SIZE = 300
TINY_SIZE = 5
COUNCIL_ROLE = "register_officer"


def run(size: int) -> BenchResult:
    django_ready()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from hearth.demo.partnership import DEMO_PASSWORD, demo_accounts

    officer = next(a for a in demo_accounts() if a.role == COUNCIL_ROLE)
    client = Client()
    # Password hashing is not what is measured: seed and sign in with a cheap hasher.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo_seed", verbosity=0, stdout=io.StringIO())
        signed_in = client.post(
            "/account/sign-in/", {"username": officer.email, "password": DEMO_PASSWORD}, follow=True
        )
    landed = signed_in.request["PATH_INFO"]
    if landed != "/staff/":
        raise AssertionError(f"{officer.email} signed in but landed on {landed}")

    def get(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} answered {response.status_code}")

    warm = max(3, size // 10)
    timed(lambda: get("/staff/"), warm)
    timed(lambda: get("/health/"), warm)
    # Interleaved, so drift in the machine's speed affects both figures alike.
    staff_samples: list[float] = []
    health_samples: list[float] = []
    for _ in range(size):
        staff_samples += timed(lambda: get("/staff/"), 1)
        health_samples += timed(lambda: get("/health/"), 1)
    staff, health = median(staff_samples), median(health_samples)
    detail = "\n".join(
        [
            f"database: {connection.vendor}",
            f"signed in as {officer.email} ({officer.organisation_name})",
            f"GET /staff/: median {staff * 1000:.3f} ms over {size} requests",
            f"GET /health/: median {health * 1000:.3f} ms over {size} requests",
        ]
    )
    return BenchResult(
        name=NAME, value=staff * 1000, unit="ms", ratio=staff / health, detail=detail
    )
