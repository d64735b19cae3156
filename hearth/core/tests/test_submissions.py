"""The one-time form token: rendered with the form, spent once, forgotten after a week."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django import forms
from django.template import Context, Template

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.submissions import (
    FIELD,
    AlreadySubmittedError,
    OneSubmissionForm,
    form_submissions_prune,
    submission_once,
)
from hearth.core.models import FormSubmission

pytestmark = pytest.mark.django_db
NOBODY = Actor(user=None, scheme=None)


class NoteForm(OneSubmissionForm, GovukForm):
    note = forms.CharField(label="Note")


def test_a_new_form_renders_a_hidden_token_and_a_sent_one_keeps_it() -> None:
    shown = NoteForm()
    token = shown.initial[FIELD]
    assert f'type="hidden" name="{FIELD}" value="{token}"' in str(shown)
    sent = NoteForm({"note": "", FIELD: str(token)})
    assert not sent.is_valid()
    assert f'value="{token}"' in str(sent)


def test_a_form_sent_without_a_token_is_refused_and_shown_with_a_new_one() -> None:
    sent = NoteForm({"note": "Kept"})
    assert not sent.is_valid()
    assert "This page was out of date" in str(sent.non_field_errors())
    assert uuid.UUID(sent.data[FIELD])


def test_the_template_tag_writes_a_new_token_each_time() -> None:
    template = Template("{% load submissions %}{% submission_token %}")
    first, second = (template.render(Context()) for _ in range(2))
    assert f'name="{FIELD}"' in first
    assert first != second


def test_a_token_is_spent_once_and_a_failed_block_gives_it_back() -> None:
    actor = NOBODY
    token = uuid.uuid4()
    with pytest.raises(RuntimeError), submission_once(token, actor=actor):
        raise RuntimeError("the service refused")
    assert not FormSubmission.objects.exists()
    with submission_once(token, actor=actor) as submission:
        submission.done("/done/")
    with pytest.raises(AlreadySubmittedError) as again, submission_once(token, actor=actor):
        pytest.fail("a spent token must not run the block again")
    assert again.value.result_url == "/done/"


def test_tokens_are_forgotten_after_a_week() -> None:
    actor = NOBODY
    now = clock.now()
    week_ago = clock.clock_frozen_at(now - dt.timedelta(days=8))
    with week_ago, submission_once(uuid.uuid4(), actor=actor):
        pass
    with submission_once(uuid.uuid4(), actor=actor):
        pass
    assert form_submissions_prune(now=now) == 1
    assert FormSubmission.objects.count() == 1
