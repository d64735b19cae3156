"""Making the stored order keys of live bids again (see `selectors/bids_order.py`).

A queue position counts the other bids by the order keys stored with them, and a key counts
only while it is of today and of the policy in force. Run on schedule (every
`REFRESH_MINUTES`), `bid_order_refresh` ranks the live bids of every advert taking bids, with
each bidder's standing as it is now, and writes the keys that changed: a reassessment, a
suspension, an offer, a new day or a new policy version reach every other bidder's position
within minutes. One audit event per advert whose keys it changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from django.db import transaction
from django.db.models import QuerySet

from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.audit import audit_record, changes_of
from hearth.lettings.models import Advert, Bid, BidStatus, CycleStatus
from hearth.lettings.selectors.bids import Advertisers
from hearth.lettings.selectors.bids_ranked import adverts_ranked

# Adverts ranked in one transaction: their bids' standings are read in one go.
ADVERTS_AT_ONCE = 50
_FIELDS = ("rank_key", "rank_placed", "ranked_on", "ranked_policy")


def bid_order_refresh(*, now: dt.datetime | None = None) -> int:
    """Make again the order keys of the live bids on every advert whose cycle is taking bids
    at `now`; the number of bids whose key changed."""
    now = now or clock.now()
    live = Bid.objects.filter(status=BidStatus.LIVE).values("advert_id")
    return _rekey(SYSTEM, _taking_bids(now).filter(pk__in=live), now, only=None)


def application_bids_rekey(*, application_id: uuid.UUID) -> int:
    """Make again the order keys of one application's live bids, at once, after something
    its queue positions depend on changed here (an offer opened or ended: it is under offer,
    or no longer). Part of the caller's change, in its transaction and its audit event."""
    now = clock.now()
    mine = list(
        Bid.objects.filter(application_id=application_id, status=BidStatus.LIVE).values_list(
            "pk", "advert_id"
        )
    )
    if not mine:
        return 0
    adverts = _taking_bids(now).filter(pk__in=[advert for _bid, advert in mine])
    return _rekey(None, adverts, now, only=[bid for bid, _advert in mine])


def _taking_bids(now: dt.datetime) -> QuerySet[Advert]:
    return Advert.objects.filter(
        cycle__status=CycleStatus.OPEN, cycle__closes_at__gt=now
    ).select_related("property", "council", "cycle")


def _rekey(
    actor: Actor | None, adverts: QuerySet[Advert], now: dt.datetime, only: list[uuid.UUID] | None
) -> int:
    today = now.astimezone(clock.LONDON).date()
    by_scheme: dict[uuid.UUID, list[Advert]] = defaultdict(list)
    for advert in adverts.order_by("council__scheme_id", "pk"):
        by_scheme[advert.council.scheme_id].append(advert)
    changed = 0
    for scheme_id, found in by_scheme.items():
        advertisers = Advertisers.read(scheme_id, today)
        for start in range(0, len(found), ADVERTS_AT_ONCE):
            chunk = found[start : start + ADVERTS_AT_ONCE]
            changed += _adverts_rekey(actor, chunk, advertisers, today, only)
    return changed


class _Order(NamedTuple):
    """What a bid keeps of where it stands (`Bid.rank_key` and the rest)."""

    rank_key: str
    rank_placed: bool
    ranked_on: dt.date | None
    ranked_policy_id: uuid.UUID | None


_UNRANKED = _Order("", False, None, None)  # on an advert whose council has no policy in force


def _adverts_rekey(
    actor: Actor | None,  # who the audit names; None inside a caller's audited change
    adverts: Sequence[Advert],
    advertisers: Advertisers,
    today: dt.date,
    only: list[uuid.UUID] | None,
) -> int:
    with transaction.atomic():
        rankings = adverts_ranked(adverts, advertisers, today, only=only, keyed=True)
        stored = Bid.objects.filter(advert__in=adverts, status=BidStatus.LIVE)
        if only is not None:
            stored = stored.filter(pk__in=only)
        considered = {advert_id: set(ranking.bid_ids) for advert_id, ranking in rankings.items()}
        rows: list[Bid] = []  # a new key (or now placed, or no longer)
        # The same key and place, made again on a new day or under a new version (every bid,
        # once a day): one UPDATE per day and version, not a row each.
        restamped: dict[tuple[dt.date | None, uuid.UUID | None], list[uuid.UUID]] = defaultdict(
            list
        )
        per_advert: dict[uuid.UUID, int] = defaultdict(int)
        for bid_id, advert_id, *now_stored in stored.values_list(
            "id", "advert_id", *_Order._fields
        ):
            ranking = rankings.get(advert_id)
            if ranking is None:
                wanted = _UNRANKED
            elif str(bid_id) in considered[advert_id]:
                key = ranking.order_keys.get(str(bid_id))
                version = advertisers.versions[ranking.advert.council_id].pk
                wanted = _Order(key or "", key is not None, today, version)
            else:
                continue  # its application cannot bid now (suspended, say): not counted
            had = _Order(*now_stored)
            if had == wanted:
                continue
            if (had.rank_key, had.rank_placed) == (wanted.rank_key, wanted.rank_placed):
                restamped[(wanted.ranked_on, wanted.ranked_policy_id)].append(bid_id)
            else:
                rows.append(Bid(id=bid_id, **wanted._asdict()))
            per_advert[advert_id] += 1
        for (on, stamped_under), ids in restamped.items():
            Bid.objects.filter(pk__in=ids).update(ranked_on=on, ranked_policy_id=stamped_under)
        # Small batches: each row of a batch is matched against every id in it.
        Bid.objects.bulk_update(rows, _FIELDS, batch_size=50)
        if actor is not None:
            for advert in adverts:
                if per_advert.get(advert.pk):
                    audit_record(
                        actor=actor,
                        verb="advert.bid_order_refreshed",
                        target=advert,
                        organisation=advert.council,
                        label=advert.reference,
                        changes=changes_of(
                            after={"bids_rekeyed": per_advert[advert.pk], "on_date": today}
                        ),
                    )
    return sum(per_advert.values())
