"""Where a new bid stands, kept with it: its order key (see `hearth.policy.rules.rank_key`).

A bid's key depends only on its own bidder, the home and the policy, never on the other bids,
so it is worked out once, from what "Can I bid?" read, when the bid is placed.
"""

from __future__ import annotations

import datetime as dt

from hearth.lettings.rules.bid_check import BidQuestion
from hearth.policy.rules.rank import rank


def new_bid_order(
    question: BidQuestion, *, bid_id: str, advert_id: str, on_date: dt.date
) -> tuple[str, bool]:
    """The new bid's order key, and whether it would be shortlisted now ("" and False when it
    would not be, or there is no policy to rank it under)."""
    if question.policy is None or question.bidder is None:
        return "", False
    bidder = question.bidder._replace(bid_id=bid_id)
    result = rank(question.policy, question.home, [bidder], on_date, seed=advert_id, keyed=True)
    key = result.order_keys.get(bid_id)
    return (key, True) if key is not None else ("", False)
