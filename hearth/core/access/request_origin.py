"""Where a request comes from before anyone is known: the client's address, and the scheme
this deployment serves."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from hearth.core.models import Scheme


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
