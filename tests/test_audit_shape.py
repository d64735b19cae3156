"""After the demo is loaded, every audit event records what it changed in the one shape."""

from __future__ import annotations

import pytest

from hearth.core.audit import audit_shape_problems
from hearth.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_seeded_audit_event_has_the_one_shape(demo_data: None) -> None:
    # Given the demo partnership, seeded by `demo_seed` as `make demo` does
    events = AuditEvent.objects.values_list("verb", "changes")
    assert events.exists()
    # Then each event's changes are {field: {"before": …, "after": …}} plus optional context
    wrong = {
        verb: problems for verb, changes in events if (problems := audit_shape_problems(changes))
    }
    assert wrong == {}
