"""Scheme admins' council lettings pages: every council's settings and how it lets its homes,
changing a council's settings, and switching a council to live choice-based lettings."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
from hearth.core.models import Scheme
from hearth.lettings.forms.councils import NO, YES, CouncilLettingsForm, GoLiveForm
from hearth.lettings.models import CouncilLettings
from hearth.lettings.rules.cycle_rhythm import closing_text
from hearth.lettings.rules.go_live import first_opening_from
from hearth.lettings.selectors import councils as selectors
from hearth.lettings.services.councils import council_go_live, council_lettings_save
from hearth.lettings.services.cycles import scheme_rhythm


@capability_required(Capability.EDIT_SCHEME)
def councils(request: HttpRequest) -> HttpResponse:
    rows = selectors.councils_lettings_list(actor=request_actor(request), today=clock.today())
    return render(request, "lettings/councils/list.html", {"rows": rows})


@capability_required(Capability.EDIT_SCHEME)
def settings(request: HttpRequest, council: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    row = selectors.council_lettings_get(actor=actor, council_id=council, today=clock.today())
    current = row.settings
    form = CouncilLettingsForm(
        posted(request),
        initial={
            "adverts_need_approval": YES if current.adverts_need_approval else NO,
            "nomination_route": current.nomination_route,
            "offer_working_days": current.offer_working_days,
        },
    )
    if done := form_submit(
        request,
        form,
        lambda data: council_lettings_save(
            actor=actor,
            council=row.council,
            adverts_need_approval=data["adverts_need_approval"] == YES,
            nomination_route=data["nomination_route"],
            offer_working_days=data["offer_working_days"],
        ),
        success="lettings:councils",
        notice=_("Lettings settings of %(council)s saved.") % {"council": row.council.name},
    ):
        return done
    return render(request, "lettings/councils/settings.html", {"form": form, "row": row})


def _went_live(council_name: str, scheme: Scheme, saved: CouncilLettings) -> str:
    live_from = saved.cbl_live_from or clock.today()  # the service has just set it
    opening = first_opening_from(scheme_rhythm(scheme), live_from)
    return _(
        "%(council)s is live on choice-based lettings from %(day)s. Its approved homes are "
        "advertised from the cycle opening at %(opening)s."
    ) % {
        "council": council_name,
        "day": date_format(live_from, "j F Y"),
        "opening": closing_text(opening),
    }


@capability_required(Capability.EDIT_SCHEME)
def go_live(request: HttpRequest, council: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    row = selectors.council_lettings_get(actor=actor, council_id=council, today=clock.today())
    form = GoLiveForm(posted(request), initial={"live_from": row.settings.cbl_live_from})
    if done := form_submit(
        request,
        form,
        lambda data: council_go_live(actor=actor, council=row.council, live_from=data["live_from"]),
        success="lettings:councils",
        notice=lambda saved: _went_live(row.council.name, row.council.scheme, saved),
        plain_field="live_from",
    ):
        return done
    return render(
        request,
        "lettings/councils/go_live.html",
        {"form": form, "row": row, "waiting": selectors.approved_waiting(row.council)},
    )
