"""Accounts' scheduled task and command: expiring invitations, and bootstrapping a scheme."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from hearth.accounts.models import InvitationStatus
from hearth.accounts.tests.factories import InvitationFactory
from hearth.core import clock
from hearth.core.management.scheduler import Scheduler


@pytest.mark.django_db
def test_scheduled_tasks_run_in_process_in_the_embedded_default() -> None:
    stale = InvitationFactory(expires_at=clock.now() - dt.timedelta(days=1))
    scheduler = Scheduler({"expire": {"task": "accounts.invitations_expire", "schedule": 60}})
    assert scheduler.tick(0) == ["expire"]
    stale.refresh_from_db()
    assert stale.status == InvitationStatus.EXPIRED


@pytest.mark.django_db
def test_scheme_bootstrap_command_prints_a_one_time_link() -> None:
    from io import StringIO

    out = StringIO()
    call_command(
        "scheme_bootstrap",
        "--name",
        "Fenland Homes",
        "--slug",
        "fenland",
        "--colour",
        "#0b5e55",
        "--admin-email",
        "lead@fenland.example",
        "--admin-name",
        "Lead",
        stdout=out,
    )
    assert "/account/invitation/" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "scheme_bootstrap",
            "--name",
            "Again",
            "--slug",
            "again",
            "--colour",
            "#0b5e55",
            "--admin-email",
            "x@example.org",
            "--admin-name",
            "X",
            stdout=StringIO(),
        )
