"""Reporting a change of circumstances: the applicant, or an officer for them (assisted
digital, `account_staff`), on one page body. The officer's reassessment is in
`account_staff_changes`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from hearth.core.access.permissions import applicant_only
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.account import ChangeReportForm
from hearth.register.services.account import (
    change_reportable,
    circumstance_change_report,
)
from hearth.register.views.account_owner import AccountOwner, AccountPage, for_applicant

CHANGE_REPORT = AccountPage(
    template="register/account/change_report.html",
    done_url="register:change_sent",
    officer_template="change_report.html",
    officer_message=gettext_lazy("Change reported for the applicant"),
    duplicate_message=gettext_lazy("You already sent this change. We have it once."),
    officer_duplicate_message=gettext_lazy(
        "This change was already reported. It has been recorded once."
    ),
)


def change_report_page(request: HttpRequest, owner: AccountOwner) -> HttpResponse:
    application = owner.application
    reportable = change_reportable(application)
    form = ChangeReportForm(posted(request))
    if reportable and (
        done := form_submit(
            request,
            form,
            lambda data: circumstance_change_report(
                actor=owner.actor,
                application=application,
                sections=data["sections"],
                summary=data["summary"],
            ),
            success=lambda _report: owner.done(request, CHANGE_REPORT),
            once=str(
                CHANGE_REPORT.officer_duplicate_message
                if owner.staff
                else CHANGE_REPORT.duplicate_message
            ),
        )
    ):
        return done
    return owner.render(
        request,
        CHANGE_REPORT,
        {"form": form, "application": application, "reportable": reportable},
    )


change_report = for_applicant(change_report_page)


@applicant_only
def change_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "register/account/change_sent.html", {})
