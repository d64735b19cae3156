"""The demo seed writes the register in bulk, not through the register's services, so the rows
it writes must keep the promises those services keep (checked over a small demo:
HEARTH_DEMO_HOUSEHOLDS is 200 in tests):

- status history: each application's status changes run from a first draft to the status it
  has now, and each step is one the lifecycle allows;
- register search rows: the officers' name search holds exactly the rows the search service
  would write for the people on the register;
- audit events: the seed's writes are recorded, by the system, against the demo scheme, and
  each policy version it publishes or drafts has the event the policy services write.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import pytest
from django.core.management import call_command

from hearth.core.models import AuditEvent, Scheme
from hearth.demo import partnership
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.register.models import Application, RegisterSearchName, StatusChange
from hearth.register.rules import lifecycle
from hearth.register.services.workspace_search import search_names_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    call_command("demo_seed", verbosity=0)


def _search_rows() -> set[tuple[str, str, str, str, str]]:
    return {
        (str(row.person_id), str(row.application_id), str(row.council_id), row.reference, row.name)
        for row in RegisterSearchName.objects.all()
    }


def test_every_application_has_a_history_ending_at_its_status(seeded: None) -> None:
    history: dict[str, list[StatusChange]] = defaultdict(list)
    for change in StatusChange.objects.order_by("occurred_at"):
        history[str(change.application_id)].append(change)
    applications = list(Application.objects.all())
    assert applications
    for application in applications:
        steps = history[str(application.pk)]
        assert steps, f"{application.pk} has no status history"
        # Starts as a draft the applicant began...
        assert (steps[0].from_status, steps[0].to_status) == ("", lifecycle.DRAFT)
        # ...each step follows from the one before and is a move the lifecycle allows...
        for before, after in pairwise(steps):
            assert after.from_status == before.to_status, application.pk
            lifecycle.transition_check(after.from_status, after.to_status)
        # ...and it ends where the application is now.
        assert steps[-1].to_status == application.status, application.pk
        assert (application.submitted_at is not None) == any(
            step.to_status == lifecycle.SUBMITTED for step in steps
        )


def test_the_name_search_rows_are_the_ones_the_search_service_writes(seeded: None) -> None:
    seeded_rows = _search_rows()
    assert seeded_rows
    household_ids = list(Application.objects.values_list("household_id", flat=True))
    search_names_refresh(household_ids=household_ids)
    assert _search_rows() == seeded_rows


def test_the_seed_and_each_policy_version_it_makes_are_audited(seeded: None) -> None:
    scheme = Scheme.objects.get(slug=partnership.SCHEME_SLUG)
    (seed_event,) = AuditEvent.objects.filter(verb="demo.seeded")
    assert seed_event.actor_id is None  # the system, not a person
    assert (seed_event.object_type, seed_event.object_id) == ("core.scheme", str(scheme.pk))
    versions = list(PolicyVersion.objects.all())
    assert versions
    for version in versions:
        verb = "policy.published" if version.status == PolicyStatus.PUBLISHED else None
        verb = verb or "policy.draft_created"
        assert AuditEvent.objects.filter(verb=verb, object_id=str(version.pk)).exists(), version
