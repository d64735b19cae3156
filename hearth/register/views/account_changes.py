"""Reporting a change of circumstances (applicant) and reassessing after one (officer)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access import applicant_only, capability_required, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.core.roles import Capability
from hearth.core.submissions import AlreadySubmittedError, already_submitted, submission_once
from hearth.register.forms_account import ChangeReportForm
from hearth.register.selectors.account import circumstance_change_get
from hearth.register.selectors.applications import application_get
from hearth.register.services.account import (
    CHANGE_SECTIONS,
    change_reportable,
    circumstance_change_assess,
    circumstance_change_report,
)
from hearth.register.services.reassess import NoPolicyInForceError
from hearth.register.views.account_applicant import current_application


@applicant_only
def change_report(request: HttpRequest) -> HttpResponse:
    application = current_application(request)
    if application is None:
        return redirect("accounts:applicant_home")
    form = ChangeReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and change_reportable(application):
        actor = request_actor(request)
        sent_url = reverse("register:change_sent")
        try:
            with submission_once(form.submission_token, actor=actor) as submission:
                circumstance_change_report(
                    actor=actor,
                    application=application,
                    sections=form.cleaned_data["sections"],
                    summary=form.cleaned_data["summary"],
                )
                submission.done(sent_url)
        except AlreadySubmittedError as duplicate:
            return already_submitted(
                request,
                duplicate,
                fallback_url=sent_url,
                notice=_("You already sent this change. We have it once."),
            )
        except ValidationError as problem:
            errors_onto_form(form, problem)
        else:
            return redirect(sent_url)
    return render(
        request,
        "register/account/change_report.html",
        {
            "form": form,
            "application": application,
            "reportable": change_reportable(application),
        },
    )


@applicant_only
def change_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "register/account/change_sent.html", {})


@capability_required(Capability.ASSESS_APPLICATIONS)
def change_assessed(request: HttpRequest, pk: uuid.UUID, change: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    found = circumstance_change_get(actor=actor, application=application, pk=change)
    problem = ""
    if request.method == "POST":
        try:
            circumstance_change_assess(actor=actor, change=found)
        except NoPolicyInForceError:
            problem = _("This council has no allocation policy in force to assess with.")
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, _("Household reassessed and the change marked as assessed"))
            return redirect("register:change_assessed", pk=application.pk, change=found.pk)
    sections = [CHANGE_SECTIONS.get(code, code) for code in found.sections]
    return render(
        request,
        "register/account/change_assessed.html",
        {
            "application": application,
            "change": found,
            "sections": sections,
            "problem": problem,
            "application_url": reverse("register:application", kwargs={"pk": application.pk}),
        },
        status=400 if problem else 200,
    )
