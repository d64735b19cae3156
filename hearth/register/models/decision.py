"""Decisions on applications, the reviews applicants ask for, and officer overrides.

A decision is what the applicant is told (with a letter and a message in their account); it
points at the assessment it announces. Applicants may ask for a review within 21 days
(Housing Act 1996 s166A(9)). An officer who sets a band or points other than the engine's needs
a reason and a team leader's approval.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hearth.register.models.application import Application
from hearth.register.models.standing import Assessment

REVIEW_WINDOW_DAYS = 21


class DecisionKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted onto the register")
    NOT_QUALIFYING = "not_qualifying", _("Does not qualify")
    INELIGIBLE = "ineligible", _("Not eligible")


class Decision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    # The reasons as the applicant reads them, one per line item.
    reasons = models.JSONField(default=list)
    # Anything the officer adds in their own words.
    note = models.TextField(_("note to the applicant"), blank=True)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_by = models.DateField(_("ask for a review by"))

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_by__gte=F("decided_on")), name="decision_review_after_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.decided_on}"


class ReviewStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a team leader")
    UPHELD = "upheld", _("Decision stays the same")
    CHANGED = "changed", _("Decision changed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


class ReviewRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="reviews")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    # The application's council, copied here when the row is made (the tenant key). An
    # application's council never changes, so neither does this; with it a council's queue is
    # counted and paged from one index, without joining the council's applications.
    council = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    grounds = models.TextField(_("why the decision is wrong"))
    requested_on = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.REQUESTED
    )
    outcome_reasons = models.TextField(_("reasons for the outcome"), blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the applicant (or an officer for them) withdrew the request; set only then.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=Q(status="requested"),
                name="review_one_open_per_decision",
            ),
            models.CheckConstraint(
                condition=Q(status="withdrawn", withdrawn_at__isnull=False)
                | (~Q(status="withdrawn") & Q(withdrawn_at__isnull=True)),
                name="review_withdrawn_at_when_withdrawn",
            ),
        ]
        indexes = [
            # The reviews queue: a council's open requests, oldest first.
            models.Index(
                fields=["council", "status", "requested_on", "id"], name="review_queue_idx"
            )
        ]

    def __str__(self) -> str:
        return f"Review asked {self.requested_on}"


class OverrideStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a team leader")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class AssessmentOverride(models.Model):
    """An officer's request to set a different band or points from the engine's."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="overrides")
    # The application's council, copied here when the row is made (the tenant key). An
    # application's council never changes, so neither does this; with it a council's queue is
    # counted and paged from one index, without joining the council's applications.
    council = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    band = models.CharField(_("band"), max_length=20, blank=True)
    points = models.IntegerField(_("points"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=OverrideStatus.choices, default=OverrideStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # The assessment the approval recorded, with the officer's band or points.
    result = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(band="") | Q(points__isnull=False), name="override_sets_something"
            ),
            models.CheckConstraint(
                condition=~Q(decided_by=F("requested_by")), name="override_not_self_approved"
            ),
            # One override waiting for a team leader per application, even when two officers
            # ask at the same moment (checking first would let both through).
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status=OverrideStatus.PENDING),
                name="override_one_pending_per_application",
            ),
        ]
        indexes = [
            # The overrides queue: a council's overrides waiting for approval, oldest first.
            models.Index(
                fields=["council", "status", "requested_at", "id"], name="override_queue_idx"
            )
        ]

    def __str__(self) -> str:
        return f"Override to {self.band or self.points}"
