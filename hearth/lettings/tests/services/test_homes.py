"""Homes and their photos: saved and changed by their own landlord's staff only, checked, and
audited; locked while an advert of the home is with the council or published."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import AdvertStatus, PropertyPhoto
from hearth.lettings.services.homes import (
    MAX_PHOTOS,
    home_create,
    home_photo_add,
    home_photo_remove,
    home_update,
)
from hearth.lettings.tests.homes_setup import (
    AREA,
    NOON,
    advert_of,
    council_with_policy,
    details,
    home_of,
    landlord_actor,
    landlord_staff,
    lettings_officer,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.clock_frozen_at(NOON):
        yield


def stored_files() -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return [p for p in root.rglob("*") if p.is_file()]


# --- Saving a home -----------------------------------------------------------------------------


def test_landlord_staff_save_a_home_of_their_landlord_and_it_is_audited() -> None:
    # Given a lettings officer of a housing association and a council with areas
    council = council_with_policy()
    actor = landlord_actor()
    # When they save a flat in the council's area
    home = home_create(actor=actor, details=details(council))
    # Then it belongs to their landlord, with the details given
    assert home.landlord == actor.organisation
    assert (home.council, home.area, home.bedrooms) == (council, AREA, 2)
    # And the audit log says who saved what, for the landlord
    event = AuditEvent.objects.get(verb="home.created")
    assert event.actor == actor.user
    assert event.organisation == actor.organisation
    assert event.changes["postcode"] == {"before": None, "after": "EM4 2AB"}
    assert event.changes["council"]["after"] == str(council.pk)


def test_council_staff_cannot_save_homes() -> None:
    council = council_with_policy()
    with pytest.raises(PermissionDenied):
        home_create(actor=lettings_officer(council), details=details(council))
    assert not AuditEvent.objects.filter(verb="home.created").exists()


def test_a_council_of_another_scheme_is_refused() -> None:
    elsewhere = OrganisationFactory(scheme=SchemeFactory(slug="elsewhere"))
    with pytest.raises(ValidationError) as refused:
        home_create(actor=landlord_actor(), details=details(elsewhere, area=""))
    assert "council" in refused.value.message_dict


def test_an_area_the_councils_policy_does_not_list_is_refused() -> None:
    council = council_with_policy()
    with pytest.raises(ValidationError) as refused:
        home_create(actor=landlord_actor(), details=details(council, area="Atlantis"))
    assert refused.value.message_dict == {"area": ["Select the area the home is in"]}


def test_a_council_without_a_policy_takes_no_area() -> None:
    council = OrganisationFactory(scheme=SchemeFactory())
    home = home_create(actor=landlord_actor(), details=details(council, area=""))
    assert home.area == ""


# --- Changing a home ---------------------------------------------------------------------------


def test_a_change_is_audited_field_by_field() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    changed = home_update(
        actor=actor, home=home, details=details(council, bedrooms=3, max_occupants=6)
    )
    assert (changed.bedrooms, changed.max_occupants) == (3, 6)
    event = AuditEvent.objects.get(verb="home.changed")
    assert set(event.changes) == {"bedrooms", "max_occupants"}
    assert event.changes["bedrooms"] == {"before": 2, "after": 3}


def test_another_landlords_staff_cannot_change_a_home() -> None:
    council = council_with_policy()
    home = home_create(actor=landlord_actor(), details=details(council))
    with pytest.raises(PermissionDenied):
        home_update(actor=landlord_actor(), home=home, details=details(council, bedrooms=1))


@pytest.mark.parametrize(
    "status",
    [AdvertStatus.SUBMITTED, AdvertStatus.APPROVED, AdvertStatus.LIVE, AdvertStatus.CLOSED],
)
def test_a_home_cannot_change_while_its_advert_is_with_the_council_or_published(
    status: str,
) -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    advert_of(home, status, reference="EA-A00001")
    with pytest.raises(ValidationError) as refused:
        home_update(actor=actor, home=home, details=details(council, bedrooms=1))
    assert "while its advert EA-A00001" in refused.value.messages[0]


def test_a_home_can_change_while_its_advert_is_a_draft_or_after_it_ended() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    advert_of(home, AdvertStatus.WITHDRAWN)
    advert_of(home)
    assert home_update(actor=actor, home=home, details=details(council, floor=2)).floor == 2


def test_an_area_no_longer_in_the_policy_is_kept_when_other_details_change() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_of(actor.organisation, council, address="1 Old Road")  # type: ignore[arg-type]
    home.area = "Old Town"
    home.save()
    changed = home_update(actor=actor, home=home, details=details(council, area="Old Town"))
    assert changed.area == "Old Town"


# --- Photos ------------------------------------------------------------------------------------


def test_a_photo_is_checked_stored_and_audited() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    photo = home_photo_add(actor=actor, home=home, upload=upload(), alt_text=" Living room ")
    assert photo.alt_text == "Living room"
    assert (photo.width, photo.height) == (40, 30)
    assert photo.image.name.startswith(f"homes/{home.pk}/")
    assert photo.image.name.endswith(".png")
    assert len(stored_files()) == 1
    event = AuditEvent.objects.get(verb="home.photo_added")
    assert event.changes["content_type"]["after"] == "image/png"


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    with pytest.raises(ValidationError) as refused:
        home_photo_add(
            actor=actor,
            home=home,
            upload=upload(b"MZ\x90\x00 not a picture", name="kitchen.jpg"),
            alt_text="",
        )
    assert refused.value.message_dict == {
        "image": ["The photo must be a JPG, PNG or WebP image"],
        "alt_text": ["Enter what the photo shows, for people who cannot see it"],
    }
    assert stored_files() == []
    assert not PropertyPhoto.objects.exists()


def test_photos_are_limited_per_home() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    for number in range(MAX_PHOTOS):
        home_photo_add(actor=actor, home=home, upload=upload(), alt_text=f"Room {number}")
    with pytest.raises(ValidationError) as refused:
        home_photo_add(actor=actor, home=home, upload=upload(), alt_text="One too many")
    assert "up to 12 photos" in refused.value.message_dict["image"][0]
    assert list(home.photos.values_list("position", flat=True)) == list(range(MAX_PHOTOS))


def test_another_landlords_staff_cannot_add_or_remove_photos() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    photo = home_photo_add(actor=actor, home=home, upload=upload(), alt_text="Hall")
    stranger = landlord_actor()
    with pytest.raises(PermissionDenied):
        home_photo_add(actor=stranger, home=home, upload=upload(), alt_text="Hall")
    with pytest.raises(PermissionDenied):
        home_photo_remove(actor=stranger, photo=photo)


def test_removing_a_photo_deletes_its_file_once_and_is_audited(
    django_capture_on_commit_callbacks: object,
) -> None:
    council = council_with_policy()
    membership = landlord_staff(role=Role.LANDLORD_ADMIN)
    actor = actor_for(membership)
    home = home_create(actor=actor, details=details(council))
    photo = home_photo_add(actor=actor, home=home, upload=upload(), alt_text="Hall")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        home_photo_remove(actor=actor, photo=photo)
    assert stored_files() == []
    # Removing it again (a second click) does nothing
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        home_photo_remove(actor=actor, photo=photo)
    assert AuditEvent.objects.filter(verb="home.photo_removed").count() == 1


def test_staff_of_a_council_cannot_manage_a_landlords_photos() -> None:
    council = council_with_policy()
    actor = landlord_actor()
    home = home_create(actor=actor, details=details(council))
    officer = actor_for(staff_member(council, [Role.TEAM_LEADER]))
    with pytest.raises(PermissionDenied):
        home_photo_add(actor=officer, home=home, upload=upload(), alt_text="Hall")
