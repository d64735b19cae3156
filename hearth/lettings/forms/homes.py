"""Forms for a landlord's homes: the home's details, and a photo with its description.

They collect and shape input only; `hearth.lettings.services.homes` checks it again and decides.
The council is a radio question; each council whose policy lists areas reveals a list of them
under its choice (without JavaScript every list is shown, and only the chosen council's is read).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.core.models import Organisation
from hearth.lettings.models import (
    EpcBand,
    MobilityCategory,
    Property,
    PropertyType,
    TenancyType,
)
from hearth.lettings.rules import homes as home_rules
from hearth.lettings.rules import photos as photo_rules
from hearth.lettings.rules.homes import HomeDetails
from hearth.lettings.selectors.council_choices import CouncilChoices
from hearth.register.forms.apply import (
    YES,
    postcode_clean,
    postcode_field,
    yes_no,
    yes_no_field,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Text

NOT_KNOWN = "none"  # the EPC band's "not known" choice (an empty value reads as no answer)


def _whole_number(label: str, hint: str, lowest: int, highest: int, what: str) -> forms.Field:
    message = f"Enter {what} as a number from {lowest} to {highest}"
    return forms.IntegerField(
        label=label,
        help_text=hint,
        min_value=lowest,
        max_value=highest,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": f"Enter {what}",
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def _money(label: Text, hint: Text, what: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=hint,
        required=required,
        min_value=Decimal(0),
        max_value=home_rules.MAX_WEEKLY,
        decimal_places=2,
        max_digits=7,
        widget=forms.TextInput(
            attrs={
                "prefix": "£",
                "suffix": _("a week"),
                "class": "govuk-input--width-5",
                "inputmode": "decimal",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"Enter the {what} in pounds and pence, like 95.50",
            "min_value": f"Enter the {what} as £0 or more",
            "max_value": f"Enter the {what} for a week, not a month or a year: £2,000 or less",
            "max_decimal_places": f"Enter the {what} in pounds and pence, like 95.50",
            "max_digits": f"Enter the {what} for a week, not a month or a year: £2,000 or less",
            "max_whole_digits": (
                f"Enter the {what} for a week, not a month or a year: £2,000 or less"
            ),
        },
    )


def area_field_name(council: Organisation) -> str:
    return f"area_{council.slug}"


class HomeForm(GovukForm):
    """A home's details, for a new home or a change to one."""

    address = forms.CharField(
        label=_("Address"),
        help_text=_("Without the postcode. Put each line of the address on its own line."),
        max_length=home_rules.ADDRESS_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={
            "required": _("Enter the address of the home"),
            "max_length": _("The address must be 500 characters or fewer"),
        },
    )
    postcode = postcode_field()
    council = forms.ChoiceField(
        label=_("Which council's area is the home in?"),
        help_text=_("Its policy decides who the home is let to."),
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select the council whose area the home is in"),
            "invalid_choice": _("Select the council whose area the home is in"),
        },
    )
    property_type = forms.ChoiceField(
        label=_("Type of home"),
        choices=PropertyType.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select the type of home"),
            "invalid_choice": _("Select the type of home"),
        },
    )
    bedrooms = _whole_number(
        "Bedrooms",
        "Enter 0 for a bedsit or studio",
        0,
        home_rules.MAX_BEDROOMS,
        "the number of bedrooms",
    )
    max_occupants = _whole_number(
        "Most people who can live there",
        "Including children",
        1,
        home_rules.MAX_OCCUPANTS,
        "how many people can live there",
    )
    floor = _whole_number(
        "Floor the front door is on",
        "Enter 0 for the ground floor (and for a house or bungalow), -1 for a basement",
        home_rules.LOWEST_FLOOR,
        home_rules.HIGHEST_FLOOR,
        "the floor",
    )
    has_lift = yes_no_field("Is there a lift to the front door?", "Select yes if there is a lift")
    step_free = yes_no_field(
        "Is there step-free access?",
        "Select yes if there is step-free access",
        hint="From the street to the front door and between the rooms, with no steps",
    )
    mobility = forms.ChoiceField(
        label=_("Mobility category"),
        help_text=_("How accessible the home is for someone with a mobility need"),
        choices=MobilityCategory.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select the mobility category"),
            "invalid_choice": _("Select the mobility category"),
        },
    )
    older_persons = yes_no_field(
        "Is it older persons' housing?",
        "Select yes if the home is older persons' housing",
        hint="For example, sheltered housing for people aged 55 or over",
    )
    weekly_rent = _money(_("Rent"), "", "rent a week")
    weekly_service_charge = _money(
        _("Service charge"),
        _("Leave empty if there is none"),
        "service charge a week",
        required=False,
    )
    tenancy_type = forms.ChoiceField(
        label=_("Tenancy"),
        choices=TenancyType.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select the type of tenancy"),
            "invalid_choice": _("Select the type of tenancy"),
        },
    )
    epc_band = forms.ChoiceField(
        label=_("Energy rating (EPC band)"),
        choices=[(value or NOT_KNOWN, label) for value, label in EpcBand.choices],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline govuk-radios--small"}),
        error_messages={
            "required": _("Select the energy rating, or say it is not known"),
            "invalid_choice": _("Select the energy rating, or say it is not known"),
        },
    )

    def __init__(
        self,
        *args: Any,
        councils: Sequence[Organisation],
        choices: Mapping[object, CouncilChoices],
        home: Property | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.councils = {str(c.pk): c for c in councils}
        self.home = home
        council_field = cast(forms.ChoiceField, self.fields["council"])
        council_field.choices = [(str(c.pk), c.name) for c in councils]
        reveals: dict[str, list[str]] = {}
        # Insert each council's areas right after the council question, in council order.
        ordered = dict(self.fields)
        after_council: dict[str, forms.Field] = {}
        for council in councils:
            areas = list(choices[council.pk].areas) if council.pk in choices else []
            kept = home is not None and home.council_id == council.pk and home.area
            if kept and home is not None and home.area not in areas:
                areas.append(home.area)  # kept, though the policy no longer lists it
            if not areas:
                continue
            name = area_field_name(council)
            reveals[str(council.pk)] = [name]
            after_council[name] = forms.ChoiceField(
                label=_("Area in %(council)s") % {"council": council.name},
                help_text=_("The town, parish or neighbourhood the home is in"),
                choices=[("", _("Select an area")), *((a, a) for a in areas)],
                required=False,
            )
        council_field.widget.attrs["conditional"] = reveals
        self.fields = {}
        for key, field in ordered.items():
            self.fields[key] = field
            if key == "council":
                self.fields.update(after_council)

    @staticmethod
    def initial_for(home: Property) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(home, name)
            for name in (
                "address",
                "postcode",
                "property_type",
                "bedrooms",
                "max_occupants",
                "floor",
                "mobility",
                "weekly_rent",
                "tenancy_type",
            )
        }
        initial.update(
            council=str(home.council_id),
            has_lift=yes_no(home.has_lift),
            step_free=yes_no(home.step_free),
            older_persons=yes_no(home.older_persons),
            weekly_service_charge=home.weekly_service_charge or None,
            epc_band=home.epc_band or NOT_KNOWN,
        )
        initial[f"area_{home.council.slug}"] = home.area
        return initial

    def chosen_council(self) -> Organisation | None:
        return self.councils.get(str(self.data.get("council") or ""))

    def add_error(self, field: str | None, error: Any) -> None:
        # The service names the area "area": show it by the chosen council's list of areas.
        if field == "area":
            council = self.chosen_council()
            name = area_field_name(council) if council is not None else ""
            field = name if name in self.fields else None
        super().add_error(field, error)

    def clean_postcode(self) -> str:
        return postcode_clean(self.cleaned_data.get("postcode", ""))

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        council = self.councils.get(data.get("council") or "")
        data["area"] = ""
        if council is not None:
            name = area_field_name(council)
            if name in self.fields:
                data["area"] = data.get(name) or ""
                if not data["area"]:
                    self.add_error(name, ValidationError("Select the area the home is in"))
        return data

    def details(self) -> HomeDetails:
        data = self.cleaned_data
        return HomeDetails(
            address=data["address"].strip(),
            postcode=data["postcode"],
            council_id=self.councils[data["council"]].pk,
            area=data["area"],
            property_type=data["property_type"],
            bedrooms=data["bedrooms"],
            max_occupants=data["max_occupants"],
            floor=data["floor"],
            has_lift=data["has_lift"] == YES,
            step_free=data["step_free"] == YES,
            mobility=data["mobility"],
            older_persons=data["older_persons"] == YES,
            weekly_rent=data["weekly_rent"],
            weekly_service_charge=data["weekly_service_charge"] or Decimal("0.00"),
            tenancy_type=data["tenancy_type"],
            epc_band="" if data["epc_band"] == NOT_KNOWN else data["epc_band"],
        )


class HomeNewForm(OneSubmissionForm, HomeForm):
    """A one-time form: sending it twice saves the home once."""


class PhotoForm(OneSubmissionForm, GovukForm):
    """A photo of a home and what it shows. One-time: sending it twice adds the photo once."""

    image = forms.FileField(
        label=_("Photo"),
        help_text=_("A JPG, PNG or WebP image, smaller than 10 MB"),
        allow_empty_file=True,  # the service says "The selected photo is empty"
        widget=forms.ClearableFileInput(attrs={"accept": photo_rules.ACCEPT_ATTRIBUTE}),
        error_messages={"required": _("Select a photo"), "invalid": _("Select a photo")},
    )
    alt_text = forms.CharField(
        label=_("What does the photo show?"),
        help_text=_(
            "For people who cannot see it. For example: Living room with a large window "
            "and wooden floor"
        ),
        max_length=photo_rules.ALT_TEXT_MAX,
        widget=forms.TextInput(),
        error_messages={
            "required": _("Enter what the photo shows, for people who cannot see it"),
            "max_length": _("What the photo shows must be 200 characters or fewer"),
        },
    )

    def clean_image(self) -> Any:
        # A quick look now, so a wrong file is reported with the form's other mistakes; the
        # service checks the whole image again before it keeps it.
        image = self.cleaned_data.get("image")
        if image is not None:
            problem = photo_rules.photo_problem(image.file, size=image.size or 0)
            if problem:
                raise ValidationError(problem)
        return image
