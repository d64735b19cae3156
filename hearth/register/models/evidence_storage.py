"""Where uploaded evidence is kept: a private folder outside the web root, never served as
static or media files. Downloads go through a view that checks the officer may see them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _EvidenceStorage(LazyObject):  # type: ignore[type-arg]
    def _setup(self) -> None:
        self._wrapped: Storage = FileSystemStorage(
            location=settings.HEARTH_EVIDENCE_ROOT,
            base_url=None,
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
        )


# Lazy, so tests and deployments can point HEARTH_EVIDENCE_ROOT elsewhere after import.
evidence_storage = _EvidenceStorage()


@receiver(setting_changed)
def _evidence_root_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "HEARTH_EVIDENCE_ROOT":
        evidence_storage._wrapped = empty  # type: ignore[assignment]


def evidence_storage_get() -> Storage:
    """For `FileField(storage=...)`: a callable keeps the folder out of migrations."""
    return evidence_storage  # type: ignore[return-value]
