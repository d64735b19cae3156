"""Forms for the allocation policy pages: drafts, the text editor, shortlist order, publishing
and comparing (the previews' forms are in `forms_preview`). They collect input; the services
decide what is valid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.forms.govuk import GovukDateField, GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.policy.documents.readable import order_key_text
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document import ADVERT_PARISH, OrderKey, PolicyDocument

IMPORT_MAX_BYTES = 500 * 1024
ORDER_POSITIONS = 6
ORDINALS = (_("1st"), _("2nd"), _("3rd"), _("4th"), _("5th"), _("6th"))


def version_label(version: PolicyVersion) -> str:
    return str(_("Version %(number)s")) % {"number": version.number}


class DraftNewForm(OneSubmissionForm, GovukForm):
    """A one-time form: sending it twice makes one draft."""

    label_is_page_heading = "based_on"
    based_on = forms.ChoiceField(
        label=_("Which version do you want to copy?"),
        help_text=_("The new draft starts as an exact copy. The version you copy does not change."),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the version to copy")},
    )

    def __init__(
        self, *args: Any, versions: Sequence[tuple[PolicyVersion, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["based_on"])
        field.choices = [(str(v.number), version_label(v)) for v, _state in versions]
        field.widget.attrs["choice_hints"] = {str(v.number): hint for v, hint in versions}


class ImportForm(OneSubmissionForm, GovukForm):
    """A one-time form: sending the same file twice makes one draft."""

    file = forms.FileField(
        label=_("Upload a policy file"),
        help_text=_("A YAML or JSON file, up to 500 KB, in the format of the configuration guide."),
        error_messages={"required": _("Select a policy file")},
    )

    def clean_file(self) -> str:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if upload.size is not None and upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file must be smaller than 500 KB"))
        raw: bytes = upload.read()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as bad:
            raise ValidationError(_("The file must be text (YAML or JSON) saved as UTF-8")) from bad


class DraftEditForm(GovukForm):
    source_text = forms.CharField(
        label=_("Policy document"),
        help_text=_(
            "YAML, as described in the configuration guide. Indent with spaces, not tabs. "
            "Nothing is saved until the whole document is valid."
        ),
        strip=False,
        error_messages={"required": _("Enter the policy document")},
        widget=forms.Textarea(
            attrs={
                "rows": 30,
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "hearth-code",
            }
        ),
    )
    change_summary = forms.CharField(
        label=_("What has changed in this draft"),
        help_text=_("For colleagues and the record, for example 'Three Band C reasons give B'."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# The choice for a local connection to the advertised home's own area or parish.
PARISH_TOKEN = "local_connection:advert_parish"  # noqa: S105 - a choice value, not a password


def order_choices(document: PolicyDocument) -> list[tuple[str, str]]:
    """The keys an admin can put in the shortlist order, as (token, plain English)."""
    choices: list[tuple[str, str]] = []
    first = "band" if document.scheme == "bands" else "points"
    simple = (
        first,
        "priority_date",
        "registration_date",
        "bedroom_match",
        "no_housing_debt",
        "local_connection",
    )
    choices.extend((name, order_key_text(OrderKey(name))) for name in simple)
    parish = OrderKey("local_connection", to=ADVERT_PARISH)
    choices.append((PARISH_TOKEN, order_key_text(parish)))
    choices.append(("transfer", order_key_text(OrderKey("transfer", prefer="transfer"))))
    choices.append(("transfer:new", order_key_text(OrderKey("transfer", prefer="new"))))
    for index, existing in enumerate(document.shortlist.order):
        if existing.key == "expression":
            choices.append((f"expression:{index}", order_key_text(existing)))
    choices.append(("random", order_key_text(OrderKey("random"))))
    return choices


def order_token(key: OrderKey, index: int) -> str:
    if key.key == "transfer":
        return "transfer:new" if key.prefer == "new" else "transfer"
    if key.key == "expression":
        return f"expression:{index}"
    if key.key == "local_connection" and key.to == ADVERT_PARISH:
        return PARISH_TOKEN
    return key.key


def order_key_from_token(token: str, document: PolicyDocument) -> OrderKey:
    """The order entry a choice stands for, keeping the draft's own entry where it has one."""
    for index, existing in enumerate(document.shortlist.order):
        if order_token(existing, index) == token:
            return existing
    if token == "transfer:new":  # noqa: S105 - a choice value, not a password
        return OrderKey("transfer", prefer="new")
    if token == PARISH_TOKEN:
        return OrderKey("local_connection", to=ADVERT_PARISH)
    return OrderKey(token)


class ShortlistOrderForm(GovukForm):
    """Up to six selects, "1st" to "6th": the chain of tie-breaks, most important first."""

    show_optional_suffix = False

    def __init__(self, *args: Any, document: PolicyDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        choices = [("", _("Not used")), *order_choices(document)]
        for position in range(ORDER_POSITIONS):
            self.fields[f"key_{position + 1}"] = forms.ChoiceField(
                label=ORDINALS[position],
                choices=choices,
                required=False,
            )
        self.fields["key_1"].help_text = _("What decides the order first")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        tokens = [cleaned.get(f"key_{p + 1}") or "" for p in range(ORDER_POSITIONS)]
        if not tokens[0]:
            self.add_error("key_1", _("Select what decides the order first"))
            return cleaned
        seen: set[str] = set()
        ended = False
        for position, token in enumerate(tokens, start=1):
            name = f"key_{position}"
            if not token:
                ended = True
                continue
            if ended:
                self.add_error(
                    name,
                    _("Select a key for every position above %(ordinal)s, or leave it empty")
                    % {"ordinal": ORDINALS[position - 1]},
                )
            # Either direction of transfer is one key; a connection to the home's area is not
            # the same key as one to the council's.
            base = token.split(":", 1)[0] if token.startswith("transfer") else token
            if base in seen:
                self.add_error(
                    name,
                    _("%(ordinal)s repeats a key used above: choose each key once")
                    % {"ordinal": ORDINALS[position - 1]},
                )
            seen.add(base)
        return cleaned

    def keys(self) -> list[OrderKey]:
        tokens = [self.cleaned_data.get(f"key_{p + 1}") or "" for p in range(ORDER_POSITIONS)]
        return [order_key_from_token(t, self.document) for t in tokens if t]


class PublishForm(GovukForm):
    effective_from = GovukDateField(
        label=_("When does this version take effect?"),
        help_text=_(
            "Today or later. Assessments for that date onwards use this version. "
            "For example, 1 4 2027"
        ),
        min_date=clock.today,
        error_messages={
            "required": _("Enter the date this version takes effect"),
            "before_min": _("Effective date must be today or in the future"),
            "invalid": _("Effective date must be a real date"),
        },
    )
    acknowledge_gaps = forms.BooleanField(
        label=_(
            "I understand that some reasonable preference groups have no route to priority, "
            "and I still want to publish this version"
        ),
        required=False,
    )

    def __init__(self, *args: Any, gaps: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].widget.attrs["label_size"] = "m"
        if not gaps:
            del self.fields["acknowledge_gaps"]

    def clean_acknowledge_gaps(self) -> bool:
        value = bool(self.cleaned_data.get("acknowledge_gaps"))
        if not value:
            raise ValidationError(
                _("Confirm that you have read the warning about reasonable preference")
            )
        return value


class DraftDeleteForm(GovukForm):
    """Nothing to fill in: the button confirms."""


class SimulationStartForm(OneSubmissionForm):
    """Nothing to fill in (the page writes out the one-time token): a run starts once."""


class CompareForm(GovukForm):
    show_optional_suffix = False
    older = forms.ChoiceField(label=_("Compare"), required=False)
    newer = forms.ChoiceField(label=_("With"), required=False)

    def __init__(self, *args: Any, versions: Sequence[PolicyVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(v.number), version_label(v)) for v in versions]
        for name in ("older", "newer"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("older") and cleaned.get("older") == cleaned.get("newer"):
            self.add_error("newer", _("Choose two different versions"))
        return cleaned
