"""Forms for starting, finishing and sending an application, and shared question types.

Each step form turns a record into its `initial` (`initial_for`) and its cleaned data into the
service's changes (`answers`), so the step views stay the same for every step.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.person_details import PersonNameValidator, phone_clean
from hearth.core.forms.submissions import FIELD, OneSubmissionForm
from hearth.core.models import Organisation

YES, NO = "yes", "no"
YES_NO = [(YES, "Yes"), (NO, "No")]
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def yes_no_field(label: str, required_message: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        error_messages={"required": required_message},
    )


def yes_no(value: bool) -> str:
    return YES if value else NO


def yes_no_once_answered(value: bool, answered: bool) -> str | None:
    """The saved yes or no, or no choice shown while the question has not been answered (a
    "no" saved by default must not look like the applicant's answer)."""
    return yes_no(value) if answered or value else None


def details_field(label: str, *, rows: int = 4, hint: str = "") -> forms.CharField:
    """An optional box for telling us more, in the applicant's own words."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def answers_of(form: forms.Form) -> dict[str, Any]:
    """A form's cleaned answers, without the one-time token a form that adds something carries."""
    return {name: value for name, value in form.cleaned_data.items() if name != FIELD}


def postcode_clean(value: str, *, required: bool = True) -> str:
    """A UK postcode in capitals with one space ("MV1 2AB"), or a GOV.UK message."""
    compact = value.replace(" ", "").upper()
    if not compact:
        if required:
            raise ValidationError("Enter a postcode")
        return ""
    if not POSTCODE.match(compact):
        raise ValidationError("Enter a real postcode, like MV1 2AB")
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_field(label: str = "Postcode", *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}
        ),
        error_messages={
            "required": "Enter a postcode",
            "max_length": "Enter a real postcode, like MV1 2AB",
        },
    )


class StepForm(GovukForm):
    """A step of the application form: knows how to read and write its answers."""

    label_is_page_heading: ClassVar[bool | str] = True

    def __init__(self, *args: Any, record: Any = None, **kwargs: Any) -> None:
        self.record = record
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return {}

    def answers(self) -> dict[str, Any]:
        return answers_of(self)


class StartForm(GovukForm):
    label_is_page_heading = True

    postcode = postcode_field("What is your postcode?")
    postcode.help_text = "The postcode of where you live now, for example MV1 2AB"

    def clean_postcode(self) -> str:
        return postcode_clean(self.cleaned_data.get("postcode", ""))


class CouncilForm(GovukForm):
    label_is_page_heading = True

    council = forms.ModelChoiceField(
        label="Which council's housing register do you want to join?",
        help_text=(
            "You can only be on one council's register. Usually this is the council for "
            "where you live now."
        ),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the council whose register you want to join",
            "invalid_choice": "Select the council whose register you want to join",
        },
    )

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["council"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = councils


class AssistedStartForm(OneSubmissionForm, GovukForm):
    contact_name = forms.CharField(
        label="Applicant's full name",
        max_length=150,
        error_messages={"required": "Enter the applicant's full name"},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        validators=[PersonNameValidator("the applicant's full name")],
    )
    contact_email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    contact_phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="For text messages about the application",
        widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
    )
    postcode = postcode_field("Postcode of where they live now")

    def clean_postcode(self) -> str:
        return postcode_clean(self.cleaned_data.get("postcode", ""))

    def clean_contact_phone(self) -> str:
        return phone_clean(self.cleaned_data.get("contact_phone", ""))


class DeclarationForm(GovukForm):
    consent = forms.BooleanField(
        label="I agree to the declaration",
        required=False,
    )


class ConfirmRemoveForm(GovukForm):
    label_is_page_heading = True

    confirm = forms.ChoiceField(
        label="Are you sure?",
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        error_messages={"required": "Select yes if you want to remove this"},
    )

    def __init__(self, *args: Any, question: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = question


class AddAnotherForm(GovukForm):
    """ "Do you need to add another…?" on a list page."""

    another = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline", "label_size": "m"}),
    )

    def __init__(self, *args: Any, question: str, required_message: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["another"]
        field.label = question
        field.error_messages["required"] = required_message
