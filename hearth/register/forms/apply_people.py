"""Forms for the people in the application: the lead applicant, everyone who will live with
them, and each person's health and wellbeing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from hearth.core import clock
from hearth.core.forms.govuk import GovukDateField
from hearth.core.forms.person_details import PersonNameValidator, phone_clean
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.register.forms.apply import (
    NO,
    YES,
    StepForm,
    details_field,
    yes_no,
    yes_no_field,
)
from hearth.register.models import (
    ACTIVITIES_WITH_HOURS,
    EconomicActivity,
    Mobility,
    Relationship,
    Sex,
    national_insurance_number,
)


def _yesterday() -> dt.date:
    return clock.today() - dt.timedelta(days=1)


def birth_date_field(label: str) -> GovukDateField:
    field = GovukDateField(
        label=label,
        max_date=_yesterday,
        help_text="For example, 27 3 1990",
        widget=GovukDateField.widget(attrs={"autocomplete": "bday"}),
    )
    field.error_messages.update(
        required="Enter a date of birth",
        after_max="Enter a date of birth in the past",
    )
    return field


def nino_clean(value: str) -> str:
    compact = value.replace(" ", "").upper()
    if compact:
        national_insurance_number(compact)
    return compact


NAME_ERRORS = {
    "required": "Enter a full name",
    "max_length": "Name must be 150 characters or fewer",
}
SEX_CHOICES = [(Sex.FEMALE, "Female"), (Sex.MALE, "Male")]


class LeadDetailsForm(StepForm):
    label_is_page_heading = False

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        validators=[PersonNameValidator("your full name")],
    )
    date_of_birth = birth_date_field("Date of birth")
    sex = forms.ChoiceField(
        label="Sex",
        choices=SEX_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your sex"},
    )
    heading = "Your details"

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        lead = record.lead
        if lead is None:
            return {"full_name": record.household.contact_name}
        return {"full_name": lead.full_name, "date_of_birth": lead.date_of_birth, "sex": lead.sex}


class PregnantForm(StepForm):
    pregnant = yes_no_field("Are you pregnant?", "Select yes if you are pregnant")

    def __init__(self, *args: Any, person_name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if person_name:
            self.fields["pregnant"].label = f"Is {person_name} pregnant?"
            self.fields["pregnant"].error_messages["required"] = (
                f"Select yes if {person_name} is pregnant"
            )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return {"pregnant": yes_no(record.lead.pregnant)} if record.lead else {}

    def answers(self) -> dict[str, Any]:
        return {"pregnant": self.cleaned_data["pregnant"] == YES}


class NationalInsuranceForm(StepForm):
    national_insurance_number = forms.CharField(
        label="What is your National Insurance number?",
        required=False,
        max_length=13,
        help_text=(
            "It's on your National Insurance card, benefit letter, payslip or P60. "
            "For example, AB 12 34 56 C"
        ),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return (
            {"national_insurance_number": record.lead.national_insurance_number}
            if record.lead
            else {}
        )

    def clean_national_insurance_number(self) -> str:
        return nino_clean(self.cleaned_data.get("national_insurance_number", ""))


class ContactForm(StepForm):
    label_is_page_heading = False
    heading = "How can we contact you?"

    contact_phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="We can send you text messages about your application",
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}
        ),
    )
    contact_email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Applicants with an account already gave us their email address.
        if self.record is not None and self.record.household.applicant_id is not None:
            del self.fields["contact_email"]

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        household = record.household
        return {"contact_phone": household.contact_phone, "contact_email": household.contact_email}

    def clean_contact_phone(self) -> str:
        return phone_clean(self.cleaned_data.get("contact_phone", ""))


RELATIONSHIP_CHOICES = [
    (Relationship.PARTNER, "Partner, husband or wife"),
    (Relationship.JOINT, "Joint applicant (someone applying with you, not your partner)"),
    (Relationship.CHILD, "Son or daughter"),
    (Relationship.PARENT, "Parent"),
    (Relationship.SIBLING, "Brother or sister"),
    (Relationship.OTHER, "Other relative or someone else"),
]


class PersonForm(StepForm):
    """Add or change someone who will live with the applicant."""

    label_is_page_heading = False

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages=NAME_ERRORS,
        validators=[PersonNameValidator("their full name")],
    )
    relationship = forms.ChoiceField(
        label="What is their relationship to you?",
        choices=RELATIONSHIP_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their relationship to you"},
    )
    date_of_birth = birth_date_field("Date of birth")
    sex = forms.ChoiceField(
        label="Sex",
        choices=SEX_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their sex"},
    )
    national_insurance_number = forms.CharField(
        label="National Insurance number",
        required=False,
        max_length=13,
        help_text="If they are 16 or over and you know it. For example, AB 12 34 56 C",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )

    @staticmethod
    def initial_of(person: Any) -> dict[str, Any]:
        return {
            "full_name": person.full_name,
            "relationship": person.relationship,
            "date_of_birth": person.date_of_birth,
            "sex": person.sex,
            "national_insurance_number": person.national_insurance_number,
        }

    def clean_national_insurance_number(self) -> str:
        return nino_clean(self.cleaned_data.get("national_insurance_number", ""))


class PersonAddForm(OneSubmissionForm, PersonForm):
    """Adding someone carries a one-time token, so the form sent twice (a double click, the
    back button) adds them once; changing someone sets the same answers again and needs none
    (docs/adr/0014)."""


class HealthForm(StepForm):
    """One person's health and wellbeing."""

    label_is_page_heading = False

    disabled = yes_no_field(
        "Do you have a disability or a long-term health condition?",
        "Select yes if you have a disability or a long-term health condition",
    )
    mobility = forms.ChoiceField(
        label="Can you get around your home?",
        choices=[
            ("none", "Yes, I have no mobility needs"),
            *[(value, text) for value, text in Mobility.choices if value],
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you get around your home"},
    )
    needs_overnight_carer = yes_no_field(
        "Do you need a carer to stay overnight?", "Select yes if you need a carer to stay overnight"
    )
    medical_needs = details_field(
        "How does your health affect where you live now?",
        hint="For example, you cannot manage the stairs, or the damp makes your asthma worse",
    )
    welfare_needs = details_field(
        "Is there anything else about your wellbeing we should know?",
        hint=(
            "For example, you need to be near someone who cares for you, or you do not feel "
            "safe where you live"
        ),
    )

    def __init__(self, *args: Any, person: Any, is_lead: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_lead:
            name = person.full_name
            self.fields[
                "disabled"
            ].label = f"Does {name} have a disability or a long-term health condition?"
            self.fields["disabled"].error_messages["required"] = (
                f"Select yes if {name} has a disability or a long-term health condition"
            )
            self.fields["mobility"].label = f"Can {name} get around the home?"
            mobility = self.fields["mobility"]
            assert isinstance(mobility, forms.ChoiceField)  # noqa: S101 - declared above
            mobility.choices = [
                ("none", "Yes, they have no mobility needs"),
                *[(value, text) for value, text in Mobility.choices if value],
            ]
            self.fields[
                "needs_overnight_carer"
            ].label = f"Does {name} need a carer to stay overnight?"
            self.fields["needs_overnight_carer"].error_messages["required"] = (
                f"Select yes if {name} needs a carer to stay overnight"
            )
            self.fields[
                "medical_needs"
            ].label = f"How does {name}'s health affect where you live now?"
            self.fields[
                "welfare_needs"
            ].label = f"Is there anything else about {name}'s wellbeing we should know?"

    @staticmethod
    def initial_of(person: Any) -> dict[str, Any]:
        touched = person.disabled or person.mobility or person.medical_needs or person.welfare_needs
        return {
            "disabled": yes_no(person.disabled) if touched else None,
            "mobility": person.mobility or ("none" if touched else None),
            "needs_overnight_carer": yes_no(person.needs_overnight_carer) if touched else None,
            "medical_needs": person.medical_needs,
            "welfare_needs": person.welfare_needs,
        }

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "disabled": data["disabled"] == YES,
            "mobility": "" if data["mobility"] == "none" else data["mobility"],
            "needs_overnight_carer": data["needs_overnight_carer"] == YES,
            "medical_needs": data["medical_needs"].strip(),
            "welfare_needs": data["welfare_needs"].strip(),
        }


# For each activity done for some hours: the hours question revealed under it, and what the
# person does in those hours (for the error messages).
ACTIVITY_HOURS: dict[str, tuple[str, str]] = {
    EconomicActivity.EMPLOYED: ("Hours a week in paid work", "in paid work"),
    EconomicActivity.SELF_EMPLOYED: ("Hours a week working for yourself", "self-employed"),
    EconomicActivity.TRAINING: (
        "Hours a week in education or training",
        "in education or training",
    ),
    EconomicActivity.VOLUNTEERING: ("Hours a week volunteering", "volunteering"),
}
MOST_HOURS = 99


def hours_field_name(activity: str) -> str:
    return f"hours_{activity}"


def _hours_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,  # required for its activity only: see ActivityForm.clean
        max_length=10,
        help_text="A usual week, rounded to the nearest hour",
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-3",
                "inputmode": "numeric",
                "spellcheck": "false",
                "suffix": "hours",
            }
        ),
    )


class ActivityForm(StepForm):
    """What one adult does: work, training, volunteering or something else, and for the first
    four how many hours a week. The hours question is revealed under its answer; without
    JavaScript every hours question shows, and only the one for the chosen answer is used."""

    show_optional_suffix = False

    economic_activity = forms.ChoiceField(
        label="What do you do?",
        help_text="If more than one applies, choose the one you spend most time on",
        choices=EconomicActivity.choices,
        widget=forms.RadioSelect(
            attrs={
                "conditional": {
                    str(activity): [hours_field_name(activity)] for activity in ACTIVITY_HOURS
                }
            }
        ),
        error_messages={"required": "Select what you do"},
    )
    hours_employed = _hours_field(ACTIVITY_HOURS[EconomicActivity.EMPLOYED][0])
    hours_self_employed = _hours_field(ACTIVITY_HOURS[EconomicActivity.SELF_EMPLOYED][0])
    hours_training = _hours_field(ACTIVITY_HOURS[EconomicActivity.TRAINING][0])
    hours_volunteering = _hours_field(ACTIVITY_HOURS[EconomicActivity.VOLUNTEERING][0])

    def __init__(self, *args: Any, person: Any, is_lead: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subject = "you" if is_lead else person.full_name
        if not is_lead:
            field = self.fields["economic_activity"]
            field.label = f"What does {person.full_name} do?"
            field.error_messages["required"] = f"Select what {person.full_name} does"

    @staticmethod
    def initial_of(person: Any) -> dict[str, Any]:
        activity = person.economic_activity
        initial: dict[str, Any] = {"economic_activity": activity or None}
        if activity in ACTIVITY_HOURS and person.hours_per_week is not None:
            initial[hours_field_name(activity)] = str(person.hours_per_week)
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        activity = data.get("economic_activity")
        data["hours_per_week"] = None
        if activity in ACTIVITIES_WITH_HOURS:
            name = hours_field_name(activity)
            doing = ACTIVITY_HOURS[activity][1]
            hours, problem = _hours_parse(data.get(name) or "")
            if problem:
                who = "you are" if self.subject == "you" else f"{self.subject} is"
                self.add_error(name, ValidationError(problem.format(who=who, doing=doing)))
            data["hours_per_week"] = hours
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "economic_activity": data["economic_activity"],
            "hours_per_week": data["hours_per_week"],
        }


def _hours_parse(text: str) -> tuple[int | None, str]:
    """Hours a week from what was typed, or a GOV.UK message ({who} and {doing} to fill in)."""
    typed = text.strip().lower().removesuffix("hours").removesuffix("hrs").strip()
    if not typed:
        return None, "Enter how many hours a week {who} {doing}"
    if not (typed.isascii() and typed.isdigit()):
        return None, "Hours a week must be a whole number, like 16"
    hours = int(typed)
    if not 1 <= hours <= MOST_HOURS:
        return None, f"Hours a week must be between 1 and {MOST_HOURS}"
    return hours, ""


def require_details_if_yes(form: forms.Form, choice: str, details: str, message: str) -> None:
    """A "Yes" answer needs its details; a "No" answer keeps none."""
    data = form.cleaned_data
    if data.get(choice) == YES and not (data.get(details) or "").strip():
        form.add_error(details, ValidationError(message))
    if data.get(choice) == NO:
        data[details] = ""
