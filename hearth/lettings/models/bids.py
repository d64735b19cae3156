"""Bids, automatic bidding, and the shortlists made from the bids when a cycle closes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.lettings.models.adverts import Advert
from hearth.policy.models import PolicyVersion
from hearth.register.models import Application


class BidChannel(models.TextChoices):
    ONLINE = "online", _("Online, by the applicant")
    PHONE = "phone", _("By phone, placed by an officer")
    IN_PERSON = "in_person", _("In person, placed by an officer")
    AUTO = "auto", _("Automatic bid")
    MATCH = "match", _("Chosen by an officer from a match list")


class BidStatus(models.TextChoices):
    LIVE = "live", _("Live")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNSUCCESSFUL = "unsuccessful", _("Not successful")
    SUCCESSFUL = "successful", _("Successful")


class Bid(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    advert = models.ForeignKey(Advert, on_delete=models.PROTECT, related_name="bids")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="bids")
    status = models.CharField(max_length=12, choices=BidStatus.choices, default=BidStatus.LIVE)
    channel = models.CharField(max_length=10, choices=BidChannel.choices)
    placed_at = models.DateTimeField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The household sits on another council's register: its standing was worked out under the
    # advertising council's policy when it bid (the partner pot).
    cross_partner = models.BooleanField(default=False)
    # Where the live bid stands, kept so its queue position is a count, not a ranking of every
    # bid (`selectors/bids_order.py`): its order key under the advertising council's policy
    # version `ranked_policy`, with the bidder's standing on `ranked_on`; `rank_placed` is False
    # when it would not be shortlisted then (the key is then empty). Written when the bid is
    # placed and again by `bid_order_refresh`; a key of another day or policy is not counted.
    rank_key = models.CharField(max_length=600, blank=True, default="")
    rank_placed = models.BooleanField(default=False)
    ranked_on = models.DateField(null=True, blank=True)
    ranked_policy = models.ForeignKey(
        PolicyVersion,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
    )

    class Meta:
        ordering = ("placed_at",)
        indexes = (
            models.Index(fields=("advert", "status")),
            models.Index(fields=("application", "status")),
            models.Index(
                fields=("advert", "rank_key"),
                condition=Q(status="live", rank_placed=True),
                name="lettings_bid_live_order",
            ),
        )
        constraints = (
            models.UniqueConstraint(
                fields=("advert", "application"),
                condition=Q(status="live"),
                name="lettings_bid_one_live_per_advert",
            ),
        )

    def __str__(self) -> str:
        return f"Bid on {self.advert.reference}"


class AutoBid(models.Model):
    """An applicant an officer has set up for automatic bidding: at each cycle's opening the
    system bids for them on the best-matching homes they may bid for, within their limit."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="auto_bid"
    )
    reason = models.TextField(_("why the applicant needs it"))
    switched_on_at = models.DateTimeField()
    switched_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Automatic bidding for {self.application_id}"


class Shortlist(models.Model):
    """The ranked bids for one advert, made once when its cycle closed, under the advertising
    council's policy version in force at the close. Later changes to bidders never reorder it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    advert = models.OneToOneField(Advert, on_delete=models.PROTECT, related_name="shortlist")
    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="+")
    as_at = models.DateTimeField()  # the close instant the bidders' standing is read at
    ranked_at = models.DateTimeField()
    explanation = models.JSONField(default=list)  # how the list was ordered, a sentence each
    problems = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"Shortlist for {self.advert.reference}"


class EntryStatus(models.TextChoices):
    PLACED = "placed", _("Placed")
    EXCLUDED = "excluded", _("Not eligible")
    BYPASSED = "bypassed", _("Bypassed")


class ShortlistEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="entry")
    status = models.CharField(max_length=10, choices=EntryStatus.choices)
    position = models.PositiveIntegerField(null=True, blank=True)  # placed and bypassed only
    # (what, value) pairs in the order they were compared, as shown to officers.
    keys = models.JSONField(default=list)
    reason = models.TextField(blank=True)  # why excluded, in officers' words
    # The same reason as data, for the applicant's words: the refusal's code
    # (`hearth.policy.rules.eligibility`, or `not_assessed`) and what it was measured on
    # (`Refusal.facts`: the bedroom need and range, the ages and whose age counts, the mobility
    # need, the policy's own text…).
    reason_code = models.CharField(max_length=30, blank=True)
    reason_facts = models.JSONField(default=dict, blank=True)
    # The bidder's standing as the shortlist read it: the lettings results publish the band and
    # priority date (or points) of whoever is housed.
    band = models.CharField(max_length=20, blank=True)
    points = models.IntegerField(null=True, blank=True)
    priority_date = models.DateField(null=True, blank=True)
    bypass_reason = models.CharField(max_length=40, blank=True)
    bypass_note = models.TextField(blank=True)
    bypassed_at = models.DateTimeField(null=True, blank=True)
    bypassed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ("shortlist", "position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("shortlist", "position"), name="lettings_entry_one_per_position"
            ),
        )

    def __str__(self) -> str:
        return f"{self.position or '-'} on {self.shortlist_id}"
