"""Past lettings as the policy app sees them: the shortlists of closed bidding cycles, for the
what-if simulation's replay ("who would have been first under the draft?").

`policy` sits below `lettings` (docs/adr/0012-layers-and-extension-points.md): lettings ranks
bids with the policy engine, so the policy app must never import lettings. The lettings app
registers a `PastLettingsSource` in its `AppConfig.ready()` (`past_lettings_register`), and the
simulation reads through `past_lettings_source()`. Callers check permission first: a source
answers for any council.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from hearth.core.models import Organisation
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import Home


@dataclass(frozen=True, slots=True)
class PastCycle:
    """A bidding cycle in which some of a council's adverts were shortlisted at the close."""

    id: str
    closed_at: dt.datetime  # the close instant the shortlists read bidders' standing at
    adverts: int  # how many of the council's adverts it shortlisted


@dataclass(frozen=True, slots=True)
class PastBid:
    """A bid as the shortlist counted it at the close (placed, bypassed or excluded)."""

    bid_id: str
    household_id: str
    reference: str  # the household's register reference
    # Skipped at the close because the household was waiting to answer an offer of another
    # home: the same skip applies under any policy.
    under_offer: bool = False


@dataclass(frozen=True, slots=True)
class PastShortlist:
    """One advert's shortlist as it was made at the close."""

    advert_id: str  # also the seed of the shortlist's random draw, if its policy had one
    reference: str  # the advert's reference
    home: Home
    description: str  # where the home is, for people: "Flat 3, Heron Court, MV1 2AB"
    policy_version_id: str  # the version the shortlist was ranked under
    first: str  # household id placed first at the close (before any bypass); "" if nobody
    bids: tuple[PastBid, ...]


@dataclass(frozen=True, slots=True)
class PastCycleBids:
    """A closed cycle's shortlists of one council, with every bidder's facts as on its close
    day: the household's dated records (addresses, awards) as they stood then, everything else
    as recorded now."""

    cycle: PastCycle
    on_date: dt.date  # the close day (Europe/London)
    shortlists: tuple[PastShortlist, ...]
    households: Mapping[str, HouseholdFacts] = field(default_factory=dict)  # by household id


class PastLettingsSource(Protocol):
    """What the policy app reads from lettings. Each method makes a number of queries that
    does not grow with the number of bids."""

    def cycles_closed(
        self, *, council: Organisation, until: dt.date, limit: int
    ) -> list[PastCycle]:
        """The last `limit` cycles that shortlisted the council's adverts at a close on or
        before `until` (Europe/London), newest first."""
        ...

    def cycle_bids(self, *, council: Organisation, cycle_id: str) -> PastCycleBids:
        """The council's shortlists of that cycle, by advert reference, with their bids."""
        ...


_SOURCE: list[PastLettingsSource] = []


def past_lettings_register(source: PastLettingsSource) -> None:
    """Read past lettings through `source` from now on (the last registration wins)."""
    _SOURCE[:] = [source]


def past_lettings_source() -> PastLettingsSource:
    """The registered source of past lettings."""
    if not _SOURCE:
        raise ImproperlyConfigured("No app has registered a source of past lettings for policies")
    return _SOURCE[0]
