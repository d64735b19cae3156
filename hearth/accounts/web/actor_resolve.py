"""Build the Actor for a request from the session: which organisation a staff user acts for.

Accounts owns users and their memberships, so it resolves who is asking; the shared kernel
only defines what an Actor is.
"""

from __future__ import annotations

from django.http import HttpRequest

from hearth.accounts.models import Membership
from hearth.core.access.actor import Actor
from hearth.core.access.request_origin import client_ip, scheme_current
from hearth.core.models import Organisation

ACTIVE_ORGANISATION_SESSION_KEY = "hearth_active_organisation"


def actor_for_request(request: HttpRequest) -> Actor:
    user = getattr(request, "user", None)
    ip = client_ip(request)
    if user is None or not user.is_authenticated or not user.is_active:
        return Actor(user=None, scheme=scheme_current(), ip_address=ip)
    memberships = list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation__scheme")
        .prefetch_related("roles")
        .order_by("organisation__name")
    )
    memberships = [m for m in memberships if m.role_names()]
    if not memberships:
        return Actor(user=user, scheme=scheme_current(), ip_address=ip)
    wanted = request.session.get(ACTIVE_ORGANISATION_SESSION_KEY)
    active = next((m for m in memberships if str(m.organisation_id) == wanted), memberships[0])
    organisation: Organisation = active.organisation
    return Actor(
        user=user,
        scheme=organisation.scheme,
        organisation=organisation,
        roles=active.role_names(),
        ip_address=ip,
    )
