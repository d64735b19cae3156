"""An officer writes to an applicant from the application page."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access import capability_required, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.core.roles import Capability
from hearth.core.submissions import AlreadySubmittedError, already_submitted, submission_once
from hearth.register.forms.account import MessageNewForm
from hearth.register.selectors.applications import application_get
from hearth.register.selectors.messages import message_in_application
from hearth.register.services.messages import message_send


@capability_required(Capability.ASSESS_APPLICATIONS)
def message_new(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    application_url = reverse("register:application", kwargs={"pk": application.pk})
    # Answering a thread from the panel: ?reply_to=<message> (kept in the form's action).
    reply_to = message_in_application(application=application, pk=request.GET.get("reply_to") or "")
    initial = {"subject": f"Re: {reply_to.subject}"[:150]} if reply_to else {}
    form = MessageNewForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with submission_once(form.submission_token, actor=actor) as submission:
                message_send(
                    actor=actor,
                    application=application,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    reply_to=reply_to,
                )
                submission.done(application_url)
        except AlreadySubmittedError as duplicate:
            return already_submitted(
                request,
                duplicate,
                fallback_url=application_url,
                notice=_("This message was already sent. It was sent once."),
            )
        except ValidationError as problem:
            errors_onto_form(form, problem)
        else:
            messages.success(request, _("Message sent to the applicant"))
            return redirect(application_url)
    return render(
        request,
        "register/messages/message_new.html",
        {
            "form": form,
            "application": application,
            "application_url": application_url,
            "reply_to": reply_to,
        },
    )
