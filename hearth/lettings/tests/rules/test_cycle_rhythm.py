"""The weekly rhythm: the cycle open at an instant, to the second, across a change of the clocks."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.lettings.rules.cycle_rhythm import (
    DEFAULT_RHYTHM,
    LONDON,
    Rhythm,
    Window,
    bid_in_time,
    closing_text,
    window_current_or_next,
    window_from,
)


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


def test_default_rhythm_opens_thursday_0001_and_closes_monday_2359() -> None:
    # Given Thursday 10 December 2026, when its cycle is worked out
    window = window_from(DEFAULT_RHYTHM, dt.date(2026, 12, 10))
    # Then it runs to the Monday after, a minute before midnight
    assert window == Window(at(2026, 12, 10, 0, 1), at(2026, 12, 14, 23, 59))


def test_an_opening_day_that_is_not_the_rhythms_weekday_is_refused() -> None:
    with pytest.raises(ValueError):
        window_from(DEFAULT_RHYTHM, dt.date(2026, 12, 11))


@pytest.mark.parametrize(
    ("instant", "opens"),
    [
        (at(2026, 12, 10, 0, 0, 59), at(2026, 12, 10, 0, 1)),  # a minute early: the next one
        (at(2026, 12, 10, 0, 1), at(2026, 12, 10, 0, 1)),  # the opening instant
        (at(2026, 12, 12, 9, 30), at(2026, 12, 10, 0, 1)),  # the Saturday in between
        (at(2026, 12, 14, 23, 59), at(2026, 12, 10, 0, 1)),  # the close instant
        (at(2026, 12, 14, 23, 59, 0, 1), at(2026, 12, 17, 0, 1)),  # a moment late: the next
        (at(2026, 12, 16, 12, 0), at(2026, 12, 17, 0, 1)),  # Wednesday, between cycles
    ],
)
def test_the_cycle_open_at_an_instant_or_the_next(instant: dt.datetime, opens: dt.datetime) -> None:
    assert window_current_or_next(DEFAULT_RHYTHM, instant).opens_at == opens


def test_a_bid_at_the_close_instant_counts_and_one_a_moment_later_does_not() -> None:
    window = window_from(DEFAULT_RHYTHM, dt.date(2026, 12, 10))
    assert bid_in_time(window, at(2026, 12, 14, 23, 59))
    assert not bid_in_time(window, at(2026, 12, 14, 23, 59, 0, 1))
    assert not bid_in_time(window, at(2026, 12, 14, 23, 59, 0, 500_000))
    assert not bid_in_time(window, at(2026, 12, 10, 0, 0, 59))


def test_times_are_london_wall_clock_times_across_the_clocks_going_forward() -> None:
    # Given a cycle spanning Sunday 29 March 2026, when British Summer Time begins
    window = window_from(DEFAULT_RHYTHM, dt.date(2026, 3, 26))
    # Then it opens at 00:01 GMT and closes at 23:59 BST, as people read them
    assert window.opens_at.utcoffset() == dt.timedelta(0)
    assert window.closes_at.utcoffset() == dt.timedelta(hours=1)
    assert window.closes_at.astimezone(LONDON).time() == dt.time(23, 59)


def test_a_rhythm_opening_and_closing_on_the_same_weekday_runs_a_week_or_a_day() -> None:
    week = Rhythm(0, dt.time(9), 0, dt.time(9))
    day = Rhythm(0, dt.time(9), 0, dt.time(17))
    assert week.length_days == 7
    assert day.length_days == 0
    monday = dt.date(2026, 12, 7)
    assert window_from(day, monday).closes_at == at(2026, 12, 7, 17, 0)


def test_a_weekend_between_cycles_finds_last_weeks_cycle_still_open_on_opening_day() -> None:
    # Given a rhythm opening Monday 09:00 and closing the next Monday 08:00
    rhythm = Rhythm(0, dt.time(9), 0, dt.time(8))
    # When it is Monday 07:30, then last week's cycle is still open
    found = window_current_or_next(rhythm, at(2026, 12, 14, 7, 30))
    assert found.opens_at == at(2026, 12, 7, 9, 0)


@pytest.mark.parametrize(
    ("closes", "text"),
    [
        (at(2026, 12, 14, 23, 59), "11:59pm on Monday 14 December 2026"),
        (at(2026, 12, 14, 0, 0), "midnight on Monday 14 December 2026"),
        (at(2026, 12, 14, 12, 0), "midday on Monday 14 December 2026"),
        (at(2026, 12, 14, 17, 0), "5pm on Monday 14 December 2026"),
    ],
)
def test_closing_times_read_as_gov_uk_writes_them(closes: dt.datetime, text: str) -> None:
    assert closing_text(closes) == text
