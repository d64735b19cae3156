"""Forms for the scheme-admin, organisation contact and audit pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hearth.core.access.roles import CouncilStatus
from hearth.core.forms.govuk import GovukDateField, GovukForm
from hearth.core.models import Organisation, hex_colour
from hearth.core.pages.colour import AA_NORMAL_TEXT, contrast_ratio
from hearth.core.selectors import AuditFilter

LOGO_MAX_BYTES = 200 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class SchemeForm(GovukForm):
    name = forms.CharField(
        label=_("Scheme name"),
        max_length=120,
        error_messages={"required": _("Enter the scheme name")},
    )
    colour = forms.CharField(
        label=_("Brand colour"),
        help_text=_(
            "A # followed by 6 hexadecimal digits, like #1d70b8. White text must be readable on it."
        ),
        max_length=7,
        validators=[hex_colour],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"required": _("Enter the brand colour")},
    )
    contact_text = forms.CharField(
        label=_("Contact details"),
        help_text=_(
            "Shown in the footer of every page, for example a phone number and opening hours"
        ),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    logo = forms.FileField(
        label=_("Upload a new logo"),
        help_text=_("A PNG image, up to 200 KB. It is shown next to the scheme name."),
        required=False,
    )
    logo_remove = forms.BooleanField(label=_("Remove the current logo"), required=False)

    def __init__(self, *args: Any, has_logo: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_logo:
            del self.fields["logo_remove"]

    def clean_colour(self) -> str:
        colour = str(self.cleaned_data["colour"]).strip().lower()
        if contrast_ratio(colour, "#ffffff") < AA_NORMAL_TEXT:
            raise ValidationError(
                _("Choose a darker colour: white text on it would be hard to read")
            )
        return colour

    def clean_logo(self) -> UploadedFile[bytes] | None:
        logo: UploadedFile[bytes] | None = self.cleaned_data.get("logo")
        if logo is None:
            return None
        if logo.size is not None and logo.size > LOGO_MAX_BYTES:
            raise ValidationError(_("The logo must be smaller than 200 KB"))
        head = logo.read(len(PNG_SIGNATURE))
        logo.seek(0)
        if head != PNG_SIGNATURE:
            raise ValidationError(_("The logo must be a PNG image"))
        return logo


class CouncilStatusForm(GovukForm):
    label_is_page_heading = "status"
    status = forms.ChoiceField(
        label=_("What is this council's status?"),
        choices=CouncilStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the council's status")},
    )

    def status_label(self) -> str:
        return str(CouncilStatus(self.cleaned_data["status"]).label)


class OrganisationContactForm(GovukForm):
    """What applicants see on letters from the organisation. Checked by the service."""

    show_optional_suffix = False
    postal_address = forms.CharField(
        label=_("Postal address"),
        help_text=_(
            "Each part of the address on a new line. Leave out the organisation's name: "
            "letters print it above the address."
        ),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("For example, 01632 960 001"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
    )
    contact_email = forms.CharField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    contact_hours = forms.CharField(
        label=_("Opening hours"),
        help_text=_("For example, Monday to Friday, 9am to 5pm"),
        required=False,
    )


class AuditSearchForm(GovukForm):
    text = forms.CharField(
        label=_("Search"),
        help_text=_(
            "A person's name or email, an action like 'invitation', or a record's identifier"
        ),
        required=False,
        max_length=200,
    )
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    date_from = GovukDateField(label=_("From"), required=False)
    date_to = GovukDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations:
            cast(forms.ChoiceField, self.fields["organisation"]).choices = [
                ("", _("All organisations")),
                *((str(o.pk), o.name) for o in organisations),
            ]
        else:
            del self.fields["organisation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", _("The 'to' date must be the same as or after the 'from' date")
            )
        return cleaned

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            text=data.get("text") or "",
            organisation_id=data.get("organisation") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
