"""Starting an application (the applicant's own), and the confirmation once it is sent."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.core.access.permissions import applicant_only, request_actor
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.apply import CouncilForm, StartForm
from hearth.register.selectors.apply import (
    application_open_of_applicant,
    council_for_postcode,
    councils_to_choose,
)
from hearth.register.services.apply import application_start
from hearth.register.views.apply_journey import ApplicationJourney, Journey
from hearth.register.views.apply_journey_check import sent_page

POSTCODE_KEY = "hearth_apply_postcode"


def _already_applied(request: HttpRequest) -> HttpResponse | None:
    """Someone with an application that is not closed goes to their account, which shows it
    (and links a draft to its task list)."""
    if application_open_of_applicant(actor=request_actor(request)) is None:
        return None
    return redirect("accounts:applicant_home")


@applicant_only
def apply_start(request: HttpRequest) -> HttpResponse:
    if (elsewhere := _already_applied(request)) is not None:
        return elsewhere
    return render(request, "register/apply/start.html", {})


@applicant_only
def apply_postcode(request: HttpRequest) -> HttpResponse:
    if (elsewhere := _already_applied(request)) is not None:
        return elsewhere
    form = StartForm(posted(request), initial={"postcode": request.session.get(POSTCODE_KEY, "")})
    if request.method == "POST" and form.is_valid():
        request.session[POSTCODE_KEY] = form.cleaned_data["postcode"]
        return redirect("register:apply_council")
    return render(
        request,
        "register/apply/postcode.html",
        {"form": form, "back_url": "/apply/"},
    )


@applicant_only
def apply_council(request: HttpRequest) -> HttpResponse:
    if (elsewhere := _already_applied(request)) is not None:
        return elsewhere
    postcode = request.session.get(POSTCODE_KEY, "")
    if not postcode:
        return redirect("register:apply_postcode")
    actor = request_actor(request)
    councils = councils_to_choose(scheme=actor.scheme)
    suggested = council_for_postcode(list(councils), postcode)
    form = CouncilForm(
        posted(request),
        councils=councils,
        initial={"council": suggested.pk if suggested else None},
    )

    def start(data: dict[str, Any]) -> None:
        application_start(actor=actor, council=data["council"], postcode=postcode)
        request.session.pop(POSTCODE_KEY, None)

    if done := form_submit(
        request, form, start, success="register:apply_tasks", plain_field="council"
    ):
        return done
    return render(
        request,
        "register/apply/council.html",
        {"form": form, "postcode": postcode, "suggested": suggested},
    )


@applicant_only
def apply_sent(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    application = application_open_of_applicant(actor=actor)
    if application is None:
        return redirect("register:apply_start")
    return sent_page(request, Journey(actor, ApplicationJourney(application, staff=False)))
