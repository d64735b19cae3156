"""The applicant's own offer of a home (or nomination for one): where it stands, the answer's
deadline, the viewing and what happens next. Read-only: the landlord records the answer, so the
page says how to reach them."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core.access.permissions import applicant_only, request_actor
from hearth.lettings.models import OfferStatus
from hearth.lettings.selectors.offers import my_offer_get, news_of


@applicant_only
def my_offer(request: HttpRequest, offer: uuid.UUID) -> HttpResponse:
    found = my_offer_get(actor=request_actor(request), offer_id=offer)
    return render(
        request,
        "lettings/offers/my_offer.html",
        {
            "offer": found,
            "news": news_of(found),
            "landlord": found.advert.property.landlord,
            "waiting": found.status == OfferStatus.OFFERED,
        },
    )
