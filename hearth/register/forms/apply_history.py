"""Forms for the periods that show a local connection: addresses in the last five years, work,
and close family nearby."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.forms.govuk import GovukDateField, GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.register.forms.apply import answers_of, postcode_clean, postcode_field


def past_date_field(label: str, required_message: str, *, required: bool = True) -> GovukDateField:
    field = GovukDateField(
        label=label,
        required=required,
        max_date=clock.today,
        help_text="For example, 1 9 2021. If you do not know the exact day, enter 1",
    )
    field.error_messages.update(
        required=required_message, after_max="The date must be today or in the past"
    )
    return field


def address_field(label: str, required_message: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=500,
        help_text="House number or name, street, town",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": required_message},
    )


class PeriodForm(GovukForm):
    """The fields every period form shares; subclasses add theirs."""

    def clean_postcode(self) -> str:
        return postcode_clean(self.cleaned_data.get("postcode", ""), required=False)

    def answers(self) -> dict[str, Any]:
        return answers_of(self)

    @classmethod
    def initial_of(cls, period: Any) -> dict[str, Any]:
        """The form's answers as the period holds them (nothing for a new one)."""
        if period is None:
            return {}
        return {name: getattr(period, name) for name in cls.base_fields}


PLACED = "yes"


class MovedInForm(PeriodForm):
    """The current address: when the household moved in, and whether it was placed there in
    supported housing (who placed it is revealed under "Yes"; without JavaScript it shows, and
    is kept only with a "Yes")."""

    label_is_page_heading = True

    start = past_date_field(
        "When did you move to your current address?", "Enter the date you moved in"
    )
    supported_placement = forms.ChoiceField(
        label="Is this supported housing you were placed in, away from where you lived before?",
        help_text="For example a refuge, a hostel or a supported scheme you were referred to. "
        "Time there counts as living in the area you lived in before it",
        choices=[(PLACED, "Yes"), ("no", "No")],
        required=False,
        widget=forms.RadioSelect(attrs={"conditional": {PLACED: ["detail"]}}),
    )
    detail = forms.CharField(
        label="Who placed you there?",
        help_text="For example the council, a support service, or the name of the scheme",
        max_length=150,
        required=False,
    )

    @classmethod
    def initial_of(cls, period: Any) -> dict[str, Any]:
        if period is None:
            return {}
        return {
            "start": period.start,
            "supported_placement": PLACED if period.supported_placement else "no",
            "detail": period.detail,
        }

    def placement(self) -> dict[str, Any]:
        """The answers about a placement, as the period keeps them."""
        placed = self.cleaned_data.get("supported_placement") == PLACED
        return {
            "supported_placement": placed,
            "detail": self.cleaned_data.get("detail", "").strip() if placed else "",
        }


class AddressForm(PeriodForm):
    address = address_field("Address", "Enter the address")
    postcode = postcode_field("Postcode", required=False)
    start = past_date_field("When did you move in?", "Enter the date you moved in")
    end = past_date_field("When did you move out?", "Enter the date you moved out")
    supported_placement = forms.BooleanField(
        label="This was supported housing I was placed in, away from where I lived before",
        help_text="For example a refuge, a hostel or a supported scheme you were referred to. "
        "Time there counts as living in the area you lived in before it",
        required=False,
    )


class JobForm(PeriodForm):
    detail = forms.CharField(
        label="Employer",
        max_length=150,
        help_text="The name of the company or person who employs them",
        error_messages={"required": "Enter the name of the employer"},
    )
    address = address_field("Where is the job?", "Enter the address of the workplace")
    postcode = postcode_field("Postcode of the workplace", required=False)
    hours_per_week = forms.IntegerField(
        label="Hours a week",
        min_value=1,
        max_value=100,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input--width-3", "suffix": "hours"}
        ),
        error_messages={
            "required": "Enter how many hours a week the job is",
            "invalid": "Hours a week must be a whole number, like 16",
            "min_value": "Hours a week must be 1 or more",
            "max_value": "Hours a week must be 100 or fewer",
        },
    )
    start = past_date_field("When did the job start?", "Enter the date the job started")


class FamilyForm(PeriodForm):
    detail = forms.CharField(
        label="Who are they?",
        max_length=150,
        help_text="Their relationship to you, for example mother or brother",
        error_messages={"required": "Enter who they are to you"},
    )
    address = address_field("Where do they live?", "Enter their address")
    postcode = postcode_field("Their postcode", required=False)
    start = past_date_field("Since when have they lived there?", "Enter the date they moved there")


# Adding a place carries a one-time token, so a form sent twice (a double click, the back button)
# adds it once; changing one sets the same answers again and needs none (docs/adr/0014).
class AddressAddForm(OneSubmissionForm, AddressForm):
    pass


class JobAddForm(OneSubmissionForm, JobForm):
    pass


class FamilyAddForm(OneSubmissionForm, FamilyForm):
    pass


NOT_SURE = "not-sure"  # the radio for a place in none of the council's areas, or not known
# How a saved "not sure" is shown back: in the lists, check your answers and the officer's record.
NOT_SURE_TEXT = _("Somewhere else, or not sure")


class PeriodAreaForm(GovukForm):
    """Which of the council's areas a place is in (radios, with a way out for "not sure")."""

    label_is_page_heading = True

    def __init__(
        self,
        *args: Any,
        areas: tuple[str, ...],
        question: str,
        required_message: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"] = forms.ChoiceField(
            label=question,
            help_text=_(
                "Some homes in villages go first to people with a connection to that parish, "
                "for example because they have lived or worked there"
            ),
            choices=[
                *((area, area) for area in areas),
                (NOT_SURE, _("Somewhere else, or I'm not sure")),
            ],
            widget=forms.RadioSelect,
            error_messages={
                "required": required_message,
                "invalid_choice": _(
                    "Select one of the areas in the list, or select "
                    "'Somewhere else, or I'm not sure'"
                ),
            },
        )

    @staticmethod
    def initial_of(period: Any, areas: tuple[str, ...]) -> dict[str, Any]:
        """The saved answer: one of the areas, "not sure", or nothing if never answered (or the
        saved area is no longer one of the council's)."""
        if period.parish_not_known:
            return {"area": NOT_SURE}
        return {"area": period.parish} if period.parish in areas else {}

    @staticmethod
    def answer_text(period: Any) -> str:
        """The saved answer as words: the area, "Somewhere else, or not sure", or "" if the
        question was never answered."""
        if period.parish:
            return str(period.parish)
        return str(NOT_SURE_TEXT) if period.parish_not_known else ""

    def answer(self) -> str:
        chosen = str(self.cleaned_data["area"])
        return "" if chosen == NOT_SURE else chosen
