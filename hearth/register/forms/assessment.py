"""Officer forms for assessing an application: need awards, overrides, duplicates, status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.forms.govuk import GovukDateField, GovukForm
from hearth.policy.rules.document import Band, NeedReason
from hearth.register.models import AssessedMobility, DuplicateFlagStatus
from hearth.register.rules import lifecycle
from hearth.register.services.lifecycle import OFFICER_SETTABLE

DATE_ERRORS = {
    "required": _("Enter the date"),
    "after_max": _("The date must be today or in the past"),
}


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


class NeedAwardForm(GovukForm):
    code = forms.ChoiceField(
        label=_("Need reason"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a need reason")},
    )
    awarded_on = GovukDateField(
        label=_("Award date"),
        help_text=_("The date the need began or was evidenced. For example, 27 3 2026"),
        max_date=clock.today,
        error_messages=DATE_ERRORS,
    )
    notes = forms.CharField(
        label=_("Notes"),
        help_text=_("What the award is based on, for other officers and for a review"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, reasons: Sequence[NeedReason], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = _choice_field(self, "code")
        field.choices = [(r.code, r.label) for r in reasons]
        hints = {
            r.code: (f"Band {r.band}. " if r.band else "")
            + (f"{r.points} points. " if r.points else "")
            + r.text
            for r in reasons
        }
        field.widget.attrs["choice_hints"] = hints


# The radio for "no accessible home needed": a radio's value cannot be empty.
NO_MOBILITY_NEED = "none"


class MobilityAssessForm(GovukForm):
    """The home an officer assessed the household as needing, and any adaptations."""

    assessed_mobility = forms.ChoiceField(
        label=_("What home does the household need?"),
        help_text=_(
            "Your assessment, for example after an occupational therapist's report. Adverts for "
            "accessible homes use it to decide who may bid or who comes first."
        ),
        widget=forms.RadioSelect,
        choices=[(value or NO_MOBILITY_NEED, label) for value, label in AssessedMobility.choices],
        error_messages={"required": _("Select the home the household needs")},
    )
    adaptations = forms.CharField(
        label=_("Adaptations needed"),
        help_text=_("For example a level-access shower, a stair lift or a ceiling hoist"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    assessed_on = GovukDateField(
        label=_("Date of the assessment"),
        help_text=_("For example, 27 3 2026"),
        max_date=clock.today,
        error_messages=DATE_ERRORS,
    )

    def clean_assessed_mobility(self) -> str:
        value: str = self.cleaned_data["assessed_mobility"]
        return "" if value == NO_MOBILITY_NEED else value


class NeedWithdrawForm(GovukForm):
    withdrawn_on = GovukDateField(
        label=_("Withdraw from"),
        help_text=_("Assessments from this date will not count the need reason"),
        max_date=clock.today,
        error_messages=DATE_ERRORS,
    )


class OverrideForm(GovukForm):
    band = forms.ChoiceField(
        label=_("Band to set"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a band")},
    )
    points = forms.IntegerField(
        label=_("Points to set"),
        min_value=0,
        max_value=100000,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the points to set"),
            "invalid": _("Points must be a whole number, like 120"),
            "min_value": _("Points must be 0 or more"),
            "max_value": _("Points must be 100000 or fewer"),
        },
    )
    reason = forms.CharField(
        label=_("Reason for the override"),
        help_text=_("A team leader reads this before approving. The applicant may see it."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the reason for the override")},
    )

    def __init__(self, *args: Any, bands: Sequence[Band], points_scheme: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if points_scheme:
            del self.fields["band"]
        else:
            del self.fields["points"]
            field = _choice_field(self, "band")
            field.choices = [(b.code, f"{b.code}: {b.label}") for b in bands]


class OverrideDecisionForm(GovukForm):
    APPROVE, REFUSE = "approve", "refuse"
    decision = forms.ChoiceField(
        label=_("Do you approve the override?"),
        choices=[(APPROVE, _("Yes, approve it")), (REFUSE, _("No, refuse it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you approve the override")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Required if you refuse: say why"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DuplicateResolveForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("Is this the same household?"),
        choices=[
            (DuplicateFlagStatus.NOT_DUPLICATE, _("No, not the same household")),
            (DuplicateFlagStatus.CONFIRMED, _("Yes, the same household")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether this is the same household")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("How you checked, and what happens next"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter a note saying how you checked")},
    )


STATUS_ACTIONS = {
    lifecycle.SUSPENDED: _("Suspend: stays on the register but cannot bid"),
    lifecycle.ACTIVE: _("Reinstate or make active again"),
    lifecycle.CANCELLED: _("Cancel the application"),
    lifecycle.HOUSED: _("Mark as housed"),
}


def status_choices(current: str, cancelled_on: dt.date | None, today: dt.date) -> list[str]:
    """The statuses an officer may set from `current` (reinstating only within 6 months)."""
    allowed = [s for s in lifecycle.STATUSES if s in OFFICER_SETTABLE]
    allowed = [s for s in allowed if s in lifecycle.TRANSITIONS.get(current, frozenset())]
    if current == lifecycle.CANCELLED and not lifecycle.reinstatement_allowed(cancelled_on, today):
        allowed = [s for s in allowed if s != lifecycle.ACTIVE]
    return allowed


class StatusChangeForm(GovukForm):
    to = forms.ChoiceField(
        label=_("What do you want to do?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what to do with the application"),
            "invalid_choice": _("Choose one of the changes listed"),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Recorded in the application's history"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the reason for the change")},
    )

    def __init__(self, *args: Any, choices: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = _choice_field(self, "to")
        field.choices = [(s, STATUS_ACTIONS[s]) for s in choices]


class RepaymentArrangementForm(GovukForm):
    """Whether the household keeps to an arrangement to repay its housing debt."""

    arranged = forms.ChoiceField(
        label=_(
            "Has the household agreed a plan to repay its housing debt, and is it keeping to it?"
        ),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select yes if the household keeps to a repayment arrangement"),
            "invalid_choice": _("Select yes or no"),
        },
    )
    note = forms.CharField(
        label=_("What was agreed"),
        help_text=_("For example, £20 a week from 1 May, agreed with the landlord's income team"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
