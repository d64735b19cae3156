"""Forms for the household's current home, money, support needs, armed forces service,
behaviour, preferred areas and the council's own questions (one question a page)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from hearth.register.forms.apply import (
    YES,
    StepForm,
    details_field,
    postcode_clean,
    postcode_field,
    yes_no,
    yes_no_field,
    yes_no_once_answered,
)
from hearth.register.forms.apply_people import require_details_if_yes
from hearth.register.models import ArmedForces, Benefit, Tenure


class HomeAddressForm(StepForm):
    label_is_page_heading = False
    heading = "What is your address?"

    home_address = forms.CharField(
        label="Address",
        max_length=500,
        help_text="House number or name, street, town",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={"required": "Enter your address"},
    )
    home_postcode = postcode_field()

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        return {"home_address": h.home_address, "home_postcode": h.home_postcode}

    def clean_home_postcode(self) -> str:
        return postcode_clean(self.cleaned_data.get("home_postcode", ""))


TENURE_CHOICES = [
    (Tenure.PRIVATE_RENTED, "I rent from a private landlord"),
    (Tenure.SOCIAL_RENTED, "I rent from the council or a housing association"),
    (Tenure.FAMILY, "I live with family or friends"),
    (Tenure.OWNER, "I own my home or have a mortgage"),
    (Tenure.TEMPORARY, "I am in temporary accommodation"),
    (Tenure.NONE, "I have no settled home (for example sofa surfing or sleeping rough)"),
]


class TenureForm(StepForm):
    home_tenure = forms.ChoiceField(
        label="Which best describes where you live now?",
        choices=TENURE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which best describes where you live now"},
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return {"home_tenure": record.household.home_tenure or None}


class LandlordForm(StepForm):
    home_landlord = forms.CharField(
        label="Who is your landlord?",
        max_length=150,
        help_text="The name of the person, housing association or company you pay rent to",
        error_messages={"required": "Enter the name of your landlord"},
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return {"home_landlord": record.household.home_landlord}


class BedroomsForm(StepForm):
    home_bedrooms = forms.IntegerField(
        label="How many bedrooms can your household use where you live now?",
        min_value=0,
        max_value=20,
        help_text="Count only the bedrooms your household uses, not rooms other people sleep in",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter how many bedrooms your household can use",
            "invalid": "Number of bedrooms must be a whole number, like 2",
            "min_value": "Number of bedrooms must be 0 or more",
            "max_value": "Number of bedrooms must be 20 or fewer",
        },
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        return {"home_bedrooms": h.home_bedrooms if h.home_tenure else None}


class FacilitiesForm(StepForm):
    home_shares_facilities = yes_no_field(
        "Do you share a kitchen, bathroom or toilet with people outside your household?",
        "Select yes if you share a kitchen, bathroom or toilet",
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return {"home_shares_facilities": yes_no(record.household.home_shares_facilities)}

    def answers(self) -> dict[str, Any]:
        return {"home_shares_facilities": self.cleaned_data["home_shares_facilities"] == YES}


class ConditionForm(StepForm):
    label_is_page_heading = "home_disrepair"

    home_disrepair = yes_no_field(
        "Is your home in serious disrepair?",
        "Select yes if your home is in serious disrepair",
        hint="For example, damp and mould, no heating, or a dangerous structure",
    )
    home_condition = details_field("If yes, tell us what is wrong with your home")

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        return {"home_disrepair": yes_no(h.home_disrepair), "home_condition": h.home_condition}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        require_details_if_yes(
            self, "home_disrepair", "home_condition", "Tell us what is wrong with your home"
        )
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "home_disrepair": data["home_disrepair"] == YES,
            "home_condition": data["home_condition"].strip(),
        }


def money_field(label: str, hint: str, required_message: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=hint,
        min_value=Decimal(0),
        max_value=Decimal("9999999"),
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"prefix": "£", "class": "govuk-input--width-10", "inputmode": "decimal"}
        ),
        error_messages={
            "required": required_message,
            "invalid": "Enter an amount in pounds, like 12000 or 12000.50",
            "min_value": "Enter an amount of £0 or more",
            "max_value": "Enter an amount less than £10,000,000",
            "max_decimal_places": "Enter an amount in pounds and pence, like 12000.50",
        },
    )


class IncomeForm(StepForm):
    income_yearly = money_field(
        "What is your household's total income a year, before tax?",
        "Include wages, benefits and pensions of everyone who will live with you. Enter 0 if none",
        "Enter your household's income a year",
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        return {"income_yearly": h.income_yearly if "money" in record.answers.started else None}


class SavingsForm(StepForm):
    savings = money_field(
        "How much does your household have in savings?",
        "Include bank and building society accounts, shares and bonds. Enter 0 if none",
        "Enter how much your household has in savings",
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        return {"savings": h.savings if "money" in record.answers.started else None}


class BenefitsForm(StepForm):
    show_optional_suffix = False

    benefits = forms.MultipleChoiceField(
        label="Does anyone in your household get any of these benefits?",
        help_text="Select all that apply. Leave them all unticked if none",
        required=False,
        choices=Benefit.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return {"benefits": list(record.household.benefits)}


class PropertyForm(StepForm):
    label_is_page_heading = "owns_property"

    owns_property = yes_no_field(
        "Does anyone in your household own a home or land, here or abroad?",
        "Select yes if anyone in your household owns a home or land",
    )
    owns_property_details = details_field(
        "If yes, tell us where it is and why you cannot live there", rows=3
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        done = "money" in record.answers.sections_done
        return {
            "owns_property": yes_no_once_answered(h.owns_property, done),
            "owns_property_details": h.owns_property_details,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        require_details_if_yes(
            self, "owns_property", "owns_property_details", "Tell us about the home or land"
        )
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "owns_property": data["owns_property"] == YES,
            "owns_property_details": data["owns_property_details"].strip(),
        }


class SupportForm(StepForm):
    label_is_page_heading = "needs_support"

    needs_support = yes_no_field(
        "Does anyone in your household need support to live independently?",
        "Select yes if anyone needs support to live independently",
        hint="For example, help managing money, a support worker, or help with mental health",
    )
    support_needs = details_field("If yes, tell us what support they need")

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        done = "support" in record.answers.sections_done
        return {
            "needs_support": yes_no_once_answered(bool(h.support_needs), done),
            "support_needs": h.support_needs,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        require_details_if_yes(
            self, "needs_support", "support_needs", "Tell us what support is needed"
        )
        return data

    def answers(self) -> dict[str, Any]:
        return {"support_needs": self.cleaned_data["support_needs"].strip()}


ARMED_FORCES_NONE = "none"


class ArmedForcesForm(StepForm):
    armed_forces = forms.ChoiceField(
        label="Has anyone in your household served in the armed forces?",
        choices=[
            *[(value, text) for value, text in ArmedForces.choices if value],
            (ARMED_FORCES_NONE, "No"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether anyone in your household served in the armed forces"
        },
    )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        done = "armed-forces" in record.answers.sections_done
        return {"armed_forces": h.armed_forces or (ARMED_FORCES_NONE if done else None)}

    def answers(self) -> dict[str, Any]:
        value = self.cleaned_data["armed_forces"]
        return {"armed_forces": "" if value == ARMED_FORCES_NONE else value}


class BehaviourForm(StepForm):
    label_is_page_heading = "unacceptable_behaviour"

    unacceptable_behaviour = yes_no_field(
        "Has anyone in your household had rent arrears, been evicted, or been accused of "
        "anti-social behaviour?",
        "Select yes if anyone in your household has had rent arrears, been evicted or been "
        "accused of anti-social behaviour",
        hint="Tell us even if it was a long time ago or it has been sorted out. It does not "
        "always stop you joining the register",
    )
    unacceptable_behaviour_details = details_field("If yes, tell us what happened and when")

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        h = record.household
        done = "behaviour" in record.answers.sections_done
        return {
            "unacceptable_behaviour": yes_no_once_answered(h.unacceptable_behaviour, done),
            "unacceptable_behaviour_details": h.unacceptable_behaviour_details,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        require_details_if_yes(
            self,
            "unacceptable_behaviour",
            "unacceptable_behaviour_details",
            "Tell us what happened and when",
        )
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "unacceptable_behaviour": data["unacceptable_behaviour"] == YES,
            "unacceptable_behaviour_details": data["unacceptable_behaviour_details"].strip(),
        }
