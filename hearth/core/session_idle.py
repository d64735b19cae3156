"""A signed-in session ends after `SESSION_COOKIE_AGE` without a request (a sliding expiry),
without writing the session row on every request.

Django's `SESSION_SAVE_EVERY_REQUEST` saves the session on every request only to push its
expiry on: a database write for every page an applicant opens. Here a request pushes the
expiry on only when it was last pushed `PUSH_AFTER` ago or more, so a session still ends
between `SESSION_COOKIE_AGE - PUSH_AFTER` and `SESSION_COOKIE_AGE` after the last request, and
a run of requests costs one write a minute. A session is never started for this (a visitor
without one gets none).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse

from hearth.core import clock

PUSH_AFTER = 60  # seconds
PUSHED_AT = "_hearth_expiry_pushed_at"  # when the expiry was last pushed on (Unix seconds)


class SessionIdleMiddleware:
    """After `SessionMiddleware` in MIDDLEWARE, so the session it marks changed is saved."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(clock.now().timestamp())
            if now - int(session.get(PUSHED_AT, 0)) >= PUSH_AFTER:
                session[PUSHED_AT] = now  # changed: saved, with a new expiry
        return response


def expiry_pushed_on_sign_in(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """Signing in starts the session's time: the sign-in saves it, so the requests of the
    next minute need not."""
    if request is not None and hasattr(request, "session"):
        request.session[PUSHED_AT] = int(clock.now().timestamp())


user_logged_in.connect(expiry_pushed_on_sign_in, dispatch_uid="hearth.session_idle")
