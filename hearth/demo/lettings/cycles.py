"""The demo scheme's cycle times, and its cycles opened and closed as the every-minute job
opens and closes them (`cycle_open`, `cycle_close`), at the moment each was due."""

from __future__ import annotations

import datetime as dt

from hearth.core.clock import clock_frozen_at
from hearth.demo.lettings.actors import Staff
from hearth.demo.lettings.moments import DEMO_RHYTHM
from hearth.lettings.models import Cycle
from hearth.lettings.rules.cycle_rhythm import Window
from hearth.lettings.services.cycles import (
    CLOSE_GRACE,
    cycle_close,
    cycle_ensure,
    cycle_open,
    cycle_rhythm_save,
)

# The job runs every minute: it finds a cycle due within the minute.
TICK = dt.timedelta(seconds=30)


def rhythm_set(staff: Staff, at: dt.datetime) -> None:
    """The scheme admin sets the demo's weekly cycle: Thursday 00:01 to Wednesday 23:59."""
    with clock_frozen_at(at):
        cycle_rhythm_save(
            actor=staff.scheme_admin(),
            scheme=staff.scheme,
            opens_weekday=DEMO_RHYTHM.opens_weekday,
            opens_time=DEMO_RHYTHM.opens_time,
            closes_weekday=DEMO_RHYTHM.closes_weekday,
            closes_time=DEMO_RHYTHM.closes_time,
        )


def cycle_opened(staff: Staff, window: Window) -> Cycle:
    """The cycle of `window`, made in the minute before it opens (the job makes the next
    cycle once the last has closed) and opened on time, publishing the adverts approved by
    then."""
    made_at = window.opens_at - TICK
    with clock_frozen_at(made_at):
        cycle = cycle_ensure(scheme=staff.scheme, now=made_at)
    opened_at = window.opens_at + TICK
    with clock_frozen_at(opened_at):
        cycle_open(cycle=cycle, now=opened_at)
    return Cycle.objects.get(pk=cycle.pk)


def cycle_closed(cycle: Cycle) -> Cycle:
    """The cycle closed once its closing second has passed, each advert shortlisted."""
    closed_at = cycle.closes_at + CLOSE_GRACE
    with clock_frozen_at(closed_at):
        cycle_close(cycle=cycle, now=closed_at)
    return Cycle.objects.get(pk=cycle.pk)
