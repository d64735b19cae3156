"""The officer's register search form: one box that understands what was typed, and filters.

The box takes a name, a reference, a National Insurance number, a postcode or a date of birth
(as dd/mm/yyyy). The form works out which from its shape and hands the selector a typed
`RegisterSearch`; the date of birth can also be given in the GOV.UK date boxes, to narrow a
name search.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.forms.govuk import GovukDateField, GovukForm
from hearth.register.models import ApplicationStatus
from hearth.register.selectors.workspace import RegisterSearch

_REFERENCE = re.compile(r"^([A-Z]{1,4})-?(\d{1,8})$")
# Looser than the record's validator: find whatever was recorded, even an example prefix.
_NINO = re.compile(r"^[A-Z]{2}\d{6}[A-D]$")
# A full postcode ("MV1 2AB") or just its first half ("MV1").
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?(\d[A-Z]{2})?$")
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_NAME = re.compile(r"^[^\W\d_]+(?:[\s'\u2019\-.][^\W\d_]+)*\.?$")
NAME_WORDS_MAX = 4


def search_text_read(text: str) -> RegisterSearch:
    """What an officer typed in the search box, as search terms; `ValidationError` if it is
    none of a name, reference, National Insurance number, postcode or date of birth."""
    plain = " ".join(text.split())
    compact = plain.replace(" ", "").upper()
    if date_match := _DATE.match(plain):
        day, month, year = (int(part) for part in date_match.groups())
        try:
            born = dt.date(year, month, day)
        except ValueError as wrong:
            raise ValidationError(
                _("Enter a real date of birth, like 27/03/1985"), code="invalid_date"
            ) from wrong
        if born > clock.today():
            raise ValidationError(_("Enter a date of birth in the past"), code="future_date")
        return RegisterSearch(date_of_birth=born)
    if _NINO.match(compact):
        return RegisterSearch(national_insurance_number=compact)
    reference = _REFERENCE.match(compact)
    if reference and "-" in plain:
        prefix, number = reference.groups()
        return RegisterSearch(reference=f"{prefix}-{int(number):06d}")
    if _POSTCODE.match(compact):
        return RegisterSearch(postcode=compact)
    if reference:
        prefix, number = reference.groups()
        return RegisterSearch(reference=f"{prefix}-{int(number):06d}")
    if _NAME.match(plain) and len(plain) >= 2:
        words = tuple(word.upper() for word in re.split(r"[\s\-]+", plain) if word)
        if len(words) > NAME_WORDS_MAX:
            raise ValidationError(
                _("Enter no more than %(count)s names"),
                code="too_many_words",
                params={"count": NAME_WORDS_MAX},
            )
        return RegisterSearch(name_words=words)
    raise ValidationError(
        _(
            "Enter a name, a reference like MC-004217, a National Insurance number like "
            "QQ123456C, a postcode or a date of birth like 27/03/1985"
        ),
        code="not_understood",
    )


class RegisterSearchForm(GovukForm):
    show_optional_suffix = False

    q = forms.CharField(
        label=_("Name, reference, National Insurance number, postcode or date of birth"),
        help_text=_("For example Jane Smith, MC-004217, QQ123456C, MV1 2AB or 27/03/1985"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    date_of_birth = GovukDateField(
        label=_("Date of birth"),
        help_text=_("To narrow a name search. For example, 27 3 1985"),
        required=False,
        max_date=clock.today,
        error_messages={
            "after_max": _("Enter a date of birth in the past"),
            "invalid": _("Enter a real date of birth"),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *ApplicationStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search: RegisterSearch | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        text = str(cleaned.get("q") or "").strip()
        born: dt.date | None = cleaned.get("date_of_birth")
        status = str(cleaned.get("status") or "")
        search = RegisterSearch(status=status)
        if text:
            try:
                search = search_text_read(text)
            except ValidationError as problem:
                self.add_error("q", problem)
                return cleaned
            search = search.with_status(status)
        if born is not None:
            if search.date_of_birth is not None and search.date_of_birth != born:
                self.add_error(
                    "date_of_birth",
                    _("Enter the same date of birth as in the search box, or leave this empty"),
                )
                return cleaned
            search = search.with_date_of_birth(born)
        if not search.narrows:
            self.add_error(
                "q",
                _("Enter a name, reference, National Insurance number, postcode or date of birth"),
            )
            return cleaned
        self.search = search
        return cleaned
