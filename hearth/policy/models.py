"""Allocation policies as data: one versioned document per council."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PolicyVersion(models.Model):
    """One version of a council's allocation scheme. Published versions never change."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="policy_versions"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.DRAFT
    )
    title = models.CharField(max_length=200)
    # The validated document (the engine's input) and the text as the admin wrote it.
    document = models.JSONField()
    source_text = models.TextField()
    change_summary = models.TextField(blank=True)
    effective_from = models.DateField(null=True, blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council__name", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "number"], name="policy_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=PolicyStatus.DRAFT)
                | Q(effective_from__isnull=False, published_at__isnull=False),
                name="policy_published_has_dates",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "status", "effective_from"], name="policy_in_force_idx")
        ]

    def __str__(self) -> str:
        return f"{self.council} policy v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == PolicyStatus.PUBLISHED


class SimulationStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class SimulationRun(models.Model):
    """A what-if run: a draft policy against the whole current register, compared with the
    version in force. Results are kept so the admin can come back to them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    draft = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="simulations")
    baseline = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    on_date = models.DateField()
    status = models.CharField(
        max_length=20, choices=SimulationStatus.choices, default=SimulationStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    results = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="simulation_progress_valid"
            )
        ]

    def __str__(self) -> str:
        return f"Simulation of {self.draft} on {self.on_date}"

    @property
    def percent(self) -> int:
        return (
            100
            if self.total == 0 and self.status == SimulationStatus.DONE
            else (int(100 * self.done / self.total) if self.total else 0)
        )
