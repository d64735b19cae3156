"""The public lettings results: every let with its bids and the housed household's standing,
searchable, and never saying who was housed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.core import clock
from hearth.lettings.models import Let, LetRoute
from hearth.lettings.services.offers import offer_accept, offer_make, offer_nominate
from hearth.lettings.tests.offers_setup import Shortlisted

pytestmark = pytest.mark.django_db


def let_home(**property_fields: Any) -> Let:
    given = Shortlisted()
    for field, value in property_fields.items():
        setattr(given.advert.property, field, value)
    given.advert.property.save()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    return offer_accept(actor=given.landlord, offer=offer, tenancy_starts_on=clock.today())


def test_a_let_shows_its_bids_and_the_housed_households_band_but_not_who() -> None:
    let = let_home(area="Heron Fields")
    page = Client().get(reverse("publishing:results"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "2 bedroom flat in Heron Fields" in text
    assert "Band A" in text and "priority date 1 March 2025" in text
    household = let.offer.application.household
    assert household.reference not in text
    assert let.advert.reference not in text


def test_results_narrow_by_area_size_and_date() -> None:
    near = let_home(area="Heron Fields")
    far = let_home(area="Saltmarsh", bedrooms=4)
    Let.objects.filter(pk=far.pk).update(let_on=clock.today() - dt.timedelta(days=300))
    client = Client()

    def shown(**query: str) -> set[str]:
        text = client.get(reverse("publishing:results"), query).content.decode()
        return {area for area in ("Heron Fields", "Saltmarsh") if f"in {area}" in text}

    assert shown() == {"Heron Fields", "Saltmarsh"}
    assert shown(area="Saltmarsh") == {"Saltmarsh"}
    assert shown(bedrooms="4") == {"Saltmarsh"}
    assert shown(period="3") == {"Heron Fields"}
    assert near.route == LetRoute.CBL
    # A value that is not a choice is ignored, never an error
    assert client.get(reverse("publishing:results"), {"bedrooms": "lots"}).status_code == 200


def test_the_results_page_costs_the_same_few_queries_for_many_lets(
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(3):
        let_home()
    with django_assert_max_num_queries(8):
        Client().get(reverse("publishing:results"))
