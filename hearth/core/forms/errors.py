"""Putting a service's ValidationError back onto the form that collected the input."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def errors_onto_form(
    form: forms.BaseForm, problem: ValidationError, *, plain_field: str | None = None
) -> None:
    """Show each error by its field; errors with no field go to `plain_field` or the summary."""
    if hasattr(problem, "error_dict"):
        for field, errors in problem.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else plain_field, error)
    else:
        form.add_error(plain_field, problem)
