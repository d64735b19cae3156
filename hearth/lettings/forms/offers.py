"""Forms for nominations and offers: making the offer, and recording the answer or withdrawal.
The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.forms.dates import GovukDateField
from hearth.core.forms.govuk import GovukForm
from hearth.lettings.models import RefusedBy
from hearth.lettings.services.offers import REASON_MAX

YES, NO = "yes", "no"


class OfferMakeForm(GovukForm):
    viewing_text = forms.CharField(
        label=_("Viewing arrangements"),
        help_text=_("When and where the household can view the home, and who to contact."),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Viewing arrangements must be %(limit_value)s characters or fewer")
        },
    )


class OfferAcceptForm(GovukForm):
    tenancy_starts_on = GovukDateField(
        label=_("When does the tenancy start?"),
        help_text=_("For example, 4 1 2027"),
        min_date=lambda: clock.today().replace(day=1),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tenancy_starts_on"].error_messages.update(
            required=_("Enter the date the tenancy starts"),
            before_min=_("The tenancy start date must be this month or later"),
        )


class OfferRefuseForm(GovukForm):
    refused_by = forms.ChoiceField(
        label=_("Who refused the offer?"),
        choices=RefusedBy.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select who refused the offer"),
            "invalid_choice": _("Select who refused the offer"),
        },
    )
    reason = forms.CharField(
        label=_("Why was it refused?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter why the offer was refused"),
            "max_length": _("The reason must be %(limit_value)s characters or fewer"),
        },
    )
    counts = forms.ChoiceField(
        label=_("Was the home suitable for the household?"),
        help_text=_(
            "If it was, the applicant's refusal counts towards the council's refusal rules. "
            "A landlord's refusal never counts against the household."
        ),
        choices=[(YES, _("Yes, the refusal counts")), (NO, _("No, it does not count"))],
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select whether the home was suitable"),
            "invalid_choice": _("Select whether the home was suitable"),
        },
    )


class OfferWithdrawForm(GovukForm):
    reason = forms.CharField(
        label=_("Why are you withdrawing it?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why the offer is withdrawn"),
            "max_length": _("The reason must be %(limit_value)s characters or fewer"),
        },
    )
