"""The offer pages: nominating from the shortlist, the landlord's list and offer, recording the
answer with errors kept on the form, and what the landlord sees of the household."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearth.core import clock
from hearth.lettings.models import (
    AdvertStatus,
    CouncilLettings,
    NominationRoute,
    Offer,
    OfferStatus,
)
from hearth.lettings.services.offers import offer_make, offer_nominate
from hearth.lettings.tests.offers_setup import Shortlisted

pytestmark = pytest.mark.django_db


def client_of(actor: object) -> Client:
    client = Client()
    client.force_login(actor.user)  # type: ignore[attr-defined]
    return client


def test_the_officer_nominates_the_next_in_line_from_the_shortlist() -> None:
    given = Shortlisted()
    officer = client_of(given.officer)
    shortlist_page = officer.get(reverse("lettings:shortlist", kwargs={"advert": given.advert.pk}))
    assert "Nominate to the landlord" in shortlist_page.content.decode()
    entry = given.entry(given.first)
    url = reverse("lettings:offer_nominate", kwargs={"advert": given.advert.pk, "entry": entry.pk})
    page = officer.post(url, follow=True)
    assert "Nominated to the landlord." in page.content.decode()
    assert Offer.objects.get().status == OfferStatus.NOMINATED


def test_nominating_out_of_order_shows_the_reason_on_the_page() -> None:
    given = Shortlisted()
    entry = given.entry(given.second)
    url = reverse("lettings:offer_nominate", kwargs={"advert": given.advert.pk, "entry": entry.pk})
    page = client_of(given.officer).post(url)
    assert page.status_code == 200
    assert "Position 1 is higher on the shortlist" in page.content.decode()
    assert not Offer.objects.exists()


def test_the_landlord_sees_the_nomination_with_the_households_shared_details_and_offers() -> None:
    given = Shortlisted()
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    landlord = client_of(given.landlord)
    listing = landlord.get(reverse("lettings:landlord_offers")).content.decode()
    assert given.advert.reference in listing
    page = landlord.get(reverse("lettings:offer", kwargs={"offer": offer.pk})).content.decode()
    assert "Who will live there" in page
    assert "Make the offer" in page
    made = landlord.post(
        reverse("lettings:offer_make", kwargs={"offer": offer.pk}),
        {"viewing_text": "Tuesday at 10am"},
        follow=True,
    )
    assert "Offer made" in made.content.decode()


def test_the_landlord_is_not_shown_details_the_applicant_did_not_agree_to_share() -> None:
    given = Shortlisted()
    given.first.consent_to_share = False
    given.first.save()
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    page = client_of(given.landlord).get(reverse("lettings:offer", kwargs={"offer": offer.pk}))
    text = page.content.decode()
    assert "has not agreed to share their details" in text
    assert "Who will live there" not in text


def test_a_refusal_form_sent_empty_shows_every_error_and_records_nothing() -> None:
    given = Shortlisted()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    page = client_of(given.landlord).post(
        reverse("lettings:offer_refuse", kwargs={"offer": offer.pk}), {"reason": "Kept text"}
    )
    text = page.content.decode()
    assert "Select who refused the offer" in text
    assert "Select whether the home was suitable" in text
    assert "Kept text" in text
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OFFERED


def test_a_counted_refusal_shows_its_consequence_and_an_acceptance_lets_the_home() -> None:
    given = Shortlisted()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    landlord = client_of(given.landlord)
    page = landlord.post(
        reverse("lettings:offer_refuse", kwargs={"offer": offer.pk}),
        {"refused_by": "applicant", "reason": "Too small", "counts": "yes"},
        follow=True,
    )
    assert "This is refusal number 1 that counts." in page.content.decode()
    second = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.second)),
        viewing_text="",
    )
    start = clock.today()
    page = landlord.post(
        reverse("lettings:offer_accept", kwargs={"offer": second.pk}),
        {
            "tenancy_starts_on_day": start.day,
            "tenancy_starts_on_month": start.month,
            "tenancy_starts_on_year": start.year,
        },
        follow=True,
    )
    assert "Acceptance recorded. The home is let." in page.content.decode()
    given.advert.refresh_from_db()
    assert given.advert.status == AdvertStatus.LET


def test_an_acceptance_without_a_start_date_is_refused_next_to_the_field() -> None:
    given = Shortlisted()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    page = client_of(given.landlord).post(
        reverse("lettings:offer_accept", kwargs={"offer": offer.pk}), {}
    )
    assert "Enter the date the tenancy starts" in page.content.decode()


def test_where_the_council_allows_the_landlord_works_the_shortlist_and_offers_itself() -> None:
    given = Shortlisted()
    landlord = client_of(given.landlord)
    shortlist_url = reverse("lettings:shortlist", kwargs={"advert": given.advert.pk})
    assert landlord.get(shortlist_url).status_code == 404
    CouncilLettings.objects.create(
        council=given.council, nomination_route=NominationRoute.LANDLORD_WORKS_SHORTLIST
    )
    given.second.consent_to_share = False
    given.second.save()
    page = landlord.get(shortlist_url).content.decode()
    assert "Offer the home" in page and "Nominate to the landlord" not in page
    assert given.second.household.members.get().full_name not in page
    entry = given.entry(given.first)
    made = landlord.post(
        reverse("lettings:offer_direct", kwargs={"advert": given.advert.pk, "entry": entry.pk}),
        {"viewing_text": "Call to arrange"},
        follow=True,
    )
    assert "Offer made" in made.content.decode()
    assert Offer.objects.get().status == OfferStatus.OFFERED
