"""Forms for evidence: an officer's request, an applicant's upload, an officer's check, and an
officer saying a document is no longer needed.

They collect and shape input only; what a file really is, and whether the request can be made,
is decided by hearth.register.services.evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.forms.govuk import GovukDateField, GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.register.models import EvidenceKind, Person
from hearth.register.rules import file_types, lifecycle
from hearth.register.services.evidence import CANCEL_REASON_MAX

WHOLE_HOUSEHOLD = ""


def _default_due() -> dt.date:
    return clock.today() + dt.timedelta(days=lifecycle.EVIDENCE_DUE_DAYS)


def _people_choices(people: Sequence[Person], none_label: str) -> list[tuple[str, str]]:
    return [(WHOLE_HOUSEHOLD, none_label), *((str(p.pk), p.full_name) for p in people)]


class _PersonChoiceMixin:
    """A "who is it about" radio question over the household's people."""

    people: dict[str, Person]
    cleaned_data: dict[str, Any]

    def clean_person(self) -> Person | None:
        chosen = self.cleaned_data.get("person") or WHOLE_HOUSEHOLD
        return self.people.get(chosen)


class EvidenceRequestForm(_PersonChoiceMixin, OneSubmissionForm, GovukForm):
    """A one-time form: sending it twice asks for the document once."""

    kind = forms.ChoiceField(
        label=_("Which document do you need?"),
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={"required": _("Select the document you need")},
    )
    person = forms.ChoiceField(
        label=_("Who is it about?"),
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        required=False,
    )
    description = forms.CharField(
        label=_("What should they send?"),
        help_text=_(
            "Plain English the applicant will see. For example, a letter from your GP about "
            "how your home affects your asthma"
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "label_size": "m"}),
        error_messages={
            "required": _("Enter what the applicant should send"),
            "max_length": _("What to send must be 1000 characters or fewer"),
        },
    )
    due_on = GovukDateField(
        label=_("Send by"),
        help_text=_("28 days from today unless you change it. For example, 27 3 2027"),
        min_date=clock.today,
        error_messages={
            "required": _("Enter the date to send it by"),
            "before_min": _("The date to send it by must be today or in the future"),
            "invalid": _("The date to send it by must be a real date"),
        },
    )
    pause_application = forms.BooleanField(
        label=_("Wait for this document before deciding (the application shows as waiting)"),
        required=False,
    )
    show_optional_suffix = False

    def __init__(self, *args: Any, people: Sequence[Person], may_pause: bool, **kwargs: Any):
        kwargs.setdefault("initial", {}).setdefault("due_on", _default_due())
        kwargs["initial"].setdefault("person", WHOLE_HOUSEHOLD)
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        cast(forms.ChoiceField, self.fields["person"]).choices = _people_choices(
            people, "The whole household"
        )
        if not may_pause:
            del self.fields["pause_application"]


class DocumentUploadForm(GovukForm):
    """The file for a document we asked for."""

    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A PDF, JPG, PNG, HEIC or Word document, smaller than %(limit)s"),
        allow_empty_file=True,  # the service says "The selected file is empty"
        widget=forms.ClearableFileInput(attrs={"accept": file_types.ACCEPT_ATTRIBUTE}),
        error_messages={"required": _("Select a file"), "invalid": _("Select a file")},
    )

    def __init__(self, *args: Any, limit_text: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = str(field.help_text) % {"limit": limit_text}


class DocumentUploadAnyForm(_PersonChoiceMixin, DocumentUploadForm):
    """A document the applicant wants to send without being asked."""

    kind = forms.ChoiceField(
        label=_("What is the document?"),
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={"required": _("Select what the document is")},
    )
    person = forms.ChoiceField(
        label=_("Who is it about?"),
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        required=False,
    )
    field_order = ["kind", "person", "file"]
    show_optional_suffix = False

    def __init__(self, *args: Any, people: Sequence[Person], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("person", WHOLE_HOUSEHOLD)
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        cast(forms.ChoiceField, self.fields["person"]).choices = _people_choices(
            people, "Everyone, or nobody in particular"
        )


ACCEPT, REJECT = "accept", "reject"


class DocumentCheckForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("Can you accept this document?"),
        choices=[
            (ACCEPT, _("Yes, it shows what we asked for")),
            (REJECT, _("No, ask the applicant for another")),
        ],
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={"required": _("Select whether you can accept this document")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_(
            "If you cannot accept it, say why in plain English: the applicant will see this"
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The note must be 1000 characters or fewer")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("outcome") == REJECT and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Enter why the document was not accepted"))
        return cleaned


class EvidenceRequestCancelForm(GovukForm):
    reason = forms.CharField(
        label=_("Why is this document no longer needed?"),
        help_text=_("Plain English the applicant will see in their messages"),
        max_length=CANCEL_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "label_size": "m"}),
        error_messages={
            "required": _("Enter why the document is no longer needed"),
            "max_length": _("The reason must be %(limit_value)s characters or fewer"),
        },
    )
