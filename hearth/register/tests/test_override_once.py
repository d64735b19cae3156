"""One override waiting for a team leader per application, kept by the database."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from hearth.accounts.tests.factories import actor_for
from hearth.core.clock import LONDON, clock_frozen_at
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import Application, AssessmentOverride, OverrideStatus
from hearth.register.services.assessment import override_request
from hearth.register.tests.factories import ApplicationFactory, PeriodFactory
from hearth.register.tests.workspace_setup import (
    NOON,
    officer,
    published_policy,
    recorded_assessment,
)

pytestmark = pytest.mark.django_db
WAITING = "An override is already waiting for a team leader on this application"


def case() -> Application:
    council = OrganisationFactory()
    policy = published_policy(council)
    with clock_frozen_at(NOON):
        application = ApplicationFactory(household__council=council)
    PeriodFactory(household=application.household)
    recorded_assessment(application.household, policy, band="C")
    return application


def ask(application: Application, band: str = "B") -> AssessmentOverride:
    assessment = application.household.assessments.order_by("-created_at").first()
    assert assessment is not None
    with clock_frozen_at(NOON):
        return override_request(
            actor=actor_for(officer(application.household.council)),
            application=application,
            assessment=assessment,
            band=band,
            reason="Panel agreed welfare need",
        )


def test_a_second_override_is_refused_while_the_first_waits() -> None:
    application = case()
    ask(application)
    with pytest.raises(ValidationError) as refused:
        ask(application, band="A")
    assert refused.value.messages == [WAITING]
    assert AssessmentOverride.objects.filter(application=application).count() == 1


def test_the_database_refuses_a_second_pending_override_however_it_is_written() -> None:
    # Given a pending override
    application = case()
    first = ask(application)
    # When another pending one is written past the service's check
    second = AssessmentOverride(
        application=application,
        council_id=application.council_id,
        assessment=first.assessment,
        band="A",
        reason="Again",
        requested_by=first.requested_by,
        requested_at=first.requested_at,
    )
    # Then the database refuses it; once the first is decided, a new one may be asked for
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    AssessmentOverride.objects.filter(pk=first.pk).update(status=OverrideStatus.REFUSED)
    assert ask(application, band="A").status == OverrideStatus.PENDING


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_twenty_officers_asking_at_once_leave_exactly_one_override() -> None:
    # Given an assessed application and 20 officers' requests arriving together
    application = case()
    assessment = application.household.assessments.get()
    actor = actor_for(officer(application.household.council))
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def request_one() -> None:
        try:
            barrier.wait()
            override_request(
                actor=actor,
                application=application,
                assessment=assessment,
                band="B",
                reason="Panel agreed welfare need",
            )
            outcomes.append("asked")
        except ValidationError as refused:
            outcomes.append(refused.messages[0])
        finally:
            connections.close_all()

    # When all 20 ask for an override at once
    threads = [threading.Thread(target=request_one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then exactly one waits for a team leader, and every other officer was told why
    assert AssessmentOverride.objects.filter(application=application).count() == 1
    assert sorted(outcomes) == sorted(["asked"] + [WAITING] * 19)


# --- Migration ---------------------------------------------------------------------------------

BEFORE = ("register", "0017_need_award_one_active_per_code")
CLOSED = ("register", "0018_override_duplicates_close")


@pytest.mark.django_db(transaction=True)
def test_duplicate_pending_overrides_already_recorded_are_closed_keeping_the_earliest() -> None:
    executor = MigrationExecutor(connection)
    try:
        # Given the database before the constraint, with three pending overrides on one application
        # (the application made first, with today's tables; the overrides as they were then)
        application = case()
        assessment = application.household.assessments.get()
        requester = officer(application.household.council).user
        executor.migrate([BEFORE])
        apps = executor.loader.project_state([BEFORE]).apps
        historical = apps.get_model("register", "AssessmentOverride")
        first, second, third = (
            historical.objects.create(
                application_id=application.pk,
                council_id=application.council_id,
                assessment_id=assessment.pk,
                band="B",
                reason="Panel",
                requested_by_id=requester.pk,
                requested_at=dt.datetime(2026, 6, day, 9, 0, tzinfo=LONDON),
            )
            for day in (1, 2, 3)
        )
        # When the duplicates are closed
        executor = MigrationExecutor(connection)
        executor.migrate([CLOSED])
        # Then the earliest still waits; the others are closed as refused, saying why
        pending = AssessmentOverride.objects.filter(status=OverrideStatus.PENDING)
        assert list(pending.values_list("pk", flat=True)) == [first.pk]
        for duplicate in (second, third):
            closed = AssessmentOverride.objects.get(pk=duplicate.pk)
            assert closed.status == OverrideStatus.REFUSED
            assert closed.decided_by is None
            assert closed.decision_note.startswith("Closed: a duplicate")
        # And going back is allowed (the duplicates stay closed)
        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
