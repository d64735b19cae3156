"""The other GOV.UK template tags, checked as HTML: one field on its own, buttons, back links and
the date filter.
"""

from __future__ import annotations

import datetime

from hearth.core.tests.forms_rendering_support import ContactForm, Page, render, squash

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
