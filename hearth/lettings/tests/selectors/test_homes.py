"""Reading homes: a landlord's staff see their own landlord's homes only; a photo is public
once its home has been advertised, and before that only to its landlord and council."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import AdvertStatus, PropertyPhoto
from hearth.lettings.selectors.homes import (
    home_councils,
    home_get,
    home_photo_file_get,
    home_photo_get,
    homes_list,
)
from hearth.lettings.tests.homes_setup import (
    advert_of,
    council_with_policy,
    home_of,
    landlord_actor,
    lettings_officer,
)

pytestmark = pytest.mark.django_db


def photo_of(home: Any) -> PropertyPhoto:
    return PropertyPhoto.objects.create(
        property=home, image="homes/x/photo.png", width=40, height=30, alt_text="Hall"
    )


def test_landlords_see_only_their_own_homes() -> None:
    # Given two landlords with a home each
    council = council_with_policy()
    mine, theirs = landlord_actor(), landlord_actor()
    own = home_of(mine.organisation, council)  # type: ignore[arg-type]
    other = home_of(theirs.organisation, council)  # type: ignore[arg-type]
    # Then each lists and opens only its own; the other's is a 404, like a missing one
    assert list(homes_list(actor=mine)) == [own]
    assert home_get(actor=mine, pk=own.pk) == own
    for pk in (other.pk, "not-a-uuid"):
        with pytest.raises(Http404):
            home_get(actor=mine, pk=pk)


def test_council_staff_have_no_homes_list() -> None:
    council = council_with_policy()
    home_of(OrganisationFactory(landlord=True), council)
    officer = lettings_officer(council)
    with pytest.raises(PermissionDenied):
        homes_list(actor=officer)
    with pytest.raises(Http404):
        home_get(actor=officer, pk=council.pk)


def test_the_list_carries_each_homes_current_advert_and_filters_on_it() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    landlord = actor.organisation
    never = home_of(landlord, council, postcode="EM1 1AA")  # type: ignore[arg-type]
    relet = home_of(landlord, council, postcode="EM2 2AA")  # type: ignore[arg-type]
    returned = home_of(landlord, council, postcode="EM3 3AA")  # type: ignore[arg-type]
    advert_of(relet, AdvertStatus.LET, reference="EA-A00001")
    advert_of(relet, AdvertStatus.SUBMITTED, reference="EA-A00002")
    advert_of(returned, AdvertStatus.RETURNED, reference="EA-A00003")
    rows = {h.pk: h for h in homes_list(actor=actor)}
    assert rows[never.pk].advert_status is None  # type: ignore[attr-defined]
    assert rows[relet.pk].advert_status == "submitted"  # type: ignore[attr-defined]
    assert rows[relet.pk].advert_reference == "EA-A00002"  # type: ignore[attr-defined]
    assert list(homes_list(actor=actor, adverts="to-finish")) == [returned]
    assert list(homes_list(actor=actor, adverts="waiting")) == [relet]
    assert len(homes_list(actor=actor, adverts="anything else")) == 3


def test_the_list_is_one_query_however_many_homes(django_assert_num_queries: Any) -> None:
    council = council_with_policy()
    actor = landlord_actor()
    for n in range(12):
        home = home_of(actor.organisation, council)  # type: ignore[arg-type]
        advert_of(home, AdvertStatus.LIVE if n % 2 else AdvertStatus.DRAFT)
    with django_assert_num_queries(1):
        rows = list(homes_list(actor=actor))
        assert [r.council.name for r in rows]
        assert all(r.advert_status for r in rows)  # type: ignore[attr-defined]


def test_a_photo_before_the_home_is_advertised_is_for_its_landlord_and_council_only() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_of(actor.organisation, council)  # type: ignore[arg-type]
    photo = photo_of(home)
    advert_of(home, AdvertStatus.SUBMITTED)
    assert home_photo_file_get(actor=actor, pk=photo.pk) == (photo, False)
    assert home_photo_file_get(actor=lettings_officer(council), pk=photo.pk) == (photo, False)
    strangers: list[Actor] = [
        landlord_actor(),
        lettings_officer(council_with_policy()),
        lettings_officer(council, Role.REGISTER_OFFICER),
        Actor(user=None, scheme=council.scheme),
    ]
    for stranger in strangers:
        with pytest.raises(Http404):
            home_photo_file_get(actor=stranger, pk=photo.pk)


@pytest.mark.parametrize("status", [AdvertStatus.LIVE, AdvertStatus.CLOSED, AdvertStatus.LET])
def test_a_photo_of_an_advertised_home_is_public(status: str) -> None:
    home = home_of(OrganisationFactory(landlord=True), council_with_policy())
    photo = photo_of(home)
    advert_of(home, status)
    assert home_photo_file_get(actor=Actor(user=None, scheme=None), pk=photo.pk) == (photo, True)


def test_a_landlord_removes_only_its_own_homes_photos() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_of(actor.organisation, council)  # type: ignore[arg-type]
    photo = photo_of(home)
    assert home_photo_get(actor=actor, home=home, pk=photo.pk) == photo
    other_home = home_of(actor.organisation, council)  # type: ignore[arg-type]
    with pytest.raises(Http404):
        home_photo_get(actor=actor, home=other_home, pk=photo.pk)
    with pytest.raises(Http404):
        home_photo_get(actor=landlord_actor(), home=home, pk=photo.pk)


def test_a_home_can_be_in_any_council_of_the_landlords_scheme() -> None:
    council = council_with_policy(name="Aldwick")
    OrganisationFactory(scheme=SchemeFactory(slug="elsewhere"))
    OrganisationFactory(landlord=True)
    assert home_councils(actor=landlord_actor()) == [council]
