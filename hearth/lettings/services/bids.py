"""Placing and withdrawing bids, and automatic bidding.

`bid_place` runs in one transaction: it locks the application's row, so two bids of the same
application (two tabs, a double click, an officer on the phone at the same moment) are decided
one after the other and the bid limit cannot be raced; it asks "Can I bid?" again with the
server's clock (`hearth.core.clock.now`, read once the lock is held: no bid is accepted after the
cycle's close instant, to the second) and everything read afresh; then it inserts the bid, with
the database's `lettings_bid_one_live_per_advert` constraint as the last word on one live bid
per application per advert, and records the audit event. A refusal is a `ValidationError` with
the plain-English reason: nothing is written, not even the audit event.

The applicant bids online; a lettings officer of the application's council bids for them by
phone or in person (recorded as the officer, on behalf of the applicant, as assisted digital
is); automatic bids are placed by the system (`auto_bids_place`, run when a cycle opens) for
applicants an officer switched automatic bidding on for.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.lettings.models import Advert, AdvertStatus, AutoBid, Bid, BidChannel, BidStatus, Cycle
from hearth.lettings.rules.bid_check import ALREADY_BID, LIMIT, bid_answer
from hearth.lettings.rules.bid_order import new_bid_order
from hearth.lettings.rules.labels_text import moment_text
from hearth.lettings.selectors.bids import (
    Advertisers,
    ApplicationBidding,
    bid_access_check,
    bid_question,
    bid_question_read,
)
from hearth.register.models import Application
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import is_council_officer, is_owner
from hearth.register.services.apply import acting_actor

OFFICER_CHANNELS = (BidChannel.PHONE, BidChannel.IN_PERSON)
REASON_MAX = 1000


def _acting(actor: Actor, application: Application) -> Actor:
    """Who the audit records: an officer, on behalf of the applicant."""
    return acting_actor(actor, application.household) if actor.is_staff else actor


def bid_place(*, actor: Actor, advert: Advert, application: Application, channel: str) -> Bid:
    """Bid for `advert` for `application`: the applicant online, or an officer of the
    application's council by phone or in person. `ValidationError` with the reason if it may
    not bid now."""
    household = application.household
    if is_owner(actor, household):
        if channel != BidChannel.ONLINE:
            raise PermissionDenied
    elif is_council_officer(actor, household, Capability.MANAGE_LETTINGS):
        if channel not in OFFICER_CHANNELS:
            raise ValidationError(
                {"channel": _("Select how the applicant asked you to bid: by phone or in person")}
            )
    else:
        raise PermissionDenied
    return _bid_insert(
        actor=_acting(actor, application),
        advert=advert,
        application=application,
        channel=channel,
        placed_by=actor.signed_in_user(),
    )


def _bid_insert(
    *, actor: Actor, advert: Advert, application: Application, channel: str, placed_by: User
) -> Bid:
    with transaction.atomic():
        # Only the application's row: joining the household or council into FOR UPDATE would
        # lock rows every other bidder of the council reads. The council is read with it (not
        # locked) for the audit event.
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("council")
            .get(pk=application.pk)
        )
        locked.household = application.household
        now = clock.now()
        question, version = bid_question_read(advert=advert, application=locked, now=now)
        answer = bid_answer(question)
        if not answer.allowed:
            raise ValidationError(answer.reason, code=answer.code)
        cross_partner = locked.council_id != advert.council_id
        # Where it stands is kept with it, so its queue position is a count (`bids_order`).
        bid_id, today = uuid.uuid4(), now.astimezone(clock.LONDON).date()
        key, placed = new_bid_order(
            question, bid_id=str(bid_id), advert_id=str(advert.pk), on_date=today
        )
        try:
            # The savepoint leaves the transaction usable after the constraint refuses.
            with transaction.atomic():
                bid = Bid.objects.create(
                    id=bid_id,
                    advert=advert,
                    application=locked,
                    channel=channel,
                    placed_at=now,
                    placed_by=placed_by,
                    cross_partner=cross_partner,
                    rank_key=key,
                    rank_placed=placed,
                    ranked_on=today if version is not None else None,
                    ranked_policy=version,
                )
        except IntegrityError as twice:
            raise ValidationError(
                _("You have already bid for this home."), code=ALREADY_BID
            ) from twice
        audit_record(
            actor=actor,
            verb="bid.placed",
            target=bid,
            organisation=locked.council,
            label=f"{application.household.reference}: {advert.reference}",
            changes=changes_of(
                after={
                    "advert": advert.reference,
                    "channel": channel,
                    "cross_partner": cross_partner,
                    "placed_at": now,
                }
            ),
        )
    return bid


def bid_withdraw(*, actor: Actor, bid: Bid) -> Bid:
    """Withdraw a live bid while its cycle is still taking bids (the applicant, or an officer
    for them). A withdrawn bid frees its place under a limit of live bids."""
    application = bid.application
    bid_access_check(actor, application)
    with transaction.atomic():
        now = clock.now()
        cycle = Cycle.objects.get(adverts=bid.advert_id)
        if not cycle.accepts_bids_at(now):
            raise ValidationError(
                _("You can no longer withdraw this bid: bidding closed at %(when)s.")
                % {"when": moment_text(cycle.closes_at, now)}
            )
        # Conditional, so two withdrawals at once change the bid once.
        changed = Bid.objects.filter(pk=bid.pk, status=BidStatus.LIVE).update(
            status=BidStatus.WITHDRAWN, withdrawn_at=now
        )
        if not changed:
            raise ValidationError(_("This bid has already been withdrawn."))
        bid.status, bid.withdrawn_at = BidStatus.WITHDRAWN, now
        audit_record(
            actor=_acting(actor, application),
            verb="bid.withdrawn",
            target=bid,
            organisation=application.council,
            label=f"{application.household.reference}: {bid.advert.reference}",
            changes=changes_of(
                before={"status": BidStatus.LIVE},
                after={"status": BidStatus.WITHDRAWN, "withdrawn_at": now},
            ),
        )
    return bid


# --- Automatic bidding -------------------------------------------------------------------------


def _officer_check(actor: Actor, application: Application) -> None:
    if not is_council_officer(actor, application.household, Capability.MANAGE_LETTINGS):
        raise PermissionDenied


def _reason_required(reason: str, message: str) -> str:
    cleaned = reason.strip()
    if not cleaned:
        raise ValidationError({"reason": message})
    if len(cleaned) > REASON_MAX:
        raise ValidationError(
            {"reason": _("The reason must be %(max)d characters or fewer") % {"max": REASON_MAX}}
        )
    return cleaned


def auto_bid_switch_on(*, actor: Actor, application: Application, reason: str) -> AutoBid:
    """Bid automatically for this applicant at each cycle's opening (an officer decides, for
    an applicant who cannot bid for themselves), with the reason."""
    _officer_check(actor, application)
    why = _reason_required(reason, _("Enter why the applicant needs automatic bidding"))
    if application.status in lifecycle.CLOSED:
        raise ValidationError(_("This application is closed, so it cannot bid."))
    with transaction.atomic():
        now = clock.now()
        try:
            with transaction.atomic():
                auto_bid = AutoBid.objects.create(
                    application=application,
                    reason=why,
                    switched_on_at=now,
                    switched_on_by=actor.signed_in_user(),
                )
        except IntegrityError as already:
            raise ValidationError(
                _("Automatic bidding is already on for this applicant.")
            ) from already
        audit_record(
            actor=_acting(actor, application),
            verb="auto_bid.switched_on",
            target=application,
            organisation=application.council,
            label=f"{application.household.reference}: automatic bidding on",
            changes=changes_of(after={"auto_bid": True}, context={"reason": why}),
        )
    return auto_bid


def auto_bid_switch_off(*, actor: Actor, application: Application, reason: str) -> None:
    """Stop bidding automatically for this applicant, with the reason."""
    _officer_check(actor, application)
    why = _reason_required(reason, _("Enter why you are switching automatic bidding off"))
    with transaction.atomic():
        deleted, _rows = AutoBid.objects.filter(application=application).delete()
        if not deleted:
            raise ValidationError(_("Automatic bidding is already off for this applicant."))
        audit_record(
            actor=_acting(actor, application),
            verb="auto_bid.switched_off",
            target=application,
            organisation=application.council,
            label=f"{application.household.reference}: automatic bidding off",
            changes=changes_of(
                before={"auto_bid": True}, after={"auto_bid": False}, context={"reason": why}
            ),
        )


def auto_bids_place(cycle: Cycle) -> int:
    """Bid for every applicant with automatic bidding on, on the cycle's live adverts they may
    bid for, best match first, until their bid limit stops them. Run when the cycle opens;
    running it again places nothing twice. Returns the number of bids placed.

    Best match: a home with exactly the bedrooms the household needs (under the advertising
    council's policy) first; then homes in the areas the household said it prefers, most
    wanted first; then the earliest advert. Each bid is placed as the applicant's own would be
    (`_bid_insert`: locked, checked again, audited), as the system, by the officer who switched
    automatic bidding on."""
    now = clock.now()
    if not cycle.accepts_bids_at(now):
        return 0
    adverts = list(
        Advert.objects.filter(cycle=cycle, status=AdvertStatus.LIVE)
        .select_related("property", "council", "cycle")
        .order_by("created_at", "reference")
    )
    if not adverts:
        return 0
    today = now.astimezone(clock.LONDON).date()
    advertisers = Advertisers.read(cycle.scheme_id, today)
    system = Actor(user=None, scheme=cycle.scheme)
    automatic = (
        AutoBid.objects.filter(
            application__status=lifecycle.ACTIVE, application__council__scheme=cycle.scheme_id
        )
        .select_related("application__household__council", "switched_on_by")
        .order_by("switched_on_at", "pk")
    )
    placed = 0
    for auto_bid in automatic:
        application = auto_bid.application
        for advert in _best_matches(application, adverts, advertisers, now):
            try:
                _bid_insert(
                    actor=system,
                    advert=advert,
                    application=application,
                    channel=BidChannel.AUTO,
                    placed_by=auto_bid.switched_on_by,
                )
            except ValidationError as refused:
                if refused.code == LIMIT:
                    break
                continue
            placed += 1
    return placed


def _best_matches(
    application: Application,
    adverts: list[Advert],
    advertisers: Advertisers,
    now: dt.datetime,
) -> list[Advert]:
    """The adverts `application` may bid for now, best match first (see `auto_bids_place`)."""
    bidding = ApplicationBidding(application, now.astimezone(clock.LONDON).date())
    preferred = [str(area) for area in application.household.preferred_areas or []]
    ranked: list[tuple[tuple[int, int, int], Advert]] = []
    for order, advert in enumerate(adverts):
        assert advert.cycle is not None  # noqa: S101 - the cycle's own adverts
        question = bid_question(
            advert=advert, cycle=advert.cycle, bidding=bidding, advertisers=advertisers, now=now
        )
        if not bid_answer(question).allowed or question.bidder is None:
            continue
        need = question.bidder.standing.bedroom_need
        exact = 0 if advert.property.bedrooms == need else 1
        area = advert.property.area
        wanted = preferred.index(area) if area in preferred else len(preferred)
        ranked.append(((exact, wanted, order), advert))
    ranked.sort(key=lambda pair: pair[0])
    return [advert for _key, advert in ranked]
