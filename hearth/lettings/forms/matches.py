"""Forms for match lists: looking a household up on the list, and choosing one for a direct
let (with the reason, sent once). The service checks everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.lettings.rules.matches import REASON_MAX


class HouseholdLookupForm(GovukForm):
    household = forms.CharField(
        label=_("Find a household on this list"),
        help_text=_("Enter its reference, for example MC-000123"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": _("A reference is %(limit_value)s characters or fewer")},
    )


class MatchChooseForm(OneSubmissionForm, GovukForm):
    reason = forms.CharField(
        label=_("Why are you choosing this household?"),
        help_text=_(
            "For the record: the council's reason for letting this home to them directly. "
            "The landlord and the applicant do not see it."
        ),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "label_size": "m"}),
        error_messages={
            "required": _("Enter why you chose this household"),
            "max_length": _("The reason must be %(limit_value)s characters or fewer"),
        },
    )
