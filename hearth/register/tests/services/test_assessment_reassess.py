from __future__ import annotations

import datetime as dt

import pytest

from hearth.core.models import AuditEvent
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Assessment
from hearth.register.services import register_reassess_due
from hearth.register.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 30)


def publish(council, number: int, effective_from: dt.date) -> PolicyVersion:
    text = example_policy_texts()["marshvale-city"]
    document = document_from_text(text)
    return PolicyVersion.objects.create(
        council=council,
        number=number,
        status=PolicyStatus.PUBLISHED,
        title=document.title,
        document=document_data(document),
        source_text=text,
        effective_from=effective_from,
        published_at=dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
    )


def test_a_version_is_applied_to_the_register_from_the_day_it_takes_effect() -> None:
    # Given a council's register, its version 1 in force and version 2 effective next Monday
    household = HouseholdFactory()
    council = household.council
    council.slug = "marshvale-city"
    council.save()
    first = publish(council, 1, dt.date(2026, 4, 1))
    second = publish(council, 2, MONDAY)
    # When the daily job runs before and on the Monday
    assert register_reassess_due(on_date=MONDAY - dt.timedelta(days=1)) == 1
    assert register_reassess_due(on_date=MONDAY - dt.timedelta(days=1)) == 0  # once per version
    assert register_reassess_due(on_date=MONDAY) == 1
    # Then assessments from that date use the new version, each recording it
    used = list(
        Assessment.objects.order_by("assessed_on").values_list("policy_version", "assessed_on")
    )
    assert used == [(first.pk, MONDAY - dt.timedelta(days=1)), (second.pk, MONDAY)]
    assert AuditEvent.objects.filter(verb="register.reassessed").count() == 2
