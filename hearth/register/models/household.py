"""One household (its people: `person.py`; its history and assessments: `standing.py`).

A household is recorded once ("tell us once"): the housing application and homelessness
casework both hang off the same `Household`, so nobody is asked the same thing twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation


class HomelessnessDuty(models.TextChoices):
    NONE = "", _("No homelessness duty")
    PREVENTION = "prevention", _("Prevention duty (s195)")
    RELIEF = "relief", _("Relief duty (s189B)")
    MAIN = "main", _("Main housing duty (s193(2))")


class Tenure(models.TextChoices):
    SOCIAL_RENTED = "social_rented", _("Social housing tenant")
    PRIVATE_RENTED = "private_rented", _("Renting privately")
    OWNER = "owner", _("Owner occupier")
    FAMILY = "family", _("Living with family or friends")
    TEMPORARY = "temporary", _("Temporary accommodation")
    NONE = "none", _("No settled home")


class ArmedForces(models.TextChoices):
    NONE = "", _("No")
    SERVING = "serving", _("Serving member of the regular armed forces")
    LEFT_5_YEARS = "left_5_years", _("Left the regular armed forces in the last 5 years")
    RESERVE_INJURED = "reserve_injured", _("Reserve forces, injured or disabled in service")
    BEREAVED_PARTNER = (
        "bereaved_partner",
        _("Bereaved spouse or civil partner of someone who served"),
    )


class Benefit(models.TextChoices):
    UNIVERSAL_CREDIT = "universal_credit", _("Universal Credit")
    HOUSING_BENEFIT = "housing_benefit", _("Housing Benefit")
    PENSION_CREDIT = "pension_credit", _("Pension Credit")
    PIP = "pip", _("Personal Independence Payment (PIP)")
    DLA = "dla", _("Disability Living Allowance")
    ATTENDANCE_ALLOWANCE = "attendance_allowance", _("Attendance Allowance")
    CARERS_ALLOWANCE = "carers_allowance", _("Carer's Allowance")
    ESA = "esa", _("Employment and Support Allowance")
    CHILD_BENEFIT = "child_benefit", _("Child Benefit")
    STATE_PENSION = "state_pension", _("State Pension")


class Mobility(models.TextChoices):
    """Mobility categories, as homes are labelled with them (the scheme's mobility rules)."""

    NONE = "", _("No mobility needs")
    WHEELCHAIR_FULL = "wheelchair_full", _("Uses a wheelchair all the time")
    WHEELCHAIR_PART = "wheelchair_part", _("Uses a wheelchair some of the time")
    STEP_FREE = "step_free", _("Cannot manage steps or stairs")
    LIMITED = "limited", _("Can manage a few steps")


class AssessedMobility(models.TextChoices):
    """The home an officer assessed a household as needing, on the scheme's mobility scale."""

    NONE = "", _("No accessible home needed")
    M1 = "1", _("Mobility 1: a home wheelchair accessible throughout")
    M2 = "2", _("Mobility 2: a home wheelchair accessible to the essential rooms")
    M3 = "3", _("Mobility 3: a step-free home, for someone who walks with an aid")


class EconomicActivity(models.TextChoices):
    """What an adult mostly does: work, training, volunteering or something else. The codes are
    the policy engine's (`hearth.policy.rules.facts.ECONOMIC_ACTIVITIES`), so rules can use them.
    An empty answer means the question was never answered (applications made before it was
    asked), which is not the same as any of these."""

    EMPLOYED = "employed", _("In paid work for an employer")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    TRAINING = "training", _("In education or training")
    VOLUNTEERING = "volunteering", _("Volunteering")
    UNEMPLOYED = "unemployed", _("Unemployed and looking for work")
    LOOKING_AFTER_HOME = "looking_after_home", _("Looking after the home or family")
    RETIRED = "retired", _("Retired")
    UNABLE_TO_WORK = "unable_to_work", _("Unable to work because of illness or disability")


# The activities asked "how many hours a week?".
ACTIVITIES_WITH_HOURS = [
    EconomicActivity.EMPLOYED,
    EconomicActivity.SELF_EMPLOYED,
    EconomicActivity.TRAINING,
    EconomicActivity.VOLUNTEERING,
]


class Exemption(models.TextChoices):
    """Circumstances that exempt a household from local-connection rules."""

    ARMED_FORCES = "armed_forces", _("Serving or former member of the armed forces")
    DOMESTIC_ABUSE = "domestic_abuse", _("Fleeing domestic abuse")
    CARE_LEAVER = "care_leaver", _("Care leaver")
    HOMELESSNESS_DUTY = "homelessness_duty", _("Owed a homelessness duty")


def exemptions_validate(codes: Iterable[str]) -> list[str]:
    """The exemption codes, sorted and without repeats; `ValidationError` for an unknown one."""
    cleaned = sorted(set(codes))
    known = set(Exemption.values)
    unknown = [code for code in cleaned if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown exemption: %(codes)s"), params={"codes": ", ".join(unknown)}
        )
    return cleaned


def household_reference(prefix: str, number: int) -> str:
    """A household's human reference, such as "MC-004217": the council's prefix and a number."""
    return f"{prefix.upper()}-{number:06d}"


_MONEY_FIELDS = ("income_yearly", "savings", "housing_debt")


class Household(models.Model):
    """Everyone who would move together, on one council's register."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"kind": "council"},
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    registration_date = models.DateField(_("registration date"))
    is_transfer = models.BooleanField(_("social housing tenant asking to move"), default=False)
    eligible = models.BooleanField(_("eligible (immigration status)"), default=True)
    income_yearly = models.DecimalField(
        _("household income a year"), max_digits=12, decimal_places=2, default=0
    )
    savings = models.DecimalField(_("savings"), max_digits=12, decimal_places=2, default=0)
    housing_debt = models.DecimalField(
        _("housing debt"), max_digits=12, decimal_places=2, default=0
    )
    # An officer's record that the household has agreed, and keeps to, a plan to repay its
    # housing debt: a policy can refuse bids from households in arrears without one.
    repayment_arrangement = models.BooleanField(
        _("keeps to a repayment arrangement"), default=False
    )
    repayment_arrangement_note = models.TextField(_("repayment arrangement"), blank=True)
    # A refusal's "lower band" consequence: one band lower before this day (`band_lowerings_end`).
    band_lowered_until = models.DateField(_("band lowered until"), null=True, blank=True)
    owns_property = models.BooleanField(_("owns a home"), default=False)
    unacceptable_behaviour = models.BooleanField(_("unacceptable behaviour"), default=False)
    homelessness_duty = models.CharField(
        _("homelessness duty"), max_length=20, choices=HomelessnessDuty.choices, blank=True
    )
    reasonable_refusals = models.PositiveSmallIntegerField(
        _("reasonable offers refused"), default=0
    )
    # Codes from `Exemption`; services check them with `exemptions_validate`.
    exemptions = models.JSONField(_("local connection exemptions"), default=list, blank=True)
    # Blank only while an application is a draft that has not reached this question.
    home_tenure = models.CharField(
        _("current home"), max_length=20, choices=Tenure.choices, blank=True
    )
    home_bedrooms = models.PositiveSmallIntegerField(_("bedrooms in current home"), default=0)
    home_shares_facilities = models.BooleanField(
        _("shares a kitchen, bathroom or toilet"), default=False
    )
    home_disrepair = models.BooleanField(_("current home in serious disrepair"), default=False)
    home_landlord = models.CharField(_("landlord of current home"), max_length=150, blank=True)
    home_condition = models.TextField(_("problems with current home"), blank=True)
    home_address = models.TextField(_("current address"), blank=True)
    home_postcode = models.CharField(_("current postcode"), max_length=10, blank=True)
    # How to reach the household when it has no sign-in account (an officer applied with them),
    # and a phone number for text messages either way.
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email address"), blank=True)
    contact_phone = models.CharField(_("contact phone number"), max_length=30, blank=True)
    armed_forces = models.CharField(
        _("armed forces service"), max_length=20, choices=ArmedForces.choices, blank=True
    )
    # Codes from `Benefit`: what the household receives, for affordability and reporting.
    benefits = models.JSONField(_("benefits"), default=list, blank=True)
    owns_property_details = models.TextField(_("property owned"), blank=True)
    unacceptable_behaviour_details = models.TextField(
        _("unacceptable behaviour, in the applicant's words"), blank=True
    )
    support_needs = models.TextField(_("support needs"), blank=True)
    # Area codes from the scheme's list of areas, most wanted first.
    preferred_areas = models.JSONField(_("preferred areas"), default=list, blank=True)
    # Answers to the council's own extra questions, by question code.
    extra_answers = models.JSONField(_("answers to the council's own questions"), default=dict)
    # The home an officer assessed the household as needing, apart from what its people said of
    # themselves (`Person.mobility`) and from any need reason: adverts' mobility labels read it.
    assessed_mobility = models.CharField(
        _("assessed mobility need"), max_length=1, choices=AssessedMobility.choices, blank=True
    )
    assessed_adaptations = models.TextField(_("adaptations needed"), blank=True)
    mobility_assessed_on = models.DateField(_("mobility assessed on"), null=True, blank=True)
    mobility_assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The applicant's sign-in account; empty for households registered by staff or loaded.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="households",
        limit_choices_to={"is_applicant": True},
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reference"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{field}__gte": 0}), name=f"household_{field}_not_negative"
                )
                for field in _MONEY_FIELDS
            ),
            models.CheckConstraint(
                condition=Q(homelessness_duty__in=HomelessnessDuty.values),
                name="household_homelessness_duty_valid",
            ),
            models.CheckConstraint(
                condition=Q(home_tenure__in=[*Tenure.values, ""]),
                name="household_home_tenure_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reference=""), name="household_reference_not_blank"
            ),
            models.CheckConstraint(
                condition=Q(assessed_mobility__in=AssessedMobility.values),
                name="household_assessed_mobility_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "registration_date"], name="household_council_reg_idx")
        ]

    def __str__(self) -> str:
        return self.reference
