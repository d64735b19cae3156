"""The one source of time: aware datetimes in Europe/London.

Code asks the clock, never `datetime.now()`, so tests can move time with `clock_frozen_at`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")
_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current instant, aware, in Europe/London."""
    current = _frozen if _frozen is not None else timezone.now()
    return current.astimezone(LONDON)


def today() -> dt.date:
    """Today's date in Europe/London (not UTC: a bid at 00:30 BST belongs to the new day)."""
    return now().date()


@contextlib.contextmanager
def clock_frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Hold the clock at `moment` (must be aware) for the duration of the block."""
    global _frozen
    if timezone.is_naive(moment):
        raise ValueError("clock_frozen_at needs an aware datetime")
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous
