"""The officer workspace: queues with counts, queue pages, and register search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Model
from django.urls import reverse, reverse_lazy

from hearth.accounts.tests.factories import actor_for
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyVersion
from hearth.register.forms.workspace import search_text_read
from hearth.register.models import Application, ApplicationStatus, DuplicateFlag
from hearth.register.selectors.workspace import QUEUES_BY_SLUG, RegisterSearch, queue_counts
from hearth.register.tests.factories import (
    ApplicationFactory,
    AssessmentOverrideFactory,
    CircumstanceChangeFactory,
    DuplicateFlagFactory,
    EvidenceDocumentFactory,
    HouseholdFactory,
    PersonFactory,
    ReviewRequestFactory,
)
from hearth.register.tests.workspace_setup import (
    NOON,
    TODAY,
    officer,
    published_policy,
    recorded_assessment,
    signed_in,
)

pytestmark = pytest.mark.django_db


def _submitted(council, days_ago: int, name: str = "Sam Jones"):  # type: ignore[no-untyped-def]
    household = HouseholdFactory(council=council, application=None, lead__full_name=name)
    return ApplicationFactory(
        household=household,
        status=ApplicationStatus.SUBMITTED,
        status_changed_at=NOON - dt.timedelta(days=days_ago),
    )


# --- Queues ------------------------------------------------------------------------------------


def test_home_counts_each_queue_for_the_officers_council_only() -> None:
    # given two new applications and an unchecked document here, and work in another council
    council, elsewhere = OrganisationFactory(), OrganisationFactory()
    with clock_frozen_at(NOON):
        _submitted(council, 3)
        _submitted(council, 1)
        EvidenceDocumentFactory(application__household__council=council)
        _submitted(elsewhere, 2)
        CircumstanceChangeFactory(application__household__council=elsewhere)
        # when the officer opens the workspace
        response = signed_in(officer(council)).get(reverse("register:workspace"))
    # then each queue shows its count, in their council only
    counts = {c.queue.slug: c.count for c, _ in response.context["queues"]}
    assert counts["new"] == 2
    assert counts["evidence"] == 1
    assert counts["changes"] == 0
    # and overrides are only for team leaders
    assert "overrides" not in counts


def test_team_leaders_see_overrides_awaiting_approval() -> None:
    council = OrganisationFactory()
    with clock_frozen_at(NOON):
        application = ApplicationFactory(household__council=council)
        AssessmentOverrideFactory(
            application=application,
            assessment=recorded_assessment(application.household, published_policy(council)),
            requested_by=officer(council).user,
        )
        response = signed_in(officer(council, Role.TEAM_LEADER)).get(reverse("register:workspace"))
    counts = {c.queue.slug: c.count for c, _ in response.context["queues"]}
    assert counts["overrides"] == 1


def test_queue_lists_oldest_first_with_days_waiting(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given new applications sent 1, 10 and 5 days ago (30 of them, so two pages)
    council = OrganisationFactory()
    with clock_frozen_at(NOON):
        oldest = _submitted(council, 40, name="Ola Oldest")
        for days in range(1, 30):
            _submitted(council, days)
        client = signed_in(officer(council))
        # when the officer opens the queue, then it takes a bounded number of queries
        with django_assert_max_num_queries(12):
            response = client.get(reverse("register:queue", kwargs={"queue": "new"}))
    # then the oldest comes first with its days waiting, 25 to a page
    rows = response.context["rows"]
    assert rows[0].application == oldest
    assert rows[0].days == 40
    assert len(rows) == 25
    assert response.context["page"].paginator.count == 30
    assert "Ola Oldest" in response.text


@pytest.mark.parametrize("slug", ["evidence", "changes", "reviews", "renewals", "duplicates"])
def test_every_queue_page_answers_in_bounded_queries(slug, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    council = OrganisationFactory()
    with clock_frozen_at(NOON):
        for _ in range(3):
            application = ApplicationFactory(
                household__council=council, renewal_due_on=TODAY - dt.timedelta(days=2)
            )
            EvidenceDocumentFactory(application=application)
            CircumstanceChangeFactory(application=application)
            DuplicateFlag.objects.create(
                application=application,
                council=application.council,
                other_household=HouseholdFactory(council=council),
                matched_on=["name"],
                flagged_at=NOON,
            )
        client = signed_in(officer(council))
        with django_assert_max_num_queries(12):
            response = client.get(reverse("register:queue", kwargs={"queue": slug}))
    assert response.status_code == 200


def _queue_item(slug: str, application: Application, days_ago: int) -> Model:
    """One waiting item of the `slug` queue on `application`, `days_ago` days old."""
    when = NOON - dt.timedelta(days=days_ago)
    if slug == "evidence":
        return EvidenceDocumentFactory(application=application, uploaded_at=when)
    if slug == "changes":
        return CircumstanceChangeFactory(application=application, reported_at=when)
    if slug == "reviews":
        return ReviewRequestFactory(
            decision__application=application, application=application, requested_on=when.date()
        )
    if slug == "overrides":
        council = application.council
        policy = PolicyVersion.objects.filter(council=council).first() or published_policy(council)
        return AssessmentOverrideFactory(
            application=application,
            assessment=recorded_assessment(application.household, policy),
            requested_by=officer(council).user,
            requested_at=when,
        )
    return DuplicateFlagFactory(application=application, flagged_at=when)


QUEUE_PAGES = {
    "evidence": reverse_lazy("register:queue", kwargs={"queue": "evidence"}),
    "changes": reverse_lazy("register:queue", kwargs={"queue": "changes"}),
    "reviews": reverse_lazy("register:queue", kwargs={"queue": "reviews"}),
    "overrides": reverse_lazy("register:override_queue"),
    "duplicates": reverse_lazy("register:queue", kwargs={"queue": "duplicates"}),
}


@pytest.mark.parametrize("slug", QUEUE_PAGES)
def test_a_queue_holds_only_its_councils_items(slug, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given three waiting items here, and two older ones in another council
    council, elsewhere = OrganisationFactory(), OrganisationFactory()
    with clock_frozen_at(NOON):
        ours = [
            _queue_item(slug, ApplicationFactory(household__council=council), days)
            for days in (3, 7, 5)
        ]
        for days in (20, 30):
            _queue_item(slug, ApplicationFactory(household__council=elsewhere), days)
        member = officer(council, Role.TEAM_LEADER)
        client = signed_in(member)
        # when a team leader of the first council opens the queue, in bounded queries
        with django_assert_max_num_queries(12):
            response = client.get(QUEUE_PAGES[slug])
        counts = queue_counts(actor=actor_for(member), today=TODAY)
    # then it lists their council's three, oldest first, and counts only those
    rows = response.context["rows"]
    assert [row.record for row in rows] == [ours[1], ours[2], ours[0]]
    assert [row.days for row in rows] == [7, 5, 3]
    assert response.context["page"].paginator.count == 3
    assert next(c.count for c in counts if c.queue.slug == slug) == 3
    # and it is counted from the items' own table, without reading the council's applications
    counted = QUEUES_BY_SLUG[slug].rows(actor_for(member), TODAY).order_by().values("pk")
    assert "register_application" not in str(counted.query)


def test_renewals_due_within_28_days_or_overdue() -> None:
    council = OrganisationFactory()
    with clock_frozen_at(NOON):
        overdue = ApplicationFactory(
            household__council=council, renewal_due_on=TODAY - dt.timedelta(days=3)
        )
        soon = ApplicationFactory(
            household__council=council, renewal_due_on=TODAY + dt.timedelta(days=20)
        )
        ApplicationFactory(household__council=council, renewal_due_on=TODAY + dt.timedelta(days=60))
        ApplicationFactory(
            household__council=council,
            renewal_due_on=TODAY,
            status=ApplicationStatus.CANCELLED,
            cancelled_on=TODAY,
        )
        response = signed_in(officer(council)).get(
            reverse("register:queue", kwargs={"queue": "renewals"})
        )
    rows = response.context["rows"]
    assert [row.application for row in rows] == [overdue, soon]
    assert rows[0].days == 3
    assert rows[1].due_in == 20
    assert "due in 20 days" in response.text


def test_an_unknown_queue_is_not_found_and_overrides_need_a_team_leader() -> None:
    council = OrganisationFactory()
    client = signed_in(officer(council))
    assert client.get(reverse("register:queue", kwargs={"queue": "nope"})).status_code == 404
    assert client.get(reverse("register:queue", kwargs={"queue": "overrides"})).status_code == 403
    assert client.get(reverse("register:override_queue")).status_code == 403
    leader = signed_in(officer(council, Role.TEAM_LEADER))
    assert leader.get(reverse("register:override_queue")).status_code == 200


def test_home_counts_a_long_queue_only_up_to_a_limit() -> None:
    # given more new applications than the home page counts exactly
    council = OrganisationFactory()
    member = officer(council)
    with clock_frozen_at(NOON):
        for days in (1, 2, 3):
            _submitted(council, days)
    # when they are counted up to 2
    counts = queue_counts(actor=actor_for(member), today=TODAY, up_to=2)
    # then the queue says there are more than 2
    new = next(c for c in counts if c.queue.slug == "new")
    assert new.more
    assert not next(c for c in counts if c.queue.slug == "changes").more


def test_the_staff_navigation_links_to_the_register() -> None:
    response = signed_in(officer(OrganisationFactory())).get(reverse("core:staff_home"))
    assert reverse("register:workspace") in response.text
    assert "Housing register" in response.text


# --- Reading what was typed --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Jane Smith", RegisterSearch(name_words=("JANE", "SMITH"))),
        ("o'neil", RegisterSearch(name_words=("O'NEIL",))),
        ("mc-4217", RegisterSearch(reference="MC-004217")),
        ("MC004217", RegisterSearch(reference="MC-004217")),
        ("qq 12 34 56 c", RegisterSearch(national_insurance_number="QQ123456C")),
        ("mv1 2ab", RegisterSearch(postcode="MV12AB")),
        ("MV1", RegisterSearch(postcode="MV1")),
        ("27/03/1985", RegisterSearch(date_of_birth=dt.date(1985, 3, 27))),
        ("1-2-1990", RegisterSearch(date_of_birth=dt.date(1990, 2, 1))),
    ],
)
def test_the_search_box_understands_what_was_typed(typed: str, expected: RegisterSearch) -> None:
    assert search_text_read(typed) == expected


# --- Searching ---------------------------------------------------------------------------------


@pytest.fixture
def register():  # type: ignore[no-untyped-def]
    council, elsewhere = OrganisationFactory(), OrganisationFactory()
    smith = HouseholdFactory(
        council=council,
        reference="MC-000101",
        home_postcode="MV1 2AB",
        lead__full_name="Jane Smith-Brown",
        lead__date_of_birth=dt.date(1985, 3, 27),
        lead__national_insurance_number="QQ123456C",
    )
    PersonFactory(household=smith, full_name="Toby Smith", date_of_birth=dt.date(2015, 1, 2))
    other = HouseholdFactory(
        council=council,
        reference="MC-000102",
        home_postcode="MV9 9ZZ",
        lead__full_name="Ann Blacksmith",
        lead__date_of_birth=dt.date(1970, 1, 1),
    )
    away = HouseholdFactory(
        council=elsewhere,
        reference="EM-000103",
        home_postcode="MV1 2AB",
        lead__full_name="Jane Smith",
        lead__date_of_birth=dt.date(1985, 3, 27),
        lead__national_insurance_number="QQ123456C",
    )
    return council, smith, other, away


def _found(client, **params) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("register:search"), params)
    assert response.status_code == 200
    page = response.context["page"]
    return [a.household.reference for a in page.object_list] if page else []


@pytest.mark.parametrize(
    "typed",
    [
        "smith",
        "jane sm",
        "SMITH-BROWN",
        "brown",
        "MC-000101",
        "mc101",
        "qq123456c",
        "MV1 2AB",
        "mv1",
        "27/03/1985",
    ],
)
def test_search_finds_the_officers_own_council_only(register, typed: str) -> None:  # type: ignore[no-untyped-def]
    council, _smith, _other, _away = register
    client = signed_in(officer(council))
    assert _found(client, q=typed) == ["MC-000101"]


def test_name_search_matches_the_start_of_a_word_not_the_middle(register) -> None:  # type: ignore[no-untyped-def]
    council, *_ = register
    # "Blacksmith" contains "smith" but no word of it starts with "smith"
    assert _found(signed_in(officer(council)), q="black") == ["MC-000102"]
    assert "MC-000102" not in _found(signed_in(officer(council)), q="smith")


def test_name_and_date_of_birth_boxes_narrow_together(register) -> None:  # type: ignore[no-untyped-def]
    council, *_ = register
    client = signed_in(officer(council))
    # Toby Smith is born 2 1 2015: the name and the date must match the same person
    found = _found(
        client, q="toby", date_of_birth_day="2", date_of_birth_month="1", date_of_birth_year="2015"
    )
    assert found == ["MC-000101"]
    wrong = _found(
        client, q="toby", date_of_birth_day="27", date_of_birth_month="3", date_of_birth_year="1985"
    )
    assert wrong == []


def test_status_filter(register) -> None:  # type: ignore[no-untyped-def]
    council, _smith, *_ = register
    client = signed_in(officer(council))
    assert _found(client, q="", status="active") == ["MC-000101", "MC-000102"]
    assert _found(client, q="smith", status="suspended") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "31/02/1990"}, "Enter a real date of birth"),
        ({"q": "01/01/2999"}, "Enter a date of birth in the past"),
        ({"q": "!!!"}, "Enter a name, a reference"),
        ({"q": ""}, "Enter a name, reference"),
        (
            {
                "q": "smith",
                "date_of_birth_day": "1",
                "date_of_birth_month": "1",
                "date_of_birth_year": "2999",
            },
            "Enter a date of birth in the past",
        ),
    ],
)
def test_bad_searches_explain_themselves(register, params, message: str) -> None:  # type: ignore[no-untyped-def]
    council, *_ = register
    with clock_frozen_at(NOON):
        response = signed_in(officer(council)).get(reverse("register:search"), params)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert response.context["page"] is None


def test_search_results_are_paginated_in_bounded_queries(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    council = OrganisationFactory()
    for n in range(30):
        HouseholdFactory(council=council, lead__full_name=f"Pat Jones {n}")
    client = signed_in(officer(council))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("register:search"), {"q": "jones", "page": "2"})
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].object_list) == 5
    assert "q=jones" in response.text  # pagination keeps the search
