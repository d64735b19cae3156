"""Reading the scheme's bidding cycles (no personal data)."""

from __future__ import annotations

from django.core.paginator import Page
from django.db.models import Count

from hearth.core.access.actor import Actor
from hearth.core.pages.pagination import CappedPaginator
from hearth.lettings.models import Cycle

PER_PAGE = 20


def cycles_page(*, actor: Actor, number: str | None) -> Page:  # type: ignore[type-arg]
    """The actor's scheme's cycles, newest first, with how many adverts and bids each had."""
    cycles = (
        Cycle.objects.filter(scheme=actor.scheme)
        .annotate(advert_count=Count("adverts", distinct=True))
        .order_by("-opens_at")
    )
    return CappedPaginator(cycles, PER_PAGE).get_page(number)
