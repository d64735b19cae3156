"""Nominations and offers, for the council's lettings officers and the landlord's staff: the
council nominates from its shortlist; the landlord offers, and either records the answer."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core.access.actor import Actor
from hearth.core.access.permissions import (
    any_capability_required,
    capability_required,
    request_actor,
)
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import ButtonForm, form_submit, posted, refusal
from hearth.lettings.forms.offers import (
    YES,
    OfferAcceptForm,
    OfferMakeForm,
    OfferRefuseForm,
    OfferWithdrawForm,
)
from hearth.lettings.models import Offer, OfferStatus
from hearth.lettings.selectors import offers as selectors
from hearth.lettings.selectors import shortlists as shortlist_selectors
from hearth.lettings.services.offers import (
    offer_accept,
    offer_direct,
    offer_make,
    offer_nominate,
    offer_refuse,
    offer_withdraw,
)

# The landlord's staff and the advertising council's lettings officers both work an offer.
either_side = any_capability_required(Capability.MANAGE_HOMES, Capability.MANAGE_LETTINGS)


def _offer_url(offer: Offer) -> str:
    return reverse("lettings:offer", kwargs={"offer": offer.pk})


def _to_offer(offer: Offer) -> HttpResponse:
    return redirect(_offer_url(offer))


@capability_required(Capability.MANAGE_LETTINGS)
def nominate(request: HttpRequest, advert: uuid.UUID, entry: int) -> HttpResponse:
    actor = request_actor(request)
    found = shortlist_selectors.shortlist_entry_get(actor=actor, advert_id=advert, entry_id=entry)
    form = ButtonForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: offer_nominate(actor=actor, entry=found),
        success=_to_offer,
        notice=_("Nominated to the landlord."),
    ):
        return done
    return render(
        request,
        "lettings/offers/nominate.html",
        {"form": form, "entry": found, "shortlist": found.shortlist, "problem": refusal(form)},
    )


@capability_required(Capability.MANAGE_HOMES)
def landlord_offers(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    page = selectors.landlord_offers_page(actor=actor, number=request.GET.get("page"))
    return render(request, "lettings/offers/landlord_list.html", {"page": page})


@either_side
def offer(request: HttpRequest, offer: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    found = selectors.offer_get(actor=actor, offer_id=offer)
    landlord = found.advert.property.landlord_id == getattr(actor.organisation, "pk", None)
    return render(
        request,
        "lettings/offers/offer.html",
        {
            "offer": found,
            "nominee": selectors.nominee_for(found) if landlord else None,
            "is_landlord": landlord,
            "waiting": found.status == OfferStatus.OFFERED,
            "nominated": found.status == OfferStatus.NOMINATED,
            "open": selectors.is_open(found),
        },
    )


@dataclass(frozen=True)
class _Step:
    """One thing done to an offer on a page of its own: the form, the service call, what the
    next page says, and the offer to go back to."""

    form: type[forms.Form]
    template: str
    act: Callable[[Actor, Offer, dict[str, Any]], Any]
    notice: Callable[[Any], str]
    plain_field: str
    offer_of: Callable[[Any], Offer] = lambda result: result


def _refused_notice(refused: Offer) -> str:
    consequence = refused.consequence or _("It does not count against the household.")
    return _("Refusal recorded. %(consequence)s") % {"consequence": consequence}


_MAKE = _Step(
    OfferMakeForm,
    "make",
    lambda actor, offer, data: offer_make(
        actor=actor, offer=offer, viewing_text=data["viewing_text"]
    ),
    lambda _result: _("Offer made. The household has been told when to answer by."),
    "viewing_text",
)
_ACCEPT = _Step(
    OfferAcceptForm,
    "accept",
    lambda actor, offer, data: offer_accept(
        actor=actor, offer=offer, tenancy_starts_on=data["tenancy_starts_on"]
    ),
    lambda _result: _("Acceptance recorded. The home is let."),
    "tenancy_starts_on",
    offer_of=lambda let: let.offer,
)
_REFUSE = _Step(
    OfferRefuseForm,
    "refuse",
    lambda actor, offer, data: offer_refuse(
        actor=actor,
        offer=offer,
        refused_by=data["refused_by"],
        reason=data["reason"],
        counts=data["counts"] == YES,
    ),
    _refused_notice,
    "reason",
)
_WITHDRAW = _Step(
    OfferWithdrawForm,
    "withdraw",
    lambda actor, offer, data: offer_withdraw(actor=actor, offer=offer, reason=data["reason"]),
    lambda _result: _("Withdrawn. The household can be offered other homes."),
    "reason",
)


def _step_page(request: HttpRequest, offer_id: uuid.UUID, step: _Step) -> HttpResponse:
    actor = request_actor(request)
    found = selectors.offer_get(actor=actor, offer_id=offer_id)
    form = step.form(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: step.act(actor, found, data),
        success=lambda result: _to_offer(step.offer_of(result)),
        notice=step.notice,
        plain_field=step.plain_field,
    ):
        return done
    return render(request, f"lettings/offers/{step.template}.html", {"form": form, "offer": found})


@either_side
def make(request: HttpRequest, offer: uuid.UUID) -> HttpResponse:
    return _step_page(request, offer, _MAKE)


@either_side
def accept(request: HttpRequest, offer: uuid.UUID) -> HttpResponse:
    return _step_page(request, offer, _ACCEPT)


@either_side
def refuse(request: HttpRequest, offer: uuid.UUID) -> HttpResponse:
    return _step_page(request, offer, _REFUSE)


@either_side
def withdraw(request: HttpRequest, offer: uuid.UUID) -> HttpResponse:
    return _step_page(request, offer, _WITHDRAW)


@capability_required(Capability.MANAGE_HOMES)
def direct(request: HttpRequest, advert: uuid.UUID, entry: int) -> HttpResponse:
    """The landlord offers straight from a shortlist it works (where the council allows)."""
    actor = request_actor(request)
    found = shortlist_selectors.shortlist_entry_get(actor=actor, advert_id=advert, entry_id=entry)
    form = OfferMakeForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: offer_direct(actor=actor, entry=found, viewing_text=data["viewing_text"]),
        success=_to_offer,
        notice=_("Offer made. The household has been told when to answer by."),
        plain_field="viewing_text",
    ):
        return done
    return render(
        request,
        "lettings/offers/direct.html",
        {"form": form, "entry": found, "shortlist": found.shortlist},
    )
