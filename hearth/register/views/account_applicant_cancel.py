"""Cancel my application: why, are you sure, done."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.core.access.permissions import applicant_only
from hearth.core.forms.errors import errors_onto_form
from hearth.register.forms.account import CancelForm
from hearth.register.services.account import applicant_cancellable, application_cancel
from hearth.register.views.account_applicant import current_application
from hearth.register.views.account_owner import AccountOwner, for_applicant
from hearth.register.views.apply_journey import posted


def _cancel(request: HttpRequest, owner: AccountOwner) -> HttpResponse:
    application = owner.application
    allowed = applicant_cancellable(application)
    form = CancelForm(posted(request))
    if request.method == "POST" and allowed and form.is_valid():
        if form.cleaned_data["confirm"] == "no":
            return redirect("accounts:applicant_home")
        try:
            application_cancel(
                actor=owner.actor,
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


cancel = for_applicant(_cancel)


@applicant_only
def cancelled(request: HttpRequest) -> HttpResponse:
    return render(
        request, "register/account/cancelled.html", {"application": current_application(request)}
    )
