"""The GOV.UK form renderer on single inputs, checked as HTML: text inputs, textareas and the
character count, file upload, and labels that are the page's heading.
"""

from __future__ import annotations

from django import forms

from hearth.core.forms.govuk import GovukForm, GovukFormRenderer
from hearth.core.tests.forms_rendering_support import ContactForm, render_form, squash

# --- forms under test ---------------------------------------------------------------------


class DetailsForm(GovukForm):
    details = forms.CharField(
        label="Tell us about your housing needs",
        widget=forms.Textarea,
        max_length=200,
        help_text="Do not include bank details",
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


class UploadForm(GovukForm):
    evidence = forms.FileField(label="Upload a document")


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
