"""How many of the council's messages an applicant has not read, shown in their navigation."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.accounts.models import User
from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.pages.navigation import service_navigation
from hearth.register.models import Application
from hearth.register.selectors.messages import applicant_unread_message_count
from hearth.register.tests.factories import HouseholdFactory, MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application() -> Application:
    return HouseholdFactory(applicant=ApplicantFactory()).application


@pytest.fixture
def applicant(client: Client, application: Application) -> User:
    user = application.household.applicant
    client.force_login(user)
    return user


def navigation_of(html: str) -> str:
    """The words of the service navigation, without the markup."""
    found = re.search(r'<ul class="govuk-service-navigation__list".*?</ul>', html, re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split())


def message_table_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "register_message" in q["sql"]]


def test_the_count_is_the_councils_unread_messages_to_this_applicant(
    application: Application,
) -> None:
    # Given two unread messages from the council, one it has read, one the applicant wrote,
    # and an unread message to someone else
    first = MessageFactory(application=application)
    MessageFactory(application=application, reply_to=first)
    MessageFactory(application=application, read_at=first.sent_at)
    MessageFactory(application=application, reply_to=first, from_applicant=True)
    MessageFactory()
    actor = Actor(user=application.household.applicant, scheme=application.household.council.scheme)
    # When the applicant's unread messages are counted
    # Then only the two unread council messages to them count
    assert applicant_unread_message_count(actor=actor) == 2


def test_nobody_but_an_applicant_is_counted_or_queried(
    application: Application, django_assert_num_queries
) -> None:
    MessageFactory(application=application)
    officer = actor_for(staff_member(application.household.council, [Role.REGISTER_OFFICER]))
    with django_assert_num_queries(0):
        assert applicant_unread_message_count(actor=officer) == 0
        assert applicant_unread_message_count(actor=Actor(user=None, scheme=None)) == 0


def test_the_navigation_counts_once_however_often_the_page_asks(
    application: Application, django_assert_num_queries
) -> None:
    # Given an applicant with two unread messages
    first = MessageFactory(application=application)
    MessageFactory(application=application, reply_to=first)
    actor = Actor(user=application.household.applicant, scheme=application.household.council.scheme)
    items = service_navigation(RequestFactory().get("/account/"), actor)
    # When the header reads every item's count, twice
    with django_assert_num_queries(1):
        counts = [item.count for item in items] + [item.count for item in items]
    # Then one query answers it, and only "Messages" has a count
    assert counts == [0, 2, 0, 0, 0] * 2
    assert [str(item.label) for item in items if item.count] == ["Messages"]


def test_staff_and_visitors_navigation_runs_no_count_query(
    application: Application, django_assert_num_queries
) -> None:
    MessageFactory(application=application)
    officer = actor_for(staff_member(application.household.council, [Role.TEAM_LEADER]))
    request = RequestFactory().get("/staff/")
    for actor in (officer, Actor(user=None, scheme=None)):
        items = service_navigation(request, actor)
        with django_assert_num_queries(0):
            assert all(item.count == 0 for item in items)


def test_no_unread_messages_shows_no_count(client: Client, applicant: User) -> None:
    # Given an applicant with no unread messages
    # When they open their account
    html = client.get(reverse("accounts:applicant_home")).content.decode()
    # Then "Messages" has no count beside it
    nav = navigation_of(html)
    assert "Messages" in nav
    assert "unread" not in nav


def test_two_unread_messages_show_until_the_thread_is_read(
    client: Client, applicant: User, application: Application
) -> None:
    # Given a thread with two messages from the council the applicant has not read
    first = MessageFactory(application=application)
    MessageFactory(application=application, reply_to=first)
    # When they open any page of their account
    nav = navigation_of(client.get(reverse("register:documents")).content.decode())
    # Then "Messages" says two are unread, with the count in a tag
    assert "Messages ( 2 unread )" in nav
    html = client.get(reverse("accounts:applicant_home")).content.decode()
    # (beside "Messages", and beside "Menu", which is all a phone shows until it is opened)
    assert html.count('<strong class="govuk-tag govuk-tag--red">2 unread</strong>') == 2
    # When they read the thread
    thread = client.get(reverse("register:message", args=[first.pk])).content.decode()
    # Then the count has gone, on that page and the next
    assert "unread" not in navigation_of(thread)
    assert "unread" not in navigation_of(client.get(reverse("register:messages")).content.decode())


def test_the_count_costs_one_query_per_page(
    client: Client, applicant: User, application: Application
) -> None:
    # Given an applicant with an unread message
    MessageFactory(application=application)
    # When they open a page that shows nothing else about messages
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("register:documents")).content.decode()
    # Then the header's count is the page's only query of messages
    assert "1 unread" in navigation_of(html)
    assert len(message_table_queries(queries)) == 1


def test_staff_pages_are_unaffected(client: Client, application: Application) -> None:
    # Given unread messages to an applicant, and one of the council's officers signed in
    MessageFactory(application=application)
    officer = staff_member(application.household.council, [Role.REGISTER_OFFICER])
    client.force_login(officer.user)
    # When the officer opens their home page
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("core:staff_home")).content.decode()
    # Then no count is shown and no message is queried
    assert "unread" not in navigation_of(html)
    assert message_table_queries(queries) == []
