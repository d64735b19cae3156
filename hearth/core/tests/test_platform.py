"""Platform promises: security headers, production settings, time, scheduling."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from hearth.core import clock
from hearth.core.management.scheduler import Scheduler

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

    from hearth.core.access.request_origin import client_ip

    settings.HEARTH_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == expected
