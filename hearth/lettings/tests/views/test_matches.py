"""The match list pages: homes to match, a home's match list with paging and a household lookup,
and choosing a household with a reason (errors kept on the form, never a 500)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearth.core.access.roles import CouncilStatus
from hearth.core.tests.submission_support import with_token
from hearth.lettings.models import AdvertStatus, Offer, OfferStatus
from hearth.lettings.selectors import matches as match_selectors
from hearth.lettings.services.matches import direct_let
from hearth.lettings.tests.matches_setup import Matching

pytestmark = pytest.mark.django_db


def client_of(actor: object) -> Client:
    client = Client()
    client.force_login(actor.user)  # type: ignore[attr-defined]
    return client


def choose_url(given: Matching, application: object) -> str:
    return reverse(
        "lettings:match_choose",
        kwargs={"home": given.home.pk, "application": application.pk},  # type: ignore[attr-defined]
    )


def test_the_officer_goes_from_homes_to_match_to_the_list_and_chooses_a_household() -> None:
    # Given an approved advert waiting to be matched
    given = Matching()
    advert = given.advert(AdvertStatus.APPROVED)
    officer = client_of(given.officer)
    # When the officer opens homes to match, then the home's match list
    homes = officer.get(reverse("lettings:homes_to_match")).content.decode()
    match_url = reverse("lettings:matches", kwargs={"home": given.home.pk})
    assert advert.reference in homes and match_url in homes
    listing = officer.get(match_url).content.decode()
    # Then the list shows each household in order with its keys, and those left off with why
    assert given.reference(given.first) in listing
    assert "Band: Band A" in listing
    assert "Households left off" in listing
    assert "Needs 4 bedrooms" in listing
    assert choose_url(given, given.second) in listing
    # And choosing the second household with a reason nominates it and shows the offer
    page = officer.post(
        choose_url(given, given.second),
        with_token({"reason": "Needs to move near work"}),
        follow=True,
    )
    text = page.content.decode()
    assert "nominated to" in text and "Your reason is recorded" in text
    offer = Offer.objects.get()
    assert (offer.status, offer.application) == (OfferStatus.NOMINATED, given.second)


def test_choosing_without_a_reason_shows_the_error_next_to_the_field_and_does_nothing() -> None:
    given = Matching()
    page = client_of(given.officer).post(choose_url(given, given.first), with_token({"reason": ""}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "govuk-error-summary" in text
    assert text.count("Enter why you chose this household") == 2  # summary and field
    assert not Offer.objects.exists()


def test_a_household_not_on_the_list_is_explained_not_chosen() -> None:
    given = Matching()
    officer = client_of(given.officer)
    shown = officer.get(choose_url(given, given.too_big)).content.decode()
    assert "is not on the match list for this home: needs 4 bedrooms" in shown
    page = officer.post(choose_url(given, given.too_big), with_token({"reason": "Kept reason"}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "is not on the match list for this home" in text
    assert "Kept reason" in text
    assert not Offer.objects.exists()


def test_a_home_already_under_offer_is_explained_not_offered_twice() -> None:
    given = Matching()
    direct_let(actor=given.officer, home=given.home, application=given.first, reason="Top")
    officer = client_of(given.officer)
    listing = officer.get(reverse("lettings:matches", kwargs={"home": given.home.pk}))
    assert "already under offer" in listing.content.decode()
    page = officer.post(choose_url(given, given.second), with_token({"reason": "Second"}))
    assert page.status_code == 200
    assert "already under offer" in page.content.decode()
    assert Offer.objects.count() == 1


def test_sending_the_choice_twice_nominates_once() -> None:
    given = Matching()
    officer = client_of(given.officer)
    data = with_token({"reason": "Urgent"})
    first = officer.post(choose_url(given, given.first), data)
    again = officer.post(choose_url(given, given.first), data)
    assert first.status_code == again.status_code == 302
    assert Offer.objects.count() == 1


def test_the_list_is_paged_and_a_household_can_be_looked_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = Matching()
    monkeypatch.setattr(match_selectors, "PER_PAGE", 2)
    officer = client_of(given.officer)
    url = reverse("lettings:matches", kwargs={"home": given.home.pk})
    second_page = officer.get(url, {"page": 2}).content.decode()
    assert given.reference(given.third) in second_page
    assert given.reference(given.first) not in second_page.split("Households in order")[1]
    looked = officer.get(url, {"household": given.reference(given.third)}).content.decode()
    assert "is at position 3 of 3" in looked
    nobody = officer.get(url, {"household": "ZZ-000000"}).content.decode()
    assert "No household with the reference ZZ-000000" in nobody


def test_the_homes_to_match_lists_and_a_strange_page_number_never_fail() -> None:
    given = Matching()
    officer = client_of(given.officer)
    for show in ("waiting", "matching", "other", "nonsense"):
        assert (
            officer.get(reverse("lettings:homes_to_match"), {"show": show, "page": "x"}).status_code
            == 200
        )
    url = reverse("lettings:matches", kwargs={"home": given.home.pk})
    assert officer.get(url, {"page": "999", "household": "x" * 40}).status_code == 200


def test_a_direct_lets_shortlist_page_leads_back_to_the_match_list() -> None:
    given = Matching()
    offer = direct_let(actor=given.officer, home=given.home, application=given.first, reason="x")
    page = client_of(given.officer).get(
        reverse("lettings:shortlist", kwargs={"advert": offer.advert_id})
    )
    text = page.content.decode()
    assert "This home is let directly" in text
    assert reverse("lettings:matches", kwargs={"home": given.home.pk}) in text
    assert "Rank the bids again" not in text


# --- The council's home page -------------------------------------------------------------------

SECTION = '<h2 class="govuk-heading-m">Homes to match</h2>'


def test_a_council_allocating_directly_sees_homes_to_match_first_on_its_home_page() -> None:
    # Given Kingsbarrow, working traditional allocations, with a home waiting for a match
    given = Matching(status=CouncilStatus.TRADITIONAL)
    given.advert()
    # When its lettings officer opens their home page
    html = client_of(given.officer).get(reverse("core:staff_home")).content.decode()
    # Then "Homes to match" is the first work on it, with how many homes wait
    assert SECTION in html
    assert html.index(SECTION) < html.index("Adverts waiting for approval")
    assert "1 home waiting" in html
    assert "Choose a household for each home from its policy-ranked match list" in html


def test_a_council_advertising_homes_sees_homes_to_match_after_its_approvals() -> None:
    given = Matching()
    html = client_of(given.officer).get(reverse("core:staff_home")).content.decode()
    assert SECTION in html and "None waiting" in html
    assert html.index("Adverts waiting for approval") < html.index(SECTION)


def test_direct_lets_in_progress_are_counted_and_landlords_see_no_match_work() -> None:
    given = Matching(status=CouncilStatus.TRADITIONAL)
    direct_let(actor=given.officer, home=given.home, application=given.first, reason="Top")
    html = client_of(given.officer).get(reverse("core:staff_home")).content.decode()
    assert "Direct lets in progress" in html
    assert f"{reverse('lettings:homes_to_match')}?show=matching" in html
    landlord = client_of(given.landlord).get(reverse("core:landlord_home")).content.decode()
    assert SECTION not in landlord
