"""Checking the names and UK phone numbers people type, as GOV.UK services do.

Every form that asks for a person's name or a phone number uses these, so the same input is
accepted (and refused with the same words) everywhere:

- A name must contain a letter, and only letters (any alphabet, with accents), spaces,
  hyphens, apostrophes and full stops: "Siân O'Neill-Brown", "J. R. Ward", "Zoë" pass;
  "12345" and "Flat 3" do not.
- A UK phone number may be typed with spaces, brackets, hyphens and +44 (with or without "(0)")
  and must then be 10 or 11 digits starting with 0: "01632 960 001", "+44 (0)7700 900982".
  It is kept in the national form with no spaces ("07700900982").
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NAME_PUNCTUATION = frozenset(" -'.\u2019\u2010")  # space, hyphen, apostrophes, full stop
PHONE_INVALID = _("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
_PHONE_TYPED = re.compile(r"\+?[0-9 ()\-]+")


def _is_letter(character: str) -> bool:
    # Letters of any alphabet, and the combining accents a decomposed "é" is typed with.
    return unicodedata.category(character)[0] in {"L", "M"}


def person_name_problem(value: str) -> bool:
    """True when `value` is not a name a person could have."""
    return not any(_is_letter(c) for c in value) or any(
        not _is_letter(c) and c not in NAME_PUNCTUATION for c in value
    )


class PersonNameValidator:
    """A form field validator: `validators=[PersonNameValidator(_("a full name"))]` gives the
    error "Enter a full name using only letters, spaces, hyphens and apostrophes"."""

    def __init__(self, what: StrOrPromise) -> None:
        self.what = what

    def __call__(self, value: str) -> None:
        if person_name_problem(value):
            raise ValidationError(
                _("Enter %(what)s using only letters, spaces, hyphens and apostrophes")
                % {"what": self.what},
                code="invalid_name",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PersonNameValidator) and str(other.what) == str(self.what)

    def __hash__(self) -> int:
        return hash(str(self.what))


def uk_phone_number(value: str) -> str | None:
    """`value` as a UK number in national form ("07700900982"), or None if it is not one."""
    typed = value.strip()
    if not _PHONE_TYPED.fullmatch(typed):
        return None
    digits = re.sub(r"[^0-9]", "", typed)
    if typed.startswith("+"):
        if not digits.startswith("44"):
            return None
        # "+44 (0)1632 960 001": the 0 in brackets is the national prefix, written twice.
        digits = "0" + digits[2:].removeprefix("0")
    if not digits.startswith("0") or not 10 <= len(digits) <= 11:
        return None
    return digits


def phone_clean(value: str) -> str:
    """An optional phone answer: empty, or a UK number in national form."""
    if not value.strip():
        return ""
    number = uk_phone_number(value)
    if number is None:
        raise ValidationError(PHONE_INVALID, code="invalid_phone")
    return number
