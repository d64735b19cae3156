"""Assisted digital beyond the application form: an officer uploads a document, reports a
change of circumstances, renews, or asks for (or withdraws) a review for the applicant.

Each page uses the applicant's own form and the same service, called with the acting actor so
the audit log records the officer on behalf of the applicant.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access import capability_required, request_actor
from hearth.core.actor import Actor
from hearth.core.form_errors import errors_onto_form
from hearth.core.roles import Capability
from hearth.core.submissions import AlreadySubmittedError, already_submitted, submission_once
from hearth.register.forms.account import ChangeReportForm, RenewForm
from hearth.register.forms.decisions import (
    YES,
    AssistedReviewWithdrawForm,
    ReviewGroundsForm,
)
from hearth.register.forms.evidence import DocumentUploadAnyForm, DocumentUploadForm
from hearth.register.models import Application, EvidenceRequestStatus, ReviewStatus
from hearth.register.rules import file_types
from hearth.register.selectors.account_assisted import evidence_request_of_application
from hearth.register.selectors.apply import application_for_assisted
from hearth.register.selectors.decisions import decision_get, review_get, review_state
from hearth.register.selectors.evidence import household_people, request_row
from hearth.register.services.account import change_reportable, circumstance_change_report
from hearth.register.services.apply import acting_actor
from hearth.register.services.evidence import evidence_document_upload
from hearth.register.services.renewals import RENEWS, application_renew, renewal_open
from hearth.register.services.reviews import (
    review_request_create,
    review_request_withdraw,
    review_window_open,
)
from hearth.register.views.apply_journey import posted


def _acting(actor: Actor, application: Application) -> Actor:
    return acting_actor(actor, application.household)


def _render(
    request: HttpRequest, template: str, application: Application, context: dict[str, Any]
) -> HttpResponse:
    """A page in the staff layout with the assisted-digital banner."""
    return render(
        request,
        f"register/account/assisted/{template}",
        {
            "journey": {"staff": True},  # the banner is shared with the application form
            "application": application,
            "household": application.household,
            **context,
        },
    )


def _done(request: HttpRequest, application: Application, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("register:application", pk=application.pk)


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_document_upload(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Upload a document for the applicant: for a request (?request=<id>) or of any kind."""
    actor = request_actor(request)
    application = application_for_assisted(actor=actor, pk=pk)
    wanted = request.GET.get("request")
    evidence_request = (
        evidence_request_of_application(application=application, pk=wanted) if wanted else None
    )
    limit_text = file_types.size_text(settings.HEARTH_EVIDENCE_MAX_BYTES)
    files = request.FILES if request.method == "POST" else None
    form: DocumentUploadForm
    if evidence_request is not None:
        form = DocumentUploadForm(posted(request), files, limit_text=limit_text)
    else:
        form = DocumentUploadAnyForm(
            posted(request),
            files,
            people=household_people(application=application),
            limit_text=limit_text,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence_document_upload(
                actor=_acting(actor, application),
                application=application,
                upload=data["file"],
                request=evidence_request,
                kind=data.get("kind", ""),
                person=data.get("person"),
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="file")
        else:
            return _done(request, application, _("Document uploaded for the applicant"))
    return _render(
        request,
        "document_upload.html",
        application,
        {
            "form": form,
            "row": request_row(evidence_request, clock.today()) if evidence_request else None,
            "waiting": evidence_request is None
            or evidence_request.status == EvidenceRequestStatus.REQUESTED,
        },
    )


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_change_report(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_for_assisted(actor=actor, pk=pk)
    reportable = change_reportable(application)
    form = ChangeReportForm(posted(request))
    if request.method == "POST" and reportable and form.is_valid():
        application_url = reverse("register:application", kwargs={"pk": application.pk})
        try:
            with submission_once(form.submission_token, actor=actor) as submission:
                circumstance_change_report(
                    actor=_acting(actor, application),
                    application=application,
                    sections=form.cleaned_data["sections"],
                    summary=form.cleaned_data["summary"],
                )
                submission.done(application_url)
        except AlreadySubmittedError as duplicate:
            return already_submitted(
                request,
                duplicate,
                fallback_url=application_url,
                notice=_("This change was already reported. It has been recorded once."),
            )
        except ValidationError as problem:
            errors_onto_form(form, problem)
        else:
            return _done(request, application, _("Change reported for the applicant"))
    return _render(
        request, "change_report.html", application, {"form": form, "reportable": reportable}
    )


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_renew(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_for_assisted(actor=actor, pk=pk)
    is_open = renewal_open(application, clock.today())
    form = RenewForm(posted(request))
    if request.method == "POST" and is_open and form.is_valid():
        if form.cleaned_data["changed"] == "yes":
            # As for the applicant: renewing waits until the change has been reported.
            return redirect("register:assisted_change_report", pk=application.pk)
        try:
            renewed_to = application_renew(
                actor=_acting(actor, application), application=application
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="changed")
        else:
            day = f"{renewed_to.day} {renewed_to:%B %Y}"
            return _done(request, application, _("Application renewed until %s") % day)
    return _render(
        request,
        "renew.html",
        application,
        {
            "form": form,
            "open": is_open,
            "renews": application.status in RENEWS and application.renewal_due_on is not None,
        },
    )


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_review_request(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Ask for a review for the applicant; an officer may accept a late request."""
    actor = request_actor(request)
    decision = decision_get(actor=actor, pk=pk)
    application = application_for_assisted(actor=actor, pk=decision.application_id)
    state = review_state(decision=decision, on_date=clock.today())
    may_ask = state.review is None and not state.replaced
    form = ReviewGroundsForm(posted(request))
    if request.method == "POST" and may_ask and form.is_valid():
        try:
            review_request_create(
                actor=_acting(actor, application),
                decision=decision,
                grounds=form.cleaned_data["grounds"],
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="grounds")
        else:
            return _done(request, application, _("Review asked for on the applicant's behalf"))
    return _render(
        request,
        "review_request.html",
        application,
        {"form": form, "decision": decision, "state": state, "may_ask": may_ask},
    )


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_review_withdraw(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Withdraw a review still waiting, when the applicant asks us to."""
    actor = request_actor(request)
    review = review_get(actor=actor, pk=pk)
    application = application_for_assisted(actor=actor, pk=review.application_id)
    is_open = review.status == ReviewStatus.REQUESTED
    form = AssistedReviewWithdrawForm(posted(request))
    if request.method == "POST" and is_open and form.is_valid():
        if form.cleaned_data["withdraw"] != YES:
            return redirect("register:application", pk=application.pk)
        try:
            review_request_withdraw(actor=_acting(actor, application), review=review)
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="withdraw")
        else:
            return _done(request, application, _("Review withdrawn on the applicant's behalf"))
    return _render(
        request,
        "review_withdraw.html",
        application,
        {
            "form": form,
            "review": review,
            "decision": review.decision,
            "is_open": is_open,
            "may_ask_again": review_window_open(review.decision, clock.today()),
        },
    )
