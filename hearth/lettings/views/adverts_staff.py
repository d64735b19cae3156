"""A council's lettings officers: the adverts waiting for approval, and approving or returning
one; and what the staff home page shows of them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
from hearth.core.pages.home_sections import HomeLink, HomeSection
from hearth.lettings.forms.adverts import APPROVE, AdvertDecisionForm
from hearth.lettings.models import Advert, AdvertStatus
from hearth.lettings.rules.permissions import council_of
from hearth.lettings.selectors.adverts import (
    advert_get,
    adverts_waiting_approval,
    adverts_waiting_approval_count,
)
from hearth.lettings.selectors.council_choices import council_choices
from hearth.lettings.selectors.homes import home_photos
from hearth.lettings.services.adverts import advert_approve, advert_return
from hearth.lettings.views.adverts_landlord import STATUS_COLOURS
from hearth.lettings.views.homes_landlord import photos_shown

PAGE_SIZE = 25

manage_lettings = capability_required(Capability.MANAGE_LETTINGS)


@manage_lettings
def advert_approvals(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    page = Paginator(adverts_waiting_approval(actor=actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = clock.today()
    rows = [
        {
            "advert": advert,
            "days": (today - advert.submitted_at.astimezone(clock.LONDON).date()).days
            if advert.submitted_at
            else 0,
        }
        for advert in page.object_list
    ]
    return render(
        request,
        "lettings/adverts/approvals.html",
        {"page": page, "rows": rows, "organisation": actor.organisation},
    )


def _decided(actor: Actor, advert: Advert, data: dict[str, object]) -> Advert:
    if data["decision"] == APPROVE:
        return advert_approve(actor=actor, advert=advert)
    return advert_return(actor=actor, advert=advert, reason=str(data["returned_reason"]))


def _decided_notice(advert: Advert) -> str:
    if advert.status == AdvertStatus.APPROVED:
        return _("Advert %(reference)s approved. It goes live when the next cycle opens.") % {
            "reference": advert.reference
        }
    return _("Advert %(reference)s returned to %(landlord)s") % {
        "reference": advert.reference,
        "landlord": advert.property.landlord.name,
    }


@manage_lettings
def advert_review(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    advert = advert_get(actor=actor, pk=pk)
    waiting = advert.status == AdvertStatus.SUBMITTED
    form = AdvertDecisionForm(posted(request)) if waiting else None
    problem = ""
    if request.method == "POST" and form is None:
        # Decided (or withdrawn) since the page was opened: say so, with the page as it is now.
        problem = _("This advert is no longer waiting for approval: it is %(status)s.") % {
            "status": advert.get_status_display().lower()
        }
    elif form is not None and (
        done := form_submit(
            request,
            form,
            lambda data: _decided(actor, advert, data),
            success=reverse("lettings:advert_approvals"),
            notice=_decided_notice,
            plain_field="decision",
        )
    ):
        return done
    home = advert.property
    return render(
        request,
        "lettings/adverts/review.html",
        {
            "advert": advert,
            "home": home,
            "form": form,
            "problem": problem,
            "photos": photos_shown(home_photos(home=home)),
            "plan_name": council_choices(advert.council, clock.today()).plan_name(
                advert.lettings_plan
            ),
            "colour": STATUS_COLOURS.get(advert.status, "grey"),
        },
    )


def approvals_home_sections(actor: Actor) -> Sequence[HomeSection]:
    """For a council's lettings officers: how many adverts wait for their approval."""
    if council_of(actor) is None:
        return []
    count = adverts_waiting_approval_count(actor=actor)
    url = reverse("lettings:advert_approvals")
    link = HomeLink(
        _("Adverts waiting for approval"),
        url,
        hint=_("Landlords' adverts to approve, or return with what to change"),
        tag=ngettext("%(count)d advert", "%(count)d adverts", count) % {"count": count}
        if count
        else _("None waiting"),
        tag_colour="blue" if count else "grey",
    )
    return [HomeSection(heading=_("Lettings"), links=(link,), order=20)]
