"""Order keys: one string per bid that sorts as `rank` sorts the bid, and that does not depend
on who else bid, so a stored key can be counted against other stored keys."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.rank import Bidder, rank
from hearth.policy.rules.rank_key import order_key
from hearth.policy.tests.assess_support import ON
from hearth.policy.tests.rank_support import POLICY, PROPERTY_HOME, bidders, order, ordered_by

NUMBERS = st.one_of(
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False),
    st.sampled_from([0.0, -0.0, math.inf, -math.inf, 1, -1]),
)
TEXT = st.text(st.characters(blacklist_characters="\x00"), max_size=6)
# Each place in a tuple holds one kind of value, as in `rank`'s sort values.
SHAPES = st.lists(st.sampled_from(["number", "text"]), min_size=1, max_size=5)


def _value(kind: str) -> st.SearchStrategy[int | float | str]:
    return NUMBERS if kind == "number" else TEXT


@settings(max_examples=500, deadline=None)
@given(st.data(), SHAPES)
def test_keys_compare_as_the_values_do(data: st.DataObject, shape: list[str]) -> None:
    # Given two tuples with the same kinds of value in each place
    first = tuple(data.draw(_value(kind)) for kind in shape)
    second = tuple(data.draw(_value(kind)) for kind in shape)
    # When each is made a key
    one, two = order_key(first), order_key(second)
    # Then the keys compare as the tuples do, and use only hexadecimal digits
    assert (one < two) == (first < second)
    assert (one == two) == (first == second)
    assert set(one) <= set("0123456789abcdef")


RANDOM_FIRST = ordered_by({"key": "band"}, {"key": "random"})


@settings(max_examples=200, deadline=None)
@given(bidders(), st.sampled_from([POLICY, RANDOM_FIRST]))
def test_keys_put_bids_in_the_order_rank_does(bids: list[Bidder], policy: object) -> None:
    # Given bids ranked with their keys
    result = rank(policy, PROPERTY_HOME, bids, ON, seed="advert-1", keyed=True)  # type: ignore[arg-type]
    # Then every placed bid has a key, and the keys sort in the order of the shortlist
    assert set(result.order_keys) == set(order(result))
    assert sorted(result.order_keys, key=result.order_keys.__getitem__) == order(result)


@settings(max_examples=200, deadline=None)
@given(bidders())
def test_a_bids_key_does_not_depend_on_who_else_bid(bids: list[Bidder]) -> None:
    # Given bids ranked together with their keys
    together = rank(RANDOM_FIRST, PROPERTY_HOME, bids, ON, seed="advert-1", keyed=True)
    for bid in bids:
        # When each is ranked alone
        alone = rank(RANDOM_FIRST, PROPERTY_HOME, [bid], ON, seed="advert-1", keyed=True)
        # Then it has the key it had among the others (or none when it is excluded)
        assert alone.order_keys.get(bid.bid_id) == together.order_keys.get(bid.bid_id)


def test_rank_gives_no_keys_unless_asked() -> None:
    assert rank(POLICY, PROPERTY_HOME, [], ON).order_keys == {}
