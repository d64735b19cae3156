"""What each register service records in its audit event, built from the row it makes.

The demo seed writes rows in bulk and, beside each, the event its service would have written;
these builders give that event's changes. `demo/tests/test_seed_invariants.py` rebuilds the
expected events from the rows on its own and requires an exact match.
"""

from __future__ import annotations

from hearth.core.audit import AuditChanges, changes_of
from hearth.register.models import (
    Assessment,
    Decision,
    DocumentStatus,
    EvidenceDocument,
    EvidenceRequest,
    Message,
)


def decision_changes(decision: Decision) -> AuditChanges:
    """What `decision_write` records for `decision`."""
    used = decision.assessment
    return changes_of(
        after={
            "kind": decision.kind,
            "assessment": used,
            "band": used.band if used else None,
            "points": used.points if used else None,
            "priority_date": used.priority_date if used else None,
            "bedroom_need": used.bedroom_need if used else None,
            "review_by": decision.review_by,
        }
    )


def evidence_request_changes(request: EvidenceRequest) -> AuditChanges:
    """What `evidence_request_create` records for `request`."""
    return changes_of(
        after={
            "application": str(request.application_id),
            "kind": request.kind,
            "due_on": request.due_on,
            "person": str(request.person_id) if request.person_id else None,
        }
    )


def evidence_upload_changes(document: EvidenceDocument) -> AuditChanges:
    """What `evidence_document_upload` records for `document`."""
    return changes_of(
        after={
            "application": str(document.application_id),
            "request": str(document.request_id) if document.request_id else None,
            "kind": document.kind,
            "content_type": document.content_type,
            "size": document.size,
            "sha256": document.sha256,
        }
    )


def evidence_check_changes(document: EvidenceDocument) -> AuditChanges:
    """What `evidence_document_check` records for checking `document`."""
    return changes_of(
        before={"status": DocumentStatus.UNCHECKED},
        after={"status": document.status},
        context={"note": document.check_note},
    )


def message_changes(message: Message) -> AuditChanges:
    """What `message_send` records for `message`."""
    return changes_of(
        context={
            "from_applicant": message.from_applicant,
            "reply_to": str(message.reply_to_id) if message.reply_to_id else None,
        }
    )


def assessment_changes(assessment: Assessment, version_number: int) -> AuditChanges:
    """What `household_assess` records for `assessment`."""
    return changes_of(
        after={
            "policy_version": version_number,
            "status": assessment.status,
            "band": assessment.band,
            "points": assessment.points,
            "priority_date": assessment.priority_date,
            "bedroom_need": assessment.bedroom_need,
        }
    )
