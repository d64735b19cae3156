"""A lettings officer and an applicant's bids: bidding for them (by phone or in person),
withdrawing a bid for them, and switching automatic bidding on or off."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.audit import record_viewed
from hearth.core.forms.submit import ButtonForm, form_submit, posted
from hearth.lettings.forms.bids import AutoBidForm, OfficerBidForm
from hearth.lettings.selectors.bids import auto_bid_of, bid_get, lead_applicant_name, may_bid_for
from hearth.lettings.selectors.bids_position import application_bids_list
from hearth.lettings.selectors.bids_search import adverts_open
from hearth.lettings.services.bids import (
    auto_bid_switch_off,
    auto_bid_switch_on,
    bid_place,
    bid_withdraw,
)
from hearth.register.models import Application
from hearth.register.selectors.applications import application_get
from hearth.register.selectors.workspace_links import ApplicationLink


@capability_required(Capability.MANAGE_LETTINGS)
def application_bids(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    here = reverse("lettings:application_bids", kwargs={"pk": application.pk})
    form = OfficerBidForm(posted(request), adverts=list(adverts_open(actor=actor)))
    if done := form_submit(
        request,
        form,
        lambda data: bid_place(
            actor=actor,
            advert=form.advert_chosen(),
            application=application,
            channel=data["channel"],
        ),
        success=here,
        notice=lambda bid: (
            _("Bid placed for the applicant on %(reference)s.")
            % {"reference": bid.advert.reference}
        ),
        once=_("This bid was already placed. It was placed once."),
    ):
        return done
    record_viewed(actor=actor, target=application, organisation=application.council)
    return render(
        request,
        "lettings/bids/application_bids.html",
        {
            "application": application,
            "household": application.household,
            "lead_name": lead_applicant_name(application),
            "rows": application_bids_list(actor=actor, application=application),
            "auto_bid": auto_bid_of(actor=actor, application=application),
            "form": form,
        },
    )


@capability_required(Capability.MANAGE_LETTINGS)
def auto_bid(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    application = application_get(actor=actor, pk=pk)
    current = auto_bid_of(actor=actor, application=application)
    form = AutoBidForm(posted(request), switching_on=current is None)
    if current is None:
        done = form_submit(
            request,
            form,
            lambda data: auto_bid_switch_on(
                actor=actor, application=application, reason=data["reason"]
            ),
            success=reverse("lettings:application_bids", kwargs={"pk": application.pk}),
            notice=_("Automatic bidding is on for this applicant."),
            plain_field="reason",
        )
    else:
        done = form_submit(
            request,
            form,
            lambda data: auto_bid_switch_off(
                actor=actor, application=application, reason=data["reason"]
            ),
            success=reverse("lettings:application_bids", kwargs={"pk": application.pk}),
            notice=_("Automatic bidding is off for this applicant."),
            plain_field="reason",
        )
    if done:
        return done
    return render(
        request,
        "lettings/bids/auto_bid.html",
        {
            "application": application,
            "household": application.household,
            "auto_bid": current,
            "form": form,
        },
    )


@capability_required(Capability.MANAGE_LETTINGS)
def officer_bid_withdraw(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    bid = bid_get(actor=actor, pk=pk)
    application = bid.application
    form = ButtonForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: bid_withdraw(actor=actor, bid=bid),
        success=reverse("lettings:application_bids", kwargs={"pk": application.pk}),
        notice=_("The bid for %(reference)s is withdrawn.") % {"reference": bid.advert.reference},
    ):
        return done
    return render(
        request,
        "lettings/bids/officer_withdraw.html",
        {"bid": bid, "application": application, "household": application.household, "form": form},
    )


def application_links_for(actor: Actor, application: Application) -> list[ApplicationLink]:
    """The links on the register's application page: a lettings officer of the application's
    council bids for the applicant and switches automatic bidding there."""
    if not may_bid_for(actor, application) or not actor.is_staff:
        return []
    return [
        ApplicationLink(
            gettext_lazy("Bids, and bidding for the applicant"),
            reverse("lettings:application_bids", kwargs={"pk": application.pk}),
        )
    ]
