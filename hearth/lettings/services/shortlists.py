"""Shortlists: made once per advert when its cycle closes; officers bypass, re-rank or reset.

A shortlist reads the bidders' standing as it was on the close instant's day, under the
advertising council's policy version in force then, so a band change after the close never
reorders it; re-ranking reads the same day and version again (to pick up a corrected record
from before the close, say), and keeps the bypasses; resetting also clears them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.lettings.fetch import BidRow, advert_home, bidders_of
from hearth.lettings.models import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    BidStatus,
    EntryStatus,
    Offer,
    OfferStatus,
    Shortlist,
    ShortlistEntry,
)
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document import BypassReason
from hearth.policy.rules.rank import Excluded, ShortlistResult, Standing, rank
from hearth.policy.selectors import policy_in_force

SYSTEM = Actor(user=None, scheme=None)


class NoPolicyInForceError(Exception):
    """The advertising council had no published policy in force on the close day."""


def _close_day(as_at: dt.datetime) -> dt.date:
    return as_at.astimezone(clock.LONDON).date()


class _Ranked(NamedTuple):
    result: ShortlistResult
    standings: dict[str, Standing]  # by bid identifier


def _ranked(advert: Advert, version: PolicyVersion, as_at: dt.datetime) -> _Ranked:
    document = document_of(version)
    home = advert_home(advert)
    found = list(
        advert.bids.filter(
            status__in=(BidStatus.LIVE, BidStatus.UNSUCCESSFUL, BidStatus.SUCCESSFUL)
        )
        .order_by("placed_at", "id")
        .values_list(
            "id", "application_id", "application__household_id", "application__council__slug"
        )
    )
    # A household waiting to answer an offer of another home is skipped until it answers.
    under_offer = set(
        Offer.objects.filter(
            application_id__in=[application_id for _, application_id, _, _ in found],
            status=OfferStatus.OFFERED,
        )
        .exclude(advert=advert)
        .values_list("application_id", flat=True)
    )
    rows = [
        BidRow(str(bid_id), str(household_id), council_slug, application_id in under_offer)
        for bid_id, application_id, household_id, council_slug in found
    ]
    bidders = bidders_of(document, home, rows, _close_day(as_at))
    standings = {bidder.bid_id: bidder.standing for bidder in bidders}
    result = rank(document, home, bidders, _close_day(as_at), seed=str(advert.pk))
    unranked = [row for row in rows if row.bid_id not in standings]
    if not unranked:
        return _Ranked(result, standings)
    # A bidder never assessed has nothing to rank on: shown as excluded, with the reason.
    extra = tuple(
        Excluded(row.bid_id, row.household_id, "no assessment on record at the close")
        for row in unranked
    )
    complete = ShortlistResult(
        placed=result.placed,
        excluded=tuple(sorted((*result.excluded, *extra))),
        problems=result.problems,
        explanation=result.explanation,
    )
    return _Ranked(complete, standings)


def _entries(shortlist: Shortlist, ranked: _Ranked) -> list[ShortlistEntry]:
    def entry(bid_id: str, **fields: Any) -> ShortlistEntry:
        standing = ranked.standings.get(bid_id)
        return ShortlistEntry(
            shortlist=shortlist,
            bid_id=bid_id,
            band=standing.band if standing is not None else "",
            points=standing.points if standing is not None else None,
            priority_date=standing.priority_date if standing is not None else None,
            **fields,
        )

    placed = [
        entry(
            row.bid_id,
            status=EntryStatus.PLACED,
            position=row.position,
            keys=[[what, value] for what, value in row.keys],
        )
        for row in ranked.result.placed
    ]
    excluded = [
        entry(row.bid_id, status=EntryStatus.EXCLUDED, reason=row.reason)
        for row in ranked.result.excluded
    ]
    return placed + excluded


def shortlist_make(*, advert: Advert, as_at: dt.datetime) -> Shortlist:
    """Rank the advert's bids as they stood at `as_at` (its cycle's close) and keep the result.

    Made once: a second call returns the shortlist already made, unchanged, so closing a cycle
    again (or finishing a close that stopped part-way) gives the same shortlists."""
    with transaction.atomic():
        locked = (
            Advert.objects.select_for_update(of=("self",))
            .select_related("property", "council")
            .get(pk=advert.pk)
        )
        existing = Shortlist.objects.filter(advert=locked).first()
        if existing is not None:
            return existing
        version = policy_in_force(locked.council, _close_day(as_at))
        if version is None:
            raise NoPolicyInForceError(
                f"{locked.council} had no allocation policy in force on {_close_day(as_at)}"
            )
        ranked = _ranked(locked, version, as_at)
        result = ranked.result
        now = clock.now()
        shortlist = Shortlist.objects.create(
            advert=locked,
            policy_version=version,
            as_at=as_at,
            ranked_at=now,
            explanation=list(result.explanation),
            problems=list(result.problems),
        )
        ShortlistEntry.objects.bulk_create(_entries(shortlist, ranked))
        locked.status = AdvertStatus.CLOSED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=SYSTEM,
            verb="shortlist.made",
            target=shortlist,
            organisation=locked.council,
            changes=changes_of(
                context={
                    "advert": locked.reference,
                    "policy_version": version.number,
                    "placed": len(result.placed),
                    "excluded": len(result.excluded),
                }
            ),
        )
        return shortlist


# --- Officers' changes -------------------------------------------------------------------------


def shortlist_check(actor: Actor, shortlist: Shortlist) -> None:
    """Only the advertising council's lettings officers change its shortlists."""
    council_id = shortlist.advert.council_id
    if not (
        actor.organisation is not None
        and actor.organisation.pk == council_id
        and actor.can(Capability.MANAGE_LETTINGS)
    ):
        raise PermissionDenied


def bypass_reasons(shortlist: Shortlist) -> Sequence[BypassReason]:
    """The reasons officers may give, from the policy version the shortlist was made under."""
    return document_of(shortlist.policy_version).shortlist.bypass_reasons


def shortlist_bypass(
    *, actor: Actor, entry: ShortlistEntry, reason: str, note: str
) -> ShortlistEntry:
    """Pass over a placed bidder for one of the policy's reasons; a note is required."""
    with transaction.atomic():
        locked = (
            ShortlistEntry.objects.select_for_update(of=("self",))
            .select_related("shortlist__advert", "shortlist__policy_version")
            .get(pk=entry.pk)
        )
        shortlist_check(actor, locked.shortlist)
        if locked.shortlist.advert.status != AdvertStatus.CLOSED:
            raise ValidationError(
                _("This shortlist is finished: bidders can no longer be bypassed.")
            )
        if locked.status != EntryStatus.PLACED:
            raise ValidationError(_("Only a placed bidder can be bypassed."))
        codes = {r.code: r for r in bypass_reasons(locked.shortlist)}
        if reason not in codes:
            raise ValidationError({"reason": _("Choose a reason from the list.")})
        if not note.strip():
            raise ValidationError({"note": _("Enter a note saying why.")})
        locked.status = EntryStatus.BYPASSED
        locked.bypass_reason = reason
        locked.bypass_note = note.strip()
        locked.bypassed_at = clock.now()
        locked.bypassed_by = actor.user
        locked.save(
            update_fields=["status", "bypass_reason", "bypass_note", "bypassed_at", "bypassed_by"]
        )
        audit_record(
            actor=actor,
            verb="shortlist.bypassed",
            target=locked.shortlist,
            organisation=locked.shortlist.advert.council,
            changes=changes_of(
                before={"status": EntryStatus.PLACED},
                after={"status": EntryStatus.BYPASSED, "bypass_reason": reason},
                context={"position": locked.position, "note": locked.bypass_note},
            ),
        )
        return locked


def shortlist_bypass_undo(*, actor: Actor, entry: ShortlistEntry) -> ShortlistEntry:
    """Put a bypassed bidder back in their place."""
    with transaction.atomic():
        locked = (
            ShortlistEntry.objects.select_for_update(of=("self",))
            .select_related("shortlist__advert")
            .get(pk=entry.pk)
        )
        shortlist_check(actor, locked.shortlist)
        if locked.status != EntryStatus.BYPASSED:
            raise ValidationError(_("This bidder is not bypassed."))
        before = locked.bypass_reason
        locked.status = EntryStatus.PLACED
        locked.bypass_reason = locked.bypass_note = ""
        locked.bypassed_at = None
        locked.bypassed_by = None
        locked.save(
            update_fields=["status", "bypass_reason", "bypass_note", "bypassed_at", "bypassed_by"]
        )
        audit_record(
            actor=actor,
            verb="shortlist.bypass_undone",
            target=locked.shortlist,
            organisation=locked.shortlist.advert.council,
            changes=changes_of(
                before={"status": EntryStatus.BYPASSED, "bypass_reason": before},
                after={"status": EntryStatus.PLACED, "bypass_reason": ""},
                context={"position": locked.position},
            ),
        )
        return locked


def shortlist_rerank(*, actor: Actor, shortlist: Shortlist, keep_bypasses: bool) -> Shortlist:
    """Rank the bids again as they stood at the close, under the same policy version. Bypasses
    stay with their bidders unless `keep_bypasses` is false (a reset)."""
    with transaction.atomic():
        locked = (
            Shortlist.objects.select_for_update(of=("self",))
            .select_related("advert__property", "advert__council", "policy_version")
            .get(pk=shortlist.pk)
        )
        shortlist_check(actor, locked)
        if locked.advert.status != AdvertStatus.CLOSED:
            raise ValidationError(
                _("This shortlist is finished: it can no longer be ranked again.")
            )
        if locked.advert.route == AdvertRoute.DIRECT:
            # Its entries are the officer's choices from match lists, not bids to rank.
            raise ValidationError(
                _("This home is let directly: open its match list to see the households in order.")
            )
        entries = list(locked.entries.all())
        bypasses = {
            str(e.bid_id): e for e in entries if e.status == EntryStatus.BYPASSED and keep_bypasses
        }
        before = [(str(e.bid_id), e.position, e.status) for e in entries]
        locked.entries.all().delete()
        ranked = _ranked(locked.advert, locked.policy_version, locked.as_at)
        result = ranked.result
        fresh = _entries(locked, ranked)
        for entry in fresh:
            kept = bypasses.get(str(entry.bid_id))
            if kept is not None and entry.status == EntryStatus.PLACED:
                entry.status = EntryStatus.BYPASSED
                entry.bypass_reason = kept.bypass_reason
                entry.bypass_note = kept.bypass_note
                entry.bypassed_at = kept.bypassed_at
                entry.bypassed_by_id = kept.bypassed_by_id
        ShortlistEntry.objects.bulk_create(fresh)
        locked.ranked_at = clock.now()
        locked.explanation = list(result.explanation)
        locked.problems = list(result.problems)
        locked.save(update_fields=["ranked_at", "explanation", "problems"])
        after = [(str(e.bid_id), e.position, e.status) for e in fresh]
        audit_record(
            actor=actor,
            verb="shortlist.reranked" if keep_bypasses else "shortlist.reset",
            target=locked,
            organisation=locked.advert.council,
            changes=changes_of(
                before={"order": _order_text(before)},
                after={"order": _order_text(after)},
                context={"advert": locked.advert.reference},
            ),
        )
        return locked


def _order_text(rows: Sequence[tuple[str, int | None, str]]) -> list[str]:
    return [
        f"{position or '-'}: {bid_id} ({status})"
        for bid_id, position, status in sorted(rows, key=lambda r: (r[1] is None, r[1] or 0, r[0]))
    ]
