"""The GOV.UK error summary (`govuk_error_summary`), checked as HTML: links to the fields in error,
formsets, several forms, and errors that belong to no field.
"""

from __future__ import annotations

from django import forms

from hearth.core.tests.forms_rendering_support import (
    ChoicesForm,
    ContactForm,
    Page,
    render,
    render_form,
    squash,
)

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
