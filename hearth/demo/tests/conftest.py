"""The demo seeded once for each invariant test module that asks for it, rolled back after."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from hearth.demo.tests.seed_support import FAST_HASHERS


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """The demo, seeded once for the module (before the per-test settings apply, hence its own
    cheap hashing and evidence folder), and rolled back when the module is done."""
    throwaway = override_settings(
        PASSWORD_HASHERS=FAST_HASHERS, HEARTH_EVIDENCE_ROOT=tmp_path_factory.mktemp("evidence")
    )
    with throwaway, django_db_blocker.unblock(), transaction.atomic():
        call_command("demo_seed", verbosity=0)
        yield
        transaction.set_rollback(True)
