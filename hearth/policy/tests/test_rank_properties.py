"""The properties every shortlist must have: a total order that does not depend on the order bids
arrive or on who else bid, with every bid placed or excluded exactly once.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.rank import Bidder, rank
from hearth.policy.tests.assess_support import ON
from hearth.policy.tests.rank_support import POLICY, PROPERTY_HOME, bidders, order

# --- Properties --------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(bidders(), st.randoms(use_true_random=False))
def test_the_order_does_not_depend_on_the_order_bids_arrive(
    bids: list[Bidder], shuffler: Any
) -> None:
    expected = rank(POLICY, PROPERTY_HOME, bids, ON)
    shuffled = list(bids)
    shuffler.shuffle(shuffled)
    assert rank(POLICY, PROPERTY_HOME, shuffled, ON) == expected
    assert rank(POLICY, PROPERTY_HOME, bids, ON) == expected  # and the same every time


@settings(max_examples=200, deadline=None)
@given(bidders())
def test_every_bid_is_placed_or_excluded_exactly_once(bids: list[Bidder]) -> None:
    result = rank(POLICY, PROPERTY_HOME, bids, ON)
    placed = [p.bid_id for p in result.placed]
    excluded = [e.bid_id for e in result.excluded]
    assert sorted(placed + excluded) == sorted(b.bid_id for b in bids)
    assert [p.position for p in result.placed] == list(range(1, len(placed) + 1))
    for bid in bids:
        expected_out = (
            not bid.standing.qualifies or bid.under_offer or bid.standing.bedroom_need > 3
        )
        assert (bid.bid_id in excluded) is expected_out


@settings(max_examples=200, deadline=None)
@given(bidders(), st.data())
def test_the_order_is_total_and_the_same_for_any_subset(
    bids: list[Bidder], data: st.DataObject
) -> None:
    """Any subset of the bids ranks in the order the full list gave them: the comparison is a
    total order between bids, not an accident of who else bid."""
    full = order(rank(POLICY, PROPERTY_HOME, bids, ON))
    subset = (
        data.draw(st.lists(st.sampled_from(bids), unique_by=lambda b: b.bid_id)) if bids else []
    )
    chosen = {b.bid_id for b in subset}
    assert order(rank(POLICY, PROPERTY_HOME, subset, ON)) == [b for b in full if b in chosen]
    # and the first key really leads: bands never go back up the list
    by_id = {b.bid_id: b for b in bids}
    bands = [("ABCD".index(by_id[b].standing.band), by_id[b].standing.ranked_below) for b in full]
    assert bands == sorted(bands)
