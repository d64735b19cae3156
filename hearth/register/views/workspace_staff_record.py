"""The officer's application page and its full history."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.audit import record_viewed
from hearth.register.forms.assessment import status_choices
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import application_get
from hearth.register.selectors.assessment import mobility_panel
from hearth.register.selectors.decisions import decisions_panel
from hearth.register.selectors.evidence import evidence_panel
from hearth.register.selectors.messages import messages_panel
from hearth.register.selectors.workspace_links import application_links
from hearth.register.selectors.workspace_record import application_history, application_record

HISTORY_PAGE_SIZE = 50


@capability_required(Capability.VIEW_REGISTER)
def application(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    today = clock.today()
    record = application_record(actor=actor, pk=pk, today=today)
    found = record.application
    record_viewed(actor=actor, target=found, organisation=record.household.council)
    return render(
        request,
        "register/workspace/application.html",
        {
            "record": record,
            "application": found,
            "household": record.household,
            "can_assess": actor.can(Capability.ASSESS_APPLICATIONS),
            "can_change_status": bool(status_choices(found.status, found.cancelled_on, today)),
            # Assisted digital: the officer completes or changes the form for the applicant.
            "can_assist": actor.can(Capability.ASSESS_APPLICATIONS)
            and found.status not in lifecycle.CLOSED,
            **evidence_panel(actor=actor, application=found),
            **decisions_panel(actor=actor, application=found),
            **messages_panel(actor=actor, application=found),
            **mobility_panel(actor=actor, application=found),
            # Pages of higher apps for this application (the applicant's bids, say).
            "extra_links": application_links(actor=actor, application=found),
        },
    )


@capability_required(Capability.VIEW_REGISTER)
def application_history_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    found = application_get(actor=actor, pk=pk)
    include_views = request.GET.get("views") == "1"
    entries = application_history(actor=actor, application=found, include_views=include_views)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    record_viewed(actor=actor, target=found, organisation=found.household.council)
    return render(
        request,
        "register/workspace/history.html",
        {
            "application": found,
            "household": found.household,
            "page": page,
            "include_views": include_views,
            "query_string": "views=1" if include_views else "",
        },
    )
