"""Shortlists: made once per advert when its cycle closes; officers bypass, re-rank or reset.

A shortlist reads the bidders' standing as it was on the close instant's day, under the
advertising council's policy version in force then, so a band change after the close never
reorders it; re-ranking reads the same day and version again (to pick up a corrected record
from before the close, say), and keeps the bypasses; resetting also clears them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.lettings.fetch import BiddersFetched, BidRow, advert_home, bidders_of
from hearth.lettings.models import (
    OPEN_OFFER_STATUSES,
    Advert,
    AdvertRoute,
    AdvertStatus,
    Bid,
    BidStatus,
    CouncilLettings,
    EntryStatus,
    NominationRoute,
    Offer,
    Property,
    Shortlist,
    ShortlistEntry,
)
from hearth.lettings.rules.bid_outcome import NOT_ASSESSED, NOT_ASSESSED_AT_CLOSE
from hearth.lettings.services.offers_messages import bid_bypass_undone_tell, bid_bypassed_tell
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document import BypassReason
from hearth.policy.rules.rank import Excluded, Home, ShortlistResult, Standing, rank
from hearth.policy.selectors import policy_in_force, policy_partner_slugs


class NoPolicyInForceError(Exception):
    """The advertising council had no published policy in force on the close day."""


def _close_day(as_at: dt.datetime) -> dt.date:
    return as_at.astimezone(clock.LONDON).date()


class _Ranked(NamedTuple):
    result: ShortlistResult
    standings: dict[str, Standing]  # by bid identifier


class CloseInputs:
    """What ranking a set of adverts at one close reads, fetched once for all of them: their
    bids, which bidders are waiting to answer an offer, the scheme's councils and the bidders'
    standing and facts (`BiddersFetched`). Closing a cycle ranks hundreds of adverts whose
    bidders overlap; reading these per advert would cost most of the close."""

    def __init__(self, adverts: Sequence[Advert], as_at: dt.datetime) -> None:
        self.as_at = as_at
        self.fetched = BiddersFetched(_close_day(as_at))
        self.rows: dict[str, list[tuple[str, str, str, str]]] = {str(a.pk): [] for a in adverts}
        for bid_id, advert_id, application_id, household_id, council_slug in (
            Bid.objects.filter(
                advert__in=list(self.rows),
                status__in=(BidStatus.LIVE, BidStatus.UNSUCCESSFUL, BidStatus.SUCCESSFUL),
            )
            .order_by("placed_at", "id")
            .values_list(
                "id",
                "advert_id",
                "application_id",
                "application__household_id",
                "application__council__slug",
            )
        ):
            self.rows[str(advert_id)].append(
                (str(bid_id), str(application_id), str(household_id), council_slug)
            )
        applications = {row[1] for rows in self.rows.values() for row in rows}
        # Every bidder's stored standing in one read; most bid on several of these adverts.
        self.fetched.standings_fetch({row[2] for rows in self.rows.values() for row in rows})
        # A household waiting to answer an offer of another home, or nominated for one and
        # awaiting the decision, is skipped until it is answered.
        self.offered: dict[str, set[str]] = {}
        for application_id, advert_id in Offer.objects.filter(
            application_id__in=sorted(applications), status__in=OPEN_OFFER_STATUSES
        ).values_list("application_id", "advert_id"):
            self.offered.setdefault(str(application_id), set()).add(str(advert_id))
        self.partners: dict[str, tuple[str, ...]] = {}
        self.versions: dict[str, PolicyVersion | None] = {}

    def version(self, advert: Advert) -> PolicyVersion | None:
        """The advertising council's policy in force on the close day."""
        council = advert.council
        if council.slug not in self.versions:
            self.versions[council.slug] = policy_in_force(council, _close_day(self.as_at))
        return self.versions[council.slug]

    def bid_rows(self, advert: Advert) -> list[BidRow]:
        advert_id = str(advert.pk)
        return [
            BidRow(
                bid_id, household_id, council_slug, bool(self.offered.get(app, set()) - {advert_id})
            )
            for bid_id, app, household_id, council_slug in self.rows[advert_id]
        ]

    def home(self, advert: Advert) -> Home:
        council = advert.council
        if council.slug not in self.partners:
            self.partners[council.slug] = policy_partner_slugs(council)
        return advert_home(advert, self.partners[council.slug])


def _ranked(advert: Advert, version: PolicyVersion, inputs: CloseInputs) -> _Ranked:
    document = document_of(version)
    home = inputs.home(advert)
    rows = inputs.bid_rows(advert)
    as_at = inputs.as_at
    bidders = bidders_of(document, home, rows, _close_day(as_at), inputs.fetched)
    standings = {bidder.bid_id: bidder.standing for bidder in bidders}
    result = rank(document, home, bidders, _close_day(as_at), seed=str(advert.pk))
    unranked = [row for row in rows if row.bid_id not in standings]
    if not unranked:
        return _Ranked(result, standings)
    # A bidder never assessed has nothing to rank on: shown as excluded, with the reason.
    extra = tuple(Excluded(row.bid_id, row.household_id, NOT_ASSESSED_AT_CLOSE) for row in unranked)
    complete = ShortlistResult(
        placed=result.placed,
        excluded=tuple(sorted((*result.excluded, *extra))),
        problems=result.problems,
        explanation=result.explanation,
    )
    return _Ranked(complete, standings)


class _Entry(NamedTuple):
    """A shortlist entry as written: plain values, so a close writes thousands cheaply."""

    bid_id: str
    status: str
    position: int | None = None
    keys: tuple[tuple[str, str], ...] = ()
    reason: str = ""
    reason_code: str = ""
    reason_facts: str = "{}"  # as JSON
    band: str = ""
    points: int | None = None
    priority_date: dt.date | None = None
    bypass_reason: str = ""
    bypass_note: str = ""
    bypassed_at: dt.datetime | None = None
    bypassed_by_id: uuid.UUID | None = None


def _entries(ranked: _Ranked) -> list[_Entry]:
    def standing(bid_id: str) -> dict[str, Any]:
        found = ranked.standings.get(bid_id)
        if found is None:
            return {}
        return {"band": found.band, "points": found.points, "priority_date": found.priority_date}

    placed = [
        _Entry(row.bid_id, EntryStatus.PLACED, row.position, row.keys, **standing(row.bid_id))
        for row in ranked.result.placed
    ]
    # Few distinct refusals among many bidders: each one's facts are written out once.
    facts: dict[int, str] = {}

    def refused(row: Excluded) -> dict[str, Any]:
        if row.refusal is None:
            return {"reason_code": NOT_ASSESSED}
        key = id(row.refusal)
        if key not in facts:
            facts[key] = json.dumps(row.refusal.facts(), sort_keys=True)
        return {"reason_code": row.refusal.code, "reason_facts": facts[key]}

    excluded = [
        _Entry(
            row.bid_id,
            EntryStatus.EXCLUDED,
            reason=row.reason,
            **refused(row),
            **standing(row.bid_id),
        )
        for row in ranked.result.excluded
    ]
    return placed + excluded


_ENTRY_COLUMNS = (
    "shortlist_id",
    "bid_id",
    "status",
    "position",
    "keys",
    "reason",
    "reason_code",
    "reason_facts",
    "band",
    "points",
    "priority_date",
    "bypass_reason",
    "bypass_note",
    "bypassed_at",
    "bypassed_by_id",
)


def _entries_write(shortlist: Shortlist, entries: Sequence[_Entry]) -> None:
    """Insert the entries as plain rows. Building a model instance per entry cost more than
    ranking the bids, and a close writes a hundred thousand of them."""
    if not entries:
        return
    connection = connections[ShortlistEntry.objects.db]
    ops = connection.ops
    uuid_field = Shortlist._meta.get_field("id")
    shortlist_id = uuid_field.get_db_prep_value(shortlist.pk, connection)

    def user_id(value: uuid.UUID | None) -> Any:
        return None if value is None else uuid_field.get_db_prep_value(value, connection)

    rows: list[tuple[Any, ...]] = [
        (
            shortlist_id,
            uuid_field.get_db_prep_value(uuid.UUID(str(e.bid_id)), connection),
            e.status,
            e.position,
            json.dumps([list(pair) for pair in e.keys]),
            e.reason,
            e.reason_code,
            e.reason_facts,
            e.band,
            e.points,
            ops.adapt_datefield_value(e.priority_date),
            e.bypass_reason,
            e.bypass_note,
            ops.adapt_datetimefield_value(e.bypassed_at),
            user_id(e.bypassed_by_id),
        )
        for e in entries
    ]
    table = ops.quote_name(ShortlistEntry._meta.db_table)
    columns = ", ".join(ops.quote_name(c) for c in _ENTRY_COLUMNS)
    one = ", ".join(["%s"] * len(_ENTRY_COLUMNS))
    with connection.cursor() as cursor:
        # One statement, sent for every row: parsed once (a statement with thousands of
        # placeholders cost more to prepare than to run).
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({one})", rows)  # noqa: S608 - names from the model


def shortlist_make(
    *, advert: Advert, as_at: dt.datetime, inputs: CloseInputs | None = None
) -> Shortlist:
    """Rank the advert's bids as they stood at `as_at` (its cycle's close) and keep the result.

    Made once: a second call returns the shortlist already made, unchanged, so closing a cycle
    again (or finishing a close that stopped part-way) gives the same shortlists. `inputs`,
    read for many adverts at once by the cycle's close, must include this advert."""
    with transaction.atomic():
        locked = (
            Advert.objects.select_for_update(of=("self",))
            .select_related("property", "council")
            .get(pk=advert.pk)
        )
        existing = Shortlist.objects.filter(advert=locked).first()
        if existing is not None:
            return existing
        if inputs is None or str(locked.pk) not in inputs.rows or inputs.as_at != as_at:
            inputs = CloseInputs([locked], as_at)
        version = inputs.version(locked)
        if version is None:
            raise NoPolicyInForceError(
                f"{locked.council} had no allocation policy in force on {_close_day(as_at)}"
            )
        ranked = _ranked(locked, version, inputs)
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
        _entries_write(shortlist, _entries(ranked))
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
    """The advertising council's lettings officers change its shortlists; so do the landlord's
    staff for its own homes where the council lets landlords work the shortlists."""
    advert = shortlist.advert
    organisation = actor.organisation
    if organisation is None:
        raise PermissionDenied
    if actor.can(Capability.MANAGE_LETTINGS) and organisation.pk == advert.council_id:
        return
    if (
        actor.can(Capability.MANAGE_HOMES)
        and organisation.pk
        == Property.objects.filter(pk=advert.property_id)
        .values_list("landlord_id", flat=True)
        .first()
        and CouncilLettings.objects.filter(
            council_id=advert.council_id,
            nomination_route=NominationRoute.LANDLORD_WORKS_SHORTLIST,
        ).exists()
    ):
        return
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
            .select_related(
                "shortlist__advert__property",
                "shortlist__policy_version",
                "bid__application__household",
            )
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
        # The applicant is told the policy's words for the reason, never the officer's note.
        bid_bypassed_tell(
            locked.bid.application, locked.shortlist.advert, reason_text=codes[reason].text
        )
        return locked


def shortlist_bypass_undo(*, actor: Actor, entry: ShortlistEntry) -> ShortlistEntry:
    """Put a bypassed bidder back in their place."""
    with transaction.atomic():
        locked = (
            ShortlistEntry.objects.select_for_update(of=("self",))
            .select_related("shortlist__advert__property", "bid__application__household")
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
        bid_bypass_undone_tell(locked.bid.application, locked.shortlist.advert)
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
        if Offer.objects.filter(advert=locked.advert).exists():
            raise ValidationError(
                _(
                    "This home has been nominated or offered from this shortlist, so it can no "
                    "longer be ranked again. Bypass a bidder instead."
                )
            )
        entries = list(locked.entries.all())
        bypasses = {
            str(e.bid_id): e for e in entries if e.status == EntryStatus.BYPASSED and keep_bypasses
        }
        before = [(str(e.bid_id), e.position, e.status) for e in entries]
        locked.entries.all().delete()
        ranked = _ranked(
            locked.advert, locked.policy_version, CloseInputs([locked.advert], locked.as_at)
        )
        result = ranked.result
        fresh = [
            entry._replace(
                status=EntryStatus.BYPASSED,
                bypass_reason=kept.bypass_reason,
                bypass_note=kept.bypass_note,
                bypassed_at=kept.bypassed_at,
                bypassed_by_id=kept.bypassed_by_id,
            )
            if (kept := bypasses.get(entry.bid_id)) is not None
            and entry.status == EntryStatus.PLACED
            else entry
            for entry in _entries(ranked)
        ]
        _entries_write(locked, fresh)
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
