"""The people of a household: who they are to the lead applicant, and the facts about them."""

from __future__ import annotations

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from hearth.register.models.household import (
    ACTIVITIES_WITH_HOURS,
    EconomicActivity,
    Household,
    Mobility,
)


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Relationship(models.TextChoices):
    LEAD = "lead", _("Lead applicant")
    JOINT = "joint", _("Joint applicant")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other relative or person")


class Ethnicity(models.TextChoices):
    """The 19 ethnic groups of the 2021 Census for England and Wales (ONS), for monitoring."""

    ASIAN_BANGLADESHI = (
        "asian_bangladeshi",
        _("Asian, Asian British or Asian Welsh: Bangladeshi"),
    )
    ASIAN_CHINESE = "asian_chinese", _("Asian, Asian British or Asian Welsh: Chinese")
    ASIAN_INDIAN = "asian_indian", _("Asian, Asian British or Asian Welsh: Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Asian, Asian British or Asian Welsh: Pakistani")
    ASIAN_OTHER = (
        "asian_other",
        _("Asian, Asian British or Asian Welsh: Any other Asian background"),
    )
    BLACK_AFRICAN = (
        "black_african",
        _("Black, Black British, Black Welsh, Caribbean or African: African"),
    )
    BLACK_CARIBBEAN = (
        "black_caribbean",
        _("Black, Black British, Black Welsh, Caribbean or African: Caribbean"),
    )
    BLACK_OTHER = (
        "black_other",
        _("Black, Black British, Black Welsh, Caribbean or African: Any other Black background"),
    )
    MIXED_WHITE_ASIAN = (
        "mixed_white_asian",
        _("Mixed or Multiple ethnic groups: White and Asian"),
    )
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        _("Mixed or Multiple ethnic groups: White and Black African"),
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        _("Mixed or Multiple ethnic groups: White and Black Caribbean"),
    )
    MIXED_OTHER = (
        "mixed_other",
        _("Mixed or Multiple ethnic groups: Any other Mixed or Multiple background"),
    )
    WHITE_BRITISH = (
        "white_british",
        _("White: English, Welsh, Scottish, Northern Irish or British"),
    )
    WHITE_IRISH = "white_irish", _("White: Irish")
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("White: Roma")
    WHITE_OTHER = "white_other", _("White: Any other White background")
    OTHER_ARAB = "other_arab", _("Other ethnic group: Arab")
    OTHER_ANY = "other_any", _("Other ethnic group: Any other ethnic group")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")


national_insurance_number = RegexValidator(
    r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$",
    _("Enter a National Insurance number in the right format, like QQ123456C"),
)

# Lead applicant first, then everyone else oldest first.
lead_first = Case(When(relationship=Relationship.LEAD, then=Value(0)), default=Value(1))


class Person(models.Model):
    """Someone in a household."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    relationship = models.CharField(
        _("relationship to the lead applicant"), max_length=20, choices=Relationship.choices
    )
    # The other half of a couple: couples share a bedroom under every bedroom standard.
    partner = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pregnant = models.BooleanField(_("pregnant"), default=False)
    disabled = models.BooleanField(_("disabled or long-term health condition"), default=False)
    needs_overnight_carer = models.BooleanField(_("needs a carer overnight"), default=False)
    medical_needs = models.TextField(_("health and how the current home affects it"), blank=True)
    welfare_needs = models.TextField(_("welfare needs"), blank=True)
    mobility = models.CharField(_("mobility"), max_length=20, choices=Mobility.choices, blank=True)
    # Equality monitoring only: never used to decide anything.
    ethnicity = models.CharField(
        _("ethnic group"), max_length=40, choices=Ethnicity.choices, blank=True
    )
    national_insurance_number = models.CharField(
        _("National Insurance number"),
        max_length=9,
        blank=True,
        validators=[national_insurance_number],
    )
    # Empty: never answered (older applications), not "does nothing". Hours a week are kept
    # only for work, self-employment, training and volunteering, and only then.
    economic_activity = models.CharField(
        _("work, training or other activity"),
        max_length=30,
        choices=EconomicActivity.choices,
        blank=True,
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [lead_first.asc(), "date_of_birth", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(relationship=Relationship.LEAD),
                name="person_one_lead_per_household",
            ),
            models.CheckConstraint(condition=~Q(partner=F("id")), name="person_not_own_partner"),
            models.CheckConstraint(condition=Q(sex__in=Sex.values), name="person_sex_valid"),
            models.CheckConstraint(
                condition=Q(relationship__in=Relationship.values),
                name="person_relationship_valid",
            ),
            models.CheckConstraint(
                condition=Q(economic_activity__in=[*EconomicActivity.values, ""]),
                name="person_economic_activity_valid",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gte=1, hours_per_week__lte=99),
                name="person_hours_per_week_in_range",
            ),
            # Hours are given exactly when the activity is one that is done for some hours.
            models.CheckConstraint(
                condition=Q(
                    economic_activity__in=ACTIVITIES_WITH_HOURS, hours_per_week__isnull=False
                )
                | (
                    ~Q(economic_activity__in=ACTIVITIES_WITH_HOURS) & Q(hours_per_week__isnull=True)
                ),
                name="person_hours_only_with_activity",
            ),
        ]
        indexes = [
            # Finding the same person on two applications.
            models.Index(
                fields=["national_insurance_number"],
                condition=~Q(national_insurance_number=""),
                name="person_nino_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name
