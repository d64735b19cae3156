"""The public lettings results: for every let, how many bid and the standing of the household
housed (band and priority date, or points), so applicants can judge their chances. Never who."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from hearth.core.models import Scheme
from hearth.lettings.models import Let


@dataclass(frozen=True, slots=True)
class ResultsFilter:
    council: str = ""  # a council's slug
    area: str = ""
    bedrooms: int | None = None  # 4 means 4 or more
    since: dt.date | None = None


BEDROOMS_OR_MORE = 4


def lets_published(*, scheme: Scheme | None, chosen: ResultsFilter) -> QuerySet[Let]:
    """The scheme's lets, newest first, narrowed as `chosen` says."""
    if scheme is None:
        return Let.objects.none()
    lets = Let.objects.filter(advert__council__scheme=scheme)
    if chosen.council:
        lets = lets.filter(advert__council__slug=chosen.council)
    if chosen.area:
        lets = lets.filter(advert__property__area=chosen.area)
    if chosen.bedrooms is not None:
        lets = (
            lets.filter(advert__property__bedrooms__gte=BEDROOMS_OR_MORE)
            if chosen.bedrooms >= BEDROOMS_OR_MORE
            else lets.filter(advert__property__bedrooms=chosen.bedrooms)
        )
    if chosen.since is not None:
        lets = lets.filter(let_on__gte=chosen.since)
    return lets.select_related("advert__property__landlord", "advert__council").order_by(
        "-let_on", "advert__reference"
    )


def result_areas(*, scheme: Scheme | None) -> list[str]:
    """The areas with at least one let, for the search form."""
    if scheme is None:
        return []
    return sorted(
        set(
            Let.objects.filter(advert__council__scheme=scheme)
            .exclude(advert__property__area="")
            .values_list("advert__property__area", flat=True)
        )
    )
