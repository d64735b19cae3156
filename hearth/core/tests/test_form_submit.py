"""The form-submit helper: bind, check, run the service, show its refusal, redirect."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from hearth.core.access.actor import Actor
from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.submissions import FIELD, OneSubmissionForm
from hearth.core.forms.submit import form_submit, posted
from hearth.core.models import FormSubmission

pytestmark = pytest.mark.django_db


class NoteForm(GovukForm):
    note = forms.CharField(label="Note")
    when = forms.CharField(label="When", required=False)


class OnceNoteForm(OneSubmissionForm, NoteForm):
    pass


def _request(method: str = "post", data: dict[str, Any] | None = None) -> HttpRequest:
    factory = RequestFactory()
    request = (
        factory.post("/notes/new/", data or {}) if method == "post" else factory.get("/notes/new/")
    )
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    request.actor = Actor(user=None, scheme=None)  # type: ignore[attr-defined]
    return request


def _shown(request: HttpRequest) -> list[str]:
    return [str(m) for m in get_messages(request)]


class Recorder:
    """A stand-in service: records what it was given, or refuses with `refusal`."""

    def __init__(self, refusal: ValidationError | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.refusal = refusal

    def __call__(self, data: dict[str, Any]) -> str:
        if self.refusal is not None:
            raise self.refusal
        self.calls.append(dict(data))
        return f"note-{len(self.calls)}"


def test_posted_is_none_when_the_page_is_shown_and_the_answers_when_sent_even_empty() -> None:
    assert posted(_request("get")) is None
    empty = posted(_request("post"))
    assert empty is not None
    assert not NoteForm(empty).is_valid()


def test_a_page_shown_runs_nothing_and_gives_no_response() -> None:
    request = _request("get")
    service = Recorder()
    assert form_submit(request, NoteForm(posted(request)), service, success="/done/") is None
    assert service.calls == []


def test_a_valid_form_runs_the_service_and_redirects_with_the_notice() -> None:
    # Given a valid post
    request = _request(data={"note": "Hello"})
    service = Recorder()
    # When it is submitted
    response = form_submit(
        request,
        NoteForm(posted(request)),
        service,
        success=lambda result: HttpResponse(status=302, headers={"Location": f"/{result}/"}),
        notice=lambda result: f"Saved {result}",
    )
    # Then the service ran on the cleaned data and the person is sent on, told it worked
    assert service.calls == [{"note": "Hello", "when": ""}]
    assert response is not None
    assert response["Location"] == "/note-1/"
    assert _shown(request) == ["Saved note-1"]


def test_an_invalid_form_runs_nothing_and_keeps_its_errors_and_answers() -> None:
    request = _request(data={"when": "Tomorrow"})
    form = NoteForm(posted(request))
    service = Recorder()
    assert form_submit(request, form, service, success="/done/", notice="Saved") is None
    assert service.calls == []
    assert "note" in form.errors
    assert form["when"].value() == "Tomorrow"
    assert _shown(request) == []


def test_a_refusal_naming_a_field_is_shown_on_that_field() -> None:
    request = _request(data={"note": "Hello"})
    form = NoteForm(posted(request))
    refused = Recorder(ValidationError({"when": "Say when"}))
    assert form_submit(request, form, refused, success="/done/", notice="Saved") is None
    assert form.errors == {"when": ["Say when"]}
    assert _shown(request) == []


def test_a_refusal_naming_no_field_goes_to_the_plain_field_or_the_summary() -> None:
    on_field = _request(data={"note": "Hello"})
    form = NoteForm(posted(on_field))
    form_submit(on_field, form, Recorder(ValidationError("No")), success="/", plain_field="note")
    assert form.errors == {"note": ["No"]}
    summary = _request(data={"note": "Hello"})
    form = NoteForm(posted(summary))
    form_submit(summary, form, Recorder(ValidationError("No")), success="/")
    assert form.non_field_errors() == ["No"]


def test_a_one_time_form_sent_twice_runs_the_service_once() -> None:
    # Given a one-time form sent and done
    token = str(uuid.uuid4())
    service = Recorder()
    first = _request(data={"note": "Hello", FIELD: token})
    done = form_submit(first, OnceNoteForm(posted(first)), service, success="/notes/1/")
    assert done is not None
    assert FormSubmission.objects.get(token=token).result_url == "/notes/1/"
    # When the same form is sent again
    again = _request(data={"note": "Hello", FIELD: token})
    repeat = form_submit(
        again, OnceNoteForm(posted(again)), service, success="/other/", once="Sent once"
    )
    # Then the service does not run again; the person goes where the first post led, told so
    assert len(service.calls) == 1
    assert repeat is not None
    assert repeat["Location"] == "/notes/1/"
    assert _shown(again) == ["Sent once"]


def test_a_refused_one_time_form_keeps_its_token_for_the_corrected_post() -> None:
    token = str(uuid.uuid4())
    refused = _request(data={"note": "Hello", FIELD: token})
    form = OnceNoteForm(posted(refused))
    assert form_submit(refused, form, Recorder(ValidationError("No")), success="/") is None
    assert not FormSubmission.objects.filter(token=token).exists()
    corrected = _request(data={"note": "Hello", FIELD: token})
    assert form_submit(corrected, OnceNoteForm(posted(corrected)), Recorder(), success="/")
    assert FormSubmission.objects.filter(token=token).exists()
