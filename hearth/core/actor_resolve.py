"""Build the Actor for a request from the session: which organisation a staff user acts for."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from hearth.core.actor import Actor
from hearth.core.models import Organisation, Scheme

ACTIVE_ORGANISATION_SESSION_KEY = "hearth_active_organisation"


def client_ip(request: HttpRequest) -> str | None:
    """The person's address. Behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For (anything further left could be forged by the client)."""
    proxies: int = settings.HEARTH_TRUSTED_PROXY_COUNT
    if proxies > 0:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR") or "") or None


def scheme_current() -> Scheme | None:
    """The partnership this deployment serves (one each; a national service shards by scheme)."""
    return Scheme.objects.order_by("created_at").first()


def actor_for_request(request: HttpRequest) -> Actor:
    from hearth.accounts.models import Membership

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
