"""Lettings reports for council officers and scheme admins: the cross-partner pot by quarter."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core import selectors as core_selectors
from hearth.core.access.permissions import any_capability_required, request_actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.lettings.selectors.reports import partner_pot_by_quarter


@any_capability_required(Capability.MANAGE_LETTINGS, Capability.EDIT_SCHEME)
def partner_pot(request: HttpRequest) -> HttpResponse:
    """A lettings officer sees their own council; a scheme admin every council of the scheme."""
    actor = request_actor(request)
    if actor.can(Capability.EDIT_SCHEME):
        councils = core_selectors.councils_public_list(scheme=actor.scheme)
    elif actor.organisation is not None and actor.organisation.kind == OrganisationKind.COUNCIL:
        councils = [actor.organisation]
    else:
        raise Http404
    return render(
        request,
        "lettings/reports/partner_pot.html",
        {"reports": [(c, partner_pot_by_quarter(council=c)) for c in councils]},
    )
