"""The officer's status change page: suspend, reinstate, cancel or mark housed, with a reason."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access import capability_required, request_actor
from hearth.core.roles import Capability
from hearth.register.forms.assessment import StatusChangeForm, status_choices
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import application_get
from hearth.register.services.lifecycle import application_status_change


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted answers; an empty submission is still a submission (and fails)."""
    return request.POST if request.method == "POST" else None


@capability_required(Capability.ASSESS_APPLICATIONS)
def status_change(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    today = clock.today()
    choices = status_choices(application.status, application.cancelled_on, today)
    form = StatusChangeForm(_posted(request), choices=choices)
    if request.method == "POST" and choices and form.is_valid():
        try:
            application_status_change(
                actor=actor,
                application=application,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                on_date=today,
            )
        except lifecycle.TransitionError as refused:
            form.add_error("to", refused.message)
        else:
            label = lifecycle.STATUS_TEXT[application.status].label
            messages.success(request, _("Status changed to: %(status)s") % {"status": label})
            return redirect("register:application", pk=application.pk)
    text = lifecycle.STATUS_TEXT[application.status]
    return render(
        request,
        "register/lifecycle/status_change.html",
        {
            "application": application,
            "form": form,
            "choices": choices,
            "status_label": text.label,
            "cancelled_too_long": application.status == lifecycle.CANCELLED
            and not lifecycle.reinstatement_allowed(application.cancelled_on, today),
        },
    )
