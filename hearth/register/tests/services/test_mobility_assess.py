"""The household's assessed mobility need: recorded by an officer as such (not as a need
reason), audited, refused with the field named, and read by the policy engine's facts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyVersion
from hearth.register.fetch import bidders_standing, household_facts_one
from hearth.register.models import Application, Assessment, Household, NeedAward
from hearth.register.services.assessment import household_mobility_assess
from hearth.register.tests.factories import ApplicationFactory, PeriodFactory
from hearth.register.tests.workspace_setup import (
    NOON,
    TODAY,
    officer,
    published_policy,
    recorded_assessment,
    signed_in,
)

pytestmark = pytest.mark.django_db


def _application() -> Application:
    council = OrganisationFactory()
    published_policy(council)
    with clock_frozen_at(NOON):
        application = ApplicationFactory(household__council=council)
    PeriodFactory(household=application.household)
    return application


def _posted(application: Application, **fields: str):  # type: ignore[no-untyped-def]
    data = {
        "assessed_mobility": "2",
        "adaptations": "Level-access shower",
        "assessed_on_day": "10",
        "assessed_on_month": "6",
        "assessed_on_year": "2026",
        **fields,
    }
    with clock_frozen_at(NOON):
        return signed_in(officer(application.household.council)).post(
            reverse("register:mobility_assess", kwargs={"pk": application.pk}), data
        )


def test_an_officer_records_the_assessed_need_on_the_household_and_it_is_audited() -> None:
    # Given an application on the register
    application = _application()
    # When an officer records a mobility 2 need with an adaptation
    response = _posted(application)
    # Then it is on the household as such, with who assessed it and when, and no need reason
    assert response.status_code == 302
    household = Household.objects.get(pk=application.household_id)
    assert (household.assessed_mobility, household.assessed_adaptations) == (
        "2",
        "Level-access shower",
    )
    assert household.mobility_assessed_on == dt.date(2026, 6, 10)
    assert household.mobility_assessed_by is not None
    assert not NeedAward.objects.filter(household=household).exists()
    event = AuditEvent.objects.get(verb="household.mobility_assessed")
    assert event.object_id == str(household.pk)
    assert event.changes["assessed_mobility"] == {"before": "", "after": "2"}
    # And the application page shows it
    with clock_frozen_at(NOON):
        page = signed_in(officer(household.council)).get(
            reverse("register:application", kwargs={"pk": application.pk})
        )
    assert "Mobility 2: a home wheelchair accessible to the essential rooms" in page.text


def test_no_accessible_home_needed_clears_the_need() -> None:
    application = _application()
    _posted(application)
    assert _posted(application, assessed_mobility="none", adaptations="").status_code == 302
    household = Household.objects.get(pk=application.household_id)
    assert (household.assessed_mobility, household.assessed_adaptations) == ("", "")


def test_a_date_in_the_future_is_refused_next_to_the_field_and_nothing_is_saved() -> None:
    application = _application()
    response = _posted(application, assessed_on_day="16")
    assert response.status_code == 200
    assert "The date must be today or in the past" in response.text
    assert Household.objects.get(pk=application.household_id).assessed_mobility == ""
    assert not AuditEvent.objects.filter(verb="household.mobility_assessed").exists()


def test_the_service_refuses_an_unknown_need_and_an_officer_of_another_council() -> None:
    application = _application()
    member = officer(application.household.council)
    with clock_frozen_at(NOON), pytest.raises(ValidationError) as refused:
        household_mobility_assess(
            actor=actor_for(member),
            application=application,
            assessed_mobility="4",
            adaptations="",
            assessed_on=TODAY,
        )
    assert "assessed_mobility" in refused.value.message_dict
    stranger = officer(OrganisationFactory(), Role.REGISTER_OFFICER)
    with clock_frozen_at(NOON), pytest.raises(PermissionDenied):
        household_mobility_assess(
            actor=actor_for(stranger),
            application=application,
            assessed_mobility="1",
            adaptations="",
            assessed_on=TODAY,
        )


def test_the_policy_engine_reads_the_assessed_need_in_facts_and_standing() -> None:
    # Given a household assessed as needing a wheelchair home, with a stored assessment
    application = _application()
    household = application.household
    Household.objects.filter(pk=household.pk).update(assessed_mobility="1")
    policy = PolicyVersion.objects.get(council=household.council)
    recorded_assessment(household, policy)
    # Then its facts and its standing both carry the need
    assert household_facts_one(household, TODAY).assessed_mobility == "1"
    (standing,) = bidders_standing([str(household.pk)], TODAY)
    assert standing.assessed_mobility == "1"


def test_each_assessment_is_kept_dated_and_ranking_on_a_day_reads_the_one_made_by_then() -> None:
    # Given a household assessed as needing a step-free home on 1 June, and as needing a
    # wheelchair home on 10 June (recorded on the 15th), with a stored assessment
    application = _application()
    household = application.household
    stored = recorded_assessment(household, PolicyVersion.objects.get(council=household.council))
    Assessment.objects.filter(pk=stored.pk).update(assessed_on=dt.date(2026, 5, 1))
    member = actor_for(officer(household.council))
    with clock_frozen_at(NOON):
        for need, day in (("3", 1), ("1", 10)):
            household_mobility_assess(
                actor=member,
                application=application,
                assessed_mobility=need,
                adaptations="",
                assessed_on=dt.date(2026, 6, day),
            )
        # and a correction recorded for 5 June, after both
        household_mobility_assess(
            actor=member,
            application=application,
            assessed_mobility="2",
            adaptations="",
            assessed_on=dt.date(2026, 6, 5),
        )
    # Then all three are kept, and the record holds the newest by date
    assert household.mobility_assessments.count() == 3
    assert Household.objects.get(pk=household.pk).assessed_mobility == "1"
    assert AuditEvent.objects.filter(verb="household.mobility_assessed").count() == 3
    # And facts and standings on a day read the need assessed by then
    ids = [str(household.pk)]
    with clock_frozen_at(NOON):
        for day, need in ((dt.date(2026, 5, 31), ""), (dt.date(2026, 6, 7), "2"), (TODAY, "1")):
            assert household_facts_one(household, day).assessed_mobility == need
            (standing,) = bidders_standing(ids, day)
            assert standing.assessed_mobility == need


def test_the_application_page_lists_earlier_assessments_under_the_one_in_force() -> None:
    # Given a step-free need assessed on 1 June, then a wheelchair need on 10 June
    application = _application()
    _posted(application, assessed_mobility="3", assessed_on_day="1", adaptations="Grab rails")
    _posted(application)
    # When an officer opens the application
    with clock_frozen_at(NOON):
        page = signed_in(officer(application.household.council)).get(
            reverse("register:application", kwargs={"pk": application.pk})
        )
    # Then the one in force is shown, and the earlier one is listed under it
    assert "Mobility 2: a home wheelchair accessible to the essential rooms" in page.text
    assert "Earlier assessments" in page.text
    assert (
        "1 Jun 2026: Mobility 3: a step-free home, for someone who walks with an aid" in page.text
    )
    assert "(Grab rails)" in page.text
