"""Resolve the Actor for every request (accounts knows users and their memberships)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hearth.accounts.web.actor_resolve import actor_for_request
from hearth.core.access.actor import Actor


class ActorMiddleware:
    """Attach `request.actor`; send staff who still owe a two-factor check to that step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        actor: Actor = actor_for_request(request)
        request.actor = actor  # type: ignore[attr-defined]
        if actor.is_staff and settings.HEARTH_STAFF_2FA_REQUIRED and not _otp_verified(request):
            path = request.path
            allowed = (
                path.startswith(reverse("accounts:two_factor"))
                or path == reverse("accounts:sign_out")
                or path.startswith(settings.STATIC_URL)
            )
            if not allowed:
                return redirect("accounts:two_factor")
        return self.get_response(request)


def _otp_verified(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())
