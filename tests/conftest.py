"""Fixtures shared by the cross-cutting tests: the demo partnership, loaded once per module.

Browser and sign-in tests need the whole demo data set (`manage.py demo_seed`), which is slow to
build per test. `demo_data` commits it once for a test module and, when the module is done,
puts the test database back exactly as it found it, so tests that run afterwards in the same
worker never see it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def assert_test_database() -> None:
    """Refuse to write demo data anywhere but a test database."""
    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db() or "test" in name.rsplit("/", 1)[-1]:
            return
    elif name.startswith("test_"):
        return
    raise RuntimeError(f"Refusing to load demo data into {name!r}: not a test database")


def database_snapshot() -> str:
    """Everything in the test database now (rows left by data migrations), as a string."""
    return connection.creation.serialize_db_to_string()


def database_restore(snapshot: str) -> None:
    """Empty the test database, then load `snapshot` back: the state before the module ran."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture(scope="module")
def demo_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo partnership, committed for the whole test module (needs `django_db` tests).

    The database stays unblocked while the module runs, because a live server thread serves
    pages from it between test-function boundaries.
    """
    # Cheap hashing for the module's lifetime, as the suite uses for every test: users hashed
    # here must still verify when the tests sign in.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS), django_db_blocker.unblock():
        assert_test_database()
        snapshot = database_snapshot()
        call_command("demo_seed", verbosity=0, stdout=io.StringIO())
        try:
            yield
        finally:
            database_restore(snapshot)
