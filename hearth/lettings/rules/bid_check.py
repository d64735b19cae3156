"""Can I bid? One application and one advert: yes, or the first reason why not, in plain English.

Pure: a `BidQuestion` holds everything the answer depends on, read by the selectors (and read
again, under a lock, by `bid_place`). The checks, in the order the answer gives the first:

1. the bidding window: the cycle must be open and the server's clock no later than its close,
   to the second (`Cycle.accepts_bids_at`), and the advert still advertised;
2. no live bid on this advert already (the database's constraint backs this);
3. the application is on the register and free to bid (only an active one bids, and one under
   offer where the policy says such households are skipped rather than stopped bidding);
4. the advertising council has a policy in force, and the bidder a standing under it;
5. the advert's labels and the policy's own reasons to refuse a bid (`bidding.refusals`):
   `rank.eligibility_check`, the very decision the shortlist makes at the close, worded for
   the applicant;
6. the bid limit of that policy: per cycle (bids placed this cycle and not withdrawn) or live
   bids at once (a withdrawn bid frees its place).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hearth.core import clock
from hearth.lettings.rules.cycle_rhythm import Window, bid_in_time
from hearth.lettings.rules.labels_text import moment_text
from hearth.policy.rules.document import BidLimit, PolicyDocument
from hearth.policy.rules.eligibility import Refusal
from hearth.policy.rules.rank import Bidder, Home, eligibility_check
from hearth.register.rules import lifecycle

# Why not, when it is not a label of the advert (those answer with the `Refusal`'s code).
CLOSED = "closed"
NOT_OPEN = "not_open"
NOT_ADVERTISED = "not_advertised"
ALREADY_BID = "already_bid"
APPLICATION_STATUS = "application_status"
NO_POLICY = "no_policy"
NOT_ASSESSED = "not_assessed"
LIMIT = "limit"

PER_CYCLE, LIVE = "cycle", "live"  # how a policy's bid limit counts
UPCOMING, OPEN = "upcoming", "open"  # cycle statuses

# Why an application that is not active cannot bid, by its status.
STATUS_REASONS = {
    lifecycle.DRAFT: gettext_lazy(
        "You need to finish and send your application before you can bid."
    ),
    lifecycle.SUBMITTED: gettext_lazy(
        "You can bid once your application is accepted onto the register."
    ),
    lifecycle.PENDING_DOCUMENTS: gettext_lazy(
        "You can bid once your application is accepted onto the register. We are waiting for "
        "documents from you."
    ),
    lifecycle.SUSPENDED: gettext_lazy(
        "Your application is suspended, so you cannot bid at the moment."
    ),
    lifecycle.UNDER_OFFER: gettext_lazy(
        "You cannot bid while you have an offer of a home waiting for your answer."
    ),
    lifecycle.HOUSED: gettext_lazy("Your application is closed because you have been housed."),
    lifecycle.CANCELLED: gettext_lazy("Your application is cancelled, so you cannot bid."),
    lifecycle.NOT_QUALIFYING: gettext_lazy(
        "You do not qualify for the housing register, so you cannot bid."
    ),
    lifecycle.UNDER_REVIEW: gettext_lazy(
        "You cannot bid while we review the decision that you do not qualify."
    ),
}


@dataclass(frozen=True, slots=True)
class BidQuestion:
    """Everything "Can I bid?" depends on, for one application and one advert, now."""

    home: Home  # the advert's labels
    # The advertising council's policy version in force today (None: it has none).
    policy: PolicyDocument | None
    # The bidder's standing under that policy, with full facts where ranking needs them
    # (None: a household on the advertising council's own register not yet assessed).
    bidder: Bidder | None
    application_status: str
    advert_live: bool
    cycle_status: str  # upcoming | open | closed (`CycleStatus`)
    opens_at: dt.datetime
    closes_at: dt.datetime
    now: dt.datetime  # the server's clock
    bids_this_cycle: int  # the application's bids placed this cycle and not withdrawn
    live_bids: int  # the application's live bids, any cycle
    already_bid: bool  # a live bid of this application on this advert
    # Each council's name by its code, for the reasons that name councils.
    council_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BidAnswer:
    code: str  # "" when the applicant may bid
    reason: str = ""  # the first reason why not, in plain English
    refusal: Refusal | None = None  # when a label of the advert refused them

    @property
    def allowed(self) -> bool:
        return not self.code


YES = BidAnswer("")


def window_open(question: BidQuestion) -> bool:
    """Bids are taken from the opening up to and including the close instant (`bid_in_time`)."""
    return question.cycle_status == OPEN and bid_in_time(
        Window(question.opens_at, question.closes_at), question.now
    )


def bid_answer(question: BidQuestion) -> BidAnswer:
    """May this application bid for this advert now, and if not, the first reason why."""
    if closed := _window_closed(question):
        return closed
    if question.already_bid:
        return BidAnswer(ALREADY_BID, _("You have already bid for this home."))
    status = question.application_status
    policy = question.policy
    # Where the policy skips households under offer rather than stopping their bids, they bid.
    skipped = policy is not None and policy.bidding.under_offer == "skipped"
    if status != lifecycle.ACTIVE and not (status == lifecycle.UNDER_OFFER and skipped):
        reason = STATUS_REASONS.get(status, STATUS_REASONS[lifecycle.SUSPENDED])
        return BidAnswer(APPLICATION_STATUS, str(reason))
    if policy is None:
        return BidAnswer(
            NO_POLICY,
            _("This home cannot take bids yet: its council has no allocation policy in force."),
        )
    if question.bidder is None:
        return BidAnswer(
            NOT_ASSESSED,
            _("Your application has not been assessed yet. You can bid once it has been."),
        )
    on_date = question.now.astimezone(clock.LONDON).date()
    refusal = eligibility_check(policy, question.home, on_date)(question.bidder)
    if refusal is not None:
        return BidAnswer(refusal.code, refusal.applicant(question.council_names), refusal)
    limit = policy.bid_limit
    if limit is not None and bids_counted(limit, question) >= limit.count:
        return BidAnswer(LIMIT, limit_reached_text(limit))
    return YES


def _window_closed(question: BidQuestion) -> BidAnswer | None:
    if window_open(question):
        if not question.advert_live:
            return BidAnswer(NOT_ADVERTISED, _("This home is no longer advertised."))
        return None
    if question.cycle_status == UPCOMING or question.now < question.opens_at:
        if question.opens_at <= question.now:
            return BidAnswer(NOT_OPEN, _("Bidding for this home has not opened yet."))
        opens = moment_text(question.opens_at, question.now)
        return BidAnswer(NOT_OPEN, _("Bidding for this home opens at %(when)s.") % {"when": opens})
    when = moment_text(question.closes_at, question.now)
    return BidAnswer(CLOSED, _("Bidding for this home closed at %(when)s.") % {"when": when})


def bids_counted(limit: BidLimit, question: BidQuestion) -> int:
    """The bids that count against `limit`."""
    return question.live_bids if limit.per == LIVE else question.bids_this_cycle


def bids_left(limit: BidLimit | None, *, bids_this_cycle: int, live_bids: int) -> int | None:
    """How many more bids the limit allows (None: the policy sets no limit)."""
    if limit is None:
        return None
    used = live_bids if limit.per == LIVE else bids_this_cycle
    return max(limit.count - used, 0)


def limit_reached_text(limit: BidLimit) -> str:
    if limit.per == LIVE:
        return ngettext(
            "You already have a live bid, the most you can have at once. Withdraw it to bid "
            "for this home.",
            "You already have %(count)d live bids, the most you can have at once. Withdraw one "
            "to bid for this home.",
            limit.count,
        ) % {"count": limit.count}
    return ngettext(
        "You have used your bid this week.",
        "You have used your %(count)d bids this week.",
        limit.count,
    ) % {"count": limit.count}


def limit_text(limit: BidLimit | None) -> str:
    """The limit as the applicant reads it before bidding."""
    if limit is None:
        return _("There is no limit on how many homes you can bid for.")
    if limit.per == LIVE:
        return ngettext(
            "You can have %(count)d live bid at a time.",
            "You can have up to %(count)d live bids at a time.",
            limit.count,
        ) % {"count": limit.count}
    return ngettext(
        "You can bid for %(count)d home each week.",
        "You can bid for up to %(count)d homes each week.",
        limit.count,
    ) % {"count": limit.count}
