"""Cancel my application: why, are you sure, done."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.core.access import applicant_only, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.register.forms.account import CancelForm
from hearth.register.services.account import applicant_cancellable, application_cancel
from hearth.register.views.account_applicant import current_application


@applicant_only
def cancel(request: HttpRequest) -> HttpResponse:
    application = current_application(request)
    if application is None:
        return redirect("accounts:applicant_home")
    allowed = applicant_cancellable(application)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and allowed and form.is_valid():
        if form.cleaned_data["confirm"] == "no":
            return redirect("accounts:applicant_home")
        try:
            application_cancel(
                actor=request_actor(request),
                application=application,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="confirm")
        else:
            return redirect("register:cancelled")
    return render(
        request,
        "register/account/cancel.html",
        {"form": form, "application": application, "allowed": allowed},
    )


@applicant_only
def cancelled(request: HttpRequest) -> HttpResponse:
    return render(
        request, "register/account/cancelled.html", {"application": current_application(request)}
    )
