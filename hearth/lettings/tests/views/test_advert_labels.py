"""The advert form's mobility and age labels: saved, shown on the advert, and refused next to
the field when they contradict the home."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse

from hearth.core import clock
from hearth.core.tests.submission_support import with_token
from hearth.lettings.models import Advert
from hearth.lettings.tests.homes_setup import (
    NOON,
    advert_form_data,
    council_with_policy,
    home_of,
    landlord_staff,
    signed_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.clock_frozen_at(NOON):
        yield


def test_a_landlord_labels_an_accessible_home_for_assessed_households_and_ages() -> None:
    # Given a landlord's one-bedroom wheelchair flat
    member = landlord_staff()
    home = home_of(
        member.organisation, council_with_policy(), bedrooms=1, mobility="1", step_free=True
    )
    client = signed_in(member)
    # Then the form starts with the home's category as a priority group
    form = client.get(reverse("lettings:advert_new", args=[home.pk])).content.decode()
    assert 'name="mobility_need" type="radio" value="1" checked' in form
    assert 'name="mobility_use" type="radio" value="priority" checked' in form
    # When the landlord makes it for wheelchair users only, aged 18 to 25, every adult counting
    response = client.post(
        reverse("lettings:advert_new", args=[home.pk]),
        with_token(
            advert_form_data(
                min_bedroom_need="1",
                max_bedroom_need="1",
                minimum_age="18",
                maximum_age="25",
                age_applies_to="every_adult",
                mobility_need="1",
                mobility_use="filter",
            )
        ),
    )
    # Then the labels are saved and the advert says them
    advert = Advert.objects.get()
    assert (advert.mobility_need, advert.mobility_use) == ("1", "filter")
    assert (advert.minimum_age, advert.maximum_age, advert.age_applies_to) == (
        18,
        25,
        "every_adult",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Aged 18 to 25" in page
    assert "Whose age counts: Every adult in the household" in page
    assert "Only these households may bid" in page


def test_a_label_more_accessible_than_the_home_is_refused_by_its_field() -> None:
    member = landlord_staff()
    home = home_of(
        member.organisation, council_with_policy(), bedrooms=1, mobility="3", step_free=True
    )
    response = signed_in(member).post(
        reverse("lettings:advert_new", args=[home.pk]),
        with_token(
            advert_form_data(
                min_bedroom_need="1",
                max_bedroom_need="1",
                mobility_need="1",
                maximum_age="20",
                minimum_age="25",
            )
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("This home is mobility 3: it cannot be for households needing a more") == 2
    assert html.count("The maximum age (20) must not be less than the minimum age (25)") == 2
    assert 'href="#id_mobility_need_0"' in html and 'href="#id_maximum_age"' in html
    assert not Advert.objects.exists()
