"""The bidding cycles page and the scheme admin's form for when cycles open and close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import CycleRhythm
from hearth.lettings.tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> Client:
    client = Client()
    partnership = OrganisationFactory(partnership=True)
    client.force_login(staff_member(partnership, [Role.SCHEME_ADMIN]).user)
    return client


def test_the_cycles_page_lists_the_schemes_cycles(admin: Client) -> None:
    CycleFactory()
    page = admin.get(reverse("lettings:cycles"))
    assert page.status_code == 200
    assert "Open for bids" in page.content.decode()


def test_times_that_are_not_times_are_refused_next_to_the_field(admin: Client) -> None:
    page = admin.post(
        reverse("lettings:cycle_rhythm"),
        {"opens_weekday": "3", "opens_time": "25:00", "closes_weekday": "0", "closes_time": ""},
    )
    text = page.content.decode()
    assert "Enter the opening time as hours and minutes, like 00:01" in text
    assert "Enter the closing time" in text
    assert 'value="25:00"' in text
    assert not CycleRhythm.objects.exists()


def test_the_admin_changes_the_times_and_it_is_audited(admin: Client) -> None:
    page = admin.post(
        reverse("lettings:cycle_rhythm"),
        {"opens_weekday": "4", "opens_time": "9.00", "closes_weekday": "1", "closes_time": "17:30"},
        follow=True,
    )
    assert "Cycle times changed" in page.content.decode()
    rhythm = CycleRhythm.objects.get()
    assert (rhythm.opens_weekday, rhythm.opens_time, rhythm.closes_time) == (
        4,
        dt.time(9, 0),
        dt.time(17, 30),
    )
    assert AuditEvent.objects.filter(verb="cycle_rhythm.changed").exists()
