"""The share of each council's adverts in the cross-partner pot, by quarter, against its quota.

An advert is in the partner pot when households with a local connection to any partner council
(or anyone on a partner's register) may bid: its connection scope is "partners" or "none". The
policy's quota says what share of the council's adverts should be (for example 90% own council,
10% partners). Adverts count in the quarter their cycle opened; drafts and withdrawn adverts
never advertised do not count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear

from hearth.core import clock
from hearth.core.models import Organisation
from hearth.lettings.models import Advert, AdvertStatus, ConnectionScope
from hearth.policy.documents.loaded import document_of
from hearth.policy.selectors import policy_in_force

PARTNER_POT = (ConnectionScope.PARTNERS, ConnectionScope.NONE)
ADVERTISED = (AdvertStatus.LIVE, AdvertStatus.CLOSED, AdvertStatus.LET)


@dataclass(frozen=True, slots=True)
class QuarterShare:
    year: int
    quarter: int  # 1 to 4, calendar quarters
    adverts: int
    partner_pot: int
    quota: int | None  # the policy's partner share in per cent, if it sets one

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def share(self) -> int:
        """The partner pot's share of the adverts, in whole per cent."""
        return round(100 * self.partner_pot / self.adverts) if self.adverts else 0

    @property
    def below_quota(self) -> bool:
        return self.quota is not None and self.adverts > 0 and self.share < self.quota


def partner_quota(council: Organisation, on_date: dt.date) -> int | None:
    version = policy_in_force(council, on_date)
    if version is None:
        return None
    quotas = document_of(version).shortlist.quotas
    return next((q.share for q in quotas if q.scope == "partners"), None)


def partner_pot_by_quarter(*, council: Organisation, quarters: int = 8) -> list[QuarterShare]:
    """The last `quarters` calendar quarters with adverts, newest first."""
    rows = (
        Advert.objects.filter(council=council, status__in=ADVERTISED, cycle__isnull=False)
        .annotate(year=ExtractYear("cycle__opens_at"), month=ExtractMonth("cycle__opens_at"))
        .values("year", "month")
        .annotate(
            adverts=Count("id"), partner_pot=Count("id", filter=Q(connection_scope__in=PARTNER_POT))
        )
    )
    totals: dict[tuple[int, int], list[int]] = {}
    for row in rows:
        key = (row["year"], (row["month"] - 1) // 3 + 1)
        found = totals.setdefault(key, [0, 0])
        found[0] += row["adverts"]
        found[1] += row["partner_pot"]
    quota = partner_quota(council, clock.today())
    return [
        QuarterShare(year, quarter, adverts, pot, quota)
        for (year, quarter), (adverts, pot) in sorted(totals.items(), reverse=True)[:quarters]
    ]
