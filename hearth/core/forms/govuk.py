"""GOV.UK form rendering: every Django form and widget renders as a GOV.UK Frontend component.

``FORM_RENDERER`` is :class:`GovukFormRenderer`, so ``{{ form }}`` renders each field as the
matching GOV.UK component (label, hint, error message, input) from the templates in
``hearth/core/templates/govuk/``. Page templates add the error summary with
``{% load govuk %}{% govuk_error_summary form %}`` and put ``novalidate`` on ``<form>``.

Widgets choose the component:

============================  ==========================================================
widget                        component
============================  ==========================================================
TextInput, EmailInput, ...    text input (``govuk-input``); prefix and suffix supported
PasswordInput                 password input with a show/hide button
Textarea                      textarea, or character count when the field has max_length
Select, SelectMultiple        select
RadioSelect                   radios in a fieldset
CheckboxSelectMultiple        checkboxes in a fieldset
CheckboxInput                 a single checkbox
FileInput, ClearableFileInput file upload
GovukDateWidget               date input (day, month, year) in a fieldset
============================  ==========================================================

Presentation options are widget attributes, removed before the HTML is written:

- ``label_is_page_heading`` (bool): wrap the label or legend in ``<h1>`` at the large size. A
  form can set the class attribute ``label_is_page_heading`` to ``True`` (its first visible
  field) or to a field name instead.
- ``label_size``: ``"s"``, ``"m"``, ``"l"`` or ``"xl"``.
- ``prefix`` / ``suffix``: text shown before or after a text input, such as ``"£"``.
- ``choice_hints``: ``{choice value: hint}`` for radios and checkboxes.
- ``conditional``: ``{choice value: [field names]}`` for radios: those fields of the same form
  are revealed under that choice (GOV.UK conditional reveal) instead of after the question.
  Without JavaScript they are all shown, and they are always submitted, so the form's
  ``clean`` decides which to use and validates it.
- ``threshold``: percentage of the limit at which a character count starts counting down.
- ``class``: width classes for inputs and textareas (``govuk-input--width-10``,
  ``govuk-!-width-one-half``); for radios and checkboxes it is added to the
  ``govuk-radios`` / ``govuk-checkboxes`` container (``govuk-radios--inline``,
  ``govuk-radios--small``).

Base classes: :class:`GovukForm` and :class:`GovukModelForm` turn off the browser's ``required``
attributes (GOV.UK validates on the server) and label colons; model ``DateField`` becomes
:class:`GovukDateField`. Optional fields get " (optional)" after the label, except a lone
checkbox; set ``show_optional_suffix = False`` on a form where every question is optional.
Error summary links go to the field's first input: the first radio or checkbox, or for a date
the first box (day, month or year) the error is about.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias, cast

from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input
from django.utils.functional import cached_property

# The date input has its own module; forms import it from here with the other GOV.UK fields.
from hearth.core.forms.dates import GovukDateField as GovukDateField
from hearth.core.forms.dates import GovukDateWidget as GovukDateWidget
from hearth.core.forms.dates import govuk_date as govuk_date

# Widget attributes that steer the GOV.UK markup; never written out as HTML attributes.
GOVUK_WIDGET_OPTIONS = frozenset(
    {
        "label_is_page_heading",
        "label_size",
        "prefix",
        "suffix",
        "choice_hints",
        "threshold",
        "conditional",
    }
)
LABEL_SIZES = frozenset({"s", "m", "l", "xl"})
# Components whose question is a <fieldset> with a <legend> rather than a <label>.
FIELDSET_COMPONENTS = frozenset({"radios", "checkboxes", "date"})


# --- Bound fields ---------------------------------------------------------------------------


def govuk_component(widget: forms.Widget) -> str:
    """Which GOV.UK component a widget renders as (a template in govuk/forms/fields/)."""
    if isinstance(widget, GovukDateWidget):
        return "date"
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, Input):
        return "input"
    return "generic"


def _join_classes(*parts: str | None) -> str:
    seen: list[str] = []
    for part in parts:
        for name in (part or "").split():
            if name not in seen:
                seen.append(name)
    return " ".join(seen)


class GovukBoundField(BoundField):
    """A bound field that knows its GOV.UK component, ids and classes."""

    # --- what it is ---

    @cached_property
    def govuk_options(self) -> dict[str, Any]:
        attrs = self.field.widget.attrs
        return {key: attrs[key] for key in GOVUK_WIDGET_OPTIONS if key in attrs}

    @cached_property
    def govuk_component(self) -> str:
        component = govuk_component(self.field.widget)
        if component == "textarea" and self.max_length:
            return "character_count"
        return component

    @property
    def govuk_template(self) -> str:
        return f"govuk/forms/fields/{self.govuk_component}.html"

    @property
    def use_fieldset(self) -> bool:
        return self.govuk_component in FIELDSET_COMPONENTS

    @property
    def max_length(self) -> int | None:
        value = getattr(self.field, "max_length", None)
        return int(value) if value else None

    # --- ids ---

    @property
    def govuk_id(self) -> str:
        return str(self.field.widget.attrs.get("id") or self.auto_id)

    @property
    def hint_id(self) -> str:
        return f"{self.govuk_id}-hint" if self.help_text else ""

    @property
    def error_id(self) -> str:
        return f"{self.govuk_id}-error" if self.errors else ""

    @property
    def info_id(self) -> str:
        return f"{self.govuk_id}-info" if self.govuk_component == "character_count" else ""

    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        if not self.govuk_id or self.is_hidden:
            return ""
        return " ".join(i for i in (self.info_id, self.hint_id, self.error_id) if i)

    @property
    def fieldset_describedby(self) -> str:
        return " ".join(i for i in (self.hint_id, self.error_id) if i)

    @cached_property
    def first_input_id(self) -> str:
        """The id the error summary links to: the first box or option of the question."""
        component = self.govuk_component
        if component == "date":
            parts = self.error_parts or GovukDateWidget.parts
            first = next(p for p in GovukDateWidget.parts if p in parts)
            return f"{self.govuk_id}-{first}"
        if component in {"radios", "checkboxes"}:
            items = self.govuk_items
            return items[0]["id"] if items else self.govuk_id
        return self.govuk_id

    # --- label ---

    @property
    def is_page_heading(self) -> bool:
        if "label_is_page_heading" in self.govuk_options:
            return bool(self.govuk_options["label_is_page_heading"])
        setting = getattr(self.form, "label_is_page_heading", None)
        if isinstance(setting, str):
            return setting == self.name
        if setting:
            visible = self.form.visible_fields()
            return bool(visible) and visible[0].name == self.name
        return False

    @property
    def label_size(self) -> str:
        if self.is_page_heading:
            return "l"
        size = str(self.govuk_options.get("label_size", ""))
        return size if size in LABEL_SIZES else ""

    @property
    def label_classes(self) -> str:
        size = self.label_size
        return _join_classes("govuk-label", f"govuk-label--{size}" if size else "")

    @property
    def legend_classes(self) -> str:
        size = self.label_size
        return _join_classes(
            "govuk-fieldset__legend", f"govuk-fieldset__legend--{size}" if size else ""
        )

    @property
    def show_optional(self) -> bool:
        return (
            not self.field.required
            and self.govuk_component != "checkbox"
            and getattr(self.form, "show_optional_suffix", True)
        )

    # --- errors ---

    @property
    def error_messages(self) -> list[str]:
        return [str(message) for message in self.errors]

    @cached_property
    def error_parts(self) -> tuple[str, ...]:
        """For a date: the parts (day, month, year) the error is about."""
        if not self.errors or self.name not in self.form.errors:
            return ()
        parts: list[str] = []
        for error in self.form.errors.as_data().get(self.name, []):
            params = error.params if isinstance(error.params, Mapping) else {}
            for part in params.get("govuk_parts", GovukDateWidget.parts):
                if part not in parts:
                    parts.append(part)
        return tuple(parts)

    @property
    def form_group_classes(self) -> str:
        return _join_classes(
            "govuk-form-group",
            "govuk-character-count" if self.govuk_component == "character_count" else "",
            "govuk-password-input" if self.govuk_component == "password" else "",
            "govuk-form-group--error" if self.errors else "",
        )

    # --- the input ---

    def _input_classes(self, widget: forms.Widget) -> str:
        component = govuk_component(widget)
        if component == "textarea" and self.max_length:
            component = "character_count"
        error = bool(self.errors)
        base = {
            "input": "govuk-input",
            "password": "govuk-input govuk-password-input__input govuk-js-password-input-input",
            "textarea": "govuk-textarea",
            "character_count": "govuk-textarea govuk-js-character-count",
            "select": "govuk-select",
            "file": "govuk-file-upload",
            "checkbox": "govuk-checkboxes__input",
        }.get(component, "")
        error_class = {
            "input": "govuk-input--error",
            "password": "govuk-input--error",
            "textarea": "govuk-textarea--error",
            "character_count": "govuk-textarea--error",
            "select": "govuk-select--error",
            "file": "govuk-file-upload--error",
        }.get(component, "")
        return _join_classes(base, widget.attrs.get("class"), error_class if error else "")

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        widget = widget or self.field.widget
        built: dict[str, Any] = super().build_widget_attrs(attrs, widget)
        component = govuk_component(widget)
        if component == "date":
            built[GovukDateWidget.error_parts_attr] = self.error_parts
        elif component not in {"radios", "checkboxes", "generic", "hidden"}:
            classes = self._input_classes(widget)
            if classes:
                built["class"] = _join_classes(classes, built.get("class"))
        if component in {"input", "password"} and isinstance(widget, forms.EmailInput):
            built.setdefault("spellcheck", "false")
        if component == "password":
            built.setdefault("spellcheck", "false")
            built.setdefault("autocapitalize", "none")
        return built

    def as_widget(
        self,
        widget: forms.Widget | None = None,
        attrs: dict[str, Any] | None = None,
        only_initial: bool = False,
    ) -> Any:
        widget = widget or self.field.widget
        drop = set(GOVUK_WIDGET_OPTIONS)
        if self.govuk_component == "character_count":
            # The character count tells people the limit; a maxlength would silently cut them off.
            drop.add("maxlength")
        if isinstance(widget, forms.ClearableFileInput):
            # The GOV.UK file upload is a plain file input.
            widget = forms.FileInput(attrs=widget.attrs)
        if drop & set(widget.attrs):
            widget = copy.copy(widget)
            widget.attrs = {k: v for k, v in widget.attrs.items() if k not in drop}
        return super().as_widget(widget, attrs, only_initial)

    @property
    def widget_html(self) -> Any:
        html = self.as_widget()
        if self.field.show_hidden_initial:
            html += self.as_hidden(only_initial=True)
        return html

    # --- radios and checkboxes ---

    @property
    def choices_classes(self) -> str:
        return str(self.field.widget.attrs.get("class", ""))

    @property
    def is_revealed(self) -> bool:
        """Whether this field is shown under a choice of another (a conditional reveal) rather
        than in its own place in the form."""
        return self.name in revealed_fields(self.form)

    @cached_property
    def govuk_items(self) -> list[dict[str, Any]]:
        hints: Mapping[Any, Any] = self.govuk_options.get("choice_hints") or {}
        hints = {str(k): v for k, v in hints.items()}
        reveals: Mapping[Any, Any] = self.govuk_options.get("conditional") or {}
        reveals = {str(k): v for k, v in reveals.items()}
        items = []
        for subwidget in self.subwidgets:
            data = subwidget.data
            item_id = data["attrs"].get("id", "")
            value = "" if data["value"] is None else str(data["value"])
            hint = hints.get(value, "")
            items.append(
                {
                    "id": item_id,
                    "name": data["name"],
                    "value": value,
                    "label": data["label"],
                    "checked": bool(data["selected"]),
                    "disabled": bool(data["attrs"].get("disabled")),
                    "hint": hint,
                    "hint_id": f"{item_id}-item-hint" if hint and item_id else "",
                    "conditional": [self.form[name] for name in reveals.get(value, ())],
                    "conditional_id": f"conditional-{item_id}" if value in reveals else "",
                }
            )
        return items

    # --- rendering ---

    def get_context(self) -> dict[str, Any]:
        return {"field": self}


def revealed_fields(form: forms.BaseForm) -> frozenset[str]:
    """The names of the fields a radio question of `form` reveals under one of its choices."""
    return frozenset(
        name
        for field in form.fields.values()
        for names in (field.widget.attrs.get("conditional") or {}).values()
        for name in names
    )


# --- Renderer and base forms ---------------------------------------------------------------


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    formset_template_name = "govuk/forms/formset.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField


class GovukFormMixin:
    """GOV.UK behaviour for forms: no browser validation attributes, no label colons."""

    use_required_attribute = False
    # True (the first visible field) or a field name: that label becomes the page's <h1>.
    label_is_page_heading: ClassVar[bool | str] = False
    # Set False on forms where every question is optional, to drop the "(optional)" suffixes.
    show_optional_suffix: ClassVar[bool] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class GovukForm(GovukFormMixin, forms.Form):
    pass


def govuk_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Model form fields with GOV.UK widgets: dates become day, month and year boxes."""
    is_date = isinstance(db_field, models.DateField) and not isinstance(
        db_field, models.DateTimeField
    )
    if is_date and not db_field.choices:
        kwargs.setdefault("form_class", GovukDateField)
    return db_field.formfield(**kwargs)


class GovukModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        meta = attrs.get("Meta")
        if (
            meta is not None
            and "formfield_callback" not in attrs
            and getattr(meta, "formfield_callback", None) is None
        ):
            meta.formfield_callback = staticmethod(govuk_formfield)
        return super().__new__(mcs, name, bases, attrs)


if TYPE_CHECKING:
    _ModelFormBase: TypeAlias = forms.ModelForm[Any]
else:
    _ModelFormBase = forms.ModelForm


class GovukModelForm(GovukFormMixin, _ModelFormBase, metaclass=GovukModelFormMetaclass):
    pass


# --- Error summary -------------------------------------------------------------------------


def _forms_only(candidates: Iterable[Any]) -> list[forms.BaseForm | forms.BaseFormSet[Any]]:
    """The forms and formsets among some template values (a missing variable renders as "")."""
    return [c for c in candidates if isinstance(c, forms.BaseForm | forms.BaseFormSet)]


def error_summary_items(forms_: Iterable[Any]) -> list[dict[str, str]]:
    """The error summary's entries for some forms or formsets: text and the id to link to.

    Entries with no id (errors about the whole form, or a hidden field) are shown unlinked.
    """
    items: list[dict[str, str]] = []
    for form in _forms_only(forms_):
        if isinstance(form, forms.BaseFormSet):
            if not form.is_bound:
                continue
            items.extend({"text": str(e), "href": ""} for e in form.non_form_errors())
            items.extend(error_summary_items(form.forms))
            continue
        if not form.is_bound or not form.errors:
            continue
        items.extend({"text": str(e), "href": ""} for e in form.non_field_errors())
        for bound_field in form:
            if not bound_field.errors:
                continue
            target = getattr(bound_field, "first_input_id", "") or bound_field.id_for_label
            if bound_field.is_hidden:
                target = ""
            items.extend({"text": str(e), "href": target} for e in bound_field.errors)
    return items


def mark_summarised(forms_: Iterable[Any]) -> None:
    """Note that the page already shows these forms' errors in an error summary."""
    for form in _forms_only(forms_):
        form.govuk_error_summary_shown = True  # type: ignore[union-attr]
        if isinstance(form, forms.BaseFormSet):
            mark_summarised(form.forms)


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field `name`, typed as one, to set its choices when the form is made."""
    return cast(forms.ChoiceField, form.fields[name])
