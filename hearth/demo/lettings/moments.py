"""When each thing in the demo lettings week happens, worked out from the moment it is seeded.

The demo scheme's cycles run from Thursday 00:01 to the next Wednesday 23:59, so whatever day
`make run` starts on, a cycle is open: the current one. Last week's cycle closed two minutes
before it opened. Everything after last week's close (its nominations, offers and lets) and
everything in this week so far happens between then and now, at the times a lettings team
would work if there has been time for them, or proportionally sooner if the week has only just
begun; nothing is ever dated after the moment of seeding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.core import clock
from hearth.lettings.rules.cycle_rhythm import (
    Rhythm,
    Window,
    bid_in_time,
    window_current_or_next,
    window_from,
)

DEMO_RHYTHM = Rhythm(
    opens_weekday=3, opens_time=dt.time(0, 1), closes_weekday=2, closes_time=dt.time(23, 59)
)
WEEK = dt.timedelta(days=7)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.LONDON)


@dataclass(frozen=True)
class DemoWeek:
    """Last week's cycle, this week's, and now."""

    past: Window
    current: Window
    now: dt.datetime

    @classmethod
    def at(cls, now: dt.datetime) -> DemoWeek:
        current = window_current_or_next(DEMO_RHYTHM, now)
        if not bid_in_time(current, now):
            # Seeded in the two minutes between cycles: the week is the one just ending.
            current = window_from(DEMO_RHYTHM, current.opens_at.date() - WEEK)
            now = current.closes_at - dt.timedelta(minutes=1)
        past = window_from(DEMO_RHYTHM, current.opens_at.date() - WEEK)
        return cls(past=past, current=current, now=now)

    def before_past(self, days: int, hour: int, minute: int = 0) -> dt.datetime:
        """A time of day `days` before last week's cycle opened."""
        return _at(self.past.opens_at.date() - dt.timedelta(days=days), hour, minute)

    def in_past(self, share: float) -> dt.datetime:
        """A moment `share` (0 to 1) of the way through last week's cycle."""
        return _between(self.past.opens_at, self.past.closes_at, share)

    def in_current(self, share: float) -> dt.datetime:
        """A moment `share` of the way from this week's opening to now."""
        return _between(self.current.opens_at, self.now, share)

    def after_past_close(self, wanted: dt.timedelta, share: float) -> dt.datetime:
        """`wanted` after last week's close, or `share` of the way from the close to now if
        that is sooner. Steps given growing `wanted` and `share` stay in order."""
        start = self.past.closes_at + dt.timedelta(minutes=1)
        return min(start + wanted, _between(start, self.now, share))

    def today(self, share: float) -> dt.datetime:
        """A moment `share` of the way from the start of today to now."""
        midnight = _at(self.now.date(), 0)
        return _between(midnight, self.now, share)


def _between(start: dt.datetime, end: dt.datetime, share: float) -> dt.datetime:
    span = max(end - start, dt.timedelta(0))
    return start + span * share
