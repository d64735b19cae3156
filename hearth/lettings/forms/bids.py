"""Forms of the bids part: finding a home (filters, sent as a GET so they stay in the address),
bidding, an officer bidding for an applicant, and switching automatic bidding on or off."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.lettings.models import Advert, BidChannel, MobilityCategory, PropertyType
from hearth.lettings.selectors.bids_search import ACCESSIBLE, BEDROOMS_OR_MORE, HomeSearch

BEDROOM_CHOICES = [
    ("", _("Any number")),
    ("1", _("1 bedroom")),
    ("2", _("2 bedrooms")),
    ("3", _("3 bedrooms")),
    (str(BEDROOMS_OR_MORE), _("4 or more bedrooms")),
]
MOBILITY_CHOICES = [
    ("", _("Any home")),
    (ACCESSIBLE, _("Any accessible home (mobility 1, 2 or 3)")),
    *[(value, label) for value, label in MobilityCategory.choices],
]
OLDER_CHOICES = [
    ("", _("Include older persons' housing")),
    ("only", _("Only older persons' housing")),
    ("none", _("No older persons' housing")),
]


class FindHomeForm(GovukForm):
    """The filters of the find-a-home page; every question is optional."""

    show_optional_suffix = False

    area = forms.ChoiceField(label=_("Council area"), required=False)
    bedrooms = forms.ChoiceField(label=_("Bedrooms"), choices=BEDROOM_CHOICES, required=False)
    property_type = forms.ChoiceField(
        label=_("Type of home"),
        choices=[("", _("Any type")), *PropertyType.choices],
        required=False,
    )
    mobility = forms.ChoiceField(label=_("Accessibility"), choices=MOBILITY_CHOICES, required=False)
    older_persons = forms.ChoiceField(
        label=_("Older persons' housing"), choices=OLDER_CHOICES, required=False
    )

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ChoiceField)  # noqa: S101 - declared above
        area.choices = [("", _("Anywhere")), *areas]
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("Select %(what)s from the list") % {
                    "what": str(field.label).lower()
                }

    def search(self) -> HomeSearch:
        """The filters that were valid (an invalid one is shown as an error, not applied)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        area = str(data.get("area") or "")
        council, _slash, within = area.partition("/")
        bedrooms = str(data.get("bedrooms") or "")
        older = str(data.get("older_persons") or "")
        return HomeSearch(
            council=council,
            area=within,
            bedrooms=int(bedrooms) if bedrooms else None,
            property_type=str(data.get("property_type") or ""),
            mobility=str(data.get("mobility") or ""),
            older_persons={"only": True, "none": False}.get(older),
        )


class BidForm(OneSubmissionForm, GovukForm):
    """The Bid button: nothing to fill in, sent once (docs/adr/0014)."""


class OfficerBidForm(OneSubmissionForm, GovukForm):
    """An officer bids for an applicant who asked by phone or in person."""

    advert = forms.ChoiceField(
        label=_("Home"),
        help_text=_("Homes advertised in this cycle, by advert reference."),
        error_messages={
            "required": _("Select the home to bid for"),
            "invalid_choice": _("Select a home advertised in this cycle"),
        },
    )
    channel = forms.ChoiceField(
        label=_("How did the applicant ask you to bid?"),
        choices=[
            (BidChannel.PHONE.value, _("By phone")),
            (BidChannel.IN_PERSON.value, _("In person")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how the applicant asked you to bid"),
            "invalid_choice": _("Select how the applicant asked you to bid"),
        },
    )

    def __init__(self, *args: Any, adverts: list[Advert], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adverts = {str(advert.pk): advert for advert in adverts}
        field = self.fields["advert"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [
            ("", _("Select a home")),
            *(
                (
                    str(advert.pk),
                    f"{advert.reference}: {advert.property} "
                    f"({advert.property.bedrooms} bedrooms, {advert.council.name})",
                )
                for advert in adverts
            ),
        ]

    def advert_chosen(self) -> Advert:
        return self.adverts[self.cleaned_data["advert"]]


class AutoBidForm(GovukForm):
    """Why automatic bidding is switched on, or off."""

    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "label_size": "m"}),
        error_messages={"max_length": _("The reason must be %(limit_value)d characters or fewer")},
    )

    def __init__(self, *args: Any, switching_on: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if switching_on:
            field.label = _("Why does the applicant need automatic bidding?")
            field.help_text = _(
                "For example, they cannot use the website and have no one to bid for them."
            )
            field.error_messages["required"] = _("Enter why the applicant needs automatic bidding")
        else:
            field.label = _("Why are you switching automatic bidding off?")
            field.error_messages["required"] = _(
                "Enter why you are switching automatic bidding off"
            )
