"""The applicant's own offers: on "My bids" (above every bid while one waits for their answer,
and on the bid it was made from) and on a page of its own, in plain English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.accounts.models import User
from hearth.accounts.tests.factories import ApplicantFactory
from hearth.core import clock
from hearth.lettings.models import Offer
from hearth.lettings.services.offers import offer_make, offer_nominate, offer_refuse
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.cycles_setup import bid, live_advert
from hearth.lettings.tests.offers_setup import Shortlisted
from hearth.policy.rules.eligibility import Refusal
from hearth.register.models import Application

pytestmark = pytest.mark.django_db

MY_BIDS = reverse("lettings:bids")
TUESDAY = dt.datetime(2026, 12, 15, 10, 0, tzinfo=clock.LONDON)
AFTER_EVERY_CLOSE = dt.datetime(2027, 3, 1, 12, 0, tzinfo=clock.LONDON)


def signed_in(application: Application) -> Client:
    """A client signed in as the applicant whose household `application` is."""
    user: User = ApplicantFactory()
    household = application.household
    household.applicant = user
    household.save(update_fields=["applicant"])
    client = Client()
    client.force_login(user)
    return client


def page_of(offer: Offer) -> str:
    return reverse("lettings:my_offer", kwargs={"offer": offer.pk})


def offered(given: Shortlisted) -> Offer:
    nomination = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    landlord = given.advert.property.landlord
    landlord.contact_phone, landlord.contact_email = "01632 960000", "lets@fen.example"
    landlord.save()
    with clock.clock_frozen_at(TUESDAY):
        return offer_make(
            actor=given.landlord, offer=nomination, viewing_text="Wednesday at 2pm, at the home"
        )


def test_my_bids_puts_an_offer_waiting_for_an_answer_first_with_its_deadline() -> None:
    # Given an applicant offered a home on a Tuesday
    given = Shortlisted()
    offer = offered(given)
    client = signed_in(given.first)
    # When they open My bids that day
    with clock.clock_frozen_at(TUESDAY):
        page = client.get(MY_BIDS).text
    # Then the offer is the first thing they read, with its deadline and its page
    assert page.index("govuk-notification-banner") < page.index("govuk-summary-card")
    assert "by the end of Thursday 17 December 2026" in page
    assert "Answer by the end of Thursday 17 December 2026" in page
    assert page_of(offer) in page


def test_the_offer_page_says_where_it_stands_the_viewing_and_how_to_reach_the_landlord() -> None:
    given = Shortlisted()
    offer = offered(given)
    with clock.clock_frozen_at(TUESDAY):
        response = signed_in(given.first).get(page_of(offer))
    page = response.text
    landlord = given.advert.property.landlord.name
    assert response.status_code == 200
    assert f"{landlord} has offered you this home." in page
    assert "The end of Thursday 17 December 2026" in page
    assert "Wednesday at 2pm, at the home" in page
    assert f"Contact {landlord}" in page and "01632 960000" in page and "lets@fen.example" in page
    assert "What to do" in page


def test_a_refused_offer_page_never_shows_the_recorded_reason() -> None:
    given = Shortlisted()
    offer = offer_refuse(
        actor=given.landlord,
        offer=offered(given),
        refused_by="applicant",
        reason="Officer note: OFFICER-WORDS",
        counts=True,
    )
    page = signed_in(given.first).get(page_of(offer)).text
    assert "You refused this offer." in page
    assert "counts as refusing a suitable offer" in page
    assert "OFFICER-WORDS" not in page
    assert "refusal number" not in page  # the officers' account of the consequence


def test_another_applicants_offer_is_not_found() -> None:
    given = Shortlisted()
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    assert signed_in(given.second).get(page_of(offer)).status_code == 404


def test_my_bids_shows_an_exclusion_in_the_applicants_words() -> None:
    # Given a bidder the shortlist excluded, in officers' words, for needing more bedrooms
    given = Shortlisted()
    advert = live_advert(given.cycle, given.council, min_bedroom_need=1, max_bedroom_need=1)
    bid(advert, given.first)
    shortlist = shortlist_make(advert=advert, as_at=given.cycle.closes_at)
    officers = shortlist.entries.get().reason
    assert officers == Refusal("bedrooms", bedroom_need=2, lowest=1, highest=1).officer
    # When they open My bids after the close
    with clock.clock_frozen_at(AFTER_EVERY_CLOSE):
        page = signed_in(given.first).get(MY_BIDS).text
    # Then they read why in their own words, never the officers'
    assert "You could not be shortlisted. This home is for households that need 1 bedroom." in (
        page
    )
    assert "You need 2." in page
    assert officers not in page


def test_my_bids_reads_offers_in_the_same_queries_however_many_there_are() -> None:
    def queries_for(extra: int) -> int:
        given = Shortlisted()
        # Shortlisted for every home before any nomination: a household nominated for one is
        # passed over on shortlists made after that, until it answers.
        entries = [given.entry(given.first)]
        for _ in range(extra):
            advert = live_advert(given.cycle, given.council)
            bid(advert, given.first)
            entries.append(
                shortlist_make(advert=advert, as_at=given.cycle.closes_at).entries.get(
                    bid__application=given.first
                )
            )
        for entry in entries:
            offer_nominate(actor=given.officer, entry=entry)
        client = signed_in(given.first)
        with clock.clock_frozen_at(AFTER_EVERY_CLOSE):
            client.get(MY_BIDS)  # warm the session and the policy cache
            with CaptureQueriesContext(connection) as queries:
                page = client.get(MY_BIDS).text
        assert page.count("See the offer") == extra + 1
        return len(queries)

    assert queries_for(1) == queries_for(3)
