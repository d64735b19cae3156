"""The applicant reads a decision on their application and downloads its letter."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core import clock
from hearth.core.access.permissions import applicant_only, request_actor
from hearth.register.letters import decision_context, decision_letter_pdf, letter_filename
from hearth.register.selectors.decisions import decision_get, review_state
from hearth.register.views.decisions_staff import pdf_response


@applicant_only
def decision(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    found = decision_get(actor=request_actor(request), pk=pk)
    household = found.application.household
    context = decision_context(found) | {
        "council": household.council,
        "reference": household.reference,
        "state": review_state(decision=found, on_date=clock.today()),
        "level": 2,
    }
    return render(request, "register/decisions/decision.html", context)


@applicant_only
def decision_letter(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    found = decision_get(actor=request_actor(request), pk=pk)
    return pdf_response(
        decision_letter_pdf(found),
        letter_filename(found.application.household.reference, "decision"),
    )
