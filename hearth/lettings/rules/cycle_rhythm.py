"""When bidding cycles open and close: the scheme's weekly rhythm, in Europe/London time.

A rhythm says "open Thursday 00:01, close Monday 23:59". The cycle that matters at an instant is
the one open then or, between cycles, the next to open. Times are wall-clock times in London,
so a cycle spanning the clocks changing still opens and closes at the times people read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True, slots=True)
class Rhythm:
    opens_weekday: int  # Monday is 0
    opens_time: dt.time
    closes_weekday: int
    closes_time: dt.time

    @property
    def length_days(self) -> int:
        """Whole days from the opening day to the closing day (0: opens and closes the same
        day, which a weekly rhythm allows only when closing comes after opening)."""
        days = (self.closes_weekday - self.opens_weekday) % 7
        if days == 0 and self.closes_time <= self.opens_time:
            days = 7
        return days


DEFAULT_RHYTHM = Rhythm(
    opens_weekday=3, opens_time=dt.time(0, 1), closes_weekday=0, closes_time=dt.time(23, 59)
)


@dataclass(frozen=True, slots=True)
class Window:
    opens_at: dt.datetime
    closes_at: dt.datetime


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LONDON)


def window_from(rhythm: Rhythm, opening_day: dt.date) -> Window:
    """The cycle that opens on `opening_day` (which must be the rhythm's opening weekday)."""
    if opening_day.weekday() != rhythm.opens_weekday:
        raise ValueError(f"{opening_day} is not a {rhythm.opens_weekday} (Monday is 0)")
    closing_day = opening_day + dt.timedelta(days=rhythm.length_days)
    return Window(_at(opening_day, rhythm.opens_time), _at(closing_day, rhythm.closes_time))


def window_current_or_next(rhythm: Rhythm, instant: dt.datetime) -> Window:
    """The cycle open at `instant` (bids are taken up to and including the close instant), or
    the next one to open when `instant` falls between cycles."""
    local = instant.astimezone(LONDON)
    back = (local.weekday() - rhythm.opens_weekday) % 7
    latest_opening = local.date() - dt.timedelta(days=back)
    window = window_from(rhythm, latest_opening)
    if local < window.opens_at:
        # Today is the opening day, before the opening time: last week's cycle may still be open.
        earlier = window_from(rhythm, latest_opening - dt.timedelta(days=7))
        if bid_in_time(earlier, local):
            return earlier
        return window
    if bid_in_time(window, local):
        return window
    return window_from(rhythm, latest_opening + dt.timedelta(days=7))


def bid_in_time(window: Window, instant: dt.datetime) -> bool:
    """A bid at `instant` is within the window: from the opening instant up to and including
    the close instant itself, and not a moment after (for a 23:59 close, a bid at 23:59:00
    counts; at 23:59:00.000001 it does not). The one rule for the closing moment: the bid
    check, the cycle's own `accepts_bids_at` and the opening of cycles all ask it."""
    return window.opens_at <= instant <= window.closes_at


def closing_text(closes_at: dt.datetime) -> str:
    """ "11:59pm on Monday 14 December 2026", as the GOV.UK style writes times."""
    local = closes_at.astimezone(LONDON)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    if local.hour == 0 and local.minute == 0:
        clock_text = "midnight"
    elif local.hour == 12 and local.minute == 0:
        clock_text = "midday"
    else:
        clock_text = f"{hour}:{local.minute:02d}{suffix}" if local.minute else f"{hour}{suffix}"
    return f"{clock_text} on {local:%A} {local.day} {local:%B %Y}"
