"""A household's application to join its council's housing register, and what happens to it.

The application is the register's view of a `Household`: its status in the lifecycle
(`hearth.register.rules.lifecycle`), its history of status changes, the changes of circumstances the
applicant reports, and the flags officers must look at (possible duplicates). Every change is
made by a service in `hearth.register.services` and audited there.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation
from hearth.register.models.household import Household
from hearth.register.rules.lifecycle import ApplicationStatus


class CancelReason(models.TextChoices):
    NONE = "", _("Not cancelled")
    APPLICANT = "applicant", _("The applicant asked us to cancel")
    RENEWAL = "renewal", _("The yearly renewal was not returned")
    DOCUMENTS = "documents", _("Documents we asked for were not sent")
    OFFICER = "officer", _("Cancelled by an officer")
    HOUSED_ELSEWHERE = "housed_elsewhere", _("Found a home elsewhere")
    DUPLICATE = "duplicate", _("A duplicate of another application")


class Application(models.Model):
    """A household's application to its council's register (one per household)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.OneToOneField(
        Household, on_delete=models.CASCADE, related_name="application"
    )
    # The register it is on: always the household's council (set when the application starts;
    # a household moving to another council applies there afresh). Kept here as well so work
    # queues and search find a council's applications without reading every household.
    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications",
        limit_choices_to={"kind": "council"},
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    status_changed_at = models.DateTimeField(_("status changed"))
    # The status to go back to when a suspension, review or offer ends.
    status_before = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    # Codes of the sections of the form the applicant has finished (save and come back later).
    sections_done = models.JSONField(default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who started the application: the applicant, or an officer for them."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    declaration_at = models.DateTimeField(_("declaration agreed"), null=True, blank=True)
    consent_to_share = models.BooleanField(
        _("agreed to information being shared with partner landlords"), default=False
    )
    activated_on = models.DateField(_("joined the register"), null=True, blank=True)
    renewal_due_on = models.DateField(_("renewal due"), null=True, blank=True)
    renewal_reminded_on = models.DateField(_("renewal reminder sent"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled"), null=True, blank=True)
    # A suspension for a set time (say, after refusing suitable offers) ends by itself on this
    # day; empty for a suspension an officer lifts.
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="application_submitted_unless_draft",
            ),
            models.CheckConstraint(
                condition=~Q(status=ApplicationStatus.CANCELLED) | Q(cancelled_on__isnull=False),
                name="application_cancelled_has_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["council", "status", "status_changed_at"],
                name="application_status_idx",
            ),
            models.Index(fields=["council", "renewal_due_on"], name="application_renewal_idx"),
        ]

    def __str__(self) -> str:
        return f"Application {self.household.reference}"


class StatusChange(models.Model):
    """One move in the lifecycle, shown in the application's history."""

    id = models.BigAutoField(primary_key=True)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class CircumstanceChangeStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an officer")
    ASSESSED = "assessed", _("Reassessed")


class CircumstanceChange(models.Model):
    """Something the applicant told us has changed; an officer reassesses."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="circumstance_changes"
    )
    # The application's council, copied here when the row is made (the tenant key). An
    # application's council never changes, so neither does this; with it a council's queue is
    # counted and paged from one index, without joining the council's applications.
    council = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Codes of the form sections that changed (people, home, addresses, needs, money…).
    sections = models.JSONField(default=list, blank=True)
    summary = models.TextField(_("what has changed"))
    reported_at = models.DateTimeField()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20,
        choices=CircumstanceChangeStatus.choices,
        default=CircumstanceChangeStatus.OPEN,
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at", "id"]
        indexes = [
            # The changes queue: a council's open changes, oldest first.
            models.Index(fields=["council", "status", "reported_at", "id"], name="change_queue_idx")
        ]

    def __str__(self) -> str:
        return f"Change reported {self.reported_at:%d %b %Y}"


class DuplicateFlagStatus(models.TextChoices):
    OPEN = "open", _("To check")
    NOT_DUPLICATE = "not_duplicate", _("Not the same household")
    CONFIRMED = "confirmed", _("Same household")


class DuplicateFlag(models.Model):
    """A person on this application matches someone on another household's record.

    Never merged automatically: an officer checks. When the other household is on another
    council's register the officer sees that a match exists, never that council's record.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="duplicate_flags"
    )
    # The application's council, copied here when the row is made (the tenant key). An
    # application's council never changes, so neither does this; with it a council's queue is
    # counted and paged from one index, without joining the council's applications.
    council = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    other_household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    # Which details matched: "name", "date_of_birth", "national_insurance_number".
    matched_on = models.JSONField(default=list)
    status = models.CharField(
        max_length=20, choices=DuplicateFlagStatus.choices, default=DuplicateFlagStatus.OPEN
    )
    flagged_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-flagged_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "other_household"], name="duplicate_flag_once_per_pair"
            )
        ]
        indexes = [
            # The duplicates queue: a council's open flags, oldest first.
            models.Index(
                fields=["council", "status", "flagged_at", "id"], name="duplicate_queue_idx"
            )
        ]

    def __str__(self) -> str:
        return f"Possible duplicate of {self.other_household_id}"


class Message(models.Model):
    """A message in the applicant's account, from an officer or from the applicant."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    from_applicant = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )

    class Meta:
        ordering = ["-sent_at", "id"]
        indexes = [models.Index(fields=["application", "-sent_at"], name="message_thread_idx")]

    def __str__(self) -> str:
        return self.subject
