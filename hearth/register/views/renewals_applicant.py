"""Renewing the application each year: "Has anything changed?" then confirm. The same page
serves an officer renewing for the applicant (assisted digital, `account_staff`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.permissions import applicant_only
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.account import RenewForm
from hearth.register.services.renewals import RENEWS, application_renew, renewal_open
from hearth.register.views.account_applicant import current_application
from hearth.register.views.account_owner import AccountOwner, AccountPage, for_applicant

RENEW = AccountPage(
    template="register/renewals/renew.html",
    done_url="register:renewed",
    officer_template="renew.html",
    officer_message=gettext_lazy("Application renewed until %s"),
)


def renew_page(request: HttpRequest, owner: AccountOwner) -> HttpResponse:
    application = owner.application
    is_open = renewal_open(application, clock.today())
    form = RenewForm(posted(request))
    if is_open and form.is_bound and form.is_valid() and form.cleaned_data["changed"] == "yes":
        # Renewing waits until they have told us what changed.
        return redirect(owner.url("change_report"))
    if is_open and (
        done := form_submit(
            request,
            form,
            lambda _data: application_renew(actor=owner.actor, application=application),
            success=lambda renewed_to: owner.done(
                request, RENEW, message_args=(f"{renewed_to.day} {renewed_to:%B %Y}",)
            ),
            plain_field="changed",
        )
    ):
        return done
    return owner.render(
        request,
        RENEW,
        {
            "form": form,
            "application": application,
            "open": is_open,
            "renews": application.status in RENEWS and application.renewal_due_on is not None,
        },
    )


renew = for_applicant(renew_page)


@applicant_only
def renewed(request: HttpRequest) -> HttpResponse:
    return render(
        request, "register/renewals/renewed.html", {"application": current_application(request)}
    )
