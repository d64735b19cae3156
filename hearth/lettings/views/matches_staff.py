"""Officers' match lists: the council's homes to match, a home's policy-ranked match list, and
choosing a household from it for a direct let (with a reason), which nominates them to the
landlord."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
from hearth.core.pages.home_sections import HomeLink, HomeSection
from hearth.lettings.forms.matches import HouseholdLookupForm, MatchChooseForm
from hearth.lettings.models import Offer
from hearth.lettings.selectors import matches as selectors
from hearth.lettings.services.matches import direct_let


@capability_required(Capability.MANAGE_LETTINGS)
def homes_to_match(request: HttpRequest) -> HttpResponse:
    homes = selectors.homes_to_match(
        actor=request_actor(request),
        show=request.GET.get("show", ""),
        number=request.GET.get("page"),
    )
    return render(
        request,
        "lettings/matches/homes.html",
        {"homes": homes, "query_string": f"show={homes.show}"},
    )


@capability_required(Capability.MANAGE_LETTINGS)
def match_list(request: HttpRequest, home: uuid.UUID) -> HttpResponse:
    lookup = HouseholdLookupForm(request.GET if "household" in request.GET else None)
    looked_for = lookup.cleaned_data["household"] if lookup.is_bound and lookup.is_valid() else ""
    view = selectors.match_list_view(
        actor=request_actor(request),
        home_id=home,
        number=request.GET.get("page"),
        looked_for=looked_for,
    )
    return render(request, "lettings/matches/list.html", {"view": view, "lookup": lookup})


def _to_offer(offer: Offer) -> HttpResponse:
    return redirect(reverse("lettings:offer", kwargs={"offer": offer.pk}))


@capability_required(Capability.MANAGE_LETTINGS)
def choose(request: HttpRequest, home: uuid.UUID, application: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    candidate = selectors.match_candidate_get(actor=actor, home_id=home, application_id=application)
    form = MatchChooseForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: direct_let(
            actor=actor,
            home=candidate.home,
            application=candidate.application,
            reason=data["reason"],
        ),
        success=_to_offer,
        notice=lambda offer: (
            _("%(reference)s nominated to %(landlord)s for a direct let. Your reason is recorded.")
            % {
                "reference": candidate.application.household.reference,
                "landlord": candidate.home.landlord.name,
            }
        ),
        once=_("This household was chosen already."),
    ):
        return done
    return render(request, "lettings/matches/choose.html", {"form": form, "candidate": candidate})


def matches_home_sections(actor: Actor) -> Sequence[HomeSection]:
    """For a council's lettings officers: the homes waiting to be matched and the direct lets in
    progress. First on the page for a council that allocates directly (matching is its work);
    after the adverts to approve for one that advertises."""
    work = selectors.match_work(actor=actor)
    if work is None:
        return []
    url = reverse("lettings:homes_to_match")
    links = [
        HomeLink(
            _("Homes to match"),
            url,
            hint=_("Choose a household for each home from its policy-ranked match list")
            if work.direct
            else _("Let a home directly from its match list, with a reason"),
            tag=ngettext("%(count)d home waiting", "%(count)d homes waiting", work.waiting)
            % {"count": work.waiting}
            if work.waiting
            else _("None waiting"),
            tag_colour="blue" if work.waiting else "grey",
        )
    ]
    if work.matching:
        links.append(
            HomeLink(
                _("Direct lets in progress"),
                f"{url}?show=matching",
                tag=ngettext("%(count)d home", "%(count)d homes", work.matching)
                % {"count": work.matching},
                tag_colour="blue",
            )
        )
    return [
        HomeSection(heading=_("Homes to match"), links=tuple(links), order=1 if work.direct else 25)
    ]
