"""The one shape of an audit event's changes: built by `changes_of`, refused otherwise, and
every shape ever stored read back as lines to show."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import pytest
from django.db import transaction

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.roles import Role
from hearth.core.audit import (
    AuditChanges,
    AuditLine,
    AuditShapeError,
    Change,
    audit_lines,
    audit_record,
    audit_shape_problems,
    changes_of,
)

# --- Building ----------------------------------------------------------------------------------


def test_changes_of_keeps_only_what_changed_with_context_apart() -> None:
    # Given a status that moved and a reason for it
    changes = changes_of(
        before={"status": "active", "band": "B"},
        after={"status": "suspended", "band": "B"},
        context={"reason": "Rent arrears"},
    )
    # Then the stored shape has the changed field and the reason under "context"
    assert changes.as_json() == {
        "status": {"before": "active", "after": "suspended"},
        "context": {"reason": "Rent arrears"},
    }


def test_a_created_record_is_after_alone_and_a_removed_one_before_alone() -> None:
    assert changes_of(after={"email": "a@b.example", "note": None}).as_json() == {
        "email": {"before": None, "after": "a@b.example"}
    }
    assert changes_of(before={"number": 3}).as_json() == {"number": {"before": 3, "after": None}}


def test_values_are_stored_as_json_and_lists_keep_their_order() -> None:
    changes = changes_of(
        after={
            "due_on": dt.date(2026, 3, 1),
            "income": decimal.Decimal("12.50"),
            "order": ["registration_date", "band"],
            "roles": {"b", "a"},
        }
    )
    assert changes.as_json() == {
        "due_on": {"before": None, "after": "2026-03-01"},
        "income": {"before": None, "after": "12.50"},
        "order": {"before": None, "after": ["registration_date", "band"]},
        "roles": {"before": None, "after": ["a", "b"]},
    }


def test_two_sets_of_changes_combine() -> None:
    combined = changes_of(after={"number": 2}) | changes_of(
        before={"summary": ""}, after={"summary": "New"}, context={"sections": ["bands"]}
    )
    assert combined.as_json() == {
        "number": {"before": None, "after": 2},
        "summary": {"before": "", "after": "New"},
        "context": {"sections": ["bands"]},
    }


@pytest.mark.parametrize(
    ("fields", "context"),
    [
        ({"context": Change(1, 2)}, {}),  # the reserved key cannot name a field
        ({"status": ["open", "closed"]}, {}),  # a bare pair is not a Change
        ({"": Change(1, 2)}, {}),
        ({}, {"when": object()}),  # not storable as JSON
    ],
)
def test_anything_but_the_one_shape_is_refused_when_built(
    fields: dict[str, Any], context: dict[str, Any]
) -> None:
    with pytest.raises(AuditShapeError):
        AuditChanges(fields=fields, context=context)


@pytest.mark.django_db
def test_audit_record_refuses_changes_not_built_by_the_helper() -> None:
    # Given a change written as a bare dict, the old way
    member = staff_member(roles=[Role.COUNCIL_ADMIN])
    # Then recording it fails, saying how to build it
    with pytest.raises(AuditShapeError, match="changes_of"), transaction.atomic():
        audit_record(
            actor=actor_for(member),
            verb="x",
            target=member,
            changes={"status": ["open", "closed"]},  # type: ignore[arg-type]
        )


@pytest.mark.django_db
def test_audit_record_stores_the_one_shape() -> None:
    member = staff_member(roles=[Role.COUNCIL_ADMIN])
    with transaction.atomic():
        event = audit_record(
            actor=actor_for(member),
            verb="x",
            target=member,
            changes=changes_of(before={"a": 1}, after={"a": 2}, context={"why": "test"}),
        )
    event.refresh_from_db()
    assert event.changes == {"a": {"before": 1, "after": 2}, "context": {"why": "test"}}
    assert audit_shape_problems(event.changes) == []


# --- Checking a stored value -------------------------------------------------------------------


@pytest.mark.parametrize(
    "stored",
    [
        {"status": ["active", "suspended"], "reason": "Rent arrears"},
        {"late": True},
        {"context": "not an object"},
        {"status": {"after": "x"}},
        ["not", "an", "object"],
    ],
)
def test_old_shapes_are_named_as_problems(stored: Any) -> None:
    assert audit_shape_problems(stored)


def test_the_one_shape_has_no_problems() -> None:
    assert audit_shape_problems({}) == []
    assert audit_shape_problems({"a": {"before": None, "after": 1}, "context": {"n": 2}}) == []


# --- Reading any stored shape for display ------------------------------------------------------


def test_the_one_shape_reads_as_before_after_then_context() -> None:
    lines = audit_lines(
        {
            "status": {"before": "active", "after": "suspended"},
            "context": {"reason": "Rent arrears"},
        }
    )
    assert [str(line) for line in lines] == [
        "status: active → suspended",
        "reason: Rent arrears",
    ]
    assert [line.is_change for line in lines] == [True, False]


def test_empty_values_read_as_a_dash_and_lists_and_flags_as_words() -> None:
    lines = audit_lines(
        {
            "email": {"before": None, "after": "a@b.example"},
            "parish": {"before": "Fenwick", "after": ""},
            "roles": {"before": [], "after": ["admin", "officer"]},
            "is_active": {"before": True, "after": False},
        }
    )
    assert [str(line) for line in lines] == [
        "email: — → a@b.example",
        "parish: Fenwick → —",
        "roles: — → admin, officer",
        "is_active: yes → no",
    ]


def test_legacy_status_pairs_read_as_before_after() -> None:
    # Given rows written before the one shape: a [before, after] status and a bare reason
    stored = {"status": ["active", "suspended"], "reason": "Rent arrears"}
    # Then the status reads as a change and the reason as context
    assert audit_lines(stored) == [
        AuditLine("status", before="active", after="suspended"),
        AuditLine("reason", "Rent arrears"),
    ]
    assert [
        str(line) for line in audit_lines({"renewal_due_on": ["2025-01-01", "2026-01-01"]})
    ] == ["renewal_due_on: 2025-01-01 → 2026-01-01"]


def test_legacy_bare_values_read_as_context() -> None:
    stored = {"sections": ["home", "people"], "late": True, "households": 12, "kind": "payslips"}
    assert [str(line) for line in audit_lines(stored)] == [
        "sections: home, people",
        "late: yes",
        "households: 12",
        "kind: payslips",
    ]


@pytest.mark.parametrize("stored", [None, {}, [], ""])
def test_nothing_stored_reads_as_no_lines(stored: Any) -> None:
    assert audit_lines(stored) == []


def test_a_stored_value_that_is_not_an_object_still_reads() -> None:
    assert [str(line) for line in audit_lines(["a", "b"])] == ["changes: a, b"]
