"""Match lists as officers read them: the council's register ranked for one home by its policy,
with the keys that placed each household and the reason each other one was left off; the
council's homes to match; nothing of another council's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.roles import Role
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import AdvertStatus
from hearth.lettings.selectors.matches import (
    MATCHING,
    NO_ASSESSMENT,
    OTHER,
    WAITING,
    homes_to_match,
    match_candidate_get,
    match_list_view,
)
from hearth.lettings.services.matches import direct_let
from hearth.lettings.tests.cycles_setup import applicant_in_band
from hearth.lettings.tests.factories import PropertyFactory
from hearth.lettings.tests.matches_setup import Matching
from hearth.register.models import ApplicationStatus
from hearth.register.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_match_list_ranks_the_register_by_the_policy_with_reasons() -> None:
    # Given households in bands A, B and C, one needing 4 bedrooms, one never assessed, one
    # under offer elsewhere, one suspended, and one on another council's register
    given = Matching()
    unassessed = ApplicationFactory(household__council=given.council)
    under_offer = ApplicationFactory(
        household__council=given.council, status=ApplicationStatus.UNDER_OFFER
    )
    offered = applicant_in_band(given.council, given.policy, "A", dt.date(2024, 1, 1))
    offered.status = ApplicationStatus.UNDER_OFFER
    offered.save()
    ApplicationFactory(household__council=given.council, status=ApplicationStatus.SUSPENDED)
    ApplicationFactory()
    # When the officer opens the home's match list
    view = match_list_view(actor=given.officer, home_id=given.home.pk, number=None)
    # Then the eligible households are in policy order with the keys that placed them
    assert [row.household_reference for row in view.rows] == [
        given.reference(a) for a in (given.first, given.second, given.third)
    ]
    assert [row.position for row in view.rows] == [1, 2, 3]
    assert view.rows[0].keys[0] == ("Band", "Band A")
    assert view.rows[0].lead_name
    # and the others on the register are left off with the reason, the ineligible not at all
    reasons = {row.household_reference: row.reason for row in view.excluded}
    assert "needs 4 bedrooms" in reasons[given.reference(given.too_big)]
    assert reasons[unassessed.household.reference] == NO_ASSESSMENT
    assert reasons[offered.household.reference] == "already under offer for another home"
    assert under_offer.household.reference in reasons
    assert (view.placed_count, view.excluded_count) == (3, 4)
    assert view.blocker == ""
    assert view.ranked is not None and view.ranked.version == given.policy
    assert view.ranked.result.explanation


def test_looking_a_household_up_gives_its_place_or_why_it_is_left_off() -> None:
    given = Matching()
    placed = match_list_view(
        actor=given.officer,
        home_id=given.home.pk,
        number=None,
        looked_for=given.reference(given.third).lower(),
    )
    assert placed.found is not None and placed.found.position == 3
    left_off = match_list_view(
        actor=given.officer,
        home_id=given.home.pk,
        number=None,
        looked_for=given.reference(given.too_big),
    )
    assert left_off.found is not None and "needs 4 bedrooms" in left_off.found.reason
    missing = match_list_view(
        actor=given.officer, home_id=given.home.pk, number=None, looked_for="ZZ-999999"
    )
    assert missing.found is None


def test_a_candidate_not_on_the_list_says_why() -> None:
    given = Matching()
    on_list = match_candidate_get(
        actor=given.officer, home_id=given.home.pk, application_id=given.second.pk
    )
    assert on_list.problem == ""
    assert on_list.row is not None and on_list.row.position == 2
    left_off = match_candidate_get(
        actor=given.officer, home_id=given.home.pk, application_id=given.too_big.pk
    )
    assert "is not on the match list for this home: needs 4 bedrooms" in left_off.problem


def test_another_councils_homes_and_households_are_not_found() -> None:
    given = Matching()
    away = actor_for(staff_member(OrganisationFactory(), [Role.LETTINGS_OFFICER]))
    with pytest.raises(Http404):
        match_list_view(actor=away, home_id=given.home.pk, number=None)
    with pytest.raises(Http404):
        match_candidate_get(
            actor=given.officer, home_id=given.home.pk, application_id=ApplicationFactory().pk
        )
    with pytest.raises(Http404):
        match_list_view(actor=given.landlord, home_id=given.home.pk, number=None)


def test_homes_to_match_lists_waiting_adverts_direct_lets_and_other_homes() -> None:
    # Given an approved advert waiting, a home let directly, and a home with no advert
    given = Matching()
    waiting = given.advert(AdvertStatus.APPROVED)
    matched_home = PropertyFactory(council=given.council, landlord=given.home.landlord)
    direct_let(actor=given.officer, home=matched_home, application=given.first, reason="Urgent")
    spare = PropertyFactory(council=given.council, landlord=given.home.landlord)
    PropertyFactory()  # another council's
    # Then each list shows its homes
    first = homes_to_match(actor=given.officer, show=WAITING, number=None)
    assert [advert.pk for advert in first.page.object_list] == [waiting.pk]
    assert (first.waiting, first.matching, first.direct) == (1, 1, False)
    matching = homes_to_match(actor=given.officer, show=MATCHING, number=None)
    (row,) = matching.page.object_list
    assert row.property_id == matched_home.pk and row.in_progress == 1
    other = homes_to_match(actor=given.officer, show=OTHER, number=None)
    assert [home.pk for home in other.page.object_list] == [spare.pk]
    # and an unknown list name shows the waiting list
    assert homes_to_match(actor=given.officer, show="nonsense", number=None).show == WAITING


def test_a_council_on_a_direct_match_policy_is_told_it_allocates_directly() -> None:
    given = Matching(policy_slug="kingsbarrow")
    assert homes_to_match(actor=given.officer, show=WAITING, number=None).direct
    view = match_list_view(actor=given.officer, home_id=given.home.pk, number=None)
    assert view.direct
