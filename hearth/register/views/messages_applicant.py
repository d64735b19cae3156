"""The applicant's messages: the list of threads, and one thread with a reply form."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access.permissions import applicant_only, request_actor
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.account import MessageReplyForm
from hearth.register.selectors.messages import message_thread_get, message_threads
from hearth.register.services.messages import message_send, message_thread_read
from hearth.register.views.account_applicant import current_application


@applicant_only
def message_list(request: HttpRequest) -> HttpResponse:
    application = current_application(request)
    threads = (
        []
        if application is None
        else message_threads(actor=request_actor(request), application=application)
    )
    return render(request, "register/messages/messages.html", {"threads": threads})


@applicant_only
def message(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    thread = message_thread_get(actor=actor, pk=pk)
    form = MessageReplyForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: message_send(
            actor=actor,
            application=thread.first.application,
            subject="",
            body=data["body"],
            reply_to=thread.first,
        ),
        success=reverse("register:message", kwargs={"pk": thread.first.pk}),
        once=_("You already sent this reply. It was sent once."),
    ):
        return done
    if request.method == "GET" and thread.unread:
        message_thread_read(actor=actor, message=thread.first)
    return render(request, "register/messages/message.html", {"thread": thread, "form": form})
