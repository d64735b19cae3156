"""Bidding cycles: the scheme's cycles for lettings staff, and the rhythm for scheme admins."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hearth.core.access.permissions import (
    any_capability_required,
    capability_required,
    request_actor,
)
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
from hearth.lettings.forms.cycles import RhythmForm
from hearth.lettings.rules.cycle_rhythm import closing_text
from hearth.lettings.selectors.cycles import cycles_page
from hearth.lettings.services.cycles import cycle_rhythm_save, scheme_rhythm


@any_capability_required(Capability.MANAGE_LETTINGS, Capability.EDIT_SCHEME)
def cycles(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    rhythm = scheme_rhythm(actor.active_scheme())
    return render(
        request,
        "lettings/cycles/list.html",
        {
            "page": cycles_page(actor=actor, number=request.GET.get("page")),
            "rhythm": rhythm,
            "can_change": actor.can(Capability.EDIT_SCHEME),
            "closing_text": closing_text,
        },
    )


@capability_required(Capability.EDIT_SCHEME)
def rhythm(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    scheme = actor.active_scheme()
    current = scheme_rhythm(scheme)
    form = RhythmForm(
        posted(request),
        initial={
            "opens_weekday": current.opens_weekday,
            "opens_time": current.opens_time,
            "closes_weekday": current.closes_weekday,
            "closes_time": current.closes_time,
        },
    )
    if done := form_submit(
        request,
        form,
        lambda data: cycle_rhythm_save(actor=actor, scheme=scheme, **data),
        success="lettings:cycles",
        notice=_("Cycle times changed. Cycles already made keep their times."),
    ):
        return done
    return render(request, "lettings/cycles/rhythm.html", {"form": form})
