"""Suite-wide test settings. Password hashing is made cheap: Argon2 is slow by design."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

# Tests that load the demo partnership need its shape, not its size (make run loads 2,000).
os.environ.setdefault("HEARTH_DEMO_HOUSEHOLDS", "200")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _private_evidence_folder(
    settings: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Uploaded evidence goes to a throwaway folder per test, never the developer's var/."""
    settings.HEARTH_EVIDENCE_ROOT = tmp_path_factory.mktemp("evidence")  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _throwaway_uploads(
    settings: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Uploaded files (homes' photos, the scheme logo) go to a throwaway folder per test too."""
    storages = dict(settings.STORAGES)  # type: ignore[attr-defined]
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path_factory.mktemp("uploads")},
    }
    settings.STORAGES = storages  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _clock_left_running() -> Iterator[None]:
    """A test that leaves the clock frozen (say, one freeze per thread, racing to restore it)
    fails here, and the clock runs again for the next test on this worker."""
    from hearth.core import clock

    yield
    if clock._frozen is not None:
        left = clock._frozen
        clock._frozen = None
        pytest.fail(f"the test left the clock frozen at {left.isoformat()}")
