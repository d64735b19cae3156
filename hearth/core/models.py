"""Shared kernel: the partnership (Scheme), its organisations, and the append-only audit log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.core.access.roles import CouncilStatus, OrganisationKind

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as a # followed by 6 hexadecimal digits, like #1d70b8")
)


class Scheme(models.Model):
    """The partnership: one brand, one register, one bidding scheme."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(unique=True)
    colour = models.CharField(_("brand colour"), max_length=7, validators=[hex_colour])
    logo = models.FileField(_("logo"), upload_to="brand/", blank=True)
    contact_text = models.TextField(_("contact details"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField()
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    council_status = models.CharField(
        _("status"), max_length=20, choices=CouncilStatus.choices, blank=True
    )
    # Councils: the postcode districts of their area ("MV1", "EM12"), so an applicant's
    # postcode can suggest which council's register they belong on.
    postcode_districts = models.JSONField(_("postcode districts"), default=list, blank=True)
    # How applicants reach the organisation: printed on its letters and shown in accounts.
    postal_address = models.TextField(_("postal address"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email address"), blank=True)
    contact_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "slug"], name="organisation_slug_unique"),
            # Councils always have a status; nobody else has one.
            models.CheckConstraint(
                condition=(Q(kind=OrganisationKind.COUNCIL) & ~Q(council_status=""))
                | (~Q(kind=OrganisationKind.COUNCIL) & Q(council_status="")),
                name="organisation_status_only_for_councils",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_council(self) -> bool:
        return self.kind == OrganisationKind.COUNCIL

    @property
    def is_landlord(self) -> bool:
        return self.kind == OrganisationKind.LANDLORD

    @property
    def postal_address_lines(self) -> list[str]:
        """The postal address, one part per line, without blank lines."""
        return [line.strip() for line in self.postal_address.splitlines() if line.strip()]

    @property
    def has_contact_details(self) -> bool:
        return bool(
            self.postal_address.strip()
            or self.contact_phone
            or self.contact_email
            or self.contact_hours
        )


class AuditEvent(models.Model):
    """One thing that happened, and who did it. Never updated or deleted (PostgreSQL enforces)."""

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verb = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["organisation", "-occurred_at"], name="audit_org_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_type}:{self.object_id}"


class FormSubmission(models.Model):
    """A one-time form token that has been spent (hearth/core/forms/submissions.py). The primary key
    makes a second post with the same token fail inside its own transaction."""

    token = models.UUIDField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Where the first post led, to show a repeat of it.
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return str(self.token)
