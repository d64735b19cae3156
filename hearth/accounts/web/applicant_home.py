"""The applicant's account home (`/account/`) is drawn by the app that holds their case.

Accounts owns the address (sign-in lands there) but not what it shows: today the housing
register's dashboard of status, tasks and messages. That app registers its page in its
`AppConfig.ready()` with `applicant_home_register`, so accounts never imports it (see
docs/adr/0012-layers-and-extension-points.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

ApplicantHome = Callable[[HttpRequest], HttpResponse]

_HOME: list[ApplicantHome] = []


def applicant_home_register(page: ApplicantHome) -> None:
    """Draw the applicant's account home with `page(request)` (the last registration wins)."""
    _HOME[:] = [page]


def applicant_home_render(request: HttpRequest) -> HttpResponse:
    """The registered account home page for a signed-in applicant."""
    if not _HOME:
        raise ImproperlyConfigured("No app has registered the applicant's account home page")
    return _HOME[0](request)
