"""Starting an application, and adding someone or a place to it, happen once however many times
the form is sent (docs/adr/0014): a one-time form token, or the state re-checked under a lock."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory, staff_member
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.forms.submissions import FIELD
from hearth.core.tests.submission_support import with_token
from hearth.register.models import Application, Household, Period, PeriodKind, Person
from hearth.register.tests.apply_setup import NOON, council_with_policy, signed_in_with_draft
from hearth.register.views.apply_applicant import POSTCODE_KEY

pytestmark = pytest.mark.django_db

SOMEONE = {"contact_name": "Hal Jones", "contact_phone": "01632 960 001", "postcode": "MV1 1AA"}
CHILD = {
    "full_name": "Gus Carter",
    "relationship": "child",
    "date_of_birth_day": "1",
    "date_of_birth_month": "2",
    "date_of_birth_year": "2019",
    "sex": "male",
}
# Tabs sending the same start at once: enough that some of them overlap every time.
TABS = 6
SINCE_2020 = {"start_day": "1", "start_month": "1", "start_year": "2020"}
PLACES = {
    "addresses": (
        PeriodKind.RESIDENCE,
        {
            "address": "9 Fen Road",
            "postcode": "MV1 9ZZ",
            "start_day": "1",
            "start_month": "1",
            "start_year": "2010",
            "end_day": "31",
            "end_month": "12",
            "end_year": "2014",
        },
        "This address was already added",
    ),
    "work": (
        PeriodKind.WORK,
        {
            "detail": "Marshvale Bakery",
            "address": "2 High St",
            "postcode": "MV1 1AA",
            "hours_per_week": "20",
            **SINCE_2020,
        },
        "This job was already added",
    ),
    "family": (
        PeriodKind.FAMILY,
        {"detail": "Mother", "address": "2 Green Lane", "postcode": "MV1 3EF", **SINCE_2020},
        "This relative was already added",
    ),
}


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


@pytest.fixture
def draft() -> tuple[Client, Application]:
    client, application, _actor = signed_in_with_draft()
    return client, application


def officer_client() -> Client:
    client = Client()
    client.force_login(staff_member(council_with_policy(), [Role.REGISTER_OFFICER]).user)
    return client


def sent_twice(client: Client, url: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The same form sent twice in a row (the back button, then the button again); the first
    response, and the second followed to where it leads."""
    posted = with_token(data)
    first = client.post(url, posted)
    assert first.status_code == 302
    return first, client.post(url, posted, follow=True)


def test_the_start_for_someone_form_carries_a_new_token_each_time_it_is_shown() -> None:
    client = officer_client()
    url = reverse("register:assisted_start")
    first, second = (client.get(url) for _ in range(2))
    assert f'name="{FIELD}"' in first.content.decode()
    assert first.context["form"].initial[FIELD] != second.context["form"].initial[FIELD]


def test_an_application_started_for_someone_twice_is_started_once() -> None:
    # Given an officer who has started an application for someone without an account
    client = officer_client()
    # When the same form is sent again (the back button, then "Start application")
    first, again = sent_twice(client, reverse("register:assisted_start"), SOMEONE)
    # Then there is one household, and the second post leads to its task list too
    household = Household.objects.get()
    assert household.contact_name == "Hal Jones"
    assert Application.objects.count() == 1
    tasks = reverse("register:assisted_tasks", kwargs={"pk": household.application.pk})
    assert first.url == tasks
    assert again.redirect_chain[-1][0] == tasks
    assert "This application was already started" in again.content.decode()


def test_someone_added_twice_is_added_once(draft: tuple[Client, Application]) -> None:
    # Given an applicant who has added their son (the page carries a one-time token)
    client, application = draft
    url = reverse("register:apply_people_add")
    assert f'name="{FIELD}"' in client.get(url).content.decode()
    # When the same form is sent again
    first, again = sent_twice(client, url, CHILD)
    # Then he is in the household once, and both posts lead to the same page
    assert (
        Person.objects.filter(household=application.household, full_name="Gus Carter").count() == 1
    )
    assert again.redirect_chain[-1][0] == first.url
    assert "This person was already added" in again.content.decode()


@pytest.mark.parametrize("section", PLACES)
def test_a_place_added_twice_is_added_once(section: str, draft: tuple[Client, Application]) -> None:
    # Given an applicant who has added an address, a job or a relative (with a one-time token)
    client, application = draft
    kind, data, notice = PLACES[section]
    before = Period.objects.filter(household=application.household, kind=kind).count()
    url = reverse(f"register:apply_{section}_add")
    assert f'name="{FIELD}"' in client.get(url).content.decode()
    # When the same form is sent again
    first, again = sent_twice(client, url, data)
    # Then it is listed once, and both posts lead to the same page
    assert Period.objects.filter(household=application.household, kind=kind).count() == before + 1
    assert again.redirect_chain[-1][0] == first.url
    assert notice in again.content.decode()


def test_an_officer_adding_someone_twice_adds_them_once() -> None:
    # Given an officer filling in an application for someone
    client = officer_client()
    client.post(reverse("register:assisted_start"), with_token(SOMEONE))
    application = Application.objects.get()
    lead = {**CHILD, "full_name": "Hal Jones", "date_of_birth_year": "1980"}
    details = reverse(
        "register:assisted_step",
        kwargs={"pk": application.pk, "section": "about-you", "step": "details"},
    )
    client.post(details, {key: value for key, value in lead.items() if key != "relationship"})
    # When they add his son and the form is sent twice
    sent_twice(
        client, reverse("register:assisted_people_add", kwargs={"pk": application.pk}), CHILD
    )
    # Then the son is in the household once
    names = Person.objects.filter(household=application.household).values_list("full_name")
    assert sorted(name for (name,) in names) == ["Gus Carter", "Hal Jones"]


def test_changing_someone_needs_no_token_and_can_be_sent_again(
    draft: tuple[Client, Application],
) -> None:
    # Given someone in the household
    client, application = draft
    client.post(reverse("register:apply_people_add"), with_token(CHILD))
    son = Person.objects.get(household=application.household, full_name="Gus Carter")
    change = reverse("register:apply_people_change", kwargs={"person": son.pk})
    # When their details are changed twice from the same page (no token: it sets the answers)
    for name in ("Gus Carter-Price", "Angus Carter"):
        assert client.post(change, {**CHILD, "full_name": name}).status_code == 302
    # Then the last answers stand, on the same person
    son.refresh_from_db()
    assert son.full_name == "Angus Carter"
    assert f'name="{FIELD}"' not in client.get(change).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_an_applicant_starting_twice_at_the_same_moment_starts_one_application() -> None:
    # Given an applicant who has chosen their council in several tabs
    with clock_frozen_at(NOON):
        user = ApplicantFactory()
        council = council_with_policy()
        url = reverse("register:apply_council")
        clients = []
        for _tab in range(TABS):
            client = Client()
            client.force_login(user)
            session = client.session
            session[POSTCODE_KEY] = "MV1 2AB"
            session.save()
            clients.append(client)
        barrier = threading.Barrier(len(clients))
        statuses: list[int] = []

        def send(client: Client) -> None:
            try:
                barrier.wait()
                statuses.append(client.post(url, {"council": str(council.pk)}).status_code)
            finally:
                connections.close_all()

        # When every tab sends it at the same moment
        threads = [threading.Thread(target=send, args=(client,)) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # Then one application is started; the other posts are refused or sent to the account
    assert len(statuses) == TABS
    assert set(statuses) <= {200, 302}
    assert Application.objects.filter(household__applicant=user).count() == 1
