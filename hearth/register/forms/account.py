"""Forms for the applicant's account and the officer's messages and reported changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.register.services.account import CANCEL_REASONS, CHANGE_SECTIONS, SUMMARY_MAX
from hearth.register.services.messages import BODY_MAX, SUBJECT_MAX

YES_NO = (("yes", _("Yes")), ("no", _("No")))


def _body_field(label: Any, *, required_message: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": required_message,
            "max_length": _("Your message must be %(limit_value)d characters or fewer"),
        },
    )


class MessageReplyForm(OneSubmissionForm, GovukForm):
    body = _body_field(_("Your reply"), required_message=_("Enter your reply"))


class MessageNewForm(OneSubmissionForm, GovukForm):
    """An officer writes to the applicant."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_MAX,
        error_messages={
            "required": _("Enter a subject"),
            "max_length": _("Subject must be %(limit_value)d characters or fewer"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}),
    )
    body = _body_field(_("Message"), required_message=_("Enter your message"))


class ChangeReportForm(OneSubmissionForm, GovukForm):
    sections = forms.MultipleChoiceField(
        label=_("What has changed?"),
        help_text=_("Select all that apply."),
        choices=[(code, _(text)) for code, text in CHANGE_SECTIONS.items()],
        widget=forms.CheckboxSelectMultiple(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select what has changed"),
            "invalid_choice": _("Select what has changed"),
        },
    )
    summary = forms.CharField(
        label=_("Tell us what has changed"),
        help_text=_(
            "Include who it affects and the date it changed, for example "
            "'My son Adam moved in with us on 3 May'."
        ),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "label_size": "m"}),
        error_messages={
            "required": _("Tell us what has changed"),
            "max_length": _("What has changed must be %(limit_value)d characters or fewer"),
        },
    )


class RenewForm(GovukForm):
    label_is_page_heading = True

    changed = forms.ChoiceField(
        label=_("Has anything changed since you last told us about your household?"),
        help_text=_("For example, someone has moved in or out, or your health, work or money."),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        error_messages={"required": _("Select yes if anything has changed")},
    )


class CancelForm(GovukForm):
    reason = forms.ChoiceField(
        label=_("Why do you want to cancel your application?"),
        choices=[(code, _(text)) for code, text in CANCEL_REASONS.items()],
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={"required": _("Select why you want to cancel")},
    )
    confirm = forms.ChoiceField(
        label=_("Are you sure you want to cancel your application?"),
        help_text=_("You will no longer be able to bid for homes."),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline", "label_size": "m"}),
        error_messages={"required": _("Select yes if you want to cancel your application")},
    )
