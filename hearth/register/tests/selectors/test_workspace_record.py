"""The officer's application page and full history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import DuplicateFlag, NeedAward, PeriodKind
from hearth.register.services.lifecycle import application_status_change
from hearth.register.tests.factories import (
    ApplicationFactory,
    HouseholdFactory,
    PeriodFactory,
    PersonFactory,
)
from hearth.register.tests.workspace_setup import (
    NOON,
    officer,
    published_policy,
    recorded_assessment,
    signed_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():  # type: ignore[no-untyped-def]
    council = OrganisationFactory()
    policy = published_policy(council)
    with clock_frozen_at(NOON):
        application = ApplicationFactory(
            household__council=council,
            household__home_address="1 Mill Lane\nMarshvale",
            household__home_postcode="MV1 2AB",
            household__support_needs="Help with forms",
            household__lead__full_name="Jane Smith",
        )
    household = application.household
    PersonFactory(household=household, full_name="Toby Smith", date_of_birth=dt.date(2015, 1, 2))
    PeriodFactory(household=household, address="9 Old Road", postcode="MV2 1AA")
    PeriodFactory(household=household, kind=PeriodKind.WORK, detail="Marshvale Bakery")
    NeedAward.objects.create(
        household=household, code="high_medical", awarded_on=dt.date(2026, 1, 5)
    )
    recorded_assessment(household, policy, band="B")
    return council, application


def test_application_page_shows_the_record_and_records_the_view(  # type: ignore[no-untyped-def]
    case, django_assert_max_num_queries
) -> None:
    council, application = case
    member = officer(council)
    client = signed_in(member)
    # when the officer opens the application (a fixed number of queries)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("register:application", kwargs={"pk": application.pk}))
    # then it shows the summary, the household, the need awards and the explanation
    assert response.status_code == 200
    text = response.text
    for expected in (
        application.household.reference,
        "On the housing register",
        "Band B",
        "Jane Smith",
        "Toby Smith",
        "1 Mill Lane",
        "9 Old Road",
        "Marshvale Bakery",
        "Help with forms",
        "High medical need" if "High medical need" in text else "high_medical",
        "How the assessment was worked out",
    ):
        assert expected in text
    # and the view is audited
    assert AuditEvent.objects.filter(
        verb="viewed", object_id=str(application.pk), actor=member.user
    ).exists()


def test_another_councils_officer_gets_not_found(case) -> None:  # type: ignore[no-untyped-def]
    _, application = case
    client = signed_in(officer(OrganisationFactory()))
    url = reverse("register:application", kwargs={"pk": application.pk})
    assert client.get(url).status_code == 404


def test_a_duplicate_on_another_register_shows_only_what_matched(case) -> None:  # type: ignore[no-untyped-def]
    council, application = case
    other = HouseholdFactory(
        council=OrganisationFactory(), reference="EM-999999", lead__full_name="Secret Person"
    )
    DuplicateFlag.objects.create(
        application=application,
        council=application.council,
        other_household=other,
        matched_on=["name", "date_of_birth"],
        flagged_at=NOON,
    )
    response = signed_in(officer(council)).get(
        reverse("register:application", kwargs={"pk": application.pk})
    )
    assert "On another council's register" in response.text
    assert "name, date of birth" in response.text
    assert "EM-999999" not in response.text
    assert "Secret Person" not in response.text


def test_history_shows_status_changes_and_audit_events_newest_first(  # type: ignore[no-untyped-def]
    case, django_assert_max_num_queries
) -> None:
    council, application = case
    member = officer(council)
    with clock_frozen_at(NOON):
        application_status_change(
            actor=actor_for(member), application=application, to="suspended", reason="Arrears"
        )
    with clock_frozen_at(NOON + dt.timedelta(hours=1)):
        application_status_change(
            actor=actor_for(member), application=application, to="active", reason="Paid"
        )
    client = signed_in(member)
    client.get(reverse("register:application", kwargs={"pk": application.pk}))
    url = reverse("register:application_history", kwargs={"pk": application.pk})
    with django_assert_max_num_queries(15):
        response = client.get(url)
    entries = response.context["page"].object_list
    assert [e.what for e in entries[:2]] == [
        "Status: Suspended → On the housing register",
        "Status: On the housing register → Suspended",
    ]
    assert entries[0].who == member.user.full_name
    assert entries[0].details == ["Paid"]
    # views are left out unless asked for
    assert not any(e.what.startswith("viewed") for e in entries)
    with_views = client.get(url, {"views": "1"}).context["page"].object_list
    assert any(e.what.startswith("viewed") for e in with_views)
