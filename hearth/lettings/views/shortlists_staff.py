"""Officers' shortlist pages: the council's shortlists, one shortlist with its reasons, bypassing
a bidder (and undoing it), and ranking the bids again."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access.permissions import any_capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import ButtonForm, form_submit, posted, refusal
from hearth.lettings.forms.shortlists import BypassForm, RerankForm
from hearth.lettings.selectors import shortlists as selectors
from hearth.lettings.services.shortlists import (
    bypass_reasons,
    shortlist_bypass,
    shortlist_bypass_undo,
    shortlist_rerank,
)

# The council's lettings officers; a landlord's staff where the council lets them work the
# shortlists of their own homes (the selectors decide which).
shortlist_workers = any_capability_required(Capability.MANAGE_LETTINGS, Capability.MANAGE_HOMES)


@shortlist_workers
def shortlists(request: HttpRequest) -> HttpResponse:
    page = selectors.shortlists_page(actor=request_actor(request), number=request.GET.get("page"))
    return render(request, "lettings/shortlists/list.html", {"page": page})


@shortlist_workers
def shortlist(request: HttpRequest, advert: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    view = selectors.shortlist_view(actor=actor, advert_id=advert)
    return render(
        request,
        "lettings/shortlists/shortlist.html",
        {"view": view, "is_landlord": actor.can(Capability.MANAGE_HOMES)},
    )


def _shortlist_url(advert: uuid.UUID) -> str:
    return reverse("lettings:shortlist", kwargs={"advert": advert})


@shortlist_workers
def bypass(request: HttpRequest, advert: uuid.UUID, entry: int) -> HttpResponse:
    actor = request_actor(request)
    found = selectors.shortlist_entry_get(actor=actor, advert_id=advert, entry_id=entry)
    form = BypassForm(posted(request), reasons=bypass_reasons(found.shortlist))
    if done := form_submit(
        request,
        form,
        lambda data: shortlist_bypass(
            actor=actor, entry=found, reason=data["reason"], note=data["note"]
        ),
        success=_shortlist_url(advert),
        notice=_("Bidder bypassed. The applicant will see the reason."),
        plain_field="reason",
    ):
        return done
    return render(
        request,
        "lettings/shortlists/bypass.html",
        {"form": form, "entry": found, "shortlist": found.shortlist},
    )


@shortlist_workers
def bypass_undo(request: HttpRequest, advert: uuid.UUID, entry: int) -> HttpResponse:
    actor = request_actor(request)
    found = selectors.shortlist_entry_get(actor=actor, advert_id=advert, entry_id=entry)
    form = ButtonForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: shortlist_bypass_undo(actor=actor, entry=found),
        success=_shortlist_url(advert),
        notice=_("Bypass undone: the bidder is back in their place."),
    ):
        return done
    return render(
        request,
        "lettings/shortlists/bypass_undo.html",
        {"form": form, "entry": found, "shortlist": found.shortlist, "problem": refusal(form)},
    )


@shortlist_workers
def rerank(request: HttpRequest, advert: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    found = selectors.shortlist_get(actor=actor, advert_id=advert)
    form = RerankForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: shortlist_rerank(
            actor=actor, shortlist=found, keep_bypasses=data["how"] == RerankForm.KEEP
        ),
        success=_shortlist_url(advert),
        notice=_("Bids ranked again."),
        plain_field="how",
    ):
        return done
    return render(request, "lettings/shortlists/rerank.html", {"form": form, "shortlist": found})
