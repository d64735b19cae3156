"""One household, its people, its history and its assessments.

A household is recorded once ("tell us once"): the housing application and homelessness
casework both hang off the same `Household`, so nobody is asked the same thing twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from hearth.core.models import Organisation
from hearth.policy.models import PolicyVersion


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
