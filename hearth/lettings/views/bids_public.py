"""Finding a home: this cycle's homes for anyone, and each advert's page; a signed-in
applicant also sees whether they can bid, bids, and sees their live queue position."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.permissions import public, request_actor
from hearth.core.forms.submit import form_submit, posted
from hearth.lettings.forms.bids import BidForm, FindHomeForm
from hearth.lettings.models import Advert, Bid, BidChannel
from hearth.lettings.rules.bid_check import limit_text
from hearth.lettings.rules.labels_text import (
    charges_text,
    date_time_text,
    labels_text,
    moment_text,
)
from hearth.lettings.selectors.bids import Advertisers, bid_answers_list
from hearth.lettings.selectors.bids_position import bid_live_on, queue_positions
from hearth.lettings.selectors.bids_search import (
    advert_labels,
    advert_open_get,
    advert_photos,
    adverts_search,
    area_choices,
    home_cards,
)
from hearth.lettings.services.bids import bid_place
from hearth.register.selectors.applications import application_of_applicant

PAGE_SIZE = 20


def layout_for(actor: Actor) -> str:
    """The page's layout: the applicant's, staff's or landlord's, or the public one."""
    if actor.is_applicant:
        return "layouts/applicant.html"
    if actor.is_landlord:
        return "layouts/landlord.html"
    if actor.is_staff:
        return "layouts/staff.html"
    return "layouts/public.html"


@public
def find_home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = FindHomeForm(request.GET or None, areas=area_choices(actor=actor))
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown as an error and not applied
    adverts = adverts_search(actor=actor, search=form.search())
    page = Paginator(adverts, PAGE_SIZE).get_page(request.GET.get("page"))
    now = clock.now()
    advertisers = (
        Advertisers.read(actor.scheme.pk, now.astimezone(clock.LONDON).date())
        if actor.scheme is not None
        else None
    )
    listed: list[Advert] = list(page.object_list)
    cards = home_cards(listed, advertisers, now) if advertisers is not None else []
    application = application_of_applicant(actor=actor)
    answers = (
        bid_answers_list(
            actor=actor, adverts=listed, application=application, advertisers=advertisers
        )
        if application is not None and listed
        else {}
    )
    filters = [(key, value) for key, value in request.GET.items() if key != "page" and value]
    return render(
        request,
        "lettings/bids/find_home.html",
        {
            "layout": layout_for(actor),
            "form": form,
            "page": page,
            "cards": [(card, answers.get(card.advert.pk)) for card in cards],
            "query_string": urlencode(filters),
            "filtered": bool(filters),
            "application": application,
        },
    )


@public
def find_home_advert(request: HttpRequest, reference: str) -> HttpResponse:
    """An advert's page. A signed-in applicant sees "Can I bid?", bids here (the form posts
    to this page), and then sees their live queue position and can withdraw."""
    actor = request_actor(request)
    advert = advert_open_get(actor=actor, reference=reference)
    if request.method == "POST":
        if not actor.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not actor.is_applicant:
            raise PermissionDenied
    application = application_of_applicant(actor=actor)
    if request.method == "POST" and application is None:
        return redirect("accounts:applicant_home")
    advert_url = reverse("lettings:find_home_advert", kwargs={"reference": advert.reference})
    form = BidForm(posted(request))
    if application is not None and (
        done := form_submit(
            request,
            form,
            lambda _data: bid_place(
                actor=actor, advert=advert, application=application, channel=BidChannel.ONLINE
            ),
            success=advert_url,
            notice=_("You have bid for this home."),
            once=_("You have already bid for this home. Your bid was recorded once."),
        )
    ):
        return done
    now = clock.now()
    today = now.astimezone(clock.LONDON).date()
    assert advert.council.scheme_id is not None  # noqa: S101 - every organisation has one
    advertisers = Advertisers.read(advert.council.scheme_id, today)
    context: dict[str, object] = {
        "layout": layout_for(actor),
        "advert": advert,
        "home": advert.property,
        "photos": advert_photos(advert),
        "labels": labels_text(advert_labels(advert, advertisers)),
        "charges": charges_text(advert.property.weekly_rent, advert.property.weekly_service_charge),
        "closes": moment_text(advert.cycle.closes_at, now) if advert.cycle else "",
        "application": application,
        "form": form,
    }
    if application is not None:
        bid: Bid | None = bid_live_on(actor=actor, advert=advert, application=application)
        # "Can I bid?" is shown only until the applicant has bid; with a live bid the page
        # shows its position instead, and asking would cost a bidder's standing again.
        answer = (
            bid_answers_list(
                actor=actor, adverts=[advert], application=application, advertisers=advertisers
            ).get(advert.pk)
            if bid is None
            else None
        )
        policy = advertisers.policy(advert.council_id)
        context |= {
            "answer": answer,
            "bid": bid,
            "bid_placed": date_time_text(bid.placed_at) if bid else "",
            "position": (
                queue_positions([bid], on_date=today, advertisers=advertisers).get(bid.pk)
                if bid
                else None
            ),
            "limit_text": limit_text(policy.bid_limit) if policy is not None else "",
        }
    return render(request, "lettings/bids/advert.html", context)
