"""Reassessing after a change of circumstances the applicant reported (officer)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import ButtonForm, form_submit, posted, refusal
from hearth.register.selectors.account import circumstance_change_get
from hearth.register.selectors.applications import application_get
from hearth.register.services.account import CHANGE_SECTIONS, circumstance_change_assess
from hearth.register.services.assessment_reassess import NoPolicyInForceError


@capability_required(Capability.ASSESS_APPLICATIONS)
def change_assessed(request: HttpRequest, pk: uuid.UUID, change: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    found = circumstance_change_get(actor=actor, application=application, pk=change)
    form = ButtonForm(posted(request))

    def assess(_data: dict[str, Any]) -> None:
        try:
            circumstance_change_assess(actor=actor, change=found)
        except NoPolicyInForceError:
            raise ValidationError(
                _("This council has no allocation policy in force to assess with.")
            ) from None

    if done := form_submit(
        request,
        form,
        assess,
        success=lambda _none: redirect(
            "register:change_assessed", pk=application.pk, change=found.pk
        ),
        notice=_("Household reassessed and the change marked as assessed"),
    ):
        return done
    problem = refusal(form)
    sections = [CHANGE_SECTIONS.get(code, code) for code in found.sections]
    return render(
        request,
        "register/account/change_assessed.html",
        {
            "application": application,
            "change": found,
            "sections": sections,
            "problem": problem,
            "application_url": reverse("register:application", kwargs={"pk": application.pk}),
        },
        status=400 if problem else 200,
    )
