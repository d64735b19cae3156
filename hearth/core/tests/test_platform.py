"""Platform promises: security headers, production settings, demo data, time, scheduling."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hearth.accounts.models import InvitationStatus, User
from hearth.accounts.tests.factories import InvitationFactory
from hearth.core import clock
from hearth.core.demo import demo_accounts
from hearth.core.models import AuditEvent, Organisation, Scheme
from hearth.core.roles import CouncilStatus, OrganisationKind
from hearth.core.scheduler import Scheduler

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_pages_carry_security_headers_and_a_strict_csp(client: Client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html


@pytest.mark.django_db
def test_missing_pages_use_the_service_layout(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-production-secret-" + "x" * 50,
        "ALLOWED_HOSTS": "hearth.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HEARTH_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "", "HEARTH_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_demo_seed_builds_the_partnership_once() -> None:
    call_command("demo_seed")
    counts = (Scheme.objects.count(), Organisation.objects.count(), User.objects.count())
    events = AuditEvent.objects.count()
    call_command("demo_seed")
    assert (Scheme.objects.count(), Organisation.objects.count(), User.objects.count()) == counts
    assert AuditEvent.objects.count() == events  # the second run changed nothing at all
    councils = dict(
        Organisation.objects.filter(kind=OrganisationKind.COUNCIL).values_list(
            "name", "council_status"
        )
    )
    assert councils == {
        "Marshvale City Council": CouncilStatus.LIVE_CBL,
        "Eastmere District Council": CouncilStatus.LIVE_CBL,
        "Northfen District Council": CouncilStatus.LIVE_CBL,
        "Kingsbarrow Borough Council": CouncilStatus.ONBOARDING,
    }
    assert Organisation.objects.filter(kind=OrganisationKind.LANDLORD).count() == 3
    assert User.objects.count() == len(demo_accounts())
    # Every council and landlord has a postal address and contact details for its letters.
    for organisation in Organisation.objects.filter(
        kind__in=[OrganisationKind.COUNCIL, OrganisationKind.LANDLORD]
    ):
        assert organisation.contact_email == f"housing@{organisation.slug}.example"
        assert organisation.contact_phone.startswith("01632 960 ")  # Ofcom's drama range
        assert organisation.contact_hours
        assert len(organisation.postal_address_lines) >= 4


@pytest.mark.django_db
def test_demo_seed_fills_in_contact_details_missing_from_an_older_seed() -> None:
    # Given a demo partnership seeded before organisations had contact details
    call_command("demo_seed")
    Organisation.objects.filter(slug="eastmere").update(
        postal_address="", contact_phone="", contact_email="", contact_hours=""
    )
    # When the seed runs again
    call_command("demo_seed")
    # Then the council has its details back, and a third run changes nothing
    eastmere = Organisation.objects.get(slug="eastmere")
    assert eastmere.postal_address_lines[-1] == "EM1 2BD"
    assert eastmere.contact_phone == "01632 960 202"
    events = AuditEvent.objects.count()
    call_command("demo_seed")
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_demo_seed_is_refused_outside_demo_mode(settings) -> None:
    settings.HEARTH_DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("demo_seed")
    assert not Scheme.objects.exists()


def test_clock_is_london_time_and_can_be_frozen() -> None:
    summer_midnight = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    with clock.clock_frozen_at(summer_midnight):
        assert clock.now().utcoffset() == dt.timedelta(hours=1)
        assert clock.today() == dt.date(2026, 7, 1)  # 00:30 BST is already the next day
    assert clock.now() > summer_midnight


def test_scheduler_runs_each_task_when_it_is_due() -> None:
    ran: list[str] = []
    scheduler = Scheduler(
        {"a": {"task": "t.a", "schedule": 60}, "b": {"task": "t.b", "schedule": 10}},
        dispatch=ran.append,
    )
    assert scheduler.tick(0) == ["a", "b"]
    assert scheduler.tick(5) == []
    assert scheduler.tick(10) == ["b"]
    assert scheduler.tick(60) == ["a", "b"]
    assert ran == ["t.a", "t.b", "t.b", "t.a", "t.b"]


@pytest.mark.django_db
def test_scheduled_tasks_run_in_process_in_the_embedded_default() -> None:
    stale = InvitationFactory(expires_at=clock.now() - dt.timedelta(days=1))
    scheduler = Scheduler({"expire": {"task": "accounts.invitations_expire", "schedule": 60}})
    assert scheduler.tick(0) == ["expire"]
    stale.refresh_from_db()
    assert stale.status == InvitationStatus.EXPIRED


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6, 1.2.3.4", "10.0.0.1"),  # no proxy trusted: the socket address
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the address our one proxy saw
        (2, "6.6.6.6, 1.2.3.4", "6.6.6.6"),
        (2, "1.2.3.4", "10.0.0.1"),  # fewer hops than expected: do not trust the header
    ],
)
def test_client_address_behind_trusted_proxies(
    settings, proxies: int, forwarded: str, expected: str
) -> None:
    from django.test import RequestFactory

    from hearth.core.actor_resolve import client_ip

    settings.HEARTH_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_scheme_bootstrap_command_prints_a_one_time_link() -> None:
    from io import StringIO

    out = StringIO()
    call_command(
        "scheme_bootstrap",
        "--name",
        "Fenland Homes",
        "--slug",
        "fenland",
        "--colour",
        "#0b5e55",
        "--admin-email",
        "lead@fenland.example",
        "--admin-name",
        "Lead",
        stdout=out,
    )
    assert "/account/invitation/" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "scheme_bootstrap",
            "--name",
            "Again",
            "--slug",
            "again",
            "--colour",
            "#0b5e55",
            "--admin-email",
            "x@example.org",
            "--admin-name",
            "X",
            stdout=StringIO(),
        )
