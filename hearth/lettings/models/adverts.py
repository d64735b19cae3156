"""Adverts: one letting of a home, in one cycle, with the advertising council's labels."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation
from hearth.lettings.models.cycles import Cycle
from hearth.lettings.models.properties import Property


class AdvertStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the council's approval")
    RETURNED = "returned", _("Returned to the landlord")
    APPROVED = "approved", _("Approved, waiting for the next cycle")
    LIVE = "live", _("Advertised")
    CLOSED = "closed", _("Closed, shortlisted")
    LET = "let", _("Let")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What the landlord may still change; after approval the labels are the council's promise.
EDITABLE_STATUSES = (AdvertStatus.DRAFT, AdvertStatus.RETURNED)


class AdvertRoute(models.TextChoices):
    CBL = "cbl", _("Choice-based lettings")
    DIRECT = "direct", _("Direct let")


class AgeAppliesTo(models.TextChoices):
    APPLICANT = "applicant", _("The lead applicant")
    APPLICANT_OR_PARTNER = "applicant_or_partner", _("The lead applicant or their partner")
    EVERY_ADULT = "every_adult", _("Every adult in the household")


class ConnectionScope(models.TextChoices):
    NONE = "none", _("Anyone on a partner council's register")
    COUNCIL = "council", _("A local connection to the advertising council")
    PARTNERS = "partners", _("A local connection to any partner council")
    PLAN = "plan", _("A connection to the local lettings plan's area")


class MobilityNeed(models.TextChoices):
    """Which households the home is for, by their assessed mobility need."""

    ANY = "", _("Any household")
    M1 = "1", _("Households assessed as needing a wheelchair home (mobility 1)")
    M2 = "2", _("Households assessed as needing mobility 1 or 2")
    M3 = "3", _("Households assessed as needing any mobility home (1, 2 or 3)")


class LabelUse(models.TextChoices):
    FILTER = "filter", _("Only these households may bid")
    PRIORITY = "priority", _("These households first, then everyone else")


class Pets(models.TextChoices):
    ASK = "", _("Ask the landlord")
    ALLOWED = "allowed", _("Pets allowed")
    NOT_ALLOWED = "not_allowed", _("No pets")


class Advert(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="adverts")
    # The council whose policy ranks the bids: the council the home is in.
    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="adverts", null=True, blank=True
    )
    route = models.CharField(max_length=10, choices=AdvertRoute.choices, default=AdvertRoute.CBL)
    status = models.CharField(
        max_length=12, choices=AdvertStatus.choices, default=AdvertStatus.DRAFT
    )
    # The labels.
    min_bedroom_need = models.PositiveSmallIntegerField(_("smallest bedroom need"))
    max_bedroom_need = models.PositiveSmallIntegerField(_("largest bedroom need"))
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    age_applies_to = models.CharField(
        _("whose age counts"),
        max_length=24,
        choices=AgeAppliesTo.choices,
        default=AgeAppliesTo.APPLICANT,
    )
    mobility_need = models.CharField(
        _("mobility need"), max_length=2, choices=MobilityNeed.choices, blank=True
    )
    mobility_use = models.CharField(
        _("how the mobility label is used"),
        max_length=10,
        choices=LabelUse.choices,
        default=LabelUse.FILTER,
    )
    connection_scope = models.CharField(
        _("local connection"),
        max_length=10,
        choices=ConnectionScope.choices,
        default=ConnectionScope.COUNCIL,
    )
    lettings_plan = models.CharField(_("local lettings plan"), max_length=60, blank=True)
    preference_text = models.TextField(_("who is preferred"), blank=True)
    pets = models.CharField(_("pets"), max_length=12, choices=Pets.choices, blank=True)
    viewing_text = models.TextField(_("viewing arrangements"), blank=True)
    description = models.TextField(_("about the home"), blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    returned_reason = models.TextField(_("why it was returned"), blank=True)
    # Why the landlord took the advert down, shown to the landlord and the council.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = (
            models.Index(fields=("cycle", "status")),
            models.Index(fields=("council", "status")),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(min_bedroom_need__lte=F("max_bedroom_need")),
                name="lettings_advert_bedroom_range",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="lettings_advert_age_range",
            ),
            # A home is advertised once at a time: a re-let is a new advert after the last ended.
            models.UniqueConstraint(
                fields=("property",),
                condition=Q(
                    status__in=("draft", "submitted", "returned", "approved", "live", "closed")
                ),
                name="lettings_advert_one_open_per_home",
            ),
        )

    def __str__(self) -> str:
        return f"{self.reference}: {self.property}"
