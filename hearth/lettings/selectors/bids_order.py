"""Queue positions counted over the order keys stored with live bids.

Ranking every bid on an advert to tell one bidder where they stand costs as much as the
shortlist; a popular advert has a thousand bids and its bidders look often. Each live bid keeps
its order key (`Bid.rank_key`, see `hearth.policy.rules.rank_key`): the viewer's own bid is
ranked afresh, with their standing as it is now, and the bids ahead of it are counted over the
other bids' stored keys in one query. A stored key counts only while it was made today under
the policy in force (`bid_order_refresh` makes them again on schedule, and after midnight);
when any bid on the advert has a key of another day or policy, the advert is ranked in full,
as the close does. A change to another bidder's standing counts once their key is made again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Q

from hearth.lettings.models import Bid, BidStatus
from hearth.register.rules import lifecycle

# How often `bid_order_refresh` runs (CELERY_BEAT_SCHEDULE): the most a change to another
# bidder's application takes to count in a queue position.
REFRESH_MINUTES = 5

_ON_REGISTER = sorted(lifecycle.ON_REGISTER)


@dataclass(frozen=True)
class OthersCounted:
    """The other live bids on one advert, by their stored keys."""

    placed: int = 0  # would be shortlisted now
    ahead: Mapping[uuid.UUID, int] | None = None  # of those, ahead of each given bid, by its id
    stale: bool = False  # some key is of another day or policy: rank the advert in full

    def ahead_of(self, bid_id: uuid.UUID) -> int:
        return (self.ahead or {}).get(bid_id, 0)


def others_counted(
    keys: Mapping[uuid.UUID, tuple[uuid.UUID, str]],
    excluded: Sequence[uuid.UUID],
    versions: Mapping[uuid.UUID, uuid.UUID],
    on_date: dt.date,
) -> dict[uuid.UUID, OthersCounted]:
    """For each advert in `versions` (its council's policy version in force), its live bids
    other than `excluded` (by id): how many would be shortlisted, how many of them are ahead
    of each bid in `keys` (bid id: (advert id, its order key)), and whether any key is stale.
    One query, whatever the number of adverts."""
    if not versions:
        return {}
    ahead = {
        f"ahead_{n}": Count("pk", filter=Q(advert_id=advert, rank_placed=True, rank_key__lt=key))
        for n, (advert, key) in enumerate(keys.values())
    }
    stale = ~Q(ranked_on=on_date) | reduce(
        or_,
        (
            Q(advert_id=advert) & ~Q(ranked_policy_id=version)
            for advert, version in versions.items()
        ),
    )
    rows = (
        Bid.objects.filter(
            advert_id__in=list(versions),
            status=BidStatus.LIVE,
            application__status__in=_ON_REGISTER,
        )
        .exclude(pk__in=list(excluded))
        .values("advert_id")
        .annotate(
            placed=Count("pk", filter=Q(rank_placed=True)),
            stale=Count("pk", filter=stale),
            **ahead,
        )
        .order_by()
    )
    found: dict[uuid.UUID, OthersCounted] = {}
    bid_ids = list(keys)
    for counts in rows:
        row: Mapping[str, Any] = counts  # with an `ahead_<n>` count per given bid
        found[row["advert_id"]] = OthersCounted(
            placed=row["placed"],
            ahead={
                bid_ids[n]: row[f"ahead_{n}"]
                for n, (advert, _key) in enumerate(keys.values())
                if advert == row["advert_id"]
            },
            stale=row["stale"] > 0,
        )
    return found
