"""A decision is recorded once however many times its form is sent (one-time form token)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core.access.roles import Role
from hearth.core.clock import LONDON, clock_frozen_at
from hearth.core.forms.submissions import FIELD
from hearth.core.models import FormSubmission
from hearth.core.tests.submission_support import with_token
from hearth.register.models import Decision, DecisionKind, Household, Message
from hearth.register.tests.decisions_setup import (
    RICH,
    application_of,
    council_with_policy,
    household_on,
    today,
)

pytestmark = pytest.mark.django_db
__all__ = ["today"]


def officer_client(household: Household) -> Client:
    client = Client()
    client.force_login(staff_member(household.council, [Role.REGISTER_OFFICER]).user)
    return client


def decide_url(household: Household) -> str:
    return reverse("register:decision_new", kwargs={"pk": application_of(household).pk})


def test_the_decide_form_carries_a_new_token_each_time_it_is_shown(today: dt.date) -> None:
    household = household_on(council_with_policy())
    client = officer_client(household)
    first, second = (client.get(decide_url(household)).context["form"] for _ in range(2))
    assert f'name="{FIELD}"' in str(first)
    assert first.initial[FIELD] != second.initial[FIELD]


def test_sending_the_decision_twice_records_it_once(today: dt.date) -> None:
    # Given an officer who has recorded a decision
    household = household_on(council_with_policy())
    client = officer_client(household)
    posted = with_token({"kind": DecisionKind.ACCEPTED, "note": "Welcome"})
    assert client.post(decide_url(household), posted).status_code == 302
    # When the same form is sent again (the back button, then "Record the decision")
    again = client.post(decide_url(household), posted, follow=True)
    # Then nothing more is recorded or sent, and the officer is told so on the application page
    assert Decision.objects.count() == 1
    assert Message.objects.filter(application=application_of(household)).count() == 1
    assert again.redirect_chain[-1][0] == reverse(
        "register:application", kwargs={"pk": application_of(household).pk}
    )
    assert "This decision was already recorded" in again.content.decode()


def test_a_refused_decision_can_be_corrected_and_sent_with_the_same_token(today: dt.date) -> None:
    # Given a decision the assessment does not support, refused
    household = household_on(council_with_policy(), **RICH)
    client = officer_client(household)
    token = uuid.uuid4()
    refused = client.post(decide_url(household), with_token({"kind": "accepted"}, token))
    assert refused.status_code == 200
    # When the officer corrects it and sends the same form
    sent = client.post(decide_url(household), with_token({"kind": "not_qualifying"}, token))
    # Then it is recorded: the refused post did not spend the token
    assert sent.status_code == 302
    assert Decision.objects.get().kind == DecisionKind.NOT_QUALIFYING


def test_a_post_without_a_token_is_refused_and_the_form_can_be_sent_again(today: dt.date) -> None:
    household = household_on(council_with_policy())
    client = officer_client(household)
    response = client.post(decide_url(household), {"kind": DecisionKind.ACCEPTED, "note": "Kept"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This page was out of date" in page
    assert "Kept" in page
    assert not Decision.objects.exists()
    fresh = response.context["form"].data[FIELD]
    assert client.post(decide_url(household), response.context["form"].data).status_code == 302
    assert FormSubmission.objects.filter(token=fresh).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_posts_of_one_decision_record_one_decision_and_one_message() -> None:
    # Given an officer's decision form, sent 20 times at the same moment
    with clock_frozen_at(dt.datetime(2026, 6, 15, 10, 0, tzinfo=LONDON)):
        household = household_on(council_with_policy())
        member = staff_member(household.council, [Role.REGISTER_OFFICER])
        posted = with_token({"kind": DecisionKind.ACCEPTED, "note": "Welcome"})
        url = decide_url(household)
        barrier = threading.Barrier(20)
        statuses: list[int] = []

        def send() -> None:
            try:
                client = Client()
                client.force_login(member.user)
                barrier.wait()
                statuses.append(client.post(url, posted).status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=send) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # Then every post ends on the application page, and one decision and one message exist
    assert statuses == [302] * 20
    assert Decision.objects.count() == 1
    assert Message.objects.filter(application=application_of(household)).count() == 1
