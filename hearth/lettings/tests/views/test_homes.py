"""A landlord's homes pages: the list, adding and changing a home, its page and its photos."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import actor_for
from hearth.core import clock
from hearth.core.forms.submissions import FIELD
from hearth.core.models import AuditEvent
from hearth.core.tests.submission_support import with_token
from hearth.lettings.models import AdvertStatus, Property, PropertyPhoto
from hearth.lettings.services.homes import home_photo_add
from hearth.lettings.tests.homes_setup import (
    AREA,
    NOON,
    advert_of,
    council_with_policy,
    home_form_data,
    home_of,
    landlord_staff,
    signed_in,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.clock_frozen_at(NOON):
        yield


@pytest.fixture
def member() -> Membership:
    return landlord_staff()


@pytest.fixture
def client(member: Membership) -> Client:
    return signed_in(member)


def html_of(response: Any) -> str:
    return str(response.content.decode())


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_each_home_with_its_advert_in_the_same_queries_however_many(
    client: Client,
    member: Membership,
    django_assert_num_queries: Any,
    django_assert_max_num_queries: Any,
) -> None:
    # Given a landlord with 3 homes, one advertised
    council = council_with_policy()
    for n in range(3):
        home = home_of(member.organisation, council, address=f"{n} Mill Lane")
    advert_of(home, AdvertStatus.LIVE, reference="EA-A00007")
    url = reverse("lettings:homes")
    with django_assert_max_num_queries(9) as few:  # 4 of them the session and the actor
        html = html_of(client.get(url))
    # Then every home shows, with the advert's status and reference
    assert html.count("Mill Lane") == 3
    assert "Advertised" in html and "EA-A00007" in html
    assert "Never advertised" in html
    # And 20 more homes cost no more queries
    for n in range(20):
        home_of(member.organisation, council, address=f"{n} Weir Road")
    with django_assert_num_queries(len(few)):
        client.get(url)


def test_the_list_can_show_only_homes_at_one_stage(client: Client, member: Membership) -> None:
    council = council_with_policy()
    returned = home_of(member.organisation, council, address="1 Returned Row")
    home_of(member.organisation, council, address="2 Quiet Street")
    advert_of(returned, AdvertStatus.RETURNED)
    html = html_of(client.get(reverse("lettings:homes") + "?adverts=to-finish"))
    assert "1 Returned Row" in html
    assert "2 Quiet Street" not in html
    # A made-up stage shows every home
    assert "2 Quiet Street" in html_of(client.get(reverse("lettings:homes") + "?adverts=x"))


def test_council_officers_have_no_homes_pages() -> None:
    from hearth.accounts.tests.factories import staff_member

    council = council_with_policy()
    officer = signed_in(staff_member(council, ["lettings_officer"]))
    assert officer.get(reverse("lettings:homes")).status_code == 403


# --- Adding and changing -----------------------------------------------------------------------


def test_a_landlord_adds_a_home(client: Client, member: Membership) -> None:
    council = council_with_policy()
    page = html_of(client.get(reverse("lettings:home_new")))
    assert council.name in page and AREA in page
    response = client.post(reverse("lettings:home_new"), with_token(home_form_data(council)))
    home = Property.objects.get()
    assert response["Location"] == reverse("lettings:home", args=[home.pk])
    assert (home.landlord, home.council, home.area) == (member.organisation, council, AREA)
    assert home.postcode == "EM4 2AB"
    assert html_of(client.get(response["Location"])).count("Flat 4, Heron Court") >= 1


def test_sending_the_new_home_form_twice_saves_one_home(client: Client) -> None:
    council = council_with_policy()
    data = with_token(home_form_data(council))
    first = client.post(reverse("lettings:home_new"), data)
    second = client.post(reverse("lettings:home_new"), data)
    assert Property.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_mistakes_are_shown_by_each_field_and_in_the_summary_with_answers_kept(
    client: Client,
) -> None:
    council = council_with_policy()
    data = home_form_data(
        council,
        postcode="not a postcode",
        bedrooms="lots",
        weekly_rent="12.345",
        **{f"area_{council.slug}": ""},
    )
    response = client.post(reverse("lettings:home_new"), with_token(data))
    html = html_of(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    for message in (
        "Enter a real postcode, like MV1 2AB",
        "Enter the number of bedrooms as a number from 0 to 10",
        "Enter the rent a week in pounds and pence, like 95.50",
        "Select the area the home is in",
    ):
        assert html.count(message) == 2, message  # once in the summary, once by the field
    assert 'value="12.345"' in html
    assert "Error:" in html.split("</title>")[0]
    assert not Property.objects.exists()


@pytest.mark.parametrize(
    "garbage",
    [
        {},
        {"council": "'; DROP TABLE lettings_property; --", "bedrooms": "1e9"},
        {"council": "00000000-0000-0000-0000-000000000000", "floor": "-999", "epc_band": "Q"},
        {"address": "x" * 5000, "weekly_rent": "NaN", "weekly_service_charge": "Infinity"},
    ],
)
def test_garbage_is_refused_on_the_form_never_with_an_error_page(
    client: Client, garbage: dict[str, str]
) -> None:
    council_with_policy()
    response = client.post(reverse("lettings:home_new"), with_token(garbage))
    assert response.status_code == 200
    assert "govuk-error-summary" in html_of(response)
    assert not Property.objects.exists()


def test_a_form_without_its_token_is_shown_again(client: Client) -> None:
    council = council_with_policy()
    html = html_of(client.post(reverse("lettings:home_new"), home_form_data(council)))
    assert "This page was out of date" in html
    assert f'name="{FIELD}"' in html
    assert not Property.objects.exists()


def test_a_landlord_changes_a_home(client: Client, member: Membership) -> None:
    council = council_with_policy()
    home = home_of(member.organisation, council)
    url = reverse("lettings:home_edit", args=[home.pk])
    assert f'value="{AREA}" selected' in html_of(client.get(url))
    response = client.post(url, home_form_data(council, bedrooms="3", max_occupants="5"))
    assert response["Location"] == reverse("lettings:home", args=[home.pk])
    home.refresh_from_db()
    assert (home.bedrooms, home.max_occupants) == (3, 5)
    assert AuditEvent.objects.filter(verb="home.changed").count() == 1


def test_a_home_with_a_sent_advert_cannot_be_changed(client: Client, member: Membership) -> None:
    council = council_with_policy()
    home = home_of(member.organisation, council)
    advert_of(home, AdvertStatus.SUBMITTED, reference="EA-A00003")
    url = reverse("lettings:home_edit", args=[home.pk])
    assert "while its advert EA-A00003 is waiting" in html_of(client.get(url))
    client.post(url, home_form_data(council, bedrooms="3"))
    home.refresh_from_db()
    assert home.bedrooms == 2


def test_another_landlords_home_is_not_found(client: Client) -> None:
    home = home_of(landlord_staff().organisation, council_with_policy())
    for name in ("lettings:home", "lettings:home_edit", "lettings:home_photo_new"):
        assert client.get(reverse(name, args=[home.pk])).status_code == 404
    assert client.post(reverse("lettings:home_edit", args=[home.pk]), {}).status_code == 404


# --- The home's page and its photos ------------------------------------------------------------


def test_the_homes_page_offers_to_advertise_it(client: Client, member: Membership) -> None:
    home = home_of(member.organisation, council_with_policy())
    html = html_of(client.get(reverse("lettings:home", args=[home.pk])))
    assert reverse("lettings:advert_new", args=[home.pk]) in html
    assert "No photos yet" in html


def test_a_photo_is_added_shown_and_served(client: Client, member: Membership) -> None:
    home = home_of(member.organisation, council_with_policy())
    url = reverse("lettings:home_photo_new", args=[home.pk])
    response = client.post(url, with_token({"image": upload(), "alt_text": "Bright kitchen"}))
    assert response["Location"] == reverse("lettings:home", args=[home.pk])
    photo = PropertyPhoto.objects.get()
    html = html_of(client.get(response["Location"]))
    assert f'src="{reverse("lettings:home_photo", args=[photo.pk])}"' in html
    assert 'alt="Bright kitchen" width="240" height="180"' in html
    served = client.get(reverse("lettings:home_photo", args=[photo.pk]))
    assert served["Content-Type"] == "image/png"
    assert served["Cache-Control"] == "no-store"  # as every page for someone signed in
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]
    # Not advertised yet: nobody else sees it
    assert Client().get(reverse("lettings:home_photo", args=[photo.pk])).status_code == 404


def test_a_photo_of_an_advertised_home_is_public_and_cacheable(member: Membership) -> None:
    home = home_of(member.organisation, council_with_policy())
    photo = home_photo_add(actor=actor_for(member), home=home, upload=upload(), alt_text="Hall")
    advert_of(home, AdvertStatus.LIVE)
    served = Client().get(reverse("lettings:home_photo", args=[photo.pk]))
    assert served.status_code == 200
    assert "public" in served["Cache-Control"]


def test_a_file_that_is_not_a_photo_is_refused_by_the_field(
    client: Client, member: Membership
) -> None:
    home = home_of(member.organisation, council_with_policy())
    fake = upload(b"<svg onload=alert(1)>", name="kitchen.png")
    response = client.post(
        reverse("lettings:home_photo_new", args=[home.pk]),
        with_token({"image": fake, "alt_text": ""}),
    )
    html = html_of(response)
    assert response.status_code == 200
    assert html.count("The photo must be a JPG, PNG or WebP image") == 2
    assert html.count("Enter what the photo shows, for people who cannot see it") == 2
    assert not PropertyPhoto.objects.exists()


def test_a_post_with_no_file_asks_for_one(client: Client, member: Membership) -> None:
    home = home_of(member.organisation, council_with_policy())
    response = client.post(
        reverse("lettings:home_photo_new", args=[home.pk]), with_token({"alt_text": "Hall"})
    )
    assert html_of(response).count("Select a photo") == 2


def test_a_photo_is_removed(client: Client, member: Membership) -> None:
    home = home_of(member.organisation, council_with_policy())
    photo = home_photo_add(actor=actor_for(member), home=home, upload=upload(), alt_text="Hall")
    url = reverse("lettings:home_photo_remove", args=[home.pk, photo.pk])
    assert "Remove this photo?" in html_of(client.get(url))
    assert client.post(url)["Location"] == reverse("lettings:home", args=[home.pk])
    assert not PropertyPhoto.objects.exists()
    # Sent again (the back button): the photo is gone, which is a 404, not an error page
    assert client.post(url).status_code == 404
