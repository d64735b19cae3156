"""Forms for a council's lettings settings and its go-live date (scheme admins). The services
check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.forms.dates import GovukDateField
from hearth.core.forms.govuk import GovukForm
from hearth.lettings.models import NominationRoute
from hearth.lettings.services.councils import OFFER_DAYS_MAX, OFFER_DAYS_MIN

YES, NO = "yes", "no"


class CouncilLettingsForm(GovukForm):
    adverts_need_approval = forms.ChoiceField(
        label=_("Does a lettings officer approve each advert before it goes live?"),
        choices=[
            (YES, _("Yes, the council approves or returns each advert")),
            (NO, _("No, approved adverts go straight into the next cycle")),
        ],
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select whether adverts need approval"),
            "invalid_choice": _("Select whether adverts need approval"),
        },
    )
    nomination_route = forms.ChoiceField(
        label=_("Who works the shortlist?"),
        choices=NominationRoute.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select who works the shortlist"),
            "invalid_choice": _("Select who works the shortlist"),
        },
    )
    offer_working_days = forms.IntegerField(
        label=_("Working days to answer an offer"),
        help_text=format_lazy(
            _(
                "From {low} to {high}. Weekends and bank holidays in England and Wales are not "
                "counted."
            ),
            low=OFFER_DAYS_MIN,
            high=OFFER_DAYS_MAX,
        ),
        min_value=OFFER_DAYS_MIN,
        max_value=OFFER_DAYS_MAX,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the working days to answer an offer"),
            "invalid": _("Working days must be a whole number, like 2"),
            "min_value": _("Working days must be %(limit_value)s or more"),
            "max_value": _("Working days must be %(limit_value)s or fewer"),
        },
    )


class GoLiveForm(GovukForm):
    live_from = GovukDateField(
        label=_("When does the council go live?"),
        help_text=_(
            "Its approved homes are advertised from the first bidding cycle that opens on or "
            "after this date. For example, 7 1 2027"
        ),
        min_date=clock.today,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["live_from"].error_messages.update(
            required=_("Enter the go-live date"),
            before_min=_("The go-live date must be today or in the future"),
        )
