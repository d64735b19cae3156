"""Forms for the policy previews: one household, or a shortlist for a home described as an
advert would describe it, labels and all, so the preview ranks as that advert would be ranked.
A label the advert form would refuse is refused here in the same words
(`hearth.policy.rules.labels_check`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukForm
from hearth.policy.rules import labels
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.labels_check import age_label_problems, mobility_label_problems

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PROPERTY_TYPES = (
    ("house", _("House")),
    ("flat", _("Flat")),
    ("maisonette", _("Maisonette")),
    ("bungalow", _("Bungalow")),
)
AGE_WHOSE = (
    (labels.APPLICANT, _("The lead applicant")),
    (labels.APPLICANT_OR_PARTNER, _("The lead applicant or their partner")),
    (labels.EVERY_ADULT, _("Every adult in the household")),
)
MOBILITY_NEEDS = (
    ("", _("Any household")),
    ("1", _("Households assessed as needing a wheelchair home (mobility 1)")),
    ("2", _("Households assessed as needing mobility 1 or 2")),
    ("3", _("Households assessed as needing any mobility home (1, 2 or 3)")),
)
MOBILITY_USES = (
    (labels.FILTER, _("Only these households may bid")),
    (labels.PRIORITY, _("These households first, then everyone else")),
)


def _age_field(label: StrOrPromise, what: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        help_text=_("Leave empty for no limit"),
        error_messages={
            "invalid": _("The %(what)s must be a whole number, like 55") % {"what": what}
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )


class HouseholdPreviewForm(GovukForm):
    reference = forms.CharField(
        label=_("Household reference"),
        help_text=_("From the housing register, for example EM-000123"),
        max_length=20,
        error_messages={"required": _("Enter a household reference")},
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "spellcheck": "false", "autocomplete": "off"}
        ),
    )


SCOPES = (
    ("none", _("Anyone on the register")),
    ("council", _("Only households with a local connection to the council")),
    ("partners", _("Households with a connection to any partner council")),
)


class RankingPreviewForm(GovukForm):
    bedrooms = forms.IntegerField(
        label=_("Bedrooms"),
        min_value=0,
        max_value=10,
        error_messages={
            "required": _("Enter the number of bedrooms"),
            "invalid": _("Bedrooms must be a whole number, like 2"),
            "min_value": _("Bedrooms must be 0 or more"),
            "max_value": _("Bedrooms must be 10 or fewer"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
    )
    property_type = forms.ChoiceField(label=_("Type of home"), choices=PROPERTY_TYPES)
    parish = forms.CharField(
        label=_("Parish"),
        help_text=_("Needed for a local lettings plan that gives priority to a parish"),
        required=False,
        max_length=100,
    )
    local_connection_scope = forms.ChoiceField(
        label=_("Who can bid"),
        choices=SCOPES,
        initial="none",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who can bid")},
    )
    lettings_plan = forms.ChoiceField(label=_("Local lettings plan"), required=False)
    older_persons = forms.BooleanField(label=_("This is older persons' housing"), required=False)
    minimum_age = _age_field(_("Minimum age"), _("minimum age"))
    maximum_age = _age_field(_("Maximum age"), _("maximum age"))
    age_applies_to = forms.ChoiceField(
        label=_("Whose age counts"),
        help_text=_("Only used when there is a minimum or maximum age"),
        choices=AGE_WHOSE,
        initial=labels.APPLICANT,
        required=False,
        widget=forms.RadioSelect,
    )
    mobility_need = forms.ChoiceField(
        label=_("Which households the home is for by mobility need"),
        choices=MOBILITY_NEEDS,
        initial="",
        required=False,
        widget=forms.RadioSelect,
    )
    mobility_use = forms.ChoiceField(
        label=_("How the mobility label is used"),
        help_text=_("Only used when the home is for households with a mobility need"),
        choices=MOBILITY_USES,
        initial=labels.FILTER,
        required=False,
        widget=forms.RadioSelect,
    )
    references = forms.CharField(
        label=_("Household references"),
        help_text=_("One on each line, up to 50. These households are treated as bidding."),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocapitalize": "none"}),
        error_messages={"required": _("Enter at least one household reference")},
    )

    MAX_REFERENCES = 50

    def __init__(self, *args: Any, document: PolicyDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mobility_uses = document.shortlist.mobility_labels
        plans = document.shortlist.local_lettings_plans
        if plans:
            cast(forms.ChoiceField, self.fields["lettings_plan"]).choices = [
                ("", _("None")),
                *((p.code, p.name) for p in plans),
            ]
        else:
            del self.fields["lettings_plan"]

    def clean(self) -> dict[str, Any]:
        """Labels that contradict each other, the home or the policy, as an advert's would."""
        cleaned = super().clean() or {}
        problems = mobility_label_problems(
            need=cleaned.get("mobility_need", ""),
            use=cleaned.get("mobility_use") or labels.FILTER,
            allowed=self.mobility_uses,
        )
        if "bedrooms" in cleaned and not {"minimum_age", "maximum_age"} & set(self.errors):
            problems |= age_label_problems(
                minimum=cleaned.get("minimum_age"),
                maximum=cleaned.get("maximum_age"),
                applies_to=cleaned.get("age_applies_to") or labels.APPLICANT,
                bedrooms=cleaned["bedrooms"],
                older_persons=bool(cleaned.get("older_persons")),
            )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def clean_references(self) -> list[str]:
        text = str(self.cleaned_data["references"])
        found: list[str] = []
        for line in text.replace(",", "\n").splitlines():
            reference = line.strip().upper()
            if reference and reference not in found:
                found.append(reference)
        if not found:
            raise ValidationError(_("Enter at least one household reference"))
        if len(found) > self.MAX_REFERENCES:
            raise ValidationError(_("Enter 50 household references or fewer"))
        return found
