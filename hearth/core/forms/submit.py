"""Handling a form's post in one place: bind it, check it, run the service, show a refusal on
the form, and redirect when it worked.

A view binds its form to :func:`posted` and hands the write to :func:`form_submit`; when that
returns a response the view returns it, otherwise it renders the form (unbound, or with its
errors and the answers kept)::

    form = NoteForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: note_add(actor=actor, case=case, text=data["text"]),
        success=case_url,
        notice=_("Note added."),
        plain_field="text",
    ):
        return done
    return render(request, "…", {"form": form})

A form built on :class:`~hearth.core.forms.submissions.OneSubmissionForm` has its one-time token
spent in the service's transaction, so sending it again does the work once (docs/adr/0014).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

from hearth.core.access.permissions import request_actor
from hearth.core.forms.errors import errors_onto_form
from hearth.core.forms.submissions import (
    AlreadySubmittedError,
    OneSubmissionForm,
    Submission,
    already_submitted,
    submission_once,
)

T = TypeVar("T")


class ButtonForm(forms.Form):
    """A post with nothing to fill in (the button is the answer), for :func:`form_submit`;
    the page shows a refusal with :func:`refusal`."""


def refusal(form: forms.BaseForm) -> str:
    """The form's errors that name no field, as one sentence for a page's problem box."""
    return " ".join(str(error) for error in form.non_field_errors())


def posted(request: HttpRequest) -> QueryDict | None:
    """The answers sent, to bind a form to; None when the page is only being shown.

    An empty submission is still a submission: its form is bound and fails with its errors
    (``request.POST or None`` would show an empty post the blank form again)."""
    return request.POST if request.method == "POST" else None


def form_submit(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], HttpResponse],
    notice: str | Callable[[T], str] = "",
    plain_field: str | None = None,
    once: str = "",
    repeat_to: Callable[[T], str] | None = None,
) -> HttpResponse | None:
    """Run `action` on the form's cleaned data when the form was sent and is valid.

    - `success`: where to go when it worked (a URL or URL name), or a function from the
      action's result to the response.
    - `notice`: the success message shown on the next page (text, or a function of the result).
    - `plain_field`: the field that errors naming no field are shown on (else the summary).
    - `once`: what to say when a one-time form (`OneSubmissionForm`) was sent before, and
      `repeat_to` where such a repeat leads (default: where the first post led).

    Returns None when the form was not sent, is invalid, or the action refused it with a
    `ValidationError` (its errors are put on the form); the view then renders the form.
    """
    if not form.is_bound or not form.is_valid():
        return None
    try:
        with _spending_token(request, form) as submission:
            result = action(form.cleaned_data)
            response = redirect(success) if isinstance(success, str) else success(result)
            if submission is not None:
                submission.done(repeat_to(result) if repeat_to else response.get("Location", ""))
    except AlreadySubmittedError as duplicate:
        fallback = redirect(success).url if isinstance(success, str) else request.path
        return already_submitted(request, duplicate, fallback_url=fallback, notice=once)
    except ValidationError as problem:
        errors_onto_form(form, problem, plain_field=plain_field)
        return None
    text = notice(result) if callable(notice) else notice
    if text:
        messages.success(request, text)
    return response


@contextmanager
def _spending_token(request: HttpRequest, form: forms.BaseForm) -> Iterator[Submission | None]:
    """Spend a one-time form's token in the action's transaction; other forms need nothing."""
    if not isinstance(form, OneSubmissionForm):
        yield None
        return
    with submission_once(form.submission_token, actor=request_actor(request)) as submission:
        yield submission
