"""Can I bid? read from the database for adverts with mobility and age labels: the household's
assessed need and its people are read where the label needs them."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core.clock import clock_frozen_at
from hearth.lettings.selectors.bids import bid_answers_list
from hearth.lettings.tests.bids_setup import (
    NOON,
    advert_of,
    applicant_actor,
    applicant_in,
    cycle_open,
    marshvale,
)
from hearth.register.models import Household, Relationship
from hearth.register.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_can_i_bid_reads_the_assessed_need_and_the_partners_age() -> None:
    with clock_frozen_at(NOON):
        # Given a wheelchair-only advert and a 60-or-over advert where a partner's age counts
        council = marshvale()
        cycle = cycle_open()
        wheelchair = advert_of(
            council,
            cycle,
            bedrooms=1,
            mobility_need="1",
            mobility_use="filter",
            property__mobility="1",
        )
        older = advert_of(
            council, cycle, bedrooms=1, minimum_age=60, age_applies_to="applicant_or_partner"
        )
        # And an applicant of 50 with a partner of 62, assessed as needing a wheelchair home
        application = applicant_in(council, bedroom_need=1, born=dt.date(1976, 1, 1))
        PersonFactory(
            household=application.household,
            date_of_birth=dt.date(1964, 1, 1),
            relationship=Relationship.PARTNER,
        )
        actor = applicant_actor(application)
        # When they ask before and after the officer records the need
        before = bid_answers_list(actor=actor, adverts=[wheelchair, older], application=application)
        Household.objects.filter(pk=application.household_id).update(assessed_mobility="1")
        after = bid_answers_list(actor=actor, adverts=[wheelchair], application=application)
    # Then the wheelchair home refuses them until the need is recorded, and the partner's age
    # lets them bid for the older persons' home
    refused = before[wheelchair.pk]
    assert refused is not None and refused.code == "mobility"
    assert "has not been assessed as needing an accessible home" in refused.reason
    assert before[older.pk] is not None and before[older.pk].allowed
    assert after[wheelchair.pk] is not None and after[wheelchair.pk].allowed
