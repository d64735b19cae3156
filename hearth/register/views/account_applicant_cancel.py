"""Cancel my application: why, are you sure, done."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.core.access.permissions import applicant_only
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.account import CancelForm
from hearth.register.services.account import applicant_cancellable, application_cancel
from hearth.register.views.account_applicant import current_application
from hearth.register.views.account_owner import AccountOwner, for_applicant


def _cancel(request: HttpRequest, owner: AccountOwner) -> HttpResponse:
    application = owner.application
    allowed = applicant_cancellable(application)
    form = CancelForm(posted(request))
    if allowed and form.is_bound and form.is_valid() and form.cleaned_data["confirm"] == "no":
        return redirect("accounts:applicant_home")
    if allowed and (
        done := form_submit(
            request,
            form,
            lambda data: application_cancel(
                actor=owner.actor, application=application, reason=data["reason"]
            ),
            success="register:cancelled",
            plain_field="confirm",
        )
    ):
        return done
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
