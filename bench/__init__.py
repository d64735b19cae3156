"""Benchmarks for Hearth: `python -m bench [names...] [--tiny]`.

Each `bench/bench_*.py` module exposes `NAME`, `DEFAULT_SIZE`, `TINY_SIZE` and
`run(size: int) -> BenchResult`. A benchmark measures one figure (`value`, in `unit`) and its
`ratio` to a baseline measured in the same run on the same machine, so the ratio can be compared
between machines where the raw figure cannot.

Benchmarks never touch the development database: `django_ready()` points Django at a throwaway
database (a temporary PostgreSQL database when DATABASE_URL is PostgreSQL, otherwise a temporary
SQLite file), migrates it, and removes it when the process exits. Importing a benchmark module
must not import Django models; do that inside `run()`, after `django_ready()`.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import os
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class BenchResult:
    name: str
    value: float
    unit: str
    ratio: float
    detail: str = ""


def bench_line(result: BenchResult) -> str:
    """The machine-readable last line of every benchmark's output."""
    return (
        f"BENCH name={result.name} value={result.value:.3f} "
        f"unit={result.unit} ratio={result.ratio:.3f}"
    )


_ready = False
_workdir = ""


def django_ready() -> None:
    """Set up Django on a fresh, migrated throwaway database (once per process)."""
    global _ready, _workdir
    if _ready:
        return
    workdir = _workdir = tempfile.mkdtemp(prefix="hearth-bench-")
    atexit.register(shutil.rmtree, workdir, True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # Local, in-process defaults: demo mode on, no second factor, eager tasks, local cache.
    os.environ["DEBUG"] = "true"
    os.environ["HEARTH_STAFF_2FA_REQUIRED"] = "false"
    os.environ["HEARTH_VAR_DIR"] = workdir
    os.environ.pop("REDIS_URL", None)
    source = os.environ.get("DATABASE_URL", "")
    if source.startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = _postgres_throwaway(source)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"

    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    # Test-client requests, emails kept in memory, DEBUG off at run time (as under the test runner).
    setup_test_environment(debug=False)
    call_command("migrate", interactive=False, verbosity=0)
    _ready = True


def database_another() -> Any:
    """A second throwaway database, migrated, as a connection to pass to `database_using`.

    For comparing two sizes of data side by side in one process: requests to each can then be
    interleaved, so both are timed in the same state of the machine."""
    from django.core.management import call_command
    from django.db import connections

    django_ready()
    primary = connections["default"]
    settings_dict = copy.deepcopy(primary.settings_dict)
    if primary.vendor == "postgresql":
        url = _postgres_throwaway(os.environ["DATABASE_URL"])
        settings_dict["NAME"] = urlsplit(url).path.lstrip("/")
    else:
        settings_dict["NAME"] = f"{_workdir}/bench-{secrets.token_hex(4)}.sqlite3"
    another = type(primary)(settings_dict, alias="default")
    atexit.register(another.close)
    with database_using(another):
        call_command("migrate", interactive=False, verbosity=0)
    return another


@contextlib.contextmanager
def database_using(connection: Any) -> Iterator[None]:
    """Make `connection` (from `database_another`) Django's default database for a while."""
    from django.db import connections

    primary = connections["default"]
    # The handler keeps each alias's connection as an attribute; swapping it swaps every ORM
    # query, cursor and transaction, including those made inside test-client requests.
    held: Any = connections._connections  # type: ignore[attr-defined]
    held.default = connection
    try:
        yield
    finally:
        held.default = primary


def _postgres_throwaway(url: str) -> str:
    """Create an empty database next to the one in `url`; drop it when the process exits."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"hearth_bench_{os.getpid()}_{secrets.token_hex(4)}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    atexit.register(drop)
    return urlunsplit(parts._replace(path=f"/{name}"))


def timed(action: Callable[[], object], times: int) -> list[float]:
    """Seconds taken by each of `times` calls of `action`."""
    taken: list[float] = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        taken.append(time.perf_counter() - start)
    return taken


def median(samples: list[float]) -> float:
    return statistics.median(samples)
