"""A real Celery worker, on Redis, against the test database: the production path for tasks.

Everything else in the suite runs tasks eagerly. This test starts `celery worker` as a separate
process, so it needs a database another process can open (PostgreSQL, not in-memory SQLite) and
a reachable Redis. In CI (CI=true) a missing Redis is a failure, not a skip.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.worker]

TASK = "accounts.invitations_expire"
REDIS_URL = os.environ.get("HEARTH_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RESULT_TIMEOUT = 60


def redis_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2):
            return True
    except OSError:
        return False


def worker_database_url() -> str:
    """A DATABASE_URL for the database this test process is using (the xdist-suffixed one)."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(db['NAME'], safe='')}"


@dataclass
class Worker:
    queue: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def output(self, last: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-last:]


@pytest.fixture
def worker(transactional_db: None, tmp_path: Path) -> Iterator[Worker]:
    """Start a worker that consumes only a queue of its own; stop it whatever happens."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: a worker process cannot open the in-memory SQLite test database"
        )
    if not redis_reachable(REDIS_URL):
        message = f"Redis is not reachable at {REDIS_URL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    queue = f"hearth-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": REDIS_URL,
    }
    log_path = tmp_path / "worker.log"
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker",
        "--pool=solo", "--concurrency=1", "-Q", queue, "-n", f"{queue}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Worker(queue=queue, process=process, log_path=log_path)
    try:
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if os.environ.get("HEARTH_SHOW_WORKER_LOG"):
            sys.stderr.write(running.output(last=100_000))


def expired_open_invitation() -> Any:
    """An open invitation whose expiry has passed, built with the ORM (no factories needed)."""
    from hearth.accounts.models import Invitation, InvitationStatus, User
    from hearth.core import clock
    from hearth.core.access.roles import OrganisationKind
    from hearth.core.models import Organisation, Scheme

    scheme = Scheme.objects.create(name="Worker Test Scheme", slug="worker-test", colour="#0b5e55")
    landlord = Organisation.objects.create(
        scheme=scheme, name="Worker Test Homes", slug="worker-homes", kind=OrganisationKind.LANDLORD
    )
    admin = User.objects.create_user(
        email=f"admin-{uuid.uuid4().hex[:6]}@worker.example", full_name="Wren Admin"
    )
    return Invitation.objects.create(
        organisation=landlord,
        email="late@worker.example",
        full_name="Lee Late",
        roles=["landlord_lettings_officer"],
        token_hash=secrets.token_hex(32),
        invited_by=admin,
        expires_at=clock.now() - dt.timedelta(days=1),
        status=InvitationStatus.OPEN,
    )


def test_worker_expires_invitations_over_redis(worker: Worker) -> None:
    from celery import Celery
    from celery.exceptions import TimeoutError as ResultTimeout

    from config.celery import app
    from hearth.accounts.models import Invitation, InvitationStatus

    app.loader.import_default_modules()
    assert TASK in app.tasks, f"{TASK} is not registered with the Celery app"

    invitation = expired_open_invitation()

    # The producer side: a separate client app pointed at Redis, so the project's app (eager in
    # tests) is left exactly as it was for every other test.
    producer = Celery("hearth-test-producer", broker=REDIS_URL, backend=REDIS_URL)
    try:
        result = producer.send_task(TASK, queue=worker.queue)
        deadline = time.monotonic() + RESULT_TIMEOUT
        expired = None
        while expired is None:
            if worker.process.poll() is not None:
                pytest.fail(f"the worker exited ({worker.process.returncode}):\n{worker.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no result within {RESULT_TIMEOUT}s; worker log:\n{worker.output()}")
            try:
                expired = result.get(timeout=2)
            except ResultTimeout:
                continue
        result.forget()
    finally:
        producer.close()

    assert expired >= 1, worker.output()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED
    assert not Invitation.objects.filter(status=InvitationStatus.OPEN).exists()
