"""The scheduled lettings job runs every minute and brings the cycles up to date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from hearth.core import clock
from hearth.core.tests.factories import SchemeFactory
from hearth.lettings.models import Cycle, CycleStatus
from hearth.lettings.tasks import cycles_tick_task
from hearth.lettings.tests.cycles_setup import OPENS

pytestmark = pytest.mark.django_db


def test_the_cycle_job_is_scheduled_every_minute_and_opens_the_cycle_on_time() -> None:
    assert any(
        entry["task"] == "lettings.cycles_tick" and entry["schedule"] == 60
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    scheme = SchemeFactory()
    with clock.clock_frozen_at(OPENS - dt.timedelta(minutes=1)):
        assert cycles_tick_task.delay().get()["opened"] == 0
    with clock.clock_frozen_at(OPENS + dt.timedelta(seconds=30)):
        assert cycles_tick_task.delay().get()["opened"] == 1
    assert Cycle.objects.get(scheme=scheme).status == CycleStatus.OPEN


def test_the_suspension_job_is_scheduled() -> None:
    assert any(
        entry["task"] == "register.suspensions_end"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
