"""The applicant's bids: "My bids" (every bid, its live position or outcome) and withdrawing."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hearth.core.access.permissions import applicant_only, request_actor
from hearth.core.forms.submit import ButtonForm, form_submit, posted
from hearth.lettings.models import OfferStatus
from hearth.lettings.selectors.bids import bid_get
from hearth.lettings.selectors.bids_position import my_bids_list
from hearth.lettings.services.bids import bid_withdraw
from hearth.register.selectors.applications import application_of_applicant


@applicant_only
def bids(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    rows = my_bids_list(actor=actor)
    return render(
        request,
        "lettings/bids/my_bids.html",
        {
            "rows": rows,
            "application": application_of_applicant(actor=actor),
            # Offers waiting for the applicant's answer come first, above every bid.
            "waiting": [
                row
                for row in rows
                if row.offer is not None and row.offer.status == OfferStatus.OFFERED
            ],
        },
    )


@applicant_only
def bid_withdraw_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    bid = bid_get(actor=actor, pk=pk)
    form = ButtonForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: bid_withdraw(actor=actor, bid=bid),
        success="lettings:bids",
        notice=_("Your bid for %(reference)s is withdrawn.") % {"reference": bid.advert.reference},
    ):
        return done
    return render(request, "lettings/bids/withdraw.html", {"bid": bid, "form": form})
