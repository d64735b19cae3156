"""A household's history and standing: periods somewhere (for local connection), the needs an
officer awarded, and the assessments made under a council's policy."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation
from hearth.policy.models import PolicyVersion
from hearth.register.models.household import AssessedMobility, Household


class PeriodKind(models.TextChoices):
    RESIDENCE = "residence", _("Lived there")
    WORK = "work", _("Worked there")
    FAMILY = "family", _("Close family lived there")


class Period(models.Model):
    """A stretch of time somewhere, for local connection: living, working, or family there."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("type"), max_length=20, choices=PeriodKind.choices)
    # Empty for a place outside the partnership.
    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "council"},
    )
    parish = models.CharField(_("parish"), max_length=100, blank=True)
    # The area question was answered "Somewhere else, or I'm not sure". The parish stays empty
    # (to the rules it is no parish either way), but this keeps that answer apart from a
    # question never answered, so the form can show it again and officers can tell the two apart.
    parish_not_known = models.BooleanField(_("area not known"), default=False)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)  # empty: still going
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"), default=0)
    # Residence only: supported housing the household was placed in, outside the area it lived
    # in before. Time here counts as residence in that earlier area (the address before it).
    supported_placement = models.BooleanField(_("placed in supported housing"), default=False)
    # The address (residence), the employer's address (work) or the relative's address (family).
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    # Work: the employer; family: who the relative is to the applicant.
    detail = models.CharField(_("employer or relative"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__lte=168), name="period_hours_in_a_week"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PeriodKind.values), name="period_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(parish_not_known=False) | Q(parish=""),
                name="period_parish_or_not_known",
            ),
            models.CheckConstraint(
                condition=Q(supported_placement=False) | Q(kind="residence"),
                name="period_placement_is_residence",
            ),
        ]
        indexes = [models.Index(fields=["postcode"], name="period_postcode_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.start}"


class NeedAward(models.Model):
    """A need reason an officer awarded (medical, welfare, hardship…), from a date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="need_awards")
    # A need reason code of the council's policy (checked by the service, not the database).
    code = models.CharField(_("need reason"), max_length=60)
    awarded_on = models.DateField(_("awarded on"))
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    # Why the award ended, when the system ended it (an officer's withdrawal leaves it blank).
    withdrawn_reason = models.CharField(_("reason withdrawn"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["awarded_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="need_award_code_not_blank"),
            # A household holds a need reason once: two officers awarding it at the same moment
            # cannot both succeed (the service turns the refusal into a form error).
            models.UniqueConstraint(
                fields=["household", "code"],
                condition=Q(withdrawn_on__isnull=True),
                name="need_award_one_active_per_code",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("awarded_on")),
                name="need_award_withdrawn_after_award",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} from {self.awarded_on}"


class AssessmentStatus(models.TextChoices):
    QUALIFIES = "qualifies", _("Qualifies")
    NOT_QUALIFYING = "not_qualifying", _("Does not qualify")
    INELIGIBLE = "ineligible", _("Not eligible")


ASSESSMENT_NEWEST_FIRST = ("-assessed_on", "-created_at", "-id")
"""The one order of a household's assessments, newest first: by the date assessed for, then by
when it was made, then by id, so two assessments made at the same moment always sort the same
way. The household's current assessment is the first (`selectors.assessment.assessment_latest`).
"""


class Assessment(models.Model):
    """The outcome of applying a council's policy to a household. Never changed once made.

    The household's current assessment is its first in `ASSESSMENT_NEWEST_FIRST` order.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="assessments")
    # Every assessment records the version of the policy it used.
    policy_version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField(_("assessed on"))
    qualifies = models.BooleanField(_("qualifies"))
    status = models.CharField(_("outcome"), max_length=20, choices=AssessmentStatus.choices)
    band = models.CharField(_("band"), max_length=20, blank=True)  # blank for points schemes
    points = models.IntegerField(_("points"), null=True, blank=True)
    priority_date = models.DateField(_("priority date"), null=True, blank=True)
    bedroom_need = models.PositiveSmallIntegerField(_("bedrooms needed"))
    local_connection = models.BooleanField(_("local connection"))
    # Capped by a rule that also ranks the household below those the cap did not touch.
    ranked_below = models.BooleanField(_("ranked below uncapped households"), default=False)
    # Plain-English reasons, one line each, as the applicant is told them.
    explanation = models.JSONField(_("reasons"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = list(ASSESSMENT_NEWEST_FIRST)
        constraints = [
            models.CheckConstraint(
                condition=Q(qualifies=True, status=AssessmentStatus.QUALIFIES)
                | Q(
                    qualifies=False,
                    status__in=[AssessmentStatus.NOT_QUALIFYING, AssessmentStatus.INELIGIBLE],
                ),
                name="assessment_qualifies_matches_status",
            ),
        ]
        indexes = [
            models.Index(
                fields=["household", "-assessed_on", "-created_at"], name="assessment_latest_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} assessed on {self.assessed_on}"


class MobilityAssessment(models.Model):
    """An officer's assessment of the home a household needs (`AssessedMobility`) and its
    adaptations, from the date it was made. Never changed once made: the household record
    holds the newest (`Household.assessed_mobility`), and ranking on a past day (a shortlist
    ranked again as it stood at its close) reads the one made by then."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="mobility_assessments"
    )
    assessed_mobility = models.CharField(
        _("assessed mobility need"), max_length=1, choices=AssessedMobility.choices, blank=True
    )
    adaptations = models.TextField(_("adaptations needed"), blank=True)
    assessed_on = models.DateField(_("mobility assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["household", "-assessed_on", "-created_at"], name="mobility_newest_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(assessed_mobility__in=AssessedMobility.values),
                name="mobility_assessment_need_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Mobility {self.assessed_mobility or 'none'} from {self.assessed_on}"
