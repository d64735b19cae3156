"""GOV.UK Frontend helpers for page templates.

{% load govuk %}
{% govuk_error_summary form %}              {# or several: form other_form formset #}
{% govuk_field form.email %}                {# one field, as its GOV.UK component #}
{% govuk_button _("Continue") %}           {# a submit button #}
{% govuk_button _("Cancel") href=url secondary=True %}
{% govuk_back_link url %}
{% if form|govuk_has_errors %}...{% endif %}
{{ some_date|govuk_date }}                  {# 5 January 2026 #}
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from hearth.core.forms.govuk import error_summary_items, mark_summarised
from hearth.core.forms.govuk import govuk_date as format_govuk_date

register = template.Library()


@register.simple_tag
def govuk_error_summary(*forms_: Any) -> SafeString | str:
    """The GOV.UK error summary for one or more forms or formsets; nothing when all are valid."""
    items = error_summary_items(forms_)
    mark_summarised(forms_)
    if not items:
        return ""
    return render_to_string("govuk/error_summary.html", {"items": items})


@register.simple_tag
def govuk_field(bound_field: forms.BoundField) -> SafeString:
    """One form field rendered as its GOV.UK component (label, hint, error and input)."""
    return bound_field.as_field_group()


@register.simple_tag
def govuk_button(
    label: str,
    *,
    type: str = "submit",
    href: str = "",
    name: str = "",
    value: str = "",
    secondary: bool = False,
    warning: bool = False,
    inverse: bool = False,
    start: bool = False,
    disabled: bool = False,
    prevent_double_click: bool = True,
    form_id: str = "",
    classes: str = "",
) -> SafeString:
    """A GOV.UK button: a <button> (submit by default), or a link styled as one with href."""
    modifiers = [
        "govuk-button--secondary" if secondary else "",
        "govuk-button--warning" if warning else "",
        "govuk-button--inverse" if inverse else "",
        "govuk-button--start" if start else "",
        classes,
    ]
    return render_to_string(
        "govuk/components/button.html",
        {
            "label": label,
            "type": type,
            "href": href,
            "name": name,
            "value": value,
            "start": start,
            "disabled": disabled,
            "prevent_double_click": prevent_double_click and not href,
            "form_id": form_id,
            "classes": " ".join(m for m in modifiers if m),
        },
    )


@register.simple_tag
def govuk_back_link(href: str, label: str = "") -> SafeString:
    """The GOV.UK back link, for {% block before_content %}."""
    return render_to_string(
        "govuk/components/back_link.html", {"href": href, "label": label or gettext("Back")}
    )


@register.filter
def govuk_has_errors(form: Any) -> bool:
    """Whether a form or formset in the page's context has any errors (for the title)."""
    if isinstance(form, forms.BaseFormSet):
        return form.is_bound and form.total_error_count() > 0
    if isinstance(form, forms.BaseForm):
        return form.is_bound and bool(form.errors)
    return False


@register.filter
def govuk_date(value: Any) -> str:
    """A date in the GOV.UK style: 5 January 2026."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return format_govuk_date(value)
    return "" if value is None else str(value)
