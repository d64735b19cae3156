"""Forms for where the household wants to live and the council's own questions."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.register.forms.apply import StepForm, yes_no_field


class AreasForm(StepForm):
    """Checkboxes of the council's areas, or a free answer when it lists none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = self.record.areas if self.record is not None else ()
        if areas:
            self.fields["preferred_areas"] = forms.MultipleChoiceField(
                label="Where would you like to live?",
                help_text="Select all the areas you would like to live in",
                choices=[(a, a) for a in areas],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": "Select at least one area you would like to live in"},
            )
        else:
            self.fields["preferred_areas"] = forms.CharField(
                label="Where would you like to live?",
                help_text="Tell us the towns or areas, separated by commas",
                max_length=500,
                error_messages={"required": "Enter where you would like to live"},
            )

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        chosen = list(record.household.preferred_areas)
        return {"preferred_areas": chosen if record.areas else ", ".join(chosen)}

    def answers(self) -> dict[str, Any]:
        value = self.cleaned_data["preferred_areas"]
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        return {"preferred_areas": list(value)}


class CouncilQuestionForm(StepForm):
    """One of the council's own questions, as the policy document configures it."""

    def __init__(self, *args: Any, question: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        required = {"required": "Answer the question"}
        field: forms.Field
        if question.kind == "yes_no":
            field = yes_no_field(question.text, f"Select yes or no: {question.text}", question.hint)
        elif question.kind == "choice":
            field = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=[(c, c) for c in question.choices],
                widget=forms.RadioSelect,
                error_messages={"required": "Select an answer"},
            )
        else:
            field = forms.CharField(
                label=question.text,
                help_text=question.hint,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages=required,
            )
        self.fields["answer"] = field

    @staticmethod
    def initial_of(record: Any, code: str) -> dict[str, Any]:
        return {"answer": record.household.extra_answers.get(code)}

    def answers(self) -> dict[str, Any]:
        return {"extra_answers": {self.question.code: self.cleaned_data["answer"]}}
