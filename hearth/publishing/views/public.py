"""The public site: home page, legal pages, the brand stylesheet and logo, a health check."""

from __future__ import annotations

from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from hearth.core import selectors
from hearth.core.access.permissions import public, request_actor

DEFAULT_BRAND_COLOUR = "#1d70b8"


@require_GET
@public
def home(request: HttpRequest) -> HttpResponse:
    councils = selectors.councils_public_list(scheme=request_actor(request).scheme)
    return render(request, "publishing/home.html", {"councils": councils})


@require_GET
@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/accessibility.html")


@require_GET
@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/privacy.html")


@require_GET
@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/cookies.html")


@require_GET
@public
@cache_control(max_age=300, public=True)
def brand_css(request: HttpRequest) -> HttpResponse:
    """The scheme colour as a CSS custom property (a stylesheet: the CSP forbids inline style)."""
    scheme = request_actor(request).scheme
    colour = scheme.colour if scheme is not None else DEFAULT_BRAND_COLOUR
    body = f":root{{--hearth-brand-colour:{colour};}}\n"
    return HttpResponse(body, content_type="text/css; charset=utf-8")


@require_GET
@public
@cache_control(max_age=300, public=True)
def brand_logo(request: HttpRequest) -> FileResponse:
    scheme = request_actor(request).scheme
    if scheme is None or not scheme.logo:
        raise Http404
    return FileResponse(scheme.logo.open("rb"), content_type="image/png")


@require_GET
@public
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the CI smoke test: the app is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
