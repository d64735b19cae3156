"""One active award of a need reason per household, kept by the database."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for
from hearth.core.clock import clock_frozen_at
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import Application, NeedAward
from hearth.register.services import assessment as services
from hearth.register.tests.factories import (
    ApplicationFactory,
    HouseholdFactory,
    NeedAwardFactory,
    PeriodFactory,
)
from hearth.register.tests.workspace_setup import (
    NOON,
    TODAY,
    officer,
    published_policy,
    signed_in,
)

pytestmark = pytest.mark.django_db


def case() -> Application:
    council = OrganisationFactory()
    published_policy(council)
    with clock_frozen_at(NOON):
        application = ApplicationFactory(household__council=council)
    PeriodFactory(household=application.household)
    return application


def award_posted(application: Application):  # type: ignore[no-untyped-def]
    with clock_frozen_at(NOON):
        return signed_in(officer(application.household.council)).post(
            reverse("register:needs_award", kwargs={"pk": application.pk}),
            {
                "code": "high_medical",
                "awarded_on_day": "1",
                "awarded_on_month": "6",
                "awarded_on_year": "2026",
                "notes": "GP letter seen",
            },
        )


def test_the_database_refuses_a_second_active_award_of_a_code() -> None:
    # Given a household with an active award of a need reason
    award = NeedAwardFactory()
    # When another active award of the same code is written directly
    # Then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        NeedAwardFactory(household=award.household, code=award.code)


def test_a_withdrawn_award_does_not_stop_a_new_one() -> None:
    # Given an award that has been withdrawn
    award = NeedAwardFactory(withdrawn_on=dt.date(2025, 3, 1))
    # When the same reason is awarded again
    again = NeedAwardFactory(household=award.household, code=award.code)
    # Then both are kept, one active
    assert NeedAward.objects.filter(household=award.household, withdrawn_on=None).get() == again


def test_awarding_a_need_twice_shows_an_error_on_the_field_and_keeps_one() -> None:
    # Given a need reason already awarded through the form
    application = case()
    assert award_posted(application).status_code == 302
    # When the form is sent again (the back button, a second tab)
    response = award_posted(application)
    # Then the second is refused on the need reason question, with what was typed kept
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#id_code' in response.text
    assert "This need is already awarded" in response.text
    assert "GP letter seen" in response.text
    assert NeedAward.objects.filter(household=application.household).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_twenty_officers_awarding_at_once_leave_exactly_one_award() -> None:
    # Given an application and 20 officers' requests arriving together
    application = case()
    actor = actor_for(officer(application.household.council))
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def award() -> None:
        try:
            barrier.wait()
            services.need_award_create(
                actor=actor, application=application, code="high_medical", awarded_on=TODAY
            )
            outcomes.append("awarded")
        except ValidationError as refused:
            outcomes.append(refused.message_dict["code"][0])
        finally:
            connections.close_all()

    # When all 20 award the same need reason at once
    # (the clock is frozen around all the threads: one freeze each would race to restore it)
    threads = [threading.Thread(target=award) for _ in range(20)]
    with clock_frozen_at(NOON):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # Then exactly one award exists, and every other request was told why
    assert NeedAward.objects.filter(household=application.household).count() == 1
    assert sorted(outcomes) == ["This need is already awarded"] * 19 + ["awarded"]


# --- Migration ---------------------------------------------------------------------------------

BEFORE = ("register", "0015_need_award_withdrawn_reason_add")
ENDED = ("register", "0016_need_award_duplicates_end")


@pytest.mark.django_db(transaction=True)
def test_duplicate_awards_already_recorded_are_ended_keeping_the_earliest() -> None:
    executor = MigrationExecutor(connection)
    try:
        # Given the database before the constraint, with three active awards of one code
        # (the household made first, with today's tables; the awards as they were then)
        household = HouseholdFactory()
        other = NeedAwardFactory(household=household, code="low_medical")
        executor.migrate([BEFORE])
        apps = executor.loader.project_state([BEFORE]).apps
        historical_award = apps.get_model("register", "NeedAward")
        first, second, third = (
            historical_award.objects.create(
                household_id=household.pk, code="high_medical", awarded_on=day
            )
            for day in (dt.date(2025, 1, 10), dt.date(2025, 1, 10), dt.date(2025, 2, 1))
        )
        # When the duplicates are ended
        executor = MigrationExecutor(connection)
        executor.migrate([ENDED])
        # Then the earliest stays active; the others end on their award date with a reason
        active = NeedAward.objects.filter(household=household, withdrawn_on=None)
        assert set(active.values_list("pk", flat=True)) == {first.pk, other.pk}
        for duplicate in (second, third):
            ended = NeedAward.objects.get(pk=duplicate.pk)
            assert ended.withdrawn_on == ended.awarded_on
            assert ended.withdrawn_reason.startswith("Ended: a duplicate")
        # And going back is allowed (the duplicates stay ended)
        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
