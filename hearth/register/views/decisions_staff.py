"""Officers decide an application (assess then decide, on one page) and print its letter."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.audit import record_viewed
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.decisions import DecisionForm
from hearth.register.letters import decision_letter_pdf, letter_filename
from hearth.register.selectors.applications import application_get
from hearth.register.selectors.decisions import decision_get, decision_preview, open_review_of
from hearth.register.services.decisions import decision_record


def application_url(pk: uuid.UUID) -> str:
    """The officer's application page."""
    return reverse("register:application", kwargs={"pk": pk})


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@capability_required(Capability.ASSESS_APPLICATIONS)
def decision_new(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    today = clock.today()
    preview = decision_preview(actor=actor, application=application, on_date=today)
    form = DecisionForm(
        posted(request), initial={"kind": preview.suggested_kind if preview else None}
    )
    # A one-time form: a repeated post (back button, double click) does not decide twice.
    if done := form_submit(
        request,
        form,
        lambda data: decision_record(
            actor=actor,
            application=application,
            kind=data["kind"],
            note=data["note"],
            on_date=today,
        ),
        success=application_url(application.pk),
        notice=lambda decision: (
            _("Decision recorded: %(kind)s. The applicant has a message and a letter.")
            % {"kind": decision.get_kind_display()}
        ),
        once=_("This decision was already recorded. It has been recorded once."),
    ):
        return done
    if request.method == "GET":
        record_viewed(actor=actor, target=application, organisation=application.household.council)
    return render(
        request,
        "register/decisions/decision_new.html",
        {
            "application": application,
            "household": application.household,
            "preview": preview,
            "form": form,
            "open_review": open_review_of(application),
            "application_url": application_url(application.pk),
            "council": application.household.council,
            "level": 3,
        },
    )


@capability_required(Capability.VIEW_REGISTER)
def decision_letter_staff(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    decision = decision_get(actor=actor, pk=pk)
    household = decision.application.household
    record_viewed(actor=actor, target=decision, organisation=household.council)
    return pdf_response(
        decision_letter_pdf(decision), letter_filename(household.reference, "decision")
    )
