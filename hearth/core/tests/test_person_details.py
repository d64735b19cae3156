"""Names and UK phone numbers, checked the same way on every form that asks for them."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.person_details import (
    PersonNameValidator,
    person_name_problem,
    phone_clean,
    uk_phone_number,
)


@pytest.mark.parametrize(
    "name", ["Siân O'Neill-Brown", "J. R. Ward", "Zoë", "D\u2019Arcy", "李小龍", "Ada Lovelace"]
)
def test_names_people_have_are_accepted(name: str) -> None:
    assert not person_name_problem(name)


@pytest.mark.parametrize("name", ["12345", "Flat 3", "- .", "Ann <b>", "Sam_Jones", "Bob@home"])
def test_numbers_symbols_and_names_without_letters_are_refused(name: str) -> None:
    assert person_name_problem(name)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("01632 960 001", "01632960001"),
        ("(01632) 960-001", "01632960001"),
        ("07700 900 982", "07700900982"),
        ("+44 808 157 0192", "08081570192"),
        ("+44 (0)7700 900982", "07700900982"),
        ("0161 496 0000", "01614960000"),
    ],
)
def test_uk_numbers_are_accepted_in_their_usual_forms_and_kept_as_digits(
    typed: str, number: str
) -> None:
    assert uk_phone_number(typed) == number
    assert phone_clean(typed) == number


@pytest.mark.parametrize(
    "typed", ["abc", "1", "12345", "12345678901", "+1 202 555 0100", "0770090098212", "07700 ext 1"]
)
def test_anything_else_is_refused_with_the_govuk_example(typed: str) -> None:
    assert uk_phone_number(typed) is None
    with pytest.raises(ValidationError) as refused:
        phone_clean(typed)
    assert refused.value.messages == [
        "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
    ]


def test_no_phone_number_is_allowed_where_the_question_is_optional() -> None:
    assert phone_clean("   ") == ""


class NameForm(GovukForm):
    full_name = forms.CharField(label="Full name", validators=[PersonNameValidator("a full name")])


def test_a_refused_name_is_explained_on_its_field_and_kept() -> None:
    form = NameForm({"full_name": "12345"})
    assert not form.is_valid()
    assert form.errors["full_name"] == [
        "Enter a full name using only letters, spaces, hyphens and apostrophes"
    ]
    assert 'value="12345"' in str(form)
