"""A bid's place in an order as one string that sorts as the bid sorts (an order key).

`rank` orders bids by tuples of numbers and text, compared element by element. Stored with
each bid, `order_key` of that tuple lets the database answer "how many bids are ahead of this
one?" with a count over an index, instead of ranking every bid again: for tuples whose
elements at each place are of one kind (numbers, or text), comparing keys as strings gives the
same answer as comparing the tuples (`tests/test_rank_key.py` checks it).

Keys use only the characters 0-9 and a-f, which every collation sorts as bytes do.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable

_SIGN = 1 << 63
_ALL = (1 << 64) - 1
# Text ends with a zero byte, which no text we order on contains: "ab" then sorts before "abc"
# whatever follows either.
_END = "00"


def _number(value: float) -> str:
    """A float's IEEE bits, turned so that unsigned order is numeric order (16 characters)."""
    if math.isnan(value):
        value = math.inf  # never produced on purpose; placed last, with the unworkable
    (bits,) = struct.unpack(">Q", struct.pack(">d", value + 0.0))  # -0.0 and 0.0 alike
    return f"{(bits ^ _ALL) if bits & _SIGN else (bits | _SIGN):016x}"


def order_key(values: Iterable[int | float | str]) -> str:
    """The order key of one bid's sort values. Numbers must be exact as floats (integers up
    to 2**53: ranks, days, points)."""
    parts = []
    for value in values:
        if isinstance(value, str):
            # UTF-8 bytes sort in code point order, as Python compares text; a lone surrogate
            # (never in an identifier, but text is text) is encoded where its code point is.
            parts.append(value.encode("utf-8", "surrogatepass").hex() + _END)
        else:
            parts.append(_number(float(value)))
    return "".join(parts)
