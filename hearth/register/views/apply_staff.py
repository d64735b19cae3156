"""Assisted digital: an officer starts an application for someone on their council's register.

The applicant needs no account; the officer records how to contact them and then fills in the
same steps as an applicant would (`hearth.register.views.apply_journey_steps`, with `for_officer`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.apply import AssistedStartForm
from hearth.register.services.apply import application_start


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_start(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    council = actor.active_organisation()
    form = AssistedStartForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: application_start(
            actor=actor,
            council=council,
            postcode=data["postcode"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        ),
        success=lambda application: redirect("register:assisted_tasks", pk=application.pk),
        plain_field="contact_name",
        once=_("This application was already started. It has been started once."),
    ):
        return done
    return render(request, "register/apply/assisted_start.html", {"form": form, "council": council})
