"""A what-if simulation of a draft that uses what each adult does, and a draft that gives a local
lettings plan its own order: the movers say which households the new reason reaches, and the
results list the shortlist orders the draft changes."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyStatus, PolicyVersion, SimulationStatus
from hearth.policy.rules.document_read import document_data, document_read
from hearth.policy.simulation import services
from hearth.policy.tests.assess_support import demo
from hearth.register.models import Relationship
from hearth.register.tests.factories import HouseholdFactory, PeriodFactory, PersonFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=clock.LONDON)
WORKING = {
    "code": "working_household",
    "label": "Works or trains at least 16 hours a week",
    "awarded": "derived",
    "when": (
        'household.members.exists(m, m.economic_activity in ["employed", "self_employed", '
        '"training"] && m.hours_per_week >= 16)'
    ),
    "band": "C",
    "text": "Someone in your household works or trains at least 16 hours a week.",
}
BROOK_FARM = {
    "code": "brook_farm",
    "name": "Brook Farm",
    "text": "Longest registered first.",
    "groups": [{"name": "Armed forces", "connection": {"exemptions": ["armed_forces"]}}],
}


def version(council: Organisation, number: int, data: dict[str, Any], *, draft: bool) -> Any:
    document_read(data)  # a valid document
    return PolicyVersion.objects.create(
        council=council,
        number=number,
        status=PolicyStatus.DRAFT if draft else PolicyStatus.PUBLISHED,
        title=f"Allocation scheme {number}",
        document=data,
        source_text="(test)",
        effective_from=None if draft else dt.date(2025, 4, 1),
        published_at=None if draft else NOW - dt.timedelta(days=400),
    )


def household(
    council: Organisation, reference: str, activity: str, hours: int | None, bedrooms: int = 1
) -> Any:
    """A settled lead applicant with no need reasons (Band D), doing `activity`."""
    found = HouseholdFactory(
        council=council,
        reference=reference,
        home_bedrooms=bedrooms,
        lead__date_of_birth=dt.date(1985, 1, 1),
        lead__economic_activity=activity,
        lead__hours_per_week=hours,
    )
    PeriodFactory(household=found, start=dt.date(2015, 1, 1))
    return found


def simulated(council: Organisation, draft: Any, django_capture_on_commit_callbacks: Any) -> Any:
    admin = staff_member(council, [Role.POLICY_ADMIN])
    with clock.clock_frozen_at(NOW), django_capture_on_commit_callbacks(execute=True):
        run = services.simulation_start(actor=actor_for(admin), draft=draft)
    run.refresh_from_db()
    assert run.status == SimulationStatus.DONE
    return run, admin


def test_a_reason_about_work_and_training_hours_reaches_exactly_the_working_households(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given Marshvale's policy in force, and a draft giving working households Band C
    council = OrganisationFactory(slug="marshvale-city", name="Marshvale City Council")
    baseline = copy.deepcopy(document_data(demo("marshvale-city")))
    version(council, 1, baseline, draft=False)
    changed = copy.deepcopy(baseline)
    changed["need_reasons"].append(WORKING)
    draft = version(council, 2, changed, draft=True)
    # and a register of people who work, train, volunteer, are retired or were never asked
    household(council, "WK-000001", "employed", 30)
    trainee = household(council, "WK-000002", "retired", None, bedrooms=2)
    PersonFactory(
        household=trainee,
        relationship=Relationship.OTHER,
        date_of_birth=dt.date(2004, 1, 1),
        economic_activity="training",
        hours_per_week=16,
    )
    household(council, "WK-000003", "employed", 15)
    household(council, "WK-000004", "volunteering", 40)
    household(council, "WK-000005", "", None)
    # when the draft is simulated
    run, admin = simulated(council, draft, django_capture_on_commit_callbacks)
    # then exactly the households where someone works or trains 16 hours a week move up, and
    # the reason they gained is the one about work
    movement: dict[str, Any] = run.results["register_movement"]
    movers = {m["reference"]: m for m in movement["movers"]}
    assert sorted(movers) == ["WK-000001", "WK-000002"]
    for mover in movers.values():
        assert mover["direction"] == "up"
        assert mover["needs_gained"] == [
            {"code": "working_household", "label": "Works or trains at least 16 hours a week"}
        ]
    assert movement["directions"]["same"] == 3
    assert movement["shortlist_orders"] == []
    # and the results page says so
    client = Client()
    client.force_login(admin.user)
    page = client.get(reverse("policy:simulation_detail", kwargs={"pk": run.pk})).text
    assert "Works or trains at least 16 hours a week" in page
    assert "Shortlist orders the draft changes" not in page


def test_a_plan_given_its_own_order_is_listed_with_the_orders_the_draft_changes(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a policy in force with the Brook Farm plan, and a draft that orders it longest
    # registered first
    council = OrganisationFactory(slug="marshvale-city", name="Marshvale City Council")
    baseline = copy.deepcopy(document_data(demo("marshvale-city")))
    baseline["shortlist"]["local_lettings_plans"] = [BROOK_FARM]
    version(council, 1, baseline, draft=False)
    changed = copy.deepcopy(baseline)
    changed["shortlist"]["local_lettings_plans"][0]["order"] = [{"key": "registration_date"}]
    draft = version(council, 2, changed, draft=True)
    household(council, "WK-000001", "employed", 30)
    # when the draft is simulated
    run, admin = simulated(council, draft, django_capture_on_commit_callbacks)
    # then no one moves on the register, but the plan's new order is reported
    movement: dict[str, Any] = run.results["register_movement"]
    assert movement["movers"] == []
    assert movement["shortlist_orders"] == [
        {
            "plan": "brook_farm",
            "name": "Brook Farm",
            "now": None,
            "draft": [
                {"key": "registration_date", "prefer": "", "expression": "", "label": "", "to": ""}
            ],
        }
    ]
    client = Client()
    client.force_login(admin.user)
    page = client.get(reverse("policy:simulation_detail", kwargs={"pk": run.pk})).text
    assert "Shortlist orders the draft changes" in page
    assert "The Brook Farm plan, within its groups" in page
    assert "The scheme&#x27;s usual order within its groups" in page
    assert "Registration date: the earliest first" in page
