"""One submission per form: a one-time token that makes a repeated post do nothing twice.

A form that changes something and could be sent twice (a double click, the back button, two
tabs, a retried request) carries a hidden, random token. The view spends the token in the same
transaction as the service's write: the token's row is unique, so a second post with the same
token (one after the other, or at the same moment) fails to insert it, its transaction rolls
back, and the person is shown what the first post did instead of doing it again. A service
that refuses the post (a validation error) rolls the token back too, so the corrected form can
be sent with it. See docs/adr/0014-one-submission-per-form.md.

Forms built on a Django form class mix in :class:`OneSubmissionForm`; a form written out in a
template puts ``{% load submissions %}{% submission_token %}`` inside ``<form>`` and the view
reads it with :func:`submission_token_posted`. Either way the view runs the write inside
:func:`submission_once`, and answers :class:`AlreadySubmittedError` with :func:`already_submitted`.

Forms whose service already re-checks the state under a lock (renewing, cancelling, deciding a
review) need no token: a second post finds the work done and is refused or ignored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.models import FormSubmission

FIELD = "submission_token"
# Spent tokens are kept this long (a form left open longer is sent as a new one).
KEEP_FOR = dt.timedelta(days=7)
OUT_OF_DATE = gettext_lazy("This page was out of date. Check your answers and send the form again")


class AlreadySubmittedError(Exception):
    """The form was sent before; `result_url` is where its first submission led."""

    def __init__(self, result_url: str) -> None:
        super().__init__(result_url)
        self.result_url = result_url


class OneSubmissionForm(forms.Form):
    """Adds the hidden one-time token. Mix in before the form's base class:
    ``class DecisionForm(OneSubmissionForm, GovukForm)``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.UUIDField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial[FIELD] = uuid.uuid4()
        elif _token(self.data.get(FIELD)) is None:
            # A post without a usable token (a page from before tokens, or a hand-made post):
            # refuse it, and give the form shown again a fresh token so it can be sent.
            fresh = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
            fresh[FIELD] = str(uuid.uuid4())
            self.data = fresh
            self._missing_token = True

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if getattr(self, "_missing_token", False):
            raise forms.ValidationError(OUT_OF_DATE)
        return cleaned

    @property
    def submission_token(self) -> uuid.UUID:
        token: uuid.UUID = self.cleaned_data[FIELD]
        return token


def _token(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def submission_token_posted(request: HttpRequest) -> uuid.UUID | None:
    """The token of a form written out in a template, or None when the post has none."""
    return _token(request.POST.get(FIELD))


class Submission:
    """The token being spent; say where the result is with :meth:`done`."""

    def __init__(self, row: FormSubmission) -> None:
        self._row = row

    def done(self, result_url: str) -> None:
        """Where a repeat of this post should lead (saved in the same transaction)."""
        FormSubmission.objects.filter(pk=self._row.pk).update(result_url=result_url)


@contextmanager
def submission_once(token: uuid.UUID, *, actor: Actor) -> Iterator[Submission]:
    """Run the block in one transaction with spending `token`. Raises `AlreadySubmittedError` when
    the token was spent before; any error in the block rolls the spending back with the work."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = FormSubmission.objects.create(
                    token=token, user=actor.user, created_at=clock.now()
                )
        except IntegrityError:
            # Another post with this token committed first (a parallel one waited for it).
            spent = FormSubmission.objects.filter(token=token).first()
            raise AlreadySubmittedError(spent.result_url if spent else "") from None
        yield Submission(row)


def already_submitted(
    request: HttpRequest, duplicate: AlreadySubmittedError, *, fallback_url: str, notice: str = ""
) -> HttpResponse:
    """Answer a repeated post: show where the first one led, with a notice saying so."""
    messages.info(request, notice or _("You already sent this. It has been recorded once."))
    return redirect(duplicate.result_url or fallback_url)


def form_submissions_prune(*, now: dt.datetime | None = None) -> int:
    """Forget tokens spent more than `KEEP_FOR` ago."""
    cutoff = (now or clock.now()) - KEEP_FOR
    deleted, _rows = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
