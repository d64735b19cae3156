"""Bidding cycles, the scheme's rhythm that makes them, and each council's lettings settings."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation, Scheme
from hearth.lettings.rules.cycle_rhythm import Rhythm, Window, bid_in_time


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CycleRhythm(models.Model):
    """When the scheme's weekly bidding cycles open and close, in Europe/London time. One per
    scheme; a scheme without one uses the defaults (Thursday 00:01 to Monday 23:59)."""

    scheme = models.OneToOneField(Scheme, on_delete=models.CASCADE, related_name="cycle_rhythm")
    opens_weekday = models.PositiveSmallIntegerField(
        _("opens on"), choices=Weekday.choices, default=Weekday.THURSDAY
    )
    opens_time = models.TimeField(_("opens at"), default=dt.time(0, 1))
    closes_weekday = models.PositiveSmallIntegerField(
        _("closes on"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    closes_time = models.TimeField(_("closes at"), default=dt.time(23, 59))
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Cycles of {self.scheme}"

    @property
    def rhythm(self) -> Rhythm:
        return Rhythm(self.opens_weekday, self.opens_time, self.closes_weekday, self.closes_time)


class CycleStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for bids")
    CLOSED = "closed", _("Closed")


class Cycle(models.Model):
    """One bidding window of the scheme. Bids are accepted from `opens_at` up to and including
    `closes_at` (to the second, decided on the server)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="cycles")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    status = models.CharField(
        max_length=10, choices=CycleStatus.choices, default=CycleStatus.UPCOMING
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-opens_at",)
        constraints = (
            models.UniqueConstraint(fields=("scheme", "opens_at"), name="lettings_cycle_one_start"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="lettings_cycle_closes_after_open"
            ),
        )

    def __str__(self) -> str:
        return f"Cycle opening {self.opens_at:%d %B %Y}"

    def accepts_bids_at(self, instant: dt.datetime) -> bool:
        return self.status == CycleStatus.OPEN and bid_in_time(self.window, instant)

    @property
    def window(self) -> Window:
        return Window(self.opens_at, self.closes_at)


class NominationRoute(models.TextChoices):
    COUNCIL_NOMINATES = "council", _("The council nominates bidders to the landlord")
    LANDLORD_WORKS_SHORTLIST = "landlord", _("The landlord works the shortlist directly")


class CouncilLettings(models.Model):
    """How a council runs its lettings. A council without a row uses the defaults below."""

    council = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="lettings_settings"
    )
    adverts_need_approval = models.BooleanField(
        _("a lettings officer approves adverts before they go live"), default=True
    )
    nomination_route = models.CharField(
        _("who works the shortlist"),
        max_length=10,
        choices=NominationRoute.choices,
        default=NominationRoute.COUNCIL_NOMINATES,
    )
    offer_working_days = models.PositiveSmallIntegerField(
        _("working days to answer an offer"), default=2
    )
    # The first day the council's homes are advertised on choice-based lettings (set by a scheme
    # admin when the council goes live); empty while it is onboarding or allocates directly.
    cbl_live_from = models.DateField(_("live on choice-based lettings from"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Lettings settings of {self.council}"
