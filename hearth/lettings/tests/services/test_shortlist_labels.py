"""A shortlist at the close reads the advert's mobility and age labels and the households'
assessed needs: a filter excludes with the reason, a priority group comes first, and whose age
counts is the label's."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import Advert, AdvertStatus, EntryStatus, Shortlist
from hearth.lettings.replay_source import ShortlistReplaySource
from hearth.lettings.services.shortlists import shortlist_make, shortlist_rerank
from hearth.lettings.tests.bids_setup import officer_actor
from hearth.lettings.tests.cycles_setup import (
    CLOSES,
    applicant_in_band,
    bid,
    council_with_policy,
    live_advert,
)
from hearth.lettings.tests.factories import CycleFactory
from hearth.register.fetch import bidders_standing
from hearth.register.models import Application, Household, Relationship
from hearth.register.services.assessment import household_mobility_assess
from hearth.register.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class Given:
    """Band A with no assessed need, band B assessed as needing a wheelchair home, band C
    assessed as needing a step-free home: all bidding for one advert."""

    def __init__(self, **labels: object) -> None:
        cycle = CycleFactory(closes_at=CLOSES, opens_at=CLOSES - dt.timedelta(days=4))
        self.council: Organisation = OrganisationFactory(scheme=cycle.scheme)
        policy = council_with_policy(self.council)
        self.advert: Advert = live_advert(cycle, self.council, **labels)
        self.a = applicant_in_band(self.council, policy, "A", dt.date(2025, 1, 1))
        self.b = self._assessed(
            applicant_in_band(self.council, policy, "B", dt.date(2025, 1, 1)), "1"
        )
        self.c = self._assessed(
            applicant_in_band(self.council, policy, "C", dt.date(2025, 1, 1)), "3"
        )
        self.bids = {bid(self.advert, app).pk: app for app in (self.a, self.b, self.c)}

    @staticmethod
    def _assessed(application: Application, need: str) -> Application:
        Household.objects.filter(pk=application.household_id).update(assessed_mobility=need)
        return application

    def placed(self, shortlist: Shortlist) -> list[Application]:
        entries = shortlist.entries.filter(position__isnull=False).order_by("position")
        return [self.bids[entry.bid_id] for entry in entries]

    def excluded(self, shortlist: Shortlist) -> dict[str, str]:
        found = shortlist.entries.filter(status=EntryStatus.EXCLUDED)
        return {self.bids[entry.bid_id].household.reference: entry.reason for entry in found}


def test_a_mobility_filter_shortlists_only_households_assessed_as_needing_it() -> None:
    # Given an advert only for households needing a mobility 1 or 2 home
    given = Given(mobility_need="2", mobility_use="filter")
    # When the cycle closes
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    # Then only the wheelchair user is placed, and the others are excluded with the reason
    assert given.placed(shortlist) == [given.b]
    assert given.excluded(shortlist) == {
        given.a.household.reference: (
            "assessed mobility need: none; this home is only for households assessed as "
            "needing a mobility 1 or 2 home"
        ),
        given.c.household.reference: (
            "assessed mobility need: mobility 3; this home is only for households assessed as "
            "needing a mobility 1 or 2 home"
        ),
    }


def test_a_mobility_priority_group_comes_first_then_everyone_in_band_order() -> None:
    # Given an advert for households needing any mobility home first
    given = Given(mobility_need="3", mobility_use="priority")
    # When the cycle closes
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    # Then both assessed households come first in band order, then band A; and it says why
    assert given.placed(shortlist) == [given.b, given.c, given.a]
    first = shortlist.entries.get(position=1)
    assert ["Assessed mobility need", "mobility 1, in the priority group"] in first.keys
    assert shortlist.explanation[0].startswith(
        "Households assessed as needing a mobility home (1, 2 or 3) come first"
    )


def test_a_mobility_need_assessed_after_the_close_never_reorders_the_shortlist() -> None:
    # Given a closed shortlist with a mobility priority group: B and C first, then A
    given = Given(mobility_need="3", mobility_use="priority")
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    Advert.objects.filter(pk=given.advert.pk).update(status=AdvertStatus.CLOSED)
    # When A is assessed two days after the close as needing a wheelchair home
    after = dt.datetime(2026, 12, 16, 12, 0, tzinfo=clock.LONDON)
    with clock_frozen_at(after):
        household_mobility_assess(
            actor=officer_actor(given.council, Role.REGISTER_OFFICER),
            application=given.a,
            assessed_mobility="1",
            adaptations="",
            assessed_on=after.date(),
        )
        # and an officer ranks the shortlist again
        shortlist_rerank(
            actor=officer_actor(given.council), shortlist=shortlist, keep_bypasses=True
        )
    # Then the order is the one the close made, A last: its need came after
    assert given.placed(shortlist) == [given.b, given.c, given.a]
    # and bidding for a home today, A is in the priority group
    with clock_frozen_at(after):
        (standing,) = bidders_standing([str(given.a.household_id)], after.date())
    assert standing.assessed_mobility == "1"


def test_an_age_label_counts_every_adult_when_it_says_so() -> None:
    # Given a home for people aged 55 or over where every adult counts
    given = Given(minimum_age=55, age_applies_to="every_adult")
    for application in (given.a, given.b, given.c):
        Household.objects.get(pk=application.household_id).members.update(
            date_of_birth=dt.date(1960, 1, 1)
        )
    # And band A's household has an adult son of 30
    PersonFactory(
        household=given.a.household,
        date_of_birth=dt.date(1996, 1, 1),
        relationship=Relationship.CHILD,
    )
    # When the cycle closes
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    # Then band A is excluded, saying whose age counted
    assert given.placed(shortlist) == [given.b, given.c]
    assert given.excluded(shortlist) == {
        given.a.household.reference: (
            "this home is for people aged 55 or over (every adult in the household)"
        )
    }


def test_the_what_if_replay_reads_the_adverts_labels_as_the_close_did() -> None:
    # Given a closed advert with mobility and age labels
    given = Given(
        mobility_need="2", mobility_use="priority", minimum_age=55, age_applies_to="every_adult"
    )
    shortlist_make(advert=given.advert, as_at=CLOSES)
    # When the simulation's source of past lettings reads its cycle
    past = ShortlistReplaySource().cycle_bids(
        council=given.council, cycle_id=str(given.advert.cycle_id)
    )
    # Then the home it replays carries the same labels, and the bidders their assessed needs
    (home,) = [s.home for s in past.shortlists]
    assert (home.mobility_need, home.mobility_use) == ("2", "priority")
    assert (home.minimum_age, home.age_applies_to) == (55, "every_adult")
    needs = {facts.assessed_mobility for facts in past.households.values()}
    assert needs == {"", "1", "3"}
