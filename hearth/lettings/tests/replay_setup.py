"""Shared set-up for the replay tests (no tests here): a closed cycle whose shortlist put a
homeless family first, and a draft under which an overcrowded family would be first instead."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import Advert, Cycle, CycleStatus
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.cycles_setup import CLOSES, OPENS, bid, council_with_policy, live_advert
from hearth.lettings.tests.factories import CycleFactory
from hearth.policy.models import PolicyStatus, PolicyVersion, SimulationRun
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.simulation import services
from hearth.register.models import Application, Household
from hearth.register.services.assessment_reassess import register_reassess
from hearth.register.tests.factories import HouseholdFactory, PeriodFactory, PersonFactory

ASSESSED_ON = dt.date(2026, 11, 1)
RUN_AT = dt.datetime(2026, 12, 21, 10, 0, tzinfo=clock.LONDON)
SYSTEM = Actor(user=None, scheme=None)


def family(council: Organisation, *, bedrooms: int, **extra: Any) -> Application:
    """A lone parent and a 5-year-old, settled in the council's area for years."""
    found: Household = HouseholdFactory(council=council, home_bedrooms=bedrooms, **extra)
    PersonFactory(household=found, date_of_birth=dt.date(2021, 1, 1), sex="male")
    PeriodFactory(household=found, start=dt.date(2015, 1, 1))
    return found.application


def draft_lowering_the_main_duty(council: Organisation, version: PolicyVersion) -> PolicyVersion:
    """The policy in force, with the main homelessness duty in Band C instead of Band A."""
    data = document_data(document_from_text(version.source_text))
    for reason in data["need_reasons"]:
        if reason["code"] == "main_duty":
            reason["band"] = "C"
    return PolicyVersion.objects.create(
        council=council,
        number=2,
        status=PolicyStatus.DRAFT,
        title="Main duty in Band C",
        document=data,
        source_text="(test)",
    )


class Closed:
    """A closed cycle: one advert of the council with two bids, shortlisted at the close. The
    homeless family (Band A) was first; the overcrowded family (Band B) second. Another
    council's advert in the same cycle is not the council's to replay."""

    def __init__(self) -> None:
        self.cycle: Cycle = CycleFactory(
            opens_at=OPENS, closes_at=CLOSES, status=CycleStatus.CLOSED, closed_at=CLOSES
        )
        self.council: Organisation = OrganisationFactory(scheme=self.cycle.scheme)
        self.policy = council_with_policy(self.council)
        self.homeless = family(self.council, bedrooms=2, homelessness_duty="main")
        self.overcrowded = family(self.council, bedrooms=1)
        register_reassess(
            actor=SYSTEM, council=self.council, version=self.policy, on_date=ASSESSED_ON
        )
        self.advert: Advert = live_advert(self.cycle, self.council)
        self.bids = [bid(self.advert, app) for app in (self.overcrowded, self.homeless)]
        shortlist_make(advert=self.advert, as_at=CLOSES)
        elsewhere = OrganisationFactory(scheme=self.cycle.scheme)
        council_with_policy(elsewhere)
        other = live_advert(self.cycle, elsewhere)
        bid(other, family(elsewhere, bedrooms=1))
        shortlist_make(advert=other, as_at=CLOSES)
        self.admin = staff_member(self.council, [Role.POLICY_ADMIN])

    def simulate(self, django_capture_on_commit_callbacks: Any) -> SimulationRun:
        draft = draft_lowering_the_main_duty(self.council, self.policy)
        with (
            clock.clock_frozen_at(RUN_AT),
            django_capture_on_commit_callbacks(execute=True),
        ):
            run = services.simulation_start(actor=actor_for(self.admin), draft=draft)
        run.refresh_from_db()
        return run
