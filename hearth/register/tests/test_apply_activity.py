"""What each adult does (work, training, volunteering, ...) and their hours a week: one page per
adult, with the hours question revealed under its answer. The reveal works without JavaScript,
so the hours are checked on the server, and only the hours for the chosen answer are kept."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.tests.submission_support import with_token
from hearth.register.models import Application, Person, Relationship, Sex
from hearth.register.rules import apply_sections as routing
from hearth.register.selectors.apply import apply_record
from hearth.register.services.household import person_save
from hearth.register.tests.apply_setup import (
    NOON,
    TODAY,
    on_application,
    signed_in_with_draft,
)
from hearth.register.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


@pytest.fixture
def draft() -> tuple[Client, Application, Actor]:
    return signed_in_with_draft()


def person(application: Application, name: str) -> Person:
    return Person.objects.get(household=application.household, full_name=name)


def step_url(who: Person) -> str:
    return reverse("register:apply_step", kwargs={"section": "activity", "step": str(who.pk)})


def field_value(html: str, name: str) -> str | None:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    if found is None:
        return None
    value = re.search(r'value="([^"]*)"', found.group(0))
    return value.group(1) if value else ""


def test_the_page_reveals_the_hours_question_under_each_answer_with_hours(draft: Any) -> None:
    client, application, _actor = draft
    page = client.get(step_url(person(application, "Alex Carter"))).text
    assert "What do you do?" in page
    # the hours for paid work, self-employment, training and volunteering: each once, inside
    # its answer's conditional reveal, which the radio controls
    for index, name in enumerate(
        ("hours_employed", "hours_self_employed", "hours_training", "hours_volunteering")
    ):
        assert page.count(f'name="{name}"') == 1
        reveal = re.search(
            rf'<div class="govuk-radios__conditional govuk-radios__conditional--hidden" '
            rf'id="conditional-id_economic_activity_{index}">(.*?)</div>\s*</div>\s*</div>',
            page,
            re.S,
        )
        assert reveal is not None and f'name="{name}"' in reveal.group(1)
        assert f'data-hearth-reveals="conditional-id_economic_activity_{index}"' in page
    # and no hours under the answers that have none
    assert "conditional-id_economic_activity_4" not in page
    assert "(optional)" not in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter how many hours a week you are in paid work"),
        ("about 20", "Hours a week must be a whole number, like 16"),
        ("0", "Hours a week must be between 1 and 99"),
        ("100", "Hours a week must be between 1 and 99"),
    ],
)
def test_hours_are_checked_on_the_server_and_the_answers_are_kept(
    draft: Any, typed: str, message: str
) -> None:
    client, application, _actor = draft
    lead = person(application, "Alex Carter")
    # when the lead says they work but gives no good number of hours (as without JavaScript)
    response = client.post(
        step_url(lead), {"economic_activity": "employed", "hours_employed": typed}
    )
    # then the page is shown again, saying what is wrong and linking to the hours question
    assert response.status_code == 200
    page = response.text
    assert message in page
    assert 'href="#id_hours_employed"' in page
    # with what they chose still chosen and what they typed still there, revealed
    assert re.search(r'value="employed"[^>]*checked', page)
    assert field_value(page, "hours_employed") == typed
    assert '<div class="govuk-radios__conditional" id="conditional-id_economic_activity_0">' in page
    # and nothing is saved
    lead.refresh_from_db()
    assert (lead.economic_activity, lead.hours_per_week) == ("", None)


def test_an_answer_is_required(draft: Any) -> None:
    client, application, _actor = draft
    partner = person(application, "Bea Carter")
    response = client.post(step_url(partner), {"hours_employed": "20"})
    assert "Select what Bea Carter does" in response.text
    assert field_value(response.text, "hours_employed") == "20"


def test_someone_elses_hours_message_names_them(draft: Any) -> None:
    client, application, _actor = draft
    partner = person(application, "Bea Carter")
    assert "What does Bea Carter do?" in client.get(step_url(partner)).text
    response = client.post(step_url(partner), {"economic_activity": "training"})
    assert "Enter how many hours a week Bea Carter is in education or training" in response.text


def test_only_the_hours_of_the_chosen_answer_are_kept_and_the_change_is_audited(
    draft: Any,
) -> None:
    client, application, _actor = draft
    lead = person(application, "Alex Carter")
    # without JavaScript every hours box shows, so more than one can come back filled in
    response = client.post(
        step_url(lead),
        {"economic_activity": "self_employed", "hours_self_employed": "37", "hours_training": "5"},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.economic_activity, lead.hours_per_week) == ("self_employed", 37)
    # and the page shows the saved answer next time, with its hours
    page = client.get(step_url(lead)).text
    assert re.search(r'value="self_employed"[^>]*checked', page)
    assert field_value(page, "hours_self_employed") == "37"
    assert field_value(page, "hours_training") == ""
    # when they retire, the hours go: retirement has none
    client.post(step_url(lead), {"economic_activity": "retired", "hours_self_employed": "37"})
    lead.refresh_from_db()
    assert (lead.economic_activity, lead.hours_per_week) == ("retired", None)
    events = AuditEvent.objects.filter(verb="person.changed", object_id=str(lead.pk))
    assert {
        "economic_activity": {"before": "self_employed", "after": "retired"},
        "hours_per_week": {"before": 37, "after": None},
    } in [event.changes for event in events]


def test_children_under_16_are_not_asked(draft: Any) -> None:
    client, application, actor = draft
    child = person_save(
        actor=actor,
        **on_application(application),
        person=None,
        values={
            "full_name": "Cal Carter",
            "date_of_birth": dt.date(2011, 1, 1),
            "sex": Sex.MALE,
            "relationship": Relationship.CHILD,
        },
    )
    teenager = person_save(
        actor=actor,
        **on_application(application),
        person=None,
        values={
            "full_name": "Dee Carter",
            "date_of_birth": dt.date(2009, 1, 1),
            "sex": Sex.FEMALE,
            "relationship": Relationship.CHILD,
        },
    )
    assert client.get(step_url(child)).status_code == 404
    assert client.get(step_url(teenager)).status_code == 200
    answers = apply_record(application=application, today=TODAY).answers
    assert routing.steps(routing.ACTIVITY, answers) == (
        str(person(application, "Alex Carter").pk),
        str(person(application, "Bea Carter").pk),
        str(teenager.pk),
    )


def test_adding_someone_16_or_over_asks_again_but_adding_a_child_does_not(draft: Any) -> None:
    client, application, _actor = draft

    def add(name: str, year: str) -> None:
        client.post(
            reverse("register:apply_people_add"),
            with_token(
                {
                    "full_name": name,
                    "relationship": "child",
                    "date_of_birth_day": "1",
                    "date_of_birth_month": "1",
                    "date_of_birth_year": year,
                    "sex": "male",
                }
            ),
        )
        application.refresh_from_db()

    add("Cal Carter", "2020")
    assert routing.ACTIVITY in application.sections_done
    add("Dee Carter", "2008")
    assert routing.ACTIVITY not in application.sections_done


def test_check_answers_shows_each_adults_answer_or_that_there_is_none(draft: Any) -> None:
    client, application, _actor = draft
    client.post(
        step_url(person(application, "Alex Carter")),
        {"economic_activity": "employed", "hours_employed": "1"},
    )
    page = client.get(reverse("register:apply_check")).text
    assert "Employment and training" in page
    assert "In paid work for an employer, 1 hour a week" in page
    # Bea was never asked in this draft: said so, with a link to answer
    assert re.search(r"Bea Carter\s*</dt>\s*<dd[^>]*>\s*Not given", page)
    assert step_url(person(application, "Bea Carter")) + "?return=check" in page


def test_the_officers_record_shows_what_each_person_does(draft: Any) -> None:
    _client, application, _actor = draft
    council = application.household.council
    lead = person(application, "Alex Carter")
    lead.economic_activity, lead.hours_per_week = "volunteering", 12
    lead.save()
    PersonFactory(household=application.household, full_name="Old Lodger")
    officer = Client()
    officer.force_login(staff_member(council, [Role.REGISTER_OFFICER]).user)
    page = officer.get(reverse("register:application", kwargs={"pk": application.pk})).text
    assert "Work, training or other activity" in page
    assert "Volunteering, 12 hours a week" in page
    assert "Not answered" in page


def test_the_database_keeps_hours_only_with_an_activity_that_has_them(draft: Any) -> None:
    _client, application, _actor = draft
    lead = person(application, "Alex Carter")
    for activity, hours in (("retired", 10), ("employed", None), ("", 5), ("employed", 100)):
        lead.economic_activity, lead.hours_per_week = activity, hours
        with pytest.raises(IntegrityError), transaction.atomic():
            lead.save()
