"""Data migrations of the register, run backwards and forwards on a real test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import (
    Application,
    AssessmentOverride,
    CircumstanceChange,
    DuplicateFlag,
    EvidenceDocument,
    ReviewRequest,
)
from hearth.register.tests.factories import (
    ApplicationFactory,
    AssessmentOverrideFactory,
    CircumstanceChangeFactory,
    DuplicateFlagFactory,
    EvidenceDocumentFactory,
    ReviewRequestFactory,
)
from hearth.register.tests.workspace_setup import officer, published_policy, recorded_assessment

# Migrating needs its own transactions (SQLite rebuilds tables outside one).
pytestmark = pytest.mark.django_db(transaction=True)

QUEUE_ITEMS = (
    EvidenceDocument,
    CircumstanceChange,
    ReviewRequest,
    AssessmentOverride,
    DuplicateFlag,
)
COUNCILS_ADDED = ("register", "0009_queue_items_council_add")
COUNCILS_FILLED = ("register", "0010_queue_items_council_fill")


def _migrate(*targets: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    return executor


@pytest.fixture
def migrated_back_and_forth() -> Iterator[None]:
    """Whatever the test does, the database ends on the latest migrations again."""
    try:
        yield
    finally:
        _migrate(*MigrationExecutor(connection).loader.graph.leaf_nodes())


def _items_of(application: Application) -> None:
    council = application.council
    EvidenceDocumentFactory(application=application)
    CircumstanceChangeFactory(application=application)
    ReviewRequestFactory(decision__application=application, application=application)
    AssessmentOverrideFactory(
        application=application,
        assessment=recorded_assessment(application.household, published_policy(council)),
        requested_by=officer(council).user,
    )
    DuplicateFlagFactory(application=application)


def _councils() -> dict[str, set[tuple[str, str]]]:
    """For each kind of queue item, its (application, council) pairs."""
    return {
        model.__name__: {
            (str(application), str(council))
            for application, council in model.objects.values_list("application_id", "council_id")
        }
        for model in QUEUE_ITEMS
    }


def test_queue_items_get_their_applications_council(migrated_back_and_forth: None) -> None:
    # given queue items on applications of two councils
    for council in (OrganisationFactory(), OrganisationFactory()):
        _items_of(ApplicationFactory(household__council=council))
    expected = _councils()
    # and the database as it was before the items carried a council
    executor = _migrate(COUNCILS_ADDED)
    historical = executor.loader.project_state([COUNCILS_ADDED]).apps
    for model in QUEUE_ITEMS:
        historical.get_model("register", model.__name__).objects.update(council=None)
    # when the councils are copied
    _migrate(COUNCILS_FILLED)
    # then every item has its own application's council, and no item was lost
    assert _councils() == expected
    assert all(len(pairs) == 2 for pairs in expected.values())
