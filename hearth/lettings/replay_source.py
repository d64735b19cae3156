"""Closed shortlists as a source of past lettings for the policy app's what-if simulation.

Registered in `LettingsConfig.ready()` (see `hearth.policy.past_lettings`). No actor: the
policy app checks that the actor may simulate the council's policy before it asks.

A shortlist's bids are its entries (placed, bypassed and excluded alike): exactly the bids that
were counted at the close, withdrawn ones left out. The household placed first is the one in
position 1, whether or not an officer later bypassed it. Bidders' facts are read as on the close
day with the register's own fetch, in batches, so the queries do not grow with the bids.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, Min

from hearth.core import clock
from hearth.core.models import Organisation
from hearth.lettings.fetch import advert_home
from hearth.lettings.models import Advert, Cycle, EntryStatus, Shortlist, ShortlistEntry
from hearth.policy.past_lettings import PastBid, PastCycle, PastCycleBids, PastShortlist
from hearth.policy.rules.eligibility import UNDER_OFFER
from hearth.policy.rules.facts import HouseholdFacts
from hearth.register.fetch import household_facts
from hearth.register.models import Household

BATCH = 500


def _close_day(instant: dt.datetime) -> dt.date:
    return instant.astimezone(clock.LONDON).date()


def _day_end(day: dt.date) -> dt.datetime:
    """The first instant after `day` in Europe/London."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON)


def _facts(ids: Sequence[str], on_date: dt.date) -> dict[str, HouseholdFacts]:
    found: dict[str, HouseholdFacts] = {}
    for start in range(0, len(ids), BATCH):
        batch = Household.objects.filter(pk__in=list(ids[start : start + BATCH])).order_by()
        found.update((f.household_id, f) for f in household_facts(batch, on_date=on_date))
    return found


class ShortlistReplaySource:
    """`hearth.policy.past_lettings.PastLettingsSource` over the lettings tables."""

    def cycles_closed(
        self, *, council: Organisation, until: dt.date, limit: int
    ) -> list[PastCycle]:
        rows = (
            Shortlist.objects.filter(
                advert__council=council, advert__cycle__isnull=False, as_at__lt=_day_end(until)
            )
            .values("advert__cycle_id")
            .annotate(closed_at=Min("as_at"), adverts=Count("id"))
            .order_by("-closed_at", "advert__cycle_id")[:limit]
        )
        return [
            PastCycle(
                id=str(row["advert__cycle_id"]), closed_at=row["closed_at"], adverts=row["adverts"]
            )
            for row in rows
        ]

    def cycle_bids(self, *, council: Organisation, cycle_id: str) -> PastCycleBids:
        cycle = Cycle.objects.get(pk=cycle_id)
        shortlists = list(
            Shortlist.objects.filter(advert__council=council, advert__cycle_id=cycle_id)
            .select_related("advert__property", "advert__council")
            .order_by("advert__reference")
        )
        entries = (
            ShortlistEntry.objects.filter(shortlist__in=[s.pk for s in shortlists])
            .order_by("shortlist_id", "bid__placed_at", "bid_id")
            .values_list(
                "shortlist_id",
                "bid_id",
                "bid__application__household_id",
                "bid__application__household__reference",
                "status",
                "position",
                "reason_code",
            )
        )
        bids: dict[str, list[PastBid]] = defaultdict(list)
        first: dict[str, str] = {}
        for shortlist_id, bid_id, household_id, reference, status, position, code in entries:
            key, household = str(shortlist_id), str(household_id)
            # Skipped while waiting to answer an offer of another home: that depends on the
            # offer, not on the policy, so the replay applies it again.
            under_offer = status == EntryStatus.EXCLUDED and code == UNDER_OFFER
            bids[key].append(PastBid(str(bid_id), household, reference, under_offer))
            if position == 1:
                first[key] = household
        closed_at = min((s.as_at for s in shortlists), default=cycle.closes_at)
        on_date = _close_day(closed_at)
        ids = sorted({bid.household_id for found in bids.values() for bid in found})
        return PastCycleBids(
            cycle=PastCycle(id=str(cycle.pk), closed_at=closed_at, adverts=len(shortlists)),
            on_date=on_date,
            shortlists=tuple(self._shortlist(s, bids, first) for s in shortlists),
            households=_facts(ids, on_date),
        )

    @staticmethod
    def _shortlist(
        shortlist: Shortlist, bids: dict[str, list[PastBid]], first: dict[str, str]
    ) -> PastShortlist:
        advert: Advert = shortlist.advert
        return PastShortlist(
            advert_id=str(advert.pk),
            reference=advert.reference,
            home=advert_home(advert),
            description=str(advert.property),
            policy_version_id=str(shortlist.policy_version_id),
            first=first.get(str(shortlist.pk), ""),
            bids=tuple(bids.get(str(shortlist.pk), ())),
        )
