"""Advert pages: a landlord advertises a home, changes, sends and withdraws the advert; a
lettings officer approves or returns it; both home pages show the work waiting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.core.tests.submission_support import with_token
from hearth.lettings.models import Advert, AdvertStatus
from hearth.lettings.tests.homes_setup import (
    NOON,
    PLAN,
    TODAY,
    advert_form_data,
    advert_of,
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


@pytest.fixture
def council() -> Organisation:
    return council_with_policy()


@pytest.fixture
def member() -> Membership:
    return landlord_staff()


@pytest.fixture
def client(member: Membership) -> Client:
    return signed_in(member)


def html_of(response: Any) -> str:
    return str(response.content.decode())


def officer_client(council: Organisation, role: str = Role.LETTINGS_OFFICER) -> Client:
    return signed_in(staff_member(council, [role]))


# --- Advertising a home ------------------------------------------------------------------------


def test_the_advert_form_starts_from_the_home(
    client: Client, member: Membership, council: Organisation
) -> None:
    home = home_of(member.organisation, council, bedrooms=3)
    html = html_of(client.get(reverse("lettings:advert_new", args=[home.pk])))
    assert 'name="max_bedroom_need" value="3"' in html
    assert "Rural exception site" in html  # the council's local lettings plan


def test_a_landlord_saves_a_draft_advert(
    client: Client, member: Membership, council: Organisation
) -> None:
    home = home_of(member.organisation, council)
    response = client.post(
        reverse("lettings:advert_new", args=[home.pk]),
        with_token(advert_form_data(lettings_plan=PLAN, connection_scope="plan")),
    )
    advert = Advert.objects.get()
    assert response["Location"] == reverse("lettings:advert", args=[advert.pk])
    assert (advert.status, advert.lettings_plan, advert.connection_scope) == (
        "draft",
        PLAN,
        "plan",
    )
    html = html_of(client.get(response["Location"]))
    assert "Advert saved as a draft" in html
    assert "Rural exception site" in html
    assert reverse("lettings:advert_submit", args=[advert.pk]) in html


def test_contradictory_labels_are_shown_by_their_fields_and_in_the_summary(
    client: Client, member: Membership, council: Organisation
) -> None:
    home = home_of(member.organisation, council)
    yesterday = TODAY - dt.timedelta(days=1)
    response = client.post(
        reverse("lettings:advert_new", args=[home.pk]),
        with_token(
            advert_form_data(
                min_bedroom_need="2",
                max_bedroom_need="1",
                minimum_age="60",
                available_from_day=str(yesterday.day),
                available_from_month=str(yesterday.month),
                available_from_year=str(yesterday.year),
            )
        ),
    )
    html = html_of(response)
    assert response.status_code == 200
    for message in (
        "The smallest bedroom need (2) must not be more than the largest (1)",
        "An age limit is for older persons&#x27; homes",
        "The date the home is available from must be today or in the future",
    ):
        assert html.count(message) == 2, message
    assert 'href="#id_min_bedroom_need"' in html
    assert 'href="#id_minimum_age"' in html
    assert not Advert.objects.exists()


def test_a_need_above_the_homes_bedrooms_is_refused(
    client: Client, member: Membership, council: Organisation
) -> None:
    home = home_of(member.organisation, council)
    response = client.post(
        reverse("lettings:advert_new", args=[home.pk]),
        with_token(advert_form_data(max_bedroom_need="4")),
    )
    assert html_of(response).count("it cannot be for households that need 4") == 2


@pytest.mark.parametrize(
    "garbage",
    [
        {},
        {"min_bedroom_need": "-1", "max_bedroom_need": "ten", "connection_scope": "moon"},
        {"lettings_plan": "x" * 500, "pets": "dragons", "available_from_day": "31"},
        {"minimum_age": "1e10", "available_from_day": "31", "available_from_month": "2"},
    ],
)
def test_garbage_is_refused_on_the_form(
    client: Client, member: Membership, council: Organisation, garbage: dict[str, str]
) -> None:
    home = home_of(member.organisation, council)
    response = client.post(reverse("lettings:advert_new", args=[home.pk]), with_token(garbage))
    assert response.status_code == 200
    assert "govuk-error-summary" in html_of(response)
    assert not Advert.objects.exists()


def test_sending_the_new_advert_twice_makes_one(
    client: Client, member: Membership, council: Organisation
) -> None:
    home = home_of(member.organisation, council)
    data = with_token(advert_form_data())
    url = reverse("lettings:advert_new", args=[home.pk])
    first = client.post(url, data)
    second = client.post(url, data)
    assert Advert.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_a_home_with_an_open_advert_leads_to_it(
    client: Client, member: Membership, council: Organisation
) -> None:
    home = home_of(member.organisation, council)
    advert = advert_of(home, AdvertStatus.LIVE, reference="EA-A00009")
    response = client.get(reverse("lettings:advert_new", args=[home.pk]))
    assert response["Location"] == reverse("lettings:advert", args=[advert.pk])


def test_a_council_that_does_not_advertise_says_so(client: Client, member: Membership) -> None:
    council = council_with_policy("kingsbarrow", council_status=CouncilStatus.TRADITIONAL)
    home = home_of(member.organisation, council, area="")
    url = reverse("lettings:advert_new", args=[home.pk])
    assert "does not advertise homes" in html_of(client.get(url))
    assert "does not advertise homes" in html_of(client.post(url, with_token(advert_form_data())))
    assert not Advert.objects.exists()


# --- Changing, sending and withdrawing ---------------------------------------------------------


def test_a_draft_is_changed_then_sent(
    client: Client, member: Membership, council: Organisation
) -> None:
    advert = advert_of(home_of(member.organisation, council))
    edit = reverse("lettings:advert_edit", args=[advert.pk])
    assert client.post(edit, advert_form_data(pets="allowed"))["Location"] == reverse(
        "lettings:advert", args=[advert.pk]
    )
    send = reverse("lettings:advert_submit", args=[advert.pk])
    assert "Check the advert before you send it" in html_of(client.get(send))
    response = client.post(send)
    advert.refresh_from_db()
    assert (advert.pets, advert.status) == ("allowed", AdvertStatus.SUBMITTED)
    assert "A lettings officer will approve it" in html_of(client.get(response["Location"]))
    # Sent twice: told where it stands, nothing changes
    assert "already been sent" in html_of(client.get(send))
    # And it can no longer be changed
    assert client.get(edit)["Location"] == reverse("lettings:advert", args=[advert.pk])


def test_labels_out_of_date_at_sending_are_listed_with_a_link_to_change_them(
    client: Client, member: Membership, council: Organisation
) -> None:
    advert = advert_of(
        home_of(member.organisation, council), available_from=TODAY - dt.timedelta(days=2)
    )
    response = client.post(reverse("lettings:advert_submit", args=[advert.pk]))
    html = html_of(response)
    assert response.status_code == 200
    assert "must be today or in the future" in html
    assert reverse("lettings:advert_edit", args=[advert.pk]) in html
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.DRAFT


def test_a_returned_advert_shows_what_to_change(
    client: Client, member: Membership, council: Organisation
) -> None:
    advert = advert_of(
        home_of(member.organisation, council),
        AdvertStatus.RETURNED,
        returned_reason="Add the viewing arrangements",
    )
    assert "Add the viewing arrangements" in html_of(
        client.get(reverse("lettings:advert", args=[advert.pk]))
    )
    assert "Add the viewing arrangements" in html_of(
        client.get(reverse("lettings:advert_edit", args=[advert.pk]))
    )


def test_a_live_advert_is_withdrawn_with_a_reason(
    client: Client, member: Membership, council: Organisation
) -> None:
    home = home_of(member.organisation, council)
    advert = advert_of(home, AdvertStatus.LIVE)
    url = reverse("lettings:advert_withdraw", args=[advert.pk])
    assert "people may already have bid" in html_of(client.get(url))
    refused = html_of(client.post(url, {"reason": ""}))
    assert refused.count("Enter why you are withdrawing the advert") == 2
    response = client.post(url, {"reason": "The tenant is staying"})
    assert response["Location"] == reverse("lettings:home", args=[home.pk])
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.WITHDRAWN
    assert "The tenant is staying" in html_of(
        client.get(reverse("lettings:advert", args=[advert.pk]))
    )
    # The home can be advertised again
    assert reverse("lettings:advert_new", args=[home.pk]) in html_of(
        client.get(response["Location"])
    )


def test_another_landlords_advert_is_not_found(client: Client, council: Organisation) -> None:
    advert = advert_of(home_of(OrganisationFactory(landlord=True), council))
    for name in ("advert", "advert_edit", "advert_submit", "advert_withdraw"):
        assert client.get(reverse(f"lettings:{name}", args=[advert.pk])).status_code == 404
    assert client.post(reverse("lettings:advert_submit", args=[advert.pk])).status_code == 404


# --- Approving ---------------------------------------------------------------------------------


def sent_advert(council: Organisation, days_ago: int = 0, **fields: Any) -> Advert:
    return advert_of(
        home_of(OrganisationFactory(landlord=True), council),
        AdvertStatus.SUBMITTED,
        submitted_at=NOON - dt.timedelta(days=days_ago),
        **fields,
    )


def test_the_queue_lists_the_councils_sent_adverts_in_few_queries(
    council: Organisation, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        sent_advert(council, days_ago=n, reference=f"EA-A0000{n}")
    officer = officer_client(council)
    url = reverse("lettings:advert_approvals")
    with django_assert_max_num_queries(9) as few:
        html = html_of(officer.get(url))
    assert html.index("EA-A00002") < html.index("EA-A00000")  # the oldest first
    assert "2 days ago" in html
    for _ in range(10):
        sent_advert(council)
    with django_assert_max_num_queries(len(few)):
        officer.get(url)


def test_an_officer_approves_an_advert(council: Organisation) -> None:
    advert = sent_advert(council)
    officer = officer_client(council)
    url = reverse("lettings:advert_review", args=[advert.pk])
    page = html_of(officer.get(url))
    assert advert.reference in page and "Flat" in page
    response = officer.post(url, {"decision": "approve"})
    assert response["Location"] == reverse("lettings:advert_approvals")
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.APPROVED
    # Posted again from the same page: told it is decided, never an error page
    again = html_of(officer.post(url, {"decision": "return", "returned_reason": "x"}))
    assert "no longer waiting for approval: it is approved" in again


def test_returning_needs_a_reason_shown_by_the_field(council: Organisation) -> None:
    advert = sent_advert(council)
    officer = officer_client(council, Role.TEAM_LEADER)
    url = reverse("lettings:advert_review", args=[advert.pk])
    html = html_of(officer.post(url, {"decision": "return", "returned_reason": " "}))
    assert html.count("Enter what the landlord needs to change") == 2
    officer.post(url, {"decision": "return", "returned_reason": "Add the rent"})
    advert.refresh_from_db()
    assert (advert.status, advert.returned_reason) == ("returned", "Add the rent")


@pytest.mark.parametrize("garbage", [{}, {"decision": "maybe"}, {"decision": ["approve", "x"]}])
def test_garbage_decisions_are_refused_on_the_form(
    council: Organisation, garbage: dict[str, Any]
) -> None:
    advert = sent_advert(council)
    response = officer_client(council).post(
        reverse("lettings:advert_review", args=[advert.pk]), garbage
    )
    assert response.status_code == 200
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.SUBMITTED


def test_other_councils_officers_and_landlords_cannot_decide(council: Organisation) -> None:
    advert = sent_advert(council)
    url = reverse("lettings:advert_review", args=[advert.pk])
    assert officer_client(council_with_policy()).get(url).status_code == 404
    assert signed_in(landlord_staff(advert.property.landlord)).get(url).status_code == 403


# --- The home pages ----------------------------------------------------------------------------


def test_the_landlord_home_page_shows_adverts_to_finish_and_waiting(
    client: Client, member: Membership, council: Organisation
) -> None:
    returned = advert_of(
        home_of(member.organisation, council, address="7 Kiln Row"),
        AdvertStatus.RETURNED,
        returned_reason="Add the rent",
        reference="EA-A00011",
    )
    advert_of(home_of(member.organisation, council, address="9 Dyke End"), AdvertStatus.SUBMITTED)
    html = html_of(client.get(reverse("core:landlord_home")))
    assert "Adverts to finish" in html
    assert reverse("lettings:advert", args=[returned.pk]) in html
    assert "EA-A00011. The council says: Add the rent" in html
    assert "Waiting for the council&#x27;s approval" in html and "9 Dyke End" in html
    assert "Advertised now" not in html


def test_adverts_to_finish_lists_only_drafts_and_returned_adverts(
    client: Client, member: Membership, council: Organisation
) -> None:
    # Given a landlord with a draft, a returned advert and a live one
    draft = advert_of(home_of(member.organisation, council, address="1 Draft Lane"))
    returned = advert_of(
        home_of(member.organisation, council, address="2 Returned Row"), AdvertStatus.RETURNED
    )
    live = advert_of(
        home_of(member.organisation, council, address="3 Live Street"), AdvertStatus.LIVE
    )
    # When they open their home page
    html = html_of(client.get(reverse("core:landlord_home")))
    # Then "Adverts to finish" holds the draft and the returned one; the live one is advertised
    to_finish = html[html.index("Adverts to finish") : html.index("Advertised now")]
    assert reverse("lettings:advert", args=[draft.pk]) in to_finish
    assert reverse("lettings:advert", args=[returned.pk]) in to_finish
    assert "3 Live Street" not in to_finish
    assert reverse("lettings:advert", args=[live.pk]) in html[html.index("Advertised now") :]


def test_a_landlord_with_nothing_in_progress_is_pointed_to_their_homes(client: Client) -> None:
    html = html_of(client.get(reverse("core:landlord_home")))
    assert "You have no adverts in progress" in html
    assert reverse("lettings:homes") in html


def test_the_staff_home_page_counts_adverts_waiting_for_approval(council: Organisation) -> None:
    sent_advert(council)
    sent_advert(council)
    html = html_of(officer_client(council).get(reverse("core:staff_home")))
    assert "Adverts waiting for approval" in html and "2 adverts" in html
    register_officer = officer_client(council, Role.REGISTER_OFFICER)
    assert "Adverts waiting for approval" not in html_of(
        register_officer.get(reverse("core:staff_home"))
    )


def test_the_navigation_leads_landlords_to_homes_and_officers_to_approvals(
    client: Client, council: Organisation
) -> None:
    assert reverse("lettings:homes") in html_of(client.get(reverse("core:landlord_home")))
    officer = html_of(officer_client(council).get(reverse("core:staff_home")))
    assert f'href="{reverse("lettings:advert_approvals")}"' in officer
