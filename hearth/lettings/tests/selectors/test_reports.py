"""The partner pot by quarter: adverts open to any partner's households, against the quota."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import AdvertStatus, ConnectionScope
from hearth.lettings.selectors.reports import partner_pot_by_quarter
from hearth.lettings.tests.cycles_setup import council_with_policy, live_advert
from hearth.lettings.tests.factories import AdvertFactory, CycleFactory

pytestmark = pytest.mark.django_db


def test_shares_by_quarter_against_the_policys_quota() -> None:
    # Given Marshvale City's quota (10% partners) and adverts in two quarters
    autumn = CycleFactory(
        opens_at=dt.datetime(2026, 10, 1, 0, 1, tzinfo=clock.LONDON),
        closes_at=dt.datetime(2026, 10, 5, 23, 59, tzinfo=clock.LONDON),
    )
    summer = CycleFactory(
        scheme=autumn.scheme,
        opens_at=dt.datetime(2026, 7, 2, 0, 1, tzinfo=clock.LONDON),
        closes_at=dt.datetime(2026, 7, 6, 23, 59, tzinfo=clock.LONDON),
    )
    council = OrganisationFactory(scheme=autumn.scheme)
    council_with_policy(council)
    for scope in [ConnectionScope.PARTNERS] + [ConnectionScope.COUNCIL] * 3:
        live_advert(autumn, council, connection_scope=scope)
    for scope in [ConnectionScope.COUNCIL] * 4:
        live_advert(summer, council, connection_scope=scope, status=AdvertStatus.LET)
    # A draft never advertised does not count
    AdvertFactory(draft=True, property__council=council, connection_scope=ConnectionScope.NONE)
    # When the report is read
    q4, q3 = partner_pot_by_quarter(council=council)
    # Then autumn is 25% against 10%, and summer had none in the pot: below its quota
    assert (q4.label, q4.adverts, q4.partner_pot, q4.share, q4.quota) == ("2026 Q4", 4, 1, 25, 10)
    assert not q4.below_quota
    assert (q3.label, q3.share, q3.below_quota) == ("2026 Q3", 0, True)


def test_the_report_page_shows_an_officer_their_own_council_only() -> None:
    cycle = CycleFactory()
    council = OrganisationFactory(scheme=cycle.scheme, name="Northfen District Council")
    other = OrganisationFactory(scheme=cycle.scheme, name="Eastmere Council")
    live_advert(cycle, council)
    client = Client()
    client.force_login(staff_member(council, [Role.LETTINGS_OFFICER]).user)
    text = client.get(reverse("lettings:report_partner_pot")).content.decode()
    assert "Northfen District Council" in text and other.name not in text
