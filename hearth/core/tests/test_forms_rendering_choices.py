"""Choices rendered as GOV.UK components, checked as HTML: select, radios and checkboxes."""

from __future__ import annotations

from hearth.core.tests.forms_rendering_support import ChoicesForm, render_form, squash

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
