"""Reading adverts: a landlord's own, or the council's; the approval queue; the landlord's work
in progress, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hearth.core.access.roles import Role
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import AdvertStatus, CouncilLettings
from hearth.lettings.selectors.adverts import (
    advert_get,
    adverts_need_approval,
    adverts_waiting_approval,
    adverts_waiting_approval_count,
    home_adverts,
    landlord_adverts_in_progress,
)
from hearth.lettings.tests.homes_setup import (
    NOON,
    advert_of,
    council_with_policy,
    home_of,
    landlord_actor,
    lettings_officer,
)

pytestmark = pytest.mark.django_db


def test_an_advert_is_seen_by_its_landlord_and_its_council_only() -> None:
    council = council_with_policy()
    landlord = landlord_actor()
    advert = advert_of(home_of(landlord.organisation, council), AdvertStatus.SUBMITTED)  # type: ignore[arg-type]
    assert advert_get(actor=landlord, pk=advert.pk) == advert
    assert advert_get(actor=lettings_officer(council), pk=advert.pk) == advert
    for stranger in (
        landlord_actor(),
        lettings_officer(council_with_policy()),
        lettings_officer(council, Role.REGISTER_OFFICER),
    ):
        with pytest.raises(Http404):
            advert_get(actor=stranger, pk=advert.pk)


def test_the_homes_adverts_are_its_landlords_newest_first() -> None:
    council = council_with_policy()
    landlord = landlord_actor()
    home = home_of(landlord.organisation, council)  # type: ignore[arg-type]
    first = advert_of(home, AdvertStatus.LET)
    second = advert_of(home, AdvertStatus.DRAFT)
    assert home_adverts(actor=landlord, home=home) == [second, first]
    with pytest.raises(Http404):
        home_adverts(actor=landlord_actor(), home=home)


def test_the_queue_is_the_councils_sent_adverts_oldest_first() -> None:
    council = council_with_policy()
    landlord = OrganisationFactory(landlord=True)
    newer = advert_of(home_of(landlord, council), AdvertStatus.SUBMITTED, submitted_at=NOON)
    older = advert_of(
        home_of(landlord, council),
        AdvertStatus.SUBMITTED,
        submitted_at=NOON - dt.timedelta(days=3),
    )
    advert_of(home_of(landlord, council), AdvertStatus.DRAFT)
    advert_of(home_of(landlord, council_with_policy()), AdvertStatus.SUBMITTED)
    officer = lettings_officer(council)
    assert list(adverts_waiting_approval(actor=officer)) == [older, newer]
    assert adverts_waiting_approval_count(actor=officer) == 2
    with pytest.raises(PermissionDenied):
        adverts_waiting_approval(actor=landlord_actor(landlord))


def test_the_count_costs_nothing_for_people_who_approve_nothing(
    django_assert_num_queries: Any,
) -> None:
    landlord = landlord_actor()
    with django_assert_num_queries(0):
        assert adverts_waiting_approval_count(actor=landlord) == 0


def test_approval_is_needed_unless_the_council_says_otherwise() -> None:
    council = council_with_policy()
    assert adverts_need_approval(council.pk)
    CouncilLettings.objects.create(council=council, adverts_need_approval=False)
    assert not adverts_need_approval(council.pk)


def test_the_landlords_work_in_progress_is_grouped_in_two_queries(
    django_assert_num_queries: Any,
) -> None:
    # Given a landlord with adverts at every stage, more than shown of the live ones
    council = council_with_policy()
    landlord = landlord_actor()
    org = landlord.organisation
    for status in (AdvertStatus.DRAFT, AdvertStatus.RETURNED, AdvertStatus.SUBMITTED):
        advert_of(home_of(org, council), status)  # type: ignore[arg-type]
    for _ in range(7):
        advert_of(home_of(org, council), AdvertStatus.LIVE)  # type: ignore[arg-type]
    advert_of(home_of(org, council), AdvertStatus.LET)  # type: ignore[arg-type]
    advert_of(home_of(OrganisationFactory(landlord=True), council), AdvertStatus.DRAFT)
    # When the groups are read
    with django_assert_num_queries(2):
        groups = {g.key: g for g in landlord_adverts_in_progress(actor=landlord)}
        # Then returned adverts come before drafts, and live ones show 5 of 7
        assert [a.status for a in groups["to-finish"].adverts] == ["returned", "draft"]
        assert str(groups["to-finish"].adverts[0].property)
    assert (groups["waiting"].count, groups["approved"].count) == (1, 0)
    assert (len(groups["live"].adverts), groups["live"].count) == (5, 7)


def test_nobody_but_landlords_has_work_in_progress(django_assert_num_queries: Any) -> None:
    officer = lettings_officer(council_with_policy())
    with django_assert_num_queries(0):
        assert landlord_adverts_in_progress(actor=officer) == []
