"""The officer's status change page: suspend, reinstate, cancel or mark housed, with a reason;
and the household's repayment arrangement, which a policy can make a condition of bidding."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.assessment import (
    RepaymentArrangementForm,
    StatusChangeForm,
    status_choices,
)
from hearth.register.models import Application
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import application_get
from hearth.register.services.household_standing import repayment_arrangement_set
from hearth.register.services.lifecycle import application_status_change


def _status_change(
    actor: Actor, application: Application, data: dict[str, Any], on_date: dt.date
) -> str:
    """Change the status as the form says; a change the lifecycle refuses is shown on `to`."""
    try:
        application_status_change(
            actor=actor,
            application=application,
            to=data["to"],
            reason=data["reason"],
            on_date=on_date,
        )
    except lifecycle.TransitionError as refused:
        raise ValidationError({"to": refused.message}) from refused
    return lifecycle.STATUS_TEXT[application.status].label


@capability_required(Capability.ASSESS_APPLICATIONS)
def status_change(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    today = clock.today()
    choices = status_choices(application.status, application.cancelled_on, today)
    form = StatusChangeForm(posted(request), choices=choices)
    if choices and (
        done := form_submit(
            request,
            form,
            lambda data: _status_change(actor, application, data, today),
            success=reverse("register:application", kwargs={"pk": application.pk}),
            notice=lambda label: _("Status changed to: %(status)s") % {"status": label},
        )
    ):
        return done
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


@capability_required(Capability.ASSESS_APPLICATIONS)
def repayment_arrangement(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    household = application.household
    initial = {
        "arranged": "yes" if household.repayment_arrangement else "no",
        "note": household.repayment_arrangement_note,
    }
    form = RepaymentArrangementForm(posted(request), initial=initial)
    if done := form_submit(
        request,
        form,
        lambda data: repayment_arrangement_set(
            actor=actor, household=household, arranged=data["arranged"] == "yes", note=data["note"]
        ),
        success=reverse("register:application", kwargs={"pk": application.pk}),
        notice=lambda _saved: _("Repayment arrangement saved"),
    ):
        return done
    return render(
        request,
        "register/lifecycle/repayment_arrangement.html",
        {"application": application, "household": household, "form": form},
    )
