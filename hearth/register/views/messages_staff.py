"""An officer writes to an applicant from the application page."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
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
    form = MessageNewForm(posted(request), initial=initial)
    if done := form_submit(
        request,
        form,
        lambda data: message_send(
            actor=actor,
            application=application,
            subject=data["subject"],
            body=data["body"],
            reply_to=reply_to,
        ),
        success=application_url,
        notice=_("Message sent to the applicant"),
        once=_("This message was already sent. It was sent once."),
    ):
        return done
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
