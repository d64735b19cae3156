"""Reporting a change of circumstances (the applicant). The officer's side is in
`account_staff_changes`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access import applicant_only, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.core.submissions import AlreadySubmittedError, already_submitted, submission_once
from hearth.register.forms.account import ChangeReportForm
from hearth.register.services.account import (
    change_reportable,
    circumstance_change_report,
)
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
