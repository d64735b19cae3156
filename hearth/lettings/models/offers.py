"""Offers of a home to a shortlisted household, and the lets they end in.

An offer starts as a nomination (the council puts a bidder forward to the landlord) or, where the
council lets the landlord work the shortlist, as the landlord's own offer. One home has at most
one offer in progress at a time (a database constraint), so two officers can't offer it at once.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.lettings.models.adverts import Advert
from hearth.lettings.models.bids import ShortlistEntry
from hearth.register.models import Application


class OfferStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated to the landlord")
    OFFERED = "offered", _("Offered, waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_OFFER_STATUSES = (OfferStatus.NOMINATED, OfferStatus.OFFERED)


class RefusedBy(models.TextChoices):
    APPLICANT = "applicant", _("The applicant")
    LANDLORD = "landlord", _("The landlord")


class Offer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    advert = models.ForeignKey(Advert, on_delete=models.PROTECT, related_name="offers")
    entry = models.ForeignKey(ShortlistEntry, on_delete=models.PROTECT, related_name="offers")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="offers")
    status = models.CharField(max_length=10, choices=OfferStatus.choices)
    nominated_at = models.DateTimeField(null=True, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    viewing_text = models.TextField(_("viewing"), blank=True)
    # The answer is due by the end of this day (working days from the offer, bank holidays
    # in England and Wales not counted).
    respond_by = models.DateField(_("answer by"), null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_late = models.BooleanField(default=False)
    refused_by = models.CharField(max_length=10, choices=RefusedBy.choices, blank=True)
    refusal_reason = models.TextField(_("why it was refused"), blank=True)
    # The officer's judgement: a refusal of a suitable offer counts towards the policy's refusal
    # rules; a refusal of an unsuitable one does not.
    refusal_counts = models.BooleanField(default=False)
    consequence = models.TextField(_("what follows from the refusal"), blank=True)
    tenancy_starts_on = models.DateField(_("tenancy starts"), null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("advert",),
                condition=Q(status__in=("nominated", "offered", "accepted")),
                name="lettings_offer_one_at_a_time",
            ),
        )

    def __str__(self) -> str:
        return f"Offer of {self.advert.reference}"


class LetRoute(models.TextChoices):
    CBL = "cbl", _("Choice-based lettings")
    PLAN = "plan", _("Local lettings plan")
    DIRECT = "direct", _("Direct let")


class Let(models.Model):
    """A home let: what the public lettings results show (never who was housed)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    advert = models.OneToOneField(Advert, on_delete=models.PROTECT, related_name="let")
    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="let")
    route = models.CharField(max_length=10, choices=LetRoute.choices)
    let_on = models.DateField()
    tenancy_starts_on = models.DateField()
    bids = models.PositiveIntegerField()
    # The successful household's standing on the shortlist: band and priority date, or points.
    band = models.CharField(max_length=20, blank=True)
    points = models.IntegerField(null=True, blank=True)
    priority_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-let_on",)
        indexes = (models.Index(fields=("let_on",)),)

    def __str__(self) -> str:
        return f"Let of {self.advert.reference}"
