"""Bidding cycles: made from the scheme's rhythm, opened (publishing approved adverts) and
closed (a shortlist for every advert), each step safe to repeat.

`cycles_tick` runs every minute (Celery beat in production, the embedded scheduler under
`make run`). Every step re-reads the cycle under a lock and does only what is still to do, so two
ticks at once, or a tick after a close that stopped part-way, finish the work exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q

from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import Capability, CouncilStatus
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation, Scheme
from hearth.lettings.models import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    Cycle,
    CycleRhythm,
    CycleStatus,
)
from hearth.lettings.rules.cycle_rhythm import (
    DEFAULT_RHYTHM,
    Rhythm,
    bid_in_time,
    window_current_or_next,
)
from hearth.lettings.selectors.councils import councils_matching_directly
from hearth.lettings.services.bids import auto_bids_place
from hearth.lettings.services.shortlists import (
    CloseInputs,
    NoPolicyInForceError,
    shortlist_make,
)

log = logging.getLogger(__name__)
CLOSE_BATCH = 100  # adverts whose bids and bidders are read together when a cycle closes
# A cycle is closed this long after its close instant, so a bid accepted up to that instant has
# committed before the bids are read.
CLOSE_GRACE = dt.timedelta(seconds=30)


def scheme_rhythm(scheme: Scheme) -> Rhythm:
    found = CycleRhythm.objects.filter(scheme=scheme).first()
    return found.rhythm if found is not None else DEFAULT_RHYTHM


def cycle_rhythm_save(
    *,
    actor: Actor,
    scheme: Scheme,
    opens_weekday: int,
    opens_time: dt.time,
    closes_weekday: int,
    closes_time: dt.time,
) -> CycleRhythm:
    """Change when the scheme's cycles open and close. Cycles already made keep their times."""
    if not (actor.can(Capability.EDIT_SCHEME) and actor.scheme is not None):
        raise PermissionDenied
    if actor.scheme.pk != scheme.pk:
        raise PermissionDenied
    with transaction.atomic():
        rhythm, _created = CycleRhythm.objects.select_for_update().get_or_create(scheme=scheme)
        before = _rhythm_values(rhythm)
        rhythm.opens_weekday, rhythm.opens_time = opens_weekday, opens_time
        rhythm.closes_weekday, rhythm.closes_time = closes_weekday, closes_time
        rhythm.save()
        audit_record(
            actor=actor,
            verb="cycle_rhythm.changed",
            target=rhythm,
            changes=changes_of(before=before, after=_rhythm_values(rhythm)),
        )
        return rhythm


def _rhythm_values(rhythm: CycleRhythm) -> dict[str, object]:
    return {
        "opens_weekday": rhythm.opens_weekday,
        "opens_time": rhythm.opens_time.isoformat("minutes"),
        "closes_weekday": rhythm.closes_weekday,
        "closes_time": rhythm.closes_time.isoformat("minutes"),
    }


def cycle_ensure(*, scheme: Scheme, now: dt.datetime) -> Cycle:
    """The scheme's cycle open at `now`, or the next to open, made from its rhythm if need be."""
    window = window_current_or_next(scheme_rhythm(scheme), now)
    existing = Cycle.objects.filter(scheme=scheme, opens_at=window.opens_at).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            cycle = Cycle.objects.create(
                scheme=scheme, opens_at=window.opens_at, closes_at=window.closes_at
            )
            audit_record(
                actor=SYSTEM,
                verb="cycle.scheduled",
                target=cycle,
                organisation=None,
                changes=changes_of(
                    after={
                        "opens_at": cycle.opens_at.isoformat(),
                        "closes_at": cycle.closes_at.isoformat(),
                    }
                ),
            )
            return cycle
    except IntegrityError:  # another tick made it first
        return Cycle.objects.get(scheme=scheme, opens_at=window.opens_at)


def _publishable(cycle: Cycle, today: dt.date) -> Q:
    """Approved choice-based adverts of the scheme's councils that are live on CBL by today,
    except councils whose policy in force has officers match households to homes: theirs wait
    in the council's homes to match."""
    live = Organisation.objects.filter(
        scheme=cycle.scheme_id, council_status=CouncilStatus.LIVE_CBL
    ).order_by("pk")
    return (
        Q(
            status=AdvertStatus.APPROVED,
            route=AdvertRoute.CBL,
            cycle__isnull=True,
            council__scheme=cycle.scheme_id,
            council__council_status=CouncilStatus.LIVE_CBL,
        )
        & ~Q(council__in=councils_matching_directly(live, today))
        & (
            Q(council__lettings_settings__isnull=True)
            | Q(council__lettings_settings__cbl_live_from__isnull=True)
            | Q(council__lettings_settings__cbl_live_from__lte=today)
        )
        & (Q(available_from__isnull=True) | Q(available_from__lte=cycle.closes_at.date()))
    )


def cycle_open(*, cycle: Cycle, now: dt.datetime) -> int:
    """Open the cycle if its time has come, publish the approved adverts into it and place the
    automatic bids of applicants who have them. Returns how many adverts were published (0 when
    it was open already or not yet due)."""
    published = _cycle_open(cycle, now)
    if published:
        # After the opening commits: each automatic bid is its own checked, audited write.
        auto_bids_place(Cycle.objects.get(pk=cycle.pk))
    return published


def _cycle_open(cycle: Cycle, now: dt.datetime) -> int:
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.status != CycleStatus.UPCOMING or now < locked.opens_at:
            return 0
        if not bid_in_time(locked.window, now):
            # Its whole window passed unopened (the service was down): nothing was advertised
            # in it, so it closes empty and the next cycle takes the approved adverts.
            locked.status = CycleStatus.CLOSED
            locked.closed_at = now
            locked.save(update_fields=["status", "closed_at"])
            audit_record(
                actor=SYSTEM,
                verb="cycle.skipped",
                target=locked,
                organisation=None,
                changes=changes_of(before={"status": "upcoming"}, after={"status": "closed"}),
            )
            return 0
        locked.status = CycleStatus.OPEN
        locked.opened_at = now
        locked.save(update_fields=["status", "opened_at"])
        adverts = list(
            Advert.objects.select_for_update(of=("self",))
            .filter(_publishable(locked, now.astimezone(clock.LONDON).date()))
            .select_related("council")
            .order_by("reference")
        )
        for advert in adverts:
            advert.cycle = locked
            advert.status = AdvertStatus.LIVE
        Advert.objects.bulk_update(adverts, ["cycle", "status", "updated_at"])
        for advert in adverts:
            audit_record(
                actor=SYSTEM,
                verb="advert.published",
                target=advert,
                organisation=advert.council,
                changes=changes_of(
                    before={"status": AdvertStatus.APPROVED},
                    after={"status": AdvertStatus.LIVE},
                    context={"cycle_opens_at": locked.opens_at.isoformat()},
                ),
            )
        audit_record(
            actor=SYSTEM,
            verb="cycle.opened",
            target=locked,
            organisation=None,
            changes=changes_of(
                before={"status": "upcoming"},
                after={"status": "open"},
                context={"adverts": len(adverts)},
            ),
        )
        return len(adverts)


@dataclass(frozen=True, slots=True)
class CloseOutcome:
    shortlisted: int
    waiting: int  # adverts still without a shortlist (no policy in force): retried next tick


def cycle_close(*, cycle: Cycle, now: dt.datetime) -> CloseOutcome:
    """Close the cycle once its close instant has passed and shortlist every advert in it.

    Each advert's shortlist is made in its own transaction, reading the bids as they stood at
    the close instant; running this again (or after it stopped part-way) makes only the missing
    ones, so the shortlists are the same however many times it runs."""
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.status == CycleStatus.OPEN and now >= locked.closes_at + CLOSE_GRACE:
            locked.status = CycleStatus.CLOSED
            locked.closed_at = now
            locked.save(update_fields=["status", "closed_at"])
            audit_record(
                actor=SYSTEM,
                verb="cycle.closed",
                target=locked,
                organisation=None,
                changes=changes_of(before={"status": "open"}, after={"status": "closed"}),
            )
    if locked.status != CycleStatus.CLOSED:
        return CloseOutcome(0, 0)
    shortlisted = waiting = 0
    pending = list(
        Advert.objects.filter(cycle=locked, status=AdvertStatus.LIVE)
        .select_related("property", "council")
        .order_by("reference")
    )
    # Read in batches: what ranking needs is fetched once per batch, each advert is stored in
    # its own transaction (a close that stops part-way keeps what it finished).
    for start in range(0, len(pending), CLOSE_BATCH):
        batch = pending[start : start + CLOSE_BATCH]
        inputs = CloseInputs(batch, locked.closes_at)
        for advert in batch:
            try:
                shortlist_make(advert=advert, as_at=locked.closes_at, inputs=inputs)
            except NoPolicyInForceError:
                log.exception("advert %s not shortlisted", advert.reference)
                waiting += 1
                continue
            shortlisted += 1
    return CloseOutcome(shortlisted, waiting)


@dataclass(frozen=True, slots=True)
class TickOutcome:
    opened: int
    published: int
    closed: int
    shortlisted: int


def cycles_tick(*, now: dt.datetime | None = None) -> TickOutcome:
    """Bring every scheme's cycles up to date at `now`: make the current or next cycle, open what
    is due (publishing its adverts), close what has passed (shortlisting its adverts)."""
    now = now or clock.now()
    opened = published = closed = shortlisted = 0
    for scheme in Scheme.objects.order_by("slug"):
        cycle_ensure(scheme=scheme, now=now)
    due_to_open = Cycle.objects.filter(status=CycleStatus.UPCOMING, opens_at__lte=now)
    for cycle in due_to_open.order_by("opens_at"):
        published += cycle_open(cycle=cycle, now=now)
        opened += 1
    # Closed ones too: a close that stopped part-way left adverts live in a closed cycle.
    to_close = Cycle.objects.filter(
        Q(status=CycleStatus.OPEN, closes_at__lte=now - CLOSE_GRACE)
        | Q(status=CycleStatus.CLOSED, adverts__status=AdvertStatus.LIVE)
    ).distinct()
    for cycle in to_close.order_by("opens_at"):
        outcome = cycle_close(cycle=cycle, now=now)
        shortlisted += outcome.shortlisted
        closed += 1
    return TickOutcome(opened, published, closed, shortlisted)
