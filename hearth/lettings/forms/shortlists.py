"""Forms for officers working a shortlist: a bypass (reason and note) and ranking it again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm, choice_field
from hearth.policy.rules.document import BypassReason

NOTE_MAX = 2000


class BypassForm(GovukForm):
    reason = forms.ChoiceField(
        label=_("Why are you bypassing this bidder?"),
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select why you are bypassing this bidder"),
            "invalid_choice": _("Select why you are bypassing this bidder"),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_(
            "What you found and how, for the record. The applicant is told the reason you "
            "chose, not this note."
        ),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter a note saying why"),
            "max_length": _("The note must be %(limit_value)s characters or fewer"),
        },
    )

    def __init__(self, *args: Any, reasons: Sequence[BypassReason], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = choice_field(self, "reason")
        field.choices = [(reason.code, reason.label) for reason in reasons]
        field.widget.attrs["choice_hints"] = {
            reason.code: _("The applicant is told: %(text)s") % {"text": reason.text}
            for reason in reasons
        }


class RerankForm(GovukForm):
    KEEP = "keep"
    RESET = "reset"

    how = forms.ChoiceField(
        label=_("How do you want to rank the bids again?"),
        choices=[
            (KEEP, _("Rank again and keep the bypasses")),
            (RESET, _("Reset: rank again and clear every bypass")),
        ],
        widget=forms.RadioSelect(
            attrs={
                "label_size": "m",
                "choice_hints": {
                    KEEP: _("Picks up records corrected since the close, as they stood then."),
                    RESET: _("Every bypassed bidder goes back in their place."),
                },
            }
        ),
        error_messages={
            "required": _("Select how to rank the bids again"),
            "invalid_choice": _("Select how to rank the bids again"),
        },
    )
