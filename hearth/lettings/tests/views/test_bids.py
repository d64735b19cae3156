"""The bids pages: finding a home, an advert's page and bidding there, My bids, withdrawing, and
a lettings officer's pages for an applicant's bids."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.tests.submission_support import with_token
from hearth.lettings.models import AutoBid, Bid, BidChannel, BidStatus, PropertyPhoto
from hearth.lettings.services.bids import bid_place
from hearth.lettings.tests.bids_setup import (
    CLOSES,
    NOON,
    advert_of,
    applicant_actor,
    applicant_in,
    client_of,
    cycle_open,
    lettings_officer,
    marshvale,
    northfen,
    staff_client,
)
from hearth.register.models import Application
from hearth.register.tests.workspace_setup import officer

pytestmark = pytest.mark.django_db

FIND = reverse("lettings:find_home")
MY_BIDS = reverse("lettings:bids")
# A 1x1 GIF: the smallest image a photo field accepts.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def advert_url(advert) -> str:  # type: ignore[no-untyped-def]
    return reverse("lettings:find_home_advert", kwargs={"reference": advert.reference})


def placed(application: Application, advert) -> Bid:  # type: ignore[no-untyped-def]
    return bid_place(
        actor=applicant_actor(application),
        advert=advert,
        application=application,
        channel=BidChannel.ONLINE,
    )


# --- Find a home ------------------------------------------------------------------------------


def test_anyone_finds_this_weeks_homes(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    with clock_frozen_at(NOON):
        # Given a Northfen home with a photo, advertised this week
        advert = advert_of(northfen(), property__area="Ketby")
        PropertyPhoto.objects.create(
            property=advert.property,
            image=SimpleUploadedFile("front.gif", PIXEL, content_type="image/gif"),
            alt_text="The front door, with a ramp",
        )
        # When a visitor opens the list
        page = Client().get(FIND).content.decode()
    # Then the card shows the home, its photo, rent, labels and closing time
    assert "1 home found" in page
    assert "2 bedroom flat" in page and "Ketby, MV1 2AB" in page
    assert 'alt="The front door, with a ramp"' in page
    assert "£120.70 a week (£112.50 rent and £8.20 service charge)" in page
    assert "For households that need 2 bedrooms." in page
    assert "For households with a local connection to Northfen." in page
    assert "11:59pm on Monday 15 June" in page
    assert advert_url(advert) in page
    assert "Sign in" in page and "Can I bid?" not in page


def test_filters_stay_in_the_address_and_pages() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        cycle = cycle_open()
        for _ in range(22):
            advert_of(home_council, cycle, bedrooms=1, property__area="Riverside")
        advert_of(home_council, cycle, bedrooms=3)
        client = Client()
        first = client.get(FIND, {"bedrooms": "1", "area": "marshvale-city/Riverside"})
        second = client.get(
            FIND, {"bedrooms": "1", "area": "marshvale-city/Riverside", "page": "2"}
        )
    assert "22 homes found" in first.text and "Page 1 of 2" in first.text
    assert "bedrooms=1&amp;area=marshvale-city%2FRiverside&amp;page=2" in first.text
    assert "Clear filters" in first.text
    assert second.status_code == 200 and "Page 2 of 2" in second.text


def test_a_wrong_filter_is_explained_not_a_failure() -> None:
    with clock_frozen_at(NOON):
        advert_of(marshvale())
        response = Client().get(FIND, {"bedrooms": "99", "page": "banana"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Select bedrooms from the list" in response.text
    assert "1 home found" in response.text


def test_the_list_takes_the_same_queries_for_many_homes_as_for_a_few() -> None:
    with clock_frozen_at(NOON):
        home_council, other = marshvale(), northfen()
        cycle = cycle_open()
        advert_of(home_council, cycle)
        application = applicant_in(home_council)
        client = client_of(application)
        client.get(FIND)  # the policies' documents are read once per process

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(FIND).status_code == 200
            return len(captured)

        few = queries()
        for _ in range(15):
            advert_of(other, cycle, connection_scope="partners")
            advert_of(home_council, cycle, property__area="Riverside")
        client.get(FIND)
        assert queries() <= few + 5  # full facts, read once, for the homes open to partners


def test_a_signed_in_applicant_sees_whether_they_can_bid_for_each_home() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        cycle = cycle_open()
        advert_of(home_council, cycle)
        advert_of(home_council, cycle, bedrooms=4)
        page = client_of(applicant_in(home_council)).get(FIND).text
    assert page.count("Can I bid?") == 2
    assert "This home is for households that need 4 bedrooms. You need 2." in page


# --- An advert's page, and bidding --------------------------------------------------------------


def test_a_visitor_sees_the_home_and_is_asked_to_sign_in() -> None:
    with clock_frozen_at(NOON):
        advert = advert_of(marshvale(), description="A bright flat near the river.")
        page = Client().get(advert_url(advert)).text
    assert "A bright flat near the river." in page
    assert "Sign in</a> to see if you can bid for this home." in page
    assert 'method="post"' not in page.split("<main", 1)[1]


def test_an_applicant_bids_and_sees_their_place() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council, band="B")
        placed(applicant_in(home_council, band="A"), advert)
        client = client_of(application)
        # Given the page says they may bid
        before = client.get(advert_url(advert)).text
        # When they press Bid
        response = client.post(advert_url(advert), with_token({}))
        after = client.get(response["Location"]).text
    assert "Yes, you can bid for this home." in before
    assert "You can bid for up to 3 homes each week." in before
    assert response.status_code == 302
    bid = Bid.objects.get(application=application)
    assert (bid.status, bid.channel) == (BidStatus.LIVE, BidChannel.ONLINE)
    # Then they see their live position and how it was worked out, and can withdraw
    assert "You have bid for this home." in after
    assert "You are 2nd of 2 so far." in after
    assert "How your place was worked out" in after
    assert "highest band first, then earliest priority date first" in after
    assert reverse("lettings:bid_withdraw", kwargs={"pk": bid.pk}) in after


def test_the_answer_to_a_bid_asks_can_i_bid_no_more() -> None:
    with clock_frozen_at(NOON):
        # Given an applicant's page before they bid (the policy's document already read)
        home_council = marshvale()
        advert = advert_of(home_council)
        placed(applicant_in(home_council, band="A"), advert)
        client = client_of(applicant_in(home_council, band="B"))
        client.get(advert_url(advert))
        with CaptureQueriesContext(connection) as before:
            client.get(advert_url(advert))
        response = client.post(advert_url(advert), with_token({}))
        client.get(response["Location"])  # the notice of the bid, shown once
        # When they see the page with their bid
        with CaptureQueriesContext(connection) as after:
            page = client.get(advert_url(advert)).text
    # Then it shows their place, without working out again whether they may bid: ranking
    # the advert's bids costs no more queries than the question it replaces
    assert "You are 2nd of 2 so far." in page and "Can I bid?" not in page
    assert len(after) <= len(before)


def test_a_bid_sent_twice_is_placed_once() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        client = client_of(applicant_in(home_council))
        token = uuid.uuid4()
        client.post(advert_url(advert), with_token({}, token))
        again = client.post(advert_url(advert), with_token({}, token), follow=True)
    assert Bid.objects.count() == 1
    assert "Your bid was recorded once." in again.text


def test_a_refused_bid_shows_the_reason_and_records_nothing() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council, minimum_age=60)
        client = client_of(applicant_in(home_council))
        page = client.get(advert_url(advert)).text
        response = client.post(advert_url(advert), with_token({}))
    assert "No. This home is for people aged 60 or over." in page
    assert "Bid for this home" not in page
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "This home is for people aged 60 or over." in response.text
    assert not Bid.objects.exists()


def test_a_late_bid_is_refused_with_when_bidding_closed() -> None:
    home_council = marshvale()
    advert = advert_of(home_council)
    client = client_of(applicant_in(home_council))
    with clock_frozen_at(CLOSES + dt.timedelta(seconds=1)):
        response = client.post(advert_url(advert), with_token({}))
    assert response.status_code == 200
    assert "Bidding for this home closed at 11:59pm on Monday 15 June." in response.text
    assert not Bid.objects.exists()


def test_only_applicants_bid_on_the_page() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        anonymous = Client().post(advert_url(advert), with_token({}))
        staff = staff_client(lettings_officer(home_council)).post(advert_url(advert), {})
        missing = Client().get(reverse("lettings:find_home_advert", kwargs={"reference": "NOPE"}))
    assert anonymous.status_code == 302 and "sign-in" in anonymous["Location"]
    assert staff.status_code == 403
    assert missing.status_code == 404
    assert not Bid.objects.exists()


# --- My bids and withdrawing ------------------------------------------------------------------


def test_my_bids_shows_each_bid_with_its_place() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        advert = advert_of(home_council)
        bid = placed(application, advert)
        page = client_of(application).get(MY_BIDS).text
    assert advert.reference in page and "You are 1st of 1 so far." in page
    assert reverse("lettings:bid_withdraw", kwargs={"pk": bid.pk}) in page
    assert "15 June 2026 at midday" in page


def test_my_bids_is_an_honest_empty_list() -> None:
    with clock_frozen_at(NOON):
        page = client_of(applicant_in(marshvale())).get(MY_BIDS).text
    assert "You have not bid for any homes yet" in page
    assert FIND in page


def test_withdrawing_a_bid() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        bid = placed(application, advert_of(home_council))
        client = client_of(application)
        url = reverse("lettings:bid_withdraw", kwargs={"pk": bid.pk})
        confirm = client.get(url)
        done = client.post(url, {})
        twice = client.post(url, {})
    assert confirm.status_code == 200 and "Withdraw your bid" in confirm.text
    assert done.status_code == 302 and done["Location"] == MY_BIDS
    bid.refresh_from_db()
    assert bid.status == BidStatus.WITHDRAWN
    assert twice.status_code == 200 and "This bid has already been withdrawn." in twice.text


def test_another_applicants_bid_cannot_be_withdrawn() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        bid = placed(applicant_in(home_council), advert_of(home_council))
        url = reverse("lettings:bid_withdraw", kwargs={"pk": bid.pk})
        response = client_of(applicant_in(home_council)).post(url, {})
    assert response.status_code == 404


# --- A lettings officer and an applicant's bids -----------------------------------------------


def test_an_officer_bids_for_an_applicant_by_phone() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council)
        application = applicant_in(home_council)
        client = staff_client(lettings_officer(home_council))
        url = reverse("lettings:application_bids", kwargs={"pk": application.pk})
        page = client.get(url).text
        response = client.post(url, with_token({"advert": str(advert.pk), "channel": "phone"}))
        after = client.get(url).text
    assert advert.reference in page and "Automatic bidding" in page
    assert response.status_code == 302
    bid = Bid.objects.get()
    assert (bid.channel, bid.application) == (BidChannel.PHONE, application)
    assert "Bid placed for the applicant on" in after
    assert "The applicant is 1st of 1 so far." in after


def test_an_officers_bid_form_shows_what_is_missing_and_why_a_bid_is_refused() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        advert = advert_of(home_council, bedrooms=3)
        application = applicant_in(home_council)
        client = staff_client(lettings_officer(home_council))
        url = reverse("lettings:application_bids", kwargs={"pk": application.pk})
        empty = client.post(url, with_token({}))
        refused = client.post(url, with_token({"advert": str(advert.pk), "channel": "in_person"}))
    assert empty.status_code == 200
    assert "Select the home to bid for" in empty.text
    assert "Select how the applicant asked you to bid" in empty.text
    assert "This home is for households that need 3 bedrooms. You need 2." in refused.text
    assert f'value="{advert.pk}" selected' in refused.text
    assert not Bid.objects.exists()


def test_officers_of_another_council_do_not_see_the_applicant() -> None:
    with clock_frozen_at(NOON):
        application = applicant_in(marshvale())
        client = staff_client(lettings_officer(northfen()))
        response = client.get(reverse("lettings:application_bids", kwargs={"pk": application.pk}))
    assert response.status_code == 404


def test_switching_automatic_bidding_on_and_off() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        client = staff_client(lettings_officer(home_council))
        url = reverse("lettings:auto_bid", kwargs={"pk": application.pk})
        blank = client.post(url, {"reason": ""})
        on = client.post(url, {"reason": "Has no internet access"})
        switched = AutoBid.objects.get(application=application)
        off_page = client.get(url).text
        off = client.post(url, {"reason": "Bids with a support worker now"})
    assert "Enter why the applicant needs automatic bidding" in blank.text
    assert on.status_code == 302 and switched.reason == "Has no internet access"
    assert "Why are you switching automatic bidding off?" in off_page
    assert off.status_code == 302 and not AutoBid.objects.exists()


def test_an_officer_withdraws_a_bid_for_the_applicant() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        bid = placed(application, advert_of(home_council))
        client = staff_client(lettings_officer(home_council))
        url = reverse("lettings:officer_bid_withdraw", kwargs={"pk": bid.pk})
        assert client.get(url).status_code == 200
        response = client.post(url, {})
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.status == BidStatus.WITHDRAWN


def test_the_application_page_links_lettings_officers_to_the_applicants_bids() -> None:
    with clock_frozen_at(NOON):
        home_council = marshvale()
        application = applicant_in(home_council)
        url = reverse("register:application", kwargs={"pk": application.pk})
        lettings = staff_client(lettings_officer(home_council)).get(url).text
        register = staff_client(officer(home_council, Role.REGISTER_OFFICER)).get(url).text
    bids_url = reverse("lettings:application_bids", kwargs={"pk": application.pk})
    assert bids_url in lettings
    assert bids_url not in register


def test_only_the_applications_own_councils_lettings_officers_get_the_bids_link() -> None:
    with clock_frozen_at(NOON):
        # Given a Marshvale application, and a Northfen lettings officer who may see
        # nothing of it (a register officer of Marshvale sees the page without the link)
        home_council, elsewhere = marshvale(), northfen()
        application = applicant_in(home_council)
        url = reverse("register:application", kwargs={"pk": application.pk})
        bids_url = reverse("lettings:application_bids", kwargs={"pk": application.pk})
        # When each opens the application's page
        stranger = staff_client(lettings_officer(elsewhere)).get(url)
        own = staff_client(lettings_officer(home_council)).get(url)
    # Then only the council's own lettings officer is offered the bids page
    assert bids_url in own.text
    assert stranger.status_code in (403, 404) or bids_url not in stranger.text
