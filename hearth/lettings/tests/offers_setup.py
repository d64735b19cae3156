"""Shared set-up for the offer tests (no tests here): a closed advert's shortlist of three
bidders in bands A, B and C, the council's lettings officer and the landlord's officer."""

from __future__ import annotations

import datetime as dt

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import Advert, Shortlist, ShortlistEntry
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.cycles_setup import (
    CLOSES,
    applicant_in_band,
    bid,
    council_with_policy,
    live_advert,
)
from hearth.lettings.tests.factories import CycleFactory
from hearth.policy.models import PolicyVersion
from hearth.register.models import Application


class Shortlisted:
    made = 0

    def __init__(self) -> None:
        # Each set-up is a cycle of its own, a week after the last, in the same scheme.
        later = dt.timedelta(weeks=Shortlisted.made)
        Shortlisted.made += 1
        closes = CLOSES + later
        self.cycle = CycleFactory(closes_at=closes, opens_at=closes - dt.timedelta(days=4))
        self.council = OrganisationFactory(scheme=self.cycle.scheme)
        self.policy: PolicyVersion = council_with_policy(self.council)
        self.advert: Advert = live_advert(self.cycle, self.council)
        self.first = applicant_in_band(self.council, self.policy, "A", dt.date(2025, 3, 1))
        self.second = applicant_in_band(self.council, self.policy, "B", dt.date(2025, 1, 1))
        self.third = applicant_in_band(self.council, self.policy, "C", dt.date(2024, 1, 1))
        for application in (self.third, self.first, self.second):
            bid(self.advert, application)
        self.shortlist: Shortlist = shortlist_make(advert=self.advert, as_at=closes)
        self.officer: Actor = actor_for(staff_member(self.council, [Role.LETTINGS_OFFICER]))
        self.landlord: Actor = actor_for(
            staff_member(self.advert.property.landlord, [Role.LANDLORD_LETTINGS_OFFICER])
        )

    def entry(self, application: Application) -> ShortlistEntry:
        return self.shortlist.entries.get(bid__application=application)
