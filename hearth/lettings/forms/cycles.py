"""The scheme admin's form for when bidding cycles open and close."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm
from hearth.lettings.models import Weekday

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class ClockTimeField(forms.CharField):
    """A 24-hour time typed as 00:01 or 23.59."""

    def to_python(self, value: object) -> dt.time | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        found = _TIME.match(text)
        if found is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute = int(found[1]), int(found[2])
        if hour > 23 or minute > 59:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return dt.time(hour, minute)

    def prepare_value(self, value: object) -> object:
        return value.strftime("%H:%M") if isinstance(value, dt.time) else value


class RhythmForm(GovukForm):
    opens_weekday = forms.TypedChoiceField(
        label=_("Cycles open on"),
        choices=Weekday.choices,
        coerce=int,
        error_messages={"required": _("Select the day cycles open")},
    )
    opens_time = ClockTimeField(
        label=_("Opening time"),
        help_text=_("24-hour clock, UK time, for example 00:01"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": _("Enter the opening time"),
            "invalid": _("Enter the opening time as hours and minutes, like 00:01"),
        },
    )
    closes_weekday = forms.TypedChoiceField(
        label=_("Cycles close on"),
        choices=Weekday.choices,
        coerce=int,
        error_messages={"required": _("Select the day cycles close")},
    )
    closes_time = ClockTimeField(
        label=_("Closing time"),
        help_text=_("24-hour clock, UK time, for example 23:59. No bid is taken after this time."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": _("Enter the closing time"),
            "invalid": _("Enter the closing time as hours and minutes, like 23:59"),
        },
    )
