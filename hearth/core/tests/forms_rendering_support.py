"""Helpers shared by the form-rendering tests: an HTML reader, rendering a template or a form, and
the forms several of the tests render.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django import forms
from django.template import engines

from hearth.core.forms.govuk import GovukForm

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
