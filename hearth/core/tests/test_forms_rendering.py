"""The GOV.UK form renderer, date field, template tags and page layouts, checked as HTML."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.db import models
from django.template import engines
from django.template.loader import render_to_string
from django.test.utils import isolate_apps

from hearth.core.forms import (
    GovukDateField,
    GovukDateWidget,
    GovukForm,
    GovukFormRenderer,
    GovukModelForm,
)

# --- helpers ------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Page(HTMLParser):
    """Every element in some HTML, with its attributes and all the text inside it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: (v if v is not None else "") for k, v in attrs})
        self.elements.append(element)
        if tag not in {"input", "img", "br", "meta", "link"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}

    def by_id(self, id_: str) -> Element:
        matches = [e for e in self.elements if e.attrs.get("id") == id_]
        assert len(matches) == 1, f"{len(matches)} elements with id {id_!r}"
        return matches[0]

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.classes)]

    def one(self, tag: str, cls: str | None = None) -> Element:
        found = self.all(tag, cls)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls!r}> elements"
        return found[0]


DASH = "\N{EN DASH}"


def render(source: str, **context: Any) -> str:
    return engines["django"].from_string(source).render(context)


def render_form(form: forms.BaseForm) -> Page:
    return Page(render("{% load govuk %}{% govuk_error_summary form %}{{ form }}", form=form))


def squash(text: str) -> str:
    return " ".join(text.split())


# --- forms under test -------------------------------------------------------------------


class ContactForm(GovukForm):
    full_name = forms.CharField(
        label="Full name",
        help_text="As it appears on your tenancy agreement",
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "govuk-input--width-20"}),
    )
    email = forms.EmailField(label="Email address", required=False)
    weekly_rent = forms.DecimalField(
        label="Weekly rent",
        widget=forms.TextInput(attrs={"prefix": "£", "class": "govuk-input--width-5"}),
    )


class DetailsForm(GovukForm):
    details = forms.CharField(
        label="Tell us about your housing needs",
        widget=forms.Textarea,
        max_length=200,
        help_text="Do not include bank details",
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


class ChoicesForm(GovukForm):
    council = forms.ChoiceField(
        label="Council",
        choices=[("", "Choose a council"), ("north", "North Borough"), ("south", "South District")],
    )
    tenure = forms.ChoiceField(
        label="Where do you live now?",
        choices=[("rent", "Renting"), ("family", "With family")],
        widget=forms.RadioSelect(
            attrs={
                "class": "govuk-radios--inline",
                "choice_hints": {"family": "Including friends"},
            }
        ),
        help_text="Choose one",
    )
    needs = forms.MultipleChoiceField(
        label="Which of these do you need?",
        choices=[("wheelchair", "Wheelchair access"), ("ground", "Ground floor")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="I confirm the information is correct", required=False)


class DateForm(GovukForm):
    moved_in = GovukDateField(
        label="When did you move in?",
        help_text="For example, 27 3 2019",
        min_date=datetime.date(2000, 1, 1),
        max_date=datetime.date(2025, 12, 31),
    )


class UploadForm(GovukForm):
    evidence = forms.FileField(label="Upload a document")


def date_form(day: str = "", month: str = "", year: str = "") -> DateForm:
    return DateForm({"moved_in_day": day, "moved_in_month": month, "moved_in_year": year})


# --- the renderer is the one in settings ---------------------------------------------------


def test_settings_use_the_govuk_renderer() -> None:
    assert isinstance(forms.Form().renderer, GovukFormRenderer)


# --- text inputs --------------------------------------------------------------------------


def test_text_input_has_label_hint_classes_and_autocomplete() -> None:
    page = render_form(ContactForm())
    name = page.by_id("id_full_name")
    assert name.tag == "input"
    assert name.attrs["type"] == "text"
    assert name.attrs["autocomplete"] == "name"
    assert name.classes == {"govuk-input", "govuk-input--width-20"}
    label = page.all("label")[0]
    assert label.attrs["for"] == "id_full_name"
    assert squash(label.text) == "Full name"
    hint = page.by_id("id_full_name-hint")
    assert "govuk-hint" in hint.classes
    assert squash(hint.text) == "As it appears on your tenancy agreement"
    assert name.attrs["aria-describedby"] == "id_full_name-hint"


def test_optional_fields_say_so_and_required_fields_do_not() -> None:
    page = render_form(ContactForm())
    labels = {e.attrs["for"]: squash(e.text) for e in page.all("label")}
    assert labels["id_email"] == "Email address (optional)"
    assert labels["id_full_name"] == "Full name"
    assert labels["id_weekly_rent"] == "Weekly rent"


def test_email_input_turns_off_spellcheck() -> None:
    email = render_form(ContactForm()).by_id("id_email")
    assert email.attrs["type"] == "email"
    assert email.attrs["spellcheck"] == "false"


def test_no_browser_validation_attributes() -> None:
    html = render_form(ContactForm()).html
    assert " required" not in html


def test_prefix_is_shown_and_presentation_options_never_reach_the_html() -> None:
    page = render_form(ContactForm())
    prefix = page.one("div", "govuk-input__prefix")
    assert prefix.text == "£"
    assert prefix.attrs["aria-hidden"] == "true"
    rent = page.by_id("id_weekly_rent")
    assert "prefix" not in rent.attrs
    assert rent.classes == {"govuk-input", "govuk-input--width-5"}


def test_errors_mark_the_group_message_and_input() -> None:
    form = ContactForm({"full_name": "", "email": "not-an-email", "weekly_rent": "90"})
    page = render_form(form)
    name = page.by_id("id_full_name")
    assert "govuk-input--error" in name.classes
    assert name.attrs["aria-describedby"] == "id_full_name-hint id_full_name-error"
    error = page.by_id("id_full_name-error")
    assert error.tag == "p"
    assert "govuk-error-message" in error.classes
    assert squash(error.text) == "Error: This field is required."
    hidden = [e for e in page.all("span", "govuk-visually-hidden") if e.text == "Error:"]
    assert len(hidden) == 2  # one for each field in error
    groups = [
        e for e in page.all("div", "govuk-form-group") if "govuk-form-group--error" in e.classes
    ]
    assert len(groups) == 2
    assert page.by_id("id_email").attrs["aria-describedby"] == "id_email-error"
    assert "govuk-input--error" not in page.by_id("id_weekly_rent").classes


# --- error summary ------------------------------------------------------------------------


def test_error_summary_links_point_at_inputs_on_the_page() -> None:
    form = ChoicesForm({"council": "", "tenure": ""})
    page = render_form(form)
    summary = page.one("div", "govuk-error-summary")
    assert summary.attrs["data-module"] == "govuk-error-summary"
    assert squash(page.one("h2", "govuk-error-summary__title").text) == "There is a problem"
    links = [e.attrs["href"] for e in page.all("a") if e.attrs.get("href", "").startswith("#")]
    assert links == ["#id_council", "#id_tenure_0"]
    for link in links:
        assert link[1:] in page.ids()
    # The radio the summary links to is the first radio of the question.
    first_radio = page.by_id("id_tenure_0")
    assert first_radio.attrs["type"] == "radio"


def test_error_summary_is_empty_when_there_are_no_errors() -> None:
    assert render("{% load govuk %}{% govuk_error_summary form %}", form=ContactForm()) == ""
    valid = ContactForm({"full_name": "Sam", "email": "", "weekly_rent": "95.50"})
    assert valid.is_valid()
    assert render("{% load govuk %}{% govuk_error_summary form %}", form=valid) == ""


def test_error_summary_ignores_missing_variables() -> None:
    assert render("{% load govuk %}{% govuk_error_summary nothing form %}", form=None) == ""


def test_error_summary_covers_formsets() -> None:
    contact_formset = forms.formset_factory(ContactForm, extra=0)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-full_name": "",
        "form-0-weekly_rent": "5",
    }
    formset = contact_formset(data)
    html = render("{% load govuk %}{% govuk_error_summary formset %}{{ formset }}", formset=formset)
    page = Page(html)
    assert html.count("govuk-error-summary__title") == 1
    assert [a.attrs["href"] for a in page.all("a")] == ["#id_form-0-full_name"]
    assert "id_form-0-full_name" in page.ids()


def test_error_summary_takes_several_forms_and_non_field_errors() -> None:
    contact = ContactForm({"full_name": "", "weekly_rent": "1"})
    choices = ChoicesForm({"council": "north", "tenure": "rent"})
    assert choices.is_valid()
    choices.add_error(None, "These answers do not match")
    html = render("{% load govuk %}{% govuk_error_summary a b %}", a=contact, b=choices)
    page = Page(html)
    items = [squash(li.text) for li in page.all("li")]
    assert items == ["This field is required.", "These answers do not match"]
    assert [a.attrs["href"] for a in page.all("a")] == ["#id_full_name"]


def test_form_shows_its_own_summary_only_when_the_page_has_not() -> None:
    form = ContactForm({"full_name": ""})
    with_tag = render("{% load govuk %}{% govuk_error_summary form %}{{ form }}", form=form)
    assert with_tag.count("govuk-error-summary__title") == 1
    alone = render("{{ form }}", form=ContactForm({"full_name": ""}))
    assert alone.count("govuk-error-summary__title") == 1


# --- textarea and character count ---------------------------------------------------------


def test_textarea_with_max_length_is_a_character_count() -> None:
    page = render_form(DetailsForm())
    group = page.one("div", "govuk-character-count")
    assert group.attrs["data-module"] == "govuk-character-count"
    assert group.attrs["data-maxlength"] == "200"
    assert "govuk-form-group" in group.classes
    textarea = page.by_id("id_details")
    assert textarea.tag == "textarea"
    assert textarea.classes == {"govuk-textarea", "govuk-js-character-count"}
    # People see the count go negative rather than typing being silently cut off.
    assert "maxlength" not in textarea.attrs
    info = page.by_id("id_details-info")
    assert info.classes == {"govuk-hint", "govuk-character-count__message"}
    assert squash(info.text) == "You can enter up to 200 characters"
    assert textarea.attrs["aria-describedby"].split() == ["id_details-info", "id_details-hint"]


def test_textarea_without_limit_is_plain() -> None:
    page = render_form(DetailsForm())
    notes = page.by_id("id_notes")
    assert notes.classes == {"govuk-textarea"}
    assert "id_notes-info" not in page.ids()


def test_character_count_too_long_shows_error() -> None:
    form = DetailsForm({"details": "x" * 201})
    page = render_form(form)
    textarea = page.by_id("id_details")
    assert "govuk-textarea--error" in textarea.classes
    assert "id_details-error" in textarea.attrs["aria-describedby"].split()
    assert textarea.text.strip() == "x" * 201


# --- select, radios and checkboxes --------------------------------------------------------


def test_select() -> None:
    page = render_form(ChoicesForm({"council": "", "tenure": "rent"}))
    select = page.by_id("id_council")
    assert select.tag == "select"
    assert select.classes == {"govuk-select", "govuk-select--error"}
    assert [o.attrs["value"] for o in page.all("option")] == ["", "north", "south"]


def test_radios_are_a_fieldset_with_legend_hint_and_item_hints() -> None:
    page = render_form(ChoicesForm())
    fieldset = page.all("fieldset")[0]
    assert "govuk-fieldset" in fieldset.classes
    assert fieldset.attrs["aria-describedby"] == "id_tenure-hint"
    legend = page.all("legend")[0]
    assert squash(legend.text) == "Where do you live now?"
    radios = page.one("div", "govuk-radios")
    assert radios.classes == {"govuk-radios", "govuk-radios--inline"}
    assert radios.attrs["data-module"] == "govuk-radios"
    inputs = page.all("input", "govuk-radios__input")
    assert [(i.attrs["id"], i.attrs["value"]) for i in inputs] == [
        ("id_tenure_0", "rent"),
        ("id_tenure_1", "family"),
    ]
    assert inputs[1].attrs["aria-describedby"] == "id_tenure_1-item-hint"
    assert squash(page.by_id("id_tenure_1-item-hint").text) == "Including friends"
    labels = {e.attrs["for"]: squash(e.text) for e in page.all("label", "govuk-radios__label")}
    assert labels == {"id_tenure_0": "Renting", "id_tenure_1": "With family"}
    assert "choice_hints" not in page.html


def test_radios_keep_the_chosen_answer_and_show_errors_on_the_fieldset() -> None:
    page = render_form(ChoicesForm({"council": "", "tenure": "family"}))
    assert "checked" in page.by_id("id_tenure_1").attrs
    assert "checked" not in page.by_id("id_tenure_0").attrs
    errored = render_form(ChoicesForm({"council": "north"}))
    fieldset = errored.all("fieldset")[0]
    assert fieldset.attrs["aria-describedby"] == "id_tenure-hint id_tenure-error"
    assert "id_tenure-error" in errored.ids()


def test_checkboxes_are_a_fieldset() -> None:
    page = render_form(ChoicesForm({"tenure": "rent", "needs": ["ground"]}))
    legends = [squash(e.text) for e in page.all("legend")]
    assert "Which of these do you need? (optional)" in legends
    boxes = page.all("input", "govuk-checkboxes__input")
    needs = [b for b in boxes if b.attrs["name"] == "needs"]
    assert [b.attrs["id"] for b in needs] == ["id_needs_0", "id_needs_1"]
    assert all(b.attrs["type"] == "checkbox" for b in needs)
    assert "checked" in needs[1].attrs
    assert page.all("div", "govuk-checkboxes")[0].attrs["data-module"] == "govuk-checkboxes"


def test_single_checkbox() -> None:
    page = render_form(ChoicesForm())
    agree = page.by_id("id_agree")
    assert agree.attrs["type"] == "checkbox"
    assert agree.classes == {"govuk-checkboxes__input"}
    label = next(e for e in page.all("label") if e.attrs["for"] == "id_agree")
    assert label.classes == {"govuk-label", "govuk-checkboxes__label"}
    # A lone checkbox is optional by nature: no "(optional)" on it.
    assert squash(label.text) == "I confirm the information is correct"


# --- file upload --------------------------------------------------------------------------


def test_file_upload() -> None:
    page = render_form(UploadForm())
    upload = page.by_id("id_evidence")
    assert upload.attrs["type"] == "file"
    assert upload.classes == {"govuk-file-upload"}
    errored = render_form(UploadForm({}))
    assert "govuk-file-upload--error" in errored.by_id("id_evidence").classes
    # The clearable widget's "clear" checkbox is not part of the GOV.UK component.
    assert [e.attrs["type"] for e in errored.all("input")] == ["file"]


# --- page headings ------------------------------------------------------------------------


def test_label_is_page_heading_from_the_form() -> None:
    class QuestionForm(GovukForm):
        label_is_page_heading = True
        postcode = forms.CharField(label="What is your postcode?")

    page = render_form(QuestionForm())
    heading = page.one("h1")
    assert "govuk-label-wrapper" in heading.classes
    label = page.one("label")
    assert label.classes == {"govuk-label", "govuk-label--l"}
    assert squash(heading.text) == "What is your postcode?"


def test_label_is_page_heading_from_a_widget_on_a_fieldset() -> None:
    class TenureForm(GovukForm):
        tenure = forms.ChoiceField(
            label="Do you rent your home?",
            choices=[("yes", "Yes"), ("no", "No")],
            widget=forms.RadioSelect(attrs={"label_is_page_heading": True}),
        )

    page = render_form(TenureForm())
    legend = page.one("legend")
    assert legend.classes == {"govuk-fieldset__legend", "govuk-fieldset__legend--l"}
    heading = page.one("h1")
    assert heading.classes == {"govuk-fieldset__heading"}
    assert squash(heading.text) == "Do you rent your home?"
    assert "label_is_page_heading" not in page.html


def test_label_size() -> None:
    class SizedForm(GovukForm):
        reference = forms.CharField(widget=forms.TextInput(attrs={"label_size": "m"}))

    label = render_form(SizedForm()).one("label")
    assert label.classes == {"govuk-label", "govuk-label--m"}


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


# --- template tags ------------------------------------------------------------------------


def test_govuk_field_renders_one_field() -> None:
    form = ContactForm()
    page = Page(render("{% load govuk %}{% govuk_field form.email %}", form=form))
    assert page.ids() == {"id_email"}
    assert page.one("div", "govuk-form-group")


def test_govuk_button() -> None:
    page = Page(render('{% load govuk %}{% govuk_button "Continue" %}'))
    button = page.one("button")
    assert button.classes == {"govuk-button"}
    assert button.attrs["type"] == "submit"
    assert button.attrs["data-module"] == "govuk-button"
    assert squash(button.text) == "Continue"
    link = Page(render('{% load govuk %}{% govuk_button "Cancel" href="/x" secondary=True %}'))
    anchor = link.one("a")
    assert anchor.attrs["role"] == "button"
    assert anchor.classes == {"govuk-button", "govuk-button--secondary"}


def test_govuk_back_link_and_date_filter() -> None:
    html = render(
        "{% load govuk %}{% govuk_back_link '/back' %}|{{ d|govuk_date }}",
        d=datetime.date(2026, 1, 5),
    )
    link, date = html.split("|")
    assert Page(link).one("a", "govuk-back-link").attrs["href"] == "/back"
    assert date == "5 January 2026"


# --- layouts ------------------------------------------------------------------------------


@dataclass
class FakeUser:
    full_name: str = "Ruth Officer"


@dataclass
class FakeOrganisation:
    name: str = "North Borough Council"


@dataclass
class FakeScheme:
    name: str = "Homes North"
    logo: str = ""
    contact_text: str = "Call 0100 000 0000\nMonday to Friday"


@dataclass
class FakeActor:
    user: FakeUser | None = None
    organisation: FakeOrganisation | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def is_staff(self) -> bool:
        return self.organisation is not None

    @property
    def is_applicant(self) -> bool:
        return self.user is not None and self.organisation is None


@dataclass
class NavItem:
    label: str
    url: str
    active: bool


@pytest.fixture
def plain_static(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def layout_context(**overrides: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "scheme": FakeScheme(),
        "actor": FakeActor(user=FakeUser(), organisation=FakeOrganisation()),
        "service_nav": [
            NavItem("Home", "/staff/", True),
            NavItem("Team", "/staff/team/", False),
        ],
        "messages": [],
        "LANGUAGE_CODE": "en-gb",
    }
    context.update(overrides)
    return context


def render_page(layout: str, body: str = "", **context: Any) -> Page:
    source = (
        f'{{% extends "{layout}" %}}{{% block title %}}Your team{{% endblock %}}'
        f"{{% block content %}}{body}{{% endblock %}}"
    )
    return Page(render(source, **layout_context(**context)))


@pytest.mark.usefixtures("plain_static")
def test_staff_layout_shows_brand_account_navigation_and_footer() -> None:
    page = render_page("layouts/staff.html")
    assert page.html.startswith("<!DOCTYPE html>")
    html = page.one("html")
    assert html.attrs["lang"] == "en-gb"
    assert "govuk-template" in html.classes
    assert squash(page.one("title").text) == f"Your team {DASH} Homes North"
    assert "govuk-template__body" in page.one("body").classes
    stylesheets = [e.attrs["href"] for e in page.all("link") if e.attrs.get("rel") == "stylesheet"]
    assert stylesheets == ["/static/hearth/hearth.css", "/brand.css"]
    assert page.all("a", "govuk-skip-link")[0].attrs["href"] == "#main-content"
    assert page.by_id("main-content").tag == "main"
    header = page.one("div", "hearth-header")
    assert "Homes North" in header.text
    assert "Staff" in squash(page.one("strong", "hearth-header__tag").text)
    assert "Ruth Officer" in header.text
    assert "North Borough Council" in header.text
    sign_out = page.one("form", "hearth-header__sign-out")
    assert sign_out.attrs["method"] == "post"
    assert sign_out.attrs["action"] == "/account/sign-out/"
    assert page.one("button", "hearth-link-button").attrs["type"] == "submit"
    nav_links = page.all("a", "govuk-service-navigation__link")
    assert [a.attrs.get("aria-current") for a in nav_links] == ["page", None]
    assert page.one("button", "govuk-service-navigation__toggle").attrs["aria-controls"] == (
        "navigation"
    )
    footer_links = [a.attrs["href"] for a in page.all("a", "govuk-footer__link")]
    assert footer_links == ["/accessibility/", "/privacy/", "/cookies/"]
    assert "Monday to Friday" in page.one("p", "hearth-footer__contact").text
    assert "This is a new service. Help us improve it" in squash(
        page.one("p", "govuk-phase-banner__content").text
    )


@pytest.mark.usefixtures("plain_static")
def test_layout_has_no_inline_script_or_style() -> None:
    page = render_page("layouts/staff.html", '<p class="govuk-body">Hello</p>')
    scripts = page.all("script")
    assert [(s.attrs.get("type"), s.attrs.get("src")) for s in scripts] == [
        ("module", "/static/hearth/init.js")
    ]
    assert not page.all("style")
    assert all("style" not in e.attrs for e in page.elements)
    # Nothing reserved for GOV.UK: no crown, no GOV.UK logotype.
    assert "govuk-header__logotype" not in page.html
    assert "govuk-footer__crown" not in page.html


@pytest.mark.usefixtures("plain_static")
def test_signed_out_layout_offers_sign_in_and_shows_the_logo() -> None:
    scheme = FakeScheme(logo="brand/logo.png", contact_text="")
    page = render_page("layouts/public.html", actor=FakeActor(), scheme=scheme, service_nav=[])
    sign_in = page.one("a", "hearth-header__link")
    assert sign_in.attrs["href"] == "/account/sign-in/"
    assert not page.all("form")
    logo = page.one("img", "hearth-header__logo")
    assert logo.attrs["alt"] == ""
    assert logo.attrs["src"] == "/brand-logo.png"
    assert not page.all("p", "hearth-footer__contact")
    assert not page.all("div", "govuk-service-navigation")


@pytest.mark.usefixtures("plain_static")
def test_landlord_and_applicant_layouts() -> None:
    landlord = render_page("layouts/landlord.html")
    assert "Landlord" in landlord.one("strong", "hearth-header__tag").text
    assert "hearth-audience-landlord" in landlord.one("body").classes
    applicant = render_page("layouts/applicant.html", actor=FakeActor(user=FakeUser()))
    assert not applicant.all("strong", "hearth-header__tag")
    assert "North Borough Council" not in applicant.one("div", "hearth-header").text
    assert applicant.one("a", "hearth-header__home-link").attrs["href"] == "/account/"


@pytest.mark.usefixtures("plain_static")
def test_messages_become_notification_banners() -> None:
    messages = [
        Message(message_levels.SUCCESS, "Invitation sent"),
        Message(message_levels.INFO, "Your session will end soon"),
    ]
    page = render_page("layouts/staff.html", messages=messages)
    success, info = page.all("div", "govuk-notification-banner")
    assert "govuk-notification-banner--success" in success.classes
    assert success.attrs["role"] == "alert"
    assert success.attrs["aria-labelledby"] in page.ids()
    assert "Invitation sent" in success.text
    assert info.attrs["role"] == "region"
    assert "Your session will end soon" in info.text


@pytest.mark.usefixtures("plain_static")
def test_title_says_error_when_the_form_has_errors() -> None:
    page = render_page("layouts/public.html", form=ContactForm({"full_name": ""}))
    assert squash(page.one("title").text) == f"Error: Your team {DASH} Homes North"
    clean = render_page("layouts/public.html", form=ContactForm())
    assert squash(clean.one("title").text) == f"Your team {DASH} Homes North"


@pytest.mark.usefixtures("plain_static")
def test_error_layout_copes_without_context() -> None:
    html = render_to_string("layouts/error.html", {"LANGUAGE_CODE": "en-gb"})
    page = Page(html)
    assert squash(page.one("title").text) == f"{DASH} Hearth"
    assert "Hearth" in page.one("a", "hearth-header__home-link").text
