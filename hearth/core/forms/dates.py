"""The GOV.UK date input: day, month and year boxes, and the field that reads them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DateBound = datetime.date | Callable[[], datetime.date] | None


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input).

    The submitted names are ``<name>_day``, ``<name>_month`` and ``<name>_year``; the ids are
    ``<id>-day``, ``<id>-month`` and ``<id>-year``.
    """

    template_name = "govuk/widgets/date_input.html"
    parts: ClassVar[tuple[str, str, str]] = ("day", "month", "year")
    part_labels: ClassVar[dict[str, Promise]] = {
        "day": _("Day"),
        "month": _("Month"),
        "year": _("Year"),
    }
    part_widths: ClassVar[dict[str, str]] = {"day": "2", "month": "2", "year": "4"}
    # Private key the bound field passes down: which parts to mark with the error style.
    error_parts_attr = "_govuk_error_parts"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput() for part in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-day" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        error_parts = set(attrs.pop(self.error_parts_attr, ()) or ())
        # aria-describedby belongs on the fieldset; aria-invalid is carried by each box instead.
        attrs.pop("aria-describedby", None)
        invalid = attrs.pop("aria-invalid", None)
        context = forms.Widget.get_context(self, name, value, attrs)
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        base = context["widget"]["attrs"]
        id_ = base.pop("id", "") or ""
        extra_class = base.pop("class", "")
        subwidgets = []
        for index, part in enumerate(self.parts):
            part_value = value[index] if index < len(value) else None
            classes = [
                "govuk-input",
                "govuk-date-input__input",
                f"govuk-input--width-{self.part_widths[part]}",
            ]
            if extra_class:
                classes.append(extra_class)
            has_error = part in error_parts
            if has_error:
                classes.append("govuk-input--error")
            part_attrs = {
                **base,
                "class": " ".join(classes),
                "inputmode": "numeric",
            }
            if has_error and invalid:
                part_attrs["aria-invalid"] = "true"
            if part == "day" and "autocomplete" in part_attrs:
                # autocomplete="bday" on the widget becomes bday-day / bday-month / bday-year.
                part_attrs["autocomplete"] = f"{part_attrs['autocomplete']}-day"
            elif "autocomplete" in part_attrs:
                part_attrs["autocomplete"] = f"{part_attrs['autocomplete']}-{part}"
            subwidgets.append(
                {
                    "part": part,
                    "label": self.part_labels[part],
                    "name": f"{name}_{part}",
                    "id": f"{id_}-{part}" if id_ else "",
                    "value": "" if part_value is None else str(part_value),
                    "attrs": part_attrs,
                }
            )
        context["widget"]["subwidgets"] = subwidgets
        context["widget"]["id"] = id_
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str | None]:
        return [data.get(f"{name}_{part}") for part in self.parts]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}_{part}" not in data for part in self.parts)


_ENGLISH_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month_number(text: str) -> int | None:
    """A month typed as a number, a name or a three-letter abbreviation ("4", "April", "apr")."""
    if text.isdigit():
        return int(text)
    lowered = text.lower().rstrip(".")
    for number in range(1, 13):
        english = _ENGLISH_MONTHS[number - 1]
        names = {english, english[:3], str(MONTHS[number]).lower(), str(MONTHS_3[number]).lower()}
        if number == 9:
            names.add("sept")
        if lowered in names:
            return number
    return None


class GovukDateField(forms.Field):
    """A date entered in three boxes, cleaned to a ``datetime.date`` with GOV.UK messages.

    ``min_date`` and ``max_date`` may be dates or callables returning one (for example a clock's
    ``today``), checked inclusively.
    """

    widget = GovukDateWidget
    default_error_messages: ClassVar[dict[str, Any]] = {
        "required": _("Enter a date"),
        "missing_day": _("Date must include a day"),
        "missing_month": _("Date must include a month"),
        "missing_year": _("Date must include a year"),
        "missing_day_month": _("Date must include a day and month"),
        "missing_day_year": _("Date must include a day and year"),
        "missing_month_year": _("Date must include a month and year"),
        "invalid": _("Date must be a real date"),
        "year_digits": _("Year must include 4 numbers"),
        "before_min": _("Date must be the same as or after %(limit)s"),
        "after_max": _("Date must be the same as or before %(limit)s"),
    }

    def __init__(
        self,
        *,
        min_date: DateBound = None,
        max_date: DateBound = None,
        **kwargs: Any,
    ) -> None:
        # Model fields pass form-field options meant for forms.DateField.
        kwargs.pop("input_formats", None)
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        self.min_date = min_date
        self.max_date = max_date
        super().__init__(**kwargs)

    @staticmethod
    def _resolve(bound: DateBound) -> datetime.date | None:
        return bound() if callable(bound) else bound

    def _error(self, code: str, parts: Sequence[str], **params: Any) -> ValidationError:
        return ValidationError(
            self.error_messages[code], code=code, params={**params, "govuk_parts": tuple(parts)}
        )

    def to_python(self, value: Any) -> datetime.date | None:
        if value is None or isinstance(value, datetime.date):
            if isinstance(value, datetime.datetime):
                return value.date()
            return value
        if isinstance(value, str):
            # A single ISO string, as initial data or in tests.
            if not value.strip():
                return None
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise self._error("invalid", GovukDateWidget.parts) from None
        parts = [("" if p is None else str(p)).strip() for p in value]
        parts += [""] * (3 - len(parts))
        day_text, month_text, year_text = parts[:3]
        if not (day_text or month_text or year_text):
            return None
        texts = (day_text, month_text, year_text)
        missing = [p for p, t in zip(GovukDateWidget.parts, texts, strict=True) if not t]
        if missing:
            raise self._error("missing_" + "_".join(missing), missing)
        month = _month_number(month_text)
        bad = [
            part
            for part, ok in (
                ("day", day_text.isdigit()),
                ("month", month is not None),
                ("year", year_text.isdigit()),
            )
            if not ok
        ]
        if bad:
            raise self._error("invalid", bad)
        if len(year_text) != 4:
            raise self._error("year_digits", ["year"])
        try:
            return datetime.date(int(year_text), month or 0, int(day_text))
        except ValueError:
            raise self._error("invalid", GovukDateWidget.parts) from None

    def validate(self, value: Any) -> None:
        if value is None:
            if self.required:
                raise self._error("required", GovukDateWidget.parts)
            return
        min_date = self._resolve(self.min_date)
        if min_date is not None and value < min_date:
            raise self._error("before_min", GovukDateWidget.parts, limit=govuk_date(min_date))
        max_date = self._resolve(self.max_date)
        if max_date is not None and value > max_date:
            raise self._error("after_max", GovukDateWidget.parts, limit=govuk_date(max_date))

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


def govuk_date(value: datetime.date) -> str:
    """A date in the GOV.UK style: 5 January 2026."""
    return f"{value.day} {MONTHS[value.month]} {value.year}"
