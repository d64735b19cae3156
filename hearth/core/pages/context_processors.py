"""Template context every page needs: the scheme's brand and who is signed in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hearth.core.access.actor import Actor
from hearth.core.pages.navigation import service_navigation


def hearth(request: HttpRequest) -> dict[str, Any]:
    actor: Actor | None = getattr(request, "actor", None)
    scheme = actor.scheme if actor is not None else None
    return {
        "actor": actor,
        "scheme": scheme,
        "service_nav": service_navigation(request, actor) if actor is not None else [],
        # Staff pages shared by councils and landlords take the audience's own layout.
        "staff_layout": (
            "layouts/landlord.html"
            if actor is not None and actor.is_landlord
            else "layouts/staff.html"
        ),
    }
