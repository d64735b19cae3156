"""Renewing the application each year: "Has anything changed?" then confirm."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.core import clock
from hearth.core.access import applicant_only, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.register.forms.account import RenewForm
from hearth.register.services.renewals import RENEWS, application_renew, renewal_open
from hearth.register.views.account_applicant import current_application


@applicant_only
def renew(request: HttpRequest) -> HttpResponse:
    application = current_application(request)
    if application is None:
        return redirect("accounts:applicant_home")
    is_open = renewal_open(application, clock.today())
    form = RenewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_open and form.is_valid():
        if form.cleaned_data["changed"] == "yes":
            # Renewing waits until they have told us what changed.
            return redirect("register:change_report")
        try:
            application_renew(actor=request_actor(request), application=application)
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="changed")
        else:
            return redirect("register:renewed")
    return render(
        request,
        "register/renewals/renew.html",
        {
            "form": form,
            "application": application,
            "open": is_open,
            "renews": application.status in RENEWS and application.renewal_due_on is not None,
        },
    )


@applicant_only
def renewed(request: HttpRequest) -> HttpResponse:
    return render(
        request, "register/renewals/renewed.html", {"application": current_application(request)}
    )
