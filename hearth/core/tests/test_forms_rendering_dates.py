"""The GOV.UK date input and `GovukDateField`: three boxes in a fieldset, cleaning, limits, errors
marked on the part that is wrong, and model forms' date fields.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.test.utils import isolate_apps

from hearth.core.forms.govuk import GovukDateField, GovukDateWidget, GovukForm, GovukModelForm
from hearth.core.tests.forms_rendering_support import render_form, squash

# --- forms under test ---------------------------------------------------------------------


class DateForm(GovukForm):
    moved_in = GovukDateField(
        label="When did you move in?",
        help_text="For example, 27 3 2019",
        min_date=datetime.date(2000, 1, 1),
        max_date=datetime.date(2025, 12, 31),
    )


def date_form(day: str = "", month: str = "", year: str = "") -> DateForm:
    return DateForm({"moved_in_day": day, "moved_in_month": month, "moved_in_year": year})


# --- date input ---------------------------------------------------------------------------


def test_date_input_renders_three_boxes_in_a_fieldset() -> None:
    page = render_form(DateForm(initial={"moved_in": datetime.date(2019, 3, 27)}))
    fieldset = page.one("fieldset")
    assert fieldset.attrs["role"] == "group"
    assert fieldset.attrs["aria-describedby"] == "id_moved_in-hint"
    assert squash(page.one("legend").text) == "When did you move in?"
    assert "govuk-date-input" in page.by_id("id_moved_in").classes
    boxes = page.all("input", "govuk-date-input__input")
    assert [(b.attrs["id"], b.attrs["name"], b.attrs["value"]) for b in boxes] == [
        ("id_moved_in-day", "moved_in_day", "27"),
        ("id_moved_in-month", "moved_in_month", "3"),
        ("id_moved_in-year", "moved_in_year", "2019"),
    ]
    assert all(b.attrs["inputmode"] == "numeric" for b in boxes)
    assert "govuk-input--width-4" in boxes[2].classes
    labels = [squash(e.text) for e in page.all("label", "govuk-date-input__label")]
    assert labels == ["Day", "Month", "Year"]


def test_date_cleans_to_a_date() -> None:
    form = date_form("5", "1", "2020")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["moved_in"] == datetime.date(2020, 1, 5)


def test_date_accepts_month_names_and_spaces() -> None:
    for month in ("Feb", "february", " 2 "):
        form = date_form(" 14", month, "2021 ")
        assert form.is_valid(), form.errors
        assert form.cleaned_data["moved_in"] == datetime.date(2021, 2, 14)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter a date"),
        (("", "3", "2020"), "Date must include a day"),
        (("1", "", "2020"), "Date must include a month"),
        (("1", "3", ""), "Date must include a year"),
        (("", "", "2020"), "Date must include a day and month"),
        (("1", "", ""), "Date must include a month and year"),
        (("31", "2", "2020"), "Date must be a real date"),
        (("1", "13", "2020"), "Date must be a real date"),
        (("x", "3", "2020"), "Date must be a real date"),
        (("1", "3", "20"), "Year must include 4 numbers"),
        (("31", "12", "1999"), "Date must be the same as or after 1 January 2000"),
        (("1", "1", "2026"), "Date must be the same as or before 31 December 2025"),
    ],
)
def test_date_errors(parts: tuple[str, str, str], message: str) -> None:
    form = date_form(*parts)
    assert not form.is_valid()
    assert form.errors["moved_in"] == [message]


def test_date_range_is_inclusive() -> None:
    assert date_form("1", "1", "2000").is_valid()
    assert date_form("31", "12", "2025").is_valid()


def test_date_limits_can_be_callables() -> None:
    class PastForm(GovukForm):
        when = GovukDateField(max_date=lambda: datetime.date(2024, 6, 1))

    assert PastForm({"when_day": "1", "when_month": "6", "when_year": "2024"}).is_valid()
    late = PastForm({"when_day": "2", "when_month": "6", "when_year": "2024"})
    assert late.errors["when"] == ["Date must be the same as or before 1 June 2024"]


def test_optional_date_left_blank_is_none() -> None:
    class OptionalForm(GovukForm):
        when = GovukDateField(required=False)

    form = OptionalForm({"when_day": "", "when_month": "", "when_year": ""})
    assert form.is_valid()
    assert form.cleaned_data["when"] is None
    assert "(optional)" in render_form(OptionalForm()).one("legend").text


def test_date_error_marks_only_the_missing_part_and_summary_links_to_it() -> None:
    page = render_form(date_form("12", "", "2020"))
    day, month, year = page.all("input", "govuk-date-input__input")
    assert "govuk-input--error" in month.classes
    assert "govuk-input--error" not in day.classes
    assert "govuk-input--error" not in year.classes
    assert day.attrs["value"] == "12"
    assert page.one("fieldset").attrs["aria-describedby"] == "id_moved_in-hint id_moved_in-error"
    assert [a.attrs["href"] for a in page.all("a")] == ["#id_moved_in-month"]


def test_whole_date_errors_mark_every_box_and_link_to_the_day() -> None:
    page = render_form(date_form("31", "2", "2020"))
    boxes = page.all("input", "govuk-date-input__input")
    assert all("govuk-input--error" in b.classes for b in boxes)
    assert [a.attrs["href"] for a in page.all("a")] == ["#id_moved_in-day"]
    assert "id_moved_in-day" in page.ids()


def test_date_widget_autocomplete_per_part() -> None:
    class BirthForm(GovukForm):
        born = GovukDateField(widget=GovukDateWidget(attrs={"autocomplete": "bday"}))

    boxes = render_form(BirthForm()).all("input", "govuk-date-input__input")
    assert [b.attrs["autocomplete"] for b in boxes] == ["bday-day", "bday-month", "bday-year"]


@isolate_apps("hearth.core")
def test_model_form_dates_use_the_date_input() -> None:
    class Tenancy(models.Model):
        started = models.DateField("Start date")
        ends = models.DateField("End date", null=True, blank=True)

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return str(self.started)

    class TenancyForm(GovukModelForm):
        class Meta:
            model = Tenancy
            fields = ("started", "ends")

    form = TenancyForm(
        {"started_day": "1", "started_month": "4", "started_year": "2022", "ends_day": ""}
    )
    assert isinstance(form.fields["started"], GovukDateField)
    assert form.fields["ends"].required is False
    assert form.is_valid(), form.errors
    assert form.cleaned_data["started"] == datetime.date(2022, 4, 1)
    assert form.use_required_attribute is False
