"""One answer to "which is the household's current assessment", for one household or many."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hearth.register.fetch import bidders_standing
from hearth.register.models import Assessment
from hearth.register.selectors.assessment import assessment_latest
from hearth.register.tests.factories import HouseholdFactory
from hearth.register.tests.test_fetch import assessment

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


def test_the_latest_is_by_date_assessed_then_when_made_then_id() -> None:
    # Given a household assessed twice for the same day at the same moment, and once earlier
    household = HouseholdFactory()
    assessment(household, dt.date(2025, 1, 5), "C", None)
    assessment(household, DAY, "B", None, id=uuid.UUID(int=1))
    assessment(household, DAY, "A", None, id=uuid.UUID(int=2))
    same_day = Assessment.objects.filter(household=household, assessed_on=DAY)
    same_day.update(created_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    # When the current assessment is read one at a time and for many households at once
    latest = assessment_latest(household)
    (standing,) = bidders_standing([str(household.pk)], DAY)
    # Then both choose the same one: the higher id
    assert latest is not None
    assert (latest.pk, latest.band) == (uuid.UUID(int=2), "A")
    assert standing.band == "A"


def test_the_latest_by_a_date_ignores_later_assessments() -> None:
    household = HouseholdFactory()
    assessment(household, dt.date(2025, 1, 5), "C", None)
    assessment(household, DAY, "B", None)
    found = assessment_latest(household, on_date=dt.date(2025, 6, 1))
    assert found is not None and found.band == "C"
    assert assessment_latest(household, on_date=dt.date(2024, 1, 1)) is None
    assert assessment_latest(HouseholdFactory()) is None
