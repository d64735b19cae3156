"""Resolve the Actor for every request, and add the headers Django does not set itself."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hearth.core.actor import Actor
from hearth.core.actor_resolve import actor_for_request


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


class SecurityHeadersMiddleware:
    """Headers beyond Django's own: no caching of personal pages, and a tight permissions policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
