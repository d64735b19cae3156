"""What each demo application's state implies: history, decisions, reviews, documents, messages.

Run by `demo_seed` after the register is assessed (see `demo_applications`). Deterministic: one
seeded generator, walking the applications in reference order. Made once: nothing happens if the
demo register already has a status history.

Rows are written in bulk, and each with the audit events the register service that makes it in
real use writes in the same transaction: by the same person, for the council, with the same
changes, at the row's own time.

- status history (`demo_history`): `application_start`, `application_status_move` and
  `application_submit` write `application.started`, `application.status_changed` and
  `application.submitted`;
- assessments of households off the register: `household_assess`, `register.assessed`;
- decisions: `decision_write`, `decision.recorded`;
- review requests: `review_request_create`, `review.requested`;
- documents asked for: `evidence_request_create`, `evidence.requested`;
- documents sent and checked: `evidence_document_upload` and `evidence_document_check`,
  `evidence.uploaded` and `evidence.checked`;
- messages, and reading them: `message_send` and `message_thread_read`, `message.sent` and
  `message.read`;
- reported changes: `circumstance_change_report`, `circumstance_change.reported`.

A household with an applicant sign-in acts from its account; one without has an officer of its
council act for it (assisted digital), so only households with an account read or write
messages. `demo/tests/test_seed_invariants.py` proves rows and events agree, row for row.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from hearth.accounts.models import User
from hearth.core import clock
from hearth.core.models import AuditEvent, Organisation
from hearth.demo import partnership
from hearth.demo.register.application_assessments import assess_the_rest, decision_day_assessments
from hearth.demo.register.application_rows import BATCH, SEED, ApplicationRecords
from hearth.demo.register.applications import demo_rich
from hearth.register.models import (
    Application,
    CircumstanceChange,
    Decision,
    EvidenceDocument,
    EvidenceRequest,
    Message,
    ReviewRequest,
    StatusChange,
)
from hearth.register.rules import lifecycle


def _demo_councils() -> list[Organisation]:
    councils = Organisation.objects.filter(scheme__slug=partnership.SCHEME_SLUG, kind="council")
    return list(councils.order_by("slug"))


def council_officers(councils: list[Organisation]) -> dict[str, User | None]:
    """Each council's register officer (by council slug), who acts for it in the demo."""
    emails = {f"register-officer@{council.slug}.example": council.slug for council in councils}
    found = {user.email: user for user in User.objects.filter(email__in=emails)}
    return {slug: found.get(email) for email, slug in emails.items()}


def demo_application_records_seed(*, on_date: dt.date | None = None) -> int:
    """Fill in the demo applications' records; returns how many rows it made (0 if done)."""
    councils = _demo_councils()
    if StatusChange.objects.filter(application__household__council__in=councils).exists():
        return 0
    on_date = on_date or clock.today()
    applications = list(
        Application.objects.filter(council__in=councils)
        .select_related("household", "household__council", "household__applicant")
        .order_by("household__reference")
    )
    if not applications:
        return 0
    rich = demo_rich(applications)
    records = ApplicationRecords(
        rng=random.Random(SEED),  # noqa: S311 - made-up demo data
        on_date=on_date,
        now=clock.now(),
        officers=council_officers(councils),
    )
    with transaction.atomic():
        assessed = assess_the_rest(applications, on_date, records, councils)
        for app in applications:
            records.history(app)
        assessed += decision_day_assessments(applications, records, councils)
        for index, app in enumerate(applications):
            records.decision(app)
            if app.pk in rich or app.status == lifecycle.PENDING_DOCUMENTS:
                records.evidence(app, index)
                records.conversation(app, index)
        StatusChange.objects.bulk_create(records.changes, batch_size=BATCH)
        Decision.objects.bulk_create(records.decisions, batch_size=BATCH)
        ReviewRequest.objects.bulk_create(records.reviews, batch_size=BATCH)
        EvidenceRequest.objects.bulk_create(records.requests, batch_size=BATCH)
        EvidenceDocument.objects.bulk_create(records.documents, batch_size=BATCH)
        # Replies point at first messages: those go in first.
        Message.objects.bulk_create(
            [m for m in records.messages if m.reply_to_id is None], batch_size=BATCH
        )
        Message.objects.bulk_create(
            [m for m in records.messages if m.reply_to_id is not None], batch_size=BATCH
        )
        CircumstanceChange.objects.bulk_create(records.reported, batch_size=BATCH)
        AuditEvent.objects.bulk_create(records.events, batch_size=BATCH)
    return records.count + assessed
