"""Shared set-up for the match list tests (no tests here): a council with its policy in force, a
landlord's two-bedroom home in its area, and households on its register in bands A, B and C
(plus one needing four bedrooms), the council's lettings officer and the landlord's officer."""

from __future__ import annotations

import datetime as dt

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import Advert, AdvertStatus, Property
from hearth.lettings.tests.cycles_setup import applicant_in_band
from hearth.lettings.tests.factories import AdvertFactory, PropertyFactory
from hearth.policy.models import PolicyVersion
from hearth.register.models import Application
from hearth.register.tests.workspace_setup import published_policy


class Matching:
    def __init__(
        self, *, policy_slug: str = "marshvale-city", status: str = CouncilStatus.LIVE_CBL
    ) -> None:
        self.council = OrganisationFactory(council_status=status)
        self.policy: PolicyVersion = published_policy(self.council, policy_slug)
        self.home: Property = PropertyFactory(
            council=self.council, landlord__scheme=self.council.scheme, bedrooms=2
        )
        self.first = applicant_in_band(self.council, self.policy, "A", dt.date(2025, 3, 1))
        self.second = applicant_in_band(self.council, self.policy, "B", dt.date(2025, 1, 1))
        self.third = applicant_in_band(self.council, self.policy, "C", dt.date(2024, 1, 1))
        self.too_big = applicant_in_band(
            self.council, self.policy, "A", dt.date(2024, 6, 1), bedroom_need=4
        )
        self.officer: Actor = actor_for(staff_member(self.council, [Role.LETTINGS_OFFICER]))
        self.landlord: Actor = actor_for(
            staff_member(self.home.landlord, [Role.LANDLORD_LETTINGS_OFFICER])
        )

    def advert(self, status: str = AdvertStatus.APPROVED, **labels: object) -> Advert:
        """A landlord's advert of the home, not in a cycle."""
        advert: Advert = AdvertFactory(property=self.home, cycle=None, status=status, **labels)
        return advert

    def reference(self, application: Application) -> str:
        return application.household.reference
