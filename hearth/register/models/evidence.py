"""Documents: what officers ask an applicant for, and the files that arrive.

Files live in the private evidence storage (`settings.HEARTH_EVIDENCE_ROOT`), outside the web
root; only authorised staff can download them, through a view that checks access.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hearth.register.models.application import Application
from hearth.register.models.evidence_storage import evidence_storage_get
from hearth.register.models.person import Person


class EvidenceKind(models.TextChoices):
    IDENTITY = "identity", _("Proof of identity")
    ADDRESS = "address", _("Proof of address")
    INCOME = "income", _("Proof of income, savings or benefits")
    MEDICAL = "medical", _("Medical evidence")
    OTHER = "other", _("Other document")


class EvidenceRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the applicant")
    RECEIVED = "received", _("Received, to check")
    VERIFIED = "verified", _("Checked")
    CANCELLED = "cancelled", _("No longer needed")


class EvidenceRequest(models.Model):
    """A document an officer asked for, due by a date (28 days unless the officer says)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="evidence_requests"
    )
    kind = models.CharField(_("document"), max_length=20, choices=EvidenceKind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What to send, in plain English ("A letter from your GP about your asthma").
    description = models.TextField(_("what to send"))
    requested_on = models.DateField()
    due_on = models.DateField(_("send by"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20,
        choices=EvidenceRequestStatus.choices,
        default=EvidenceRequestStatus.REQUESTED,
    )
    reminded_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # Set when an officer says the document is no longer needed, and why (the applicant sees it).
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("why it is no longer needed"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("requested_on")), name="evidence_due_after_request"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled")
                | (Q(cancelled_at__isnull=False) & ~Q(cancel_reason="")),
                name="evidence_cancelled_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="evidence_request_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"


class DocumentStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Not checked yet")
    VERIFIED = "verified", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


def evidence_path(instance: EvidenceDocument, filename: str) -> str:
    # Never the uploaded name: it is the applicant's text, kept only as `original_name`.
    return f"{instance.application_id}/{instance.id}"


class EvidenceDocument(models.Model):
    """One uploaded file, its type found from its content, and the officer's check."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    # The application's council, copied here when the row is made (the tenant key). An
    # application's council never changes, so neither does this; with it a council's queue is
    # counted and paged from one index, without joining the council's applications.
    council = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    request = models.ForeignKey(
        EvidenceRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(_("document"), max_length=20, choices=EvidenceKind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(storage=evidence_storage_get, upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.UNCHECKED
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    check_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-uploaded_at", "id"]
        indexes = [
            # The evidence queue: a council's unchecked documents, oldest first.
            models.Index(
                fields=["council", "status", "uploaded_at", "id"], name="document_queue_idx"
            )
        ]

    def __str__(self) -> str:
        return self.original_name
