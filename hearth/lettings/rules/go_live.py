"""When a council going live on choice-based lettings first has its homes advertised: at the
first cycle opening on or after its go-live date (an opening publishes the approved adverts of
councils live by that day)."""

from __future__ import annotations

import datetime as dt

from hearth.lettings.rules.cycle_rhythm import Rhythm, window_from


def first_opening_from(rhythm: Rhythm, live_from: dt.date) -> dt.datetime:
    """The opening instant of the first cycle that opens on or after `live_from`."""
    days_ahead = (rhythm.opens_weekday - live_from.weekday()) % 7
    return window_from(rhythm, live_from + dt.timedelta(days=days_ahead)).opens_at
