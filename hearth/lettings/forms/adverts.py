"""Forms for adverts: the landlord's labels, withdrawing, and a lettings officer's decision.

The labels form checks the labels against each other and the home (`rules/adverts.py`) so every
problem shows at once; `hearth.lettings.services.adverts` checks again and decides.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.core.forms.govuk import GovukDateField, GovukForm
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.lettings.models import (
    Advert,
    AgeAppliesTo,
    ConnectionScope,
    LabelUse,
    MobilityNeed,
    Pets,
)
from hearth.lettings.rules import adverts as advert_rules
from hearth.lettings.rules.adverts import AdvertLabels, HomeFacts, label_problems
from hearth.lettings.selectors.council_choices import CouncilChoices

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Text

NO_PLAN = "none"
ANY_HOUSEHOLD = "any"  # no mobility label, stored as an empty value
ASK = "ask"  # "ask the landlord" is stored as an empty value, which a radio cannot send


def _need_field(label: Text, hint: Text, what: str) -> forms.IntegerField:
    message = f"Enter the {what} as a number from 1 to {advert_rules.MAX_BEDROOM_NEED}"
    return forms.IntegerField(
        label=label,
        help_text=hint,
        min_value=1,
        max_value=advert_rules.MAX_BEDROOM_NEED,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-2", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": f"Enter the {what}",
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def _age_field(label: Text, hint: Text, what: str) -> forms.IntegerField:
    message = (
        f"Enter the {what} as a number from {advert_rules.MIN_AGE_LOWEST} to "
        f"{advert_rules.MIN_AGE_HIGHEST}"
    )
    return forms.IntegerField(
        label=label,
        help_text=hint,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"invalid": message},
    )


def _text(label: Text, hint: Text) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=advert_rules.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Write it in {advert_rules.TEXT_MAX} characters or fewer"},
    )


class AdvertForm(GovukForm):
    """The labels of an advert, checked against its home and the council's policy."""

    min_bedroom_need = _need_field(
        _("Smallest bedroom need"),
        _("Households that need fewer bedrooms than this cannot bid"),
        "smallest bedroom need",
    )
    max_bedroom_need = _need_field(
        _("Largest bedroom need"),
        _("Households that need more bedrooms than this cannot bid"),
        "largest bedroom need",
    )
    minimum_age = _age_field(
        _("Minimum age"),
        _(
            "Only for older persons' housing: the youngest a person whose age counts can be. "
            "Leave empty if there is no minimum age."
        ),
        "minimum age",
    )
    maximum_age = _age_field(
        _("Maximum age"),
        _(
            "Only for young people's homes with one bedroom or none: the oldest a person whose "
            "age counts can be. Leave empty if there is no maximum age."
        ),
        "maximum age",
    )
    age_applies_to = forms.ChoiceField(
        label=_("Whose age counts?"),
        help_text=_("Only used when the home has a minimum or maximum age"),
        choices=AgeAppliesTo.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select whose age counts"),
            "invalid_choice": _("Select whose age counts"),
        },
    )
    mobility_need = forms.ChoiceField(
        label=_("Which households is the home for, by mobility need?"),
        help_text=_(
            "The need the council assessed, not what households said of themselves. A household "
            "assessed as needing a more accessible home counts too."
        ),
        choices=[(value or ANY_HOUSEHOLD, label) for value, label in MobilityNeed.choices],
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select which households the home is for by mobility need"),
            "invalid_choice": _("Select which households the home is for by mobility need"),
        },
    )
    mobility_use = forms.ChoiceField(
        label=_("How is the mobility need used?"),
        help_text=_(
            "Only these households may bid, or they come first on the shortlist and everyone "
            "else after them in the usual order"
        ),
        choices=LabelUse.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select whether only these households may bid, or they come first"),
            "invalid_choice": _("Select whether only these households may bid, or they come first"),
        },
    )
    connection_scope = forms.ChoiceField(
        label=_("Who can bid, by local connection?"),
        choices=ConnectionScope.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select who needs a local connection"),
            "invalid_choice": _("Select who needs a local connection"),
        },
    )
    lettings_plan = forms.ChoiceField(
        label=_("Local lettings plan"),
        help_text=_("A plan of the council's that decides who comes first for this home"),
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
        error_messages={
            "required": _("Select one of the council's local lettings plans, or none"),
            "invalid_choice": _("Select one of the council's local lettings plans, or none"),
        },
    )
    preference_text = _text(
        _("Who is preferred"),
        _("For example: Preference will be given to households with a child under 5"),
    )
    pets = forms.ChoiceField(
        label=_("Pets"),
        choices=[(value or ASK, label) for value, label in Pets.choices],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        error_messages={
            "required": _("Select whether pets are allowed"),
            "invalid_choice": _("Select whether pets are allowed"),
        },
    )
    viewing_text = _text(
        _("Viewing arrangements"),
        _("For example: Accompanied viewings on Tuesday mornings for the first 3 bidders"),
    )
    description = _text(
        _("About the home"),
        _("What bidders should know: the rooms, the garden, parking, heating, the area"),
    )
    available_from = GovukDateField(
        label=_("Available from"),
        help_text=_("For example, 27 3 2027. Leave empty if it is available now."),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        home: HomeFacts,
        choices: CouncilChoices,
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.home = home
        self.choices = choices
        self.today = today
        # Only the uses of a mobility label the council's policy allows.
        uses = cast(forms.ChoiceField, self.fields["mobility_use"])
        uses.choices = [c for c in LabelUse.choices if c[0] in choices.mobility_uses]
        if self.initial.get("mobility_use") not in choices.mobility_uses:
            self.initial["mobility_use"] = choices.mobility_uses[0]
        if choices.plans:
            cast(forms.ChoiceField, self.fields["lettings_plan"]).choices = [
                *choices.plans,
                (NO_PLAN, _("No local lettings plan")),
            ]
        else:
            # Without a plan in the policy there is no plan to choose, nor its area to need.
            del self.fields["lettings_plan"]
            cast(forms.ChoiceField, self.fields["connection_scope"]).choices = [
                choice for choice in ConnectionScope.choices if choice[0] != ConnectionScope.PLAN
            ]

    @staticmethod
    def initial_for(advert: Advert) -> dict[str, Any]:
        return {
            "min_bedroom_need": advert.min_bedroom_need,
            "max_bedroom_need": advert.max_bedroom_need,
            "minimum_age": advert.minimum_age,
            "maximum_age": advert.maximum_age,
            "age_applies_to": advert.age_applies_to,
            "mobility_need": advert.mobility_need or ANY_HOUSEHOLD,
            "mobility_use": advert.mobility_use,
            "connection_scope": advert.connection_scope,
            "lettings_plan": advert.lettings_plan or NO_PLAN,
            "preference_text": advert.preference_text,
            "pets": advert.pets or ASK,
            "viewing_text": advert.viewing_text,
            "description": advert.description,
            "available_from": advert.available_from,
        }

    @staticmethod
    def initial_new(home: HomeFacts) -> dict[str, Any]:
        labels = advert_rules.default_labels(home)
        return {
            **labels,
            "mobility_need": labels["mobility_need"] or ANY_HOUSEHOLD,
            "age_applies_to": AgeAppliesTo.APPLICANT,
            "lettings_plan": NO_PLAN,
            "pets": ASK,
        }

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if self.errors:
            return data
        for field, problem in label_problems(
            self.labels(),
            home=self.home,
            plans=self.choices.plan_codes,
            today=self.today,
            mobility_uses=self.choices.mobility_uses,
        ).items():
            self.add_error(field if field in self.fields else None, ValidationError(problem))
        return data

    def labels(self) -> AdvertLabels:
        data = self.cleaned_data
        plan = data.get("lettings_plan") or NO_PLAN
        return AdvertLabels(
            min_bedroom_need=data["min_bedroom_need"],
            max_bedroom_need=data["max_bedroom_need"],
            minimum_age=data.get("minimum_age"),
            maximum_age=data.get("maximum_age"),
            age_applies_to=data["age_applies_to"],
            mobility_need="" if data["mobility_need"] == ANY_HOUSEHOLD else data["mobility_need"],
            mobility_use=data["mobility_use"],
            connection_scope=data["connection_scope"],
            lettings_plan="" if plan == NO_PLAN else plan,
            preference_text=data.get("preference_text", "").strip(),
            pets="" if data["pets"] == ASK else data["pets"],
            viewing_text=data.get("viewing_text", "").strip(),
            description=data.get("description", "").strip(),
            available_from=data.get("available_from"),
        )


class AdvertNewForm(OneSubmissionForm, AdvertForm):
    """A one-time form: sending it twice starts one advert."""


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label=_("Why are you withdrawing the advert?"),
        help_text=_("The council sees this. For example: The tenant is no longer leaving"),
        max_length=advert_rules.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "label_size": "m"}),
        error_messages={
            "required": _("Enter why you are withdrawing the advert"),
            "max_length": _("The reason must be 1000 characters or fewer"),
        },
    )


APPROVE, RETURN = "approve", "return"


class AdvertDecisionForm(GovukForm):
    """A lettings officer approves an advert, or returns it to the landlord saying why."""

    decision = forms.ChoiceField(
        label=_("What do you want to do with this advert?"),
        choices=[
            (APPROVE, _("Approve it: it goes live when the next cycle opens")),
            (RETURN, _("Return it to the landlord to change")),
        ],
        widget=forms.RadioSelect(
            attrs={"label_size": "m", "conditional": {RETURN: ["returned_reason"]}}
        ),
        error_messages={
            "required": _("Select whether to approve the advert or return it"),
            "invalid_choice": _("Select whether to approve the advert or return it"),
        },
    )
    returned_reason = forms.CharField(
        label=_("What does the landlord need to change?"),
        help_text=_("The landlord sees this"),
        required=False,
        max_length=advert_rules.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The reason must be 1000 characters or fewer")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == RETURN and not (data.get("returned_reason") or "").strip():
            self.add_error(
                "returned_reason", ValidationError("Enter what the landlord needs to change")
            )
        return data
