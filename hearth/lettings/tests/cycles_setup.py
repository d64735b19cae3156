"""Shared set-up for the cycle and shortlist tests (no tests here): a council with its policy in
force, a landlord's home, and households on the register with their assessments."""

from __future__ import annotations

import datetime as dt

from hearth.core import clock
from hearth.core.models import Organisation
from hearth.lettings.models import Advert, Bid, BidChannel, Cycle
from hearth.lettings.tests.factories import AdvertFactory, BidFactory
from hearth.policy.models import PolicyVersion
from hearth.register.models import Application, Assessment
from hearth.register.tests.factories import ApplicationFactory
from hearth.register.tests.workspace_setup import published_policy

# A Thursday: the default rhythm's cycle opens at 00:01 and closes on Monday 14 at 23:59.
OPENS = dt.datetime(2026, 12, 10, 0, 1, tzinfo=clock.LONDON)
CLOSES = dt.datetime(2026, 12, 14, 23, 59, tzinfo=clock.LONDON)


def council_with_policy(council: Organisation) -> PolicyVersion:
    return published_policy(council)


def applicant_in_band(
    council: Organisation,
    policy: PolicyVersion,
    band: str,
    priority_date: dt.date,
    *,
    bedroom_need: int = 2,
    assessed_on: dt.date = dt.date(2026, 11, 1),
) -> Application:
    """An active application on `council`'s register, assessed into `band`."""
    application = ApplicationFactory(household__council=council)
    Assessment.objects.create(
        household=application.household,
        policy_version=policy,
        assessed_on=assessed_on,
        qualifies=True,
        status="qualifies",
        band=band,
        priority_date=priority_date,
        bedroom_need=bedroom_need,
        local_connection=True,
        explanation=[f"Band {band}"],
    )
    return application


def live_advert(cycle: Cycle, council: Organisation, **labels: object) -> Advert:
    advert: Advert = AdvertFactory(
        cycle=cycle, property__council=council, property__landlord__scheme=cycle.scheme, **labels
    )
    return advert


def bid(advert: Advert, application: Application, at: dt.datetime = OPENS) -> Bid:
    placed: Bid = BidFactory(
        advert=advert, application=application, placed_at=at, channel=BidChannel.ONLINE
    )
    return placed
