"""A landlord's homes: what a home is, saved once and advertised again each time it is empty."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation


class PropertyType(models.TextChoices):
    HOUSE = "house", _("House")
    FLAT = "flat", _("Flat")
    MAISONETTE = "maisonette", _("Maisonette")
    BUNGALOW = "bungalow", _("Bungalow")
    BEDSIT = "bedsit", _("Bedsit or studio")


class MobilityCategory(models.TextChoices):
    """How accessible the home is, on the scheme's mobility scale (1 is the most accessible)."""

    GENERAL = "general", _("General needs")
    M1 = "1", _("Mobility 1: wheelchair accessible throughout")
    M2 = "2", _("Mobility 2: wheelchair accessible to the essential rooms")
    M3 = "3", _("Mobility 3: step-free, for someone who walks with an aid")


class TenancyType(models.TextChoices):
    ASSURED = "assured", _("Assured (lifetime) tenancy")
    STARTER = "starter", _("Starter tenancy, becoming assured after 12 months")
    FIXED_TERM = "fixed_term", _("Fixed-term tenancy")
    SECURE = "secure", _("Secure council tenancy")
    INTRODUCTORY = "introductory", _("Introductory council tenancy")


class EpcBand(models.TextChoices):
    NONE = "", _("Not known")
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    E = "E", "E"
    F = "F", "F"
    G = "G", "G"


class Property(models.Model):
    """A home a landlord lets through the scheme. Only its own landlord's staff change it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    landlord = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="properties",
        limit_choices_to={"kind": "landlord"},
    )
    # The council whose area the home is in, and the area (from that council's policy) inside it.
    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "council"},
    )
    area = models.CharField(_("area"), max_length=80, blank=True)
    address = models.TextField(_("address"))
    postcode = models.CharField(_("postcode"), max_length=10)
    property_type = models.CharField(_("type of home"), max_length=20, choices=PropertyType.choices)
    bedrooms = models.PositiveSmallIntegerField(_("bedrooms"))
    max_occupants = models.PositiveSmallIntegerField(_("most people who can live there"))
    # 0 is the ground floor; a house is entered at 0.
    floor = models.SmallIntegerField(_("floor the front door is on"), default=0)
    has_lift = models.BooleanField(_("lift"), default=False)
    step_free = models.BooleanField(_("step-free access"), default=False)
    mobility = models.CharField(
        _("mobility category"),
        max_length=10,
        choices=MobilityCategory.choices,
        default=MobilityCategory.GENERAL,
    )
    older_persons = models.BooleanField(_("older persons' housing"), default=False)
    weekly_rent = models.DecimalField(_("rent a week"), max_digits=7, decimal_places=2)
    weekly_service_charge = models.DecimalField(
        _("service charge a week"), max_digits=7, decimal_places=2, default=0
    )
    tenancy_type = models.CharField(_("tenancy"), max_length=20, choices=TenancyType.choices)
    epc_band = models.CharField(
        _("energy rating (EPC)"), max_length=1, choices=EpcBand.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("postcode", "address")
        indexes = (models.Index(fields=("landlord", "postcode")),)
        constraints = (
            models.CheckConstraint(
                condition=Q(max_occupants__gte=1), name="lettings_property_someone_can_live_there"
            ),
            models.CheckConstraint(
                condition=Q(weekly_rent__gte=0) & Q(weekly_service_charge__gte=0),
                name="lettings_property_charges_not_negative",
            ),
        )

    def __str__(self) -> str:
        first_line = self.address.splitlines()[0] if self.address else ""
        return f"{first_line}, {self.postcode}" if first_line else self.postcode

    @property
    def weekly_total(self) -> object:
        return self.weekly_rent + self.weekly_service_charge


def _photo_path(photo: PropertyPhoto, filename: str) -> str:
    # A random name, so the file's address says nothing about the home or who uploaded it.
    return f"homes/{photo.property_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1].lower()}"


class PropertyPhoto(models.Model):
    """A photo of a home, shown on its adverts, with the text a screen reader says instead."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=_photo_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("what the photo shows"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("position", "uploaded_at")

    def __str__(self) -> str:
        return self.alt_text
