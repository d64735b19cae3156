"""Forms for decisions and reviews: the officer's decision, the applicant's review request (and
withdrawing it) and the team leader's outcome. The services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.register.models import DecisionKind, ReviewStatus
from hearth.register.services.decisions import NOTE_MAX
from hearth.register.services.reviews import GROUNDS_MAX, REASONS_MAX

KIND_HINTS = {
    DecisionKind.ACCEPTED: _("They join the register with the band or points shown above."),
    DecisionKind.NOT_QUALIFYING: _("The reasons come from the council's qualification rules."),
    DecisionKind.INELIGIBLE: _("Because of their immigration status (set by law)."),
}


class DecisionForm(OneSubmissionForm, GovukForm):
    kind = forms.ChoiceField(
        label=_("What is your decision?"),
        choices=DecisionKind.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m", "choice_hints": KIND_HINTS}),
        error_messages={
            "required": _("Select the decision"),
            "invalid_choice": _("Select the decision"),
        },
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        help_text=_("Anything you want to add in your own words. It appears in the letter."),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("The note must be %(limit_value)s characters or fewer"),
        },
    )


class ReviewGroundsForm(GovukForm):
    label_is_page_heading = True

    grounds = forms.CharField(
        label=_("Why do you think our decision is wrong?"),
        help_text=_(
            "Tell us what you think we got wrong or did not know about, for example your "
            "health, where you have lived, or who lives with you."
        ),
        max_length=GROUNDS_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Enter why you think our decision is wrong"),
            "max_length": _(
                "Why you think our decision is wrong must be %(limit_value)s characters or fewer"
            ),
        },
    )

    def clean_grounds(self) -> str:
        grounds = str(self.cleaned_data["grounds"]).strip()
        if not grounds:
            raise forms.ValidationError(_("Enter why you think our decision is wrong"))
        return grounds


class ReviewOutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("What is the outcome of the review?"),
        choices=[
            (ReviewStatus.UPHELD, _("The decision stays the same")),
            (ReviewStatus.CHANGED, _("Change the decision")),
        ],
        widget=forms.RadioSelect(
            attrs={
                "label_size": "m",
                "choice_hints": {
                    ReviewStatus.CHANGED: _(
                        "A new decision to accept them is recorded on today's assessment. "
                        "Award any needs or correct their details first."
                    )
                },
            }
        ),
        error_messages={
            "required": _("Select the outcome of the review"),
            "invalid_choice": _("Select the outcome of the review"),
        },
    )
    reasons = forms.CharField(
        label=_("Reasons for the outcome"),
        help_text=_("These are sent to the applicant in the outcome letter."),
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Enter the reasons for the outcome"),
            "max_length": _("The reasons must be %(limit_value)s characters or fewer"),
        },
    )


YES, NO = "yes", "no"


class ReviewWithdrawForm(GovukForm):
    label_is_page_heading = True

    withdraw = forms.ChoiceField(
        label=_("Are you sure you want to withdraw your request for a review?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        error_messages={
            "required": _("Select yes if you want to withdraw your request for a review"),
            "invalid_choice": _("Select yes if you want to withdraw your request for a review"),
        },
    )


class AssistedReviewWithdrawForm(ReviewWithdrawForm):
    """The same question, put to an officer withdrawing a review for the applicant (the page
    has its own heading)."""

    label_is_page_heading = False

    withdraw = forms.ChoiceField(
        label=_("Has the applicant asked you to withdraw their request for a review?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline", "label_size": "m"}),
        error_messages={
            "required": _("Select yes if the applicant asked you to withdraw their request"),
            "invalid_choice": _("Select yes if the applicant asked you to withdraw their request"),
        },
    )
