"""The officers' name search table stays in step with the people it finds."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory
from hearth.core.access.actor import Actor
from hearth.core.clock import clock_frozen_at
from hearth.core.models import Scheme
from hearth.register.models import Person, RegisterSearchName, Relationship, Sex, name_searchable
from hearth.register.selectors import workspace
from hearth.register.services.household import person_remove, person_save
from hearth.register.services.workspace_search import search_names_rebuild, search_names_refresh
from hearth.register.tests.apply_setup import (
    NOON,
    council_with_policy,
    draft_complete,
    on_application,
)
from hearth.register.tests.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from hearth.register.tests.workspace_setup import officer, signed_in

pytestmark = pytest.mark.django_db


def _found(council, q: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = signed_in(officer(council)).get(reverse("register:search"), {"q": q})
    assert response.status_code == 200
    page = response.context["page"]
    return [a.household.reference for a in page.object_list] if page else []


@pytest.mark.parametrize(
    ("full_name", "searchable"),
    [
        ("Amelia Wilson-Hart", " AMELIA WILSON HART"),
        ("  Seán   O'Brien ", " SEÁN O'BRIEN"),
        ("Zoë", " ZOË"),
    ],
)
def test_names_are_stored_as_the_search_box_reads_them(full_name: str, searchable: str) -> None:
    assert name_searchable(full_name) == searchable


def test_people_added_changed_and_removed_through_the_form_are_searched_as_they_now_are() -> None:
    # Given an applicant's draft with a partner called Sam Ortega
    with clock_frozen_at(NOON):
        actor = Actor(user=ApplicantFactory(), scheme=Scheme.objects.first())
        council = council_with_policy()
        application = draft_complete(actor, council)
        reference = application.household.reference
        child = person_save(
            actor=actor,
            **on_application(application),
            person=None,
            values={
                "full_name": "Robin Quartermaine",
                "date_of_birth": dt.date(2016, 5, 1),
                "sex": Sex.FEMALE,
                "relationship": Relationship.CHILD,
            },
        )
        # then the new person is found by name
        assert _found(council, "quartermaine") == [reference]
        # when they change their name
        person_save(
            actor=actor,
            **on_application(application),
            person=child,
            values={"full_name": "Robin Fairweather-Quist"},
        )
        # then the new name is found, and the old one is not
        assert _found(council, "quist") == [reference]
        assert _found(council, "robin fair") == [reference]
        assert _found(council, "quartermaine") == []
        # and when they leave the household, neither is
        person_remove(actor=actor, **on_application(application), person=child)
        assert _found(council, "quist") == []


def test_every_searched_word_must_start_a_word_of_one_persons_name() -> None:
    # Given a household of Ann Baxter and Tom Crane
    household = HouseholdFactory(lead__full_name="Ann Baxter")
    PersonFactory(household=household, full_name="Tom Crane")
    # then "Ann Crane" (one word from each) finds nobody, and "Tom Crane" finds them
    assert _found(household.council, "ann crane") == []
    assert _found(household.council, "tom crane") == [household.reference]


def test_a_household_without_an_application_is_not_on_the_register_search() -> None:
    # Given a household recorded without an application (as homelessness casework will)
    household = HouseholdFactory(application=None, lead__full_name="Kit Marlowe")
    assert not RegisterSearchName.objects.filter(person__household=household).exists()
    # when it later applies, its people become searchable
    ApplicationFactory(household=household)
    assert _found(household.council, "marlowe") == [household.reference]


def test_rebuilding_gives_the_same_rows_as_keeping_them_in_step() -> None:
    # Given households made one by one, then a name changed outside any service
    households = [HouseholdFactory(lead__full_name=f"Lee Rowan {n}") for n in range(3)]
    PersonFactory(household=households[0], full_name="Jo Rowan-Hale")
    kept = set(RegisterSearchName.objects.values_list("person_id", "application_id", "name"))
    Person.objects.filter(full_name="Jo Rowan-Hale").update(full_name="Jo Hale")
    # when everything is rebuilt
    assert search_names_rebuild() == 4
    # then the rows are the same but for the changed name
    rebuilt = set(RegisterSearchName.objects.values_list("person_id", "application_id", "name"))
    assert {row[2] for row in kept - rebuilt} == {" JO ROWAN HALE"}
    assert {row[2] for row in rebuilt - kept} == {" JO HALE"}
    # and refreshing one household is idempotent
    search_names_refresh(household_ids=[households[0].pk])
    assert set(RegisterSearchName.objects.values_list("person_id", "application_id", "name")) == (
        rebuilt
    )


def test_a_search_lists_at_most_its_limit_and_asks_for_more_detail(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Given four Nolans, and a search limit of three
    monkeypatch.setattr(workspace, "SEARCH_UP_TO", 3)
    council = HouseholdFactory(lead__full_name="Ada Nolan").council
    for first in ("Bea", "Cy", "Di"):
        HouseholdFactory(council=council, lead__full_name=f"{first} Nolan")
    # when an officer searches for Nolan
    response = signed_in(officer(council)).get(reverse("register:search"), {"q": "nolan"})
    # then they see the first three and are asked to narrow the search
    page = response.context["page"]
    assert page.paginator.count == 3
    assert page.paginator.capped
    assert "More than 3 applications found" in response.text


def test_the_rebuild_command_repairs_the_search() -> None:
    # Given a name changed in bulk, outside the services
    household = HouseholdFactory(lead__full_name="Mo Tanaka")
    Person.objects.filter(household=household).update(full_name="Mo Sato")
    assert _found(household.council, "sato") == []
    # when the rebuild command runs, then the search finds the new name
    out = StringIO()
    call_command("register_search_rebuild", stdout=out)
    assert "rebuilt: 1 person on applications" in out.getvalue()
    assert _found(household.council, "sato") == [household.reference]


def test_a_search_that_finds_nobody_says_so() -> None:
    # Given a register with one Ada Nolan
    council = HouseholdFactory(lead__full_name="Ada Nolan").council
    # when an officer searches for a name nobody has
    html = signed_in(officer(council)).get(reverse("register:search"), {"q": "zebedee"}).text
    # then they are told nothing was found, and what to try next
    assert "0 applications found" in html
    assert "Check the spelling" in html
