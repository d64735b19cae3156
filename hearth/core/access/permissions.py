"""Access checks for views. Default deny: every view states who may use it.

Anonymous users are sent to sign in; signed-in users without the right get 403.
Records outside the actor's reach answer 404 from the selectors, never 403, so nobody
learns that a record exists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def request_actor(request: HttpRequest) -> Actor:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    return actor


def _guard(check: Callable[[Actor], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            actor = request_actor(request)
            if not actor.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(actor):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.hearth_access = True  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def signed_in(view: View) -> View:
    """Any signed-in user (staff or applicant)."""
    return _guard(lambda actor: True)(view)


def staff_only(view: View) -> View:
    return _guard(lambda actor: actor.is_staff)(view)


def applicant_only(view: View) -> View:
    return _guard(lambda actor: actor.is_applicant)(view)


def capability_required(capability: Capability) -> Callable[[View], View]:
    return _guard(lambda actor: actor.is_staff and actor.can(capability))


def any_capability_required(*capabilities: Capability) -> Callable[[View], View]:
    """Staff holding at least one of `capabilities` (say, a landlord's or a council's side of
    the same page); the selector then decides which records each may see."""
    return _guard(lambda actor: actor.is_staff and any(actor.can(c) for c in capabilities))


def public(view: View) -> View:
    """Anyone, signed in or not. Marked so the access-matrix test knows it was a decision."""
    view.hearth_access = True  # type: ignore[attr-defined]
    return view
