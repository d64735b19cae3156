"""What each demo application's state implies: history, decisions, reviews, documents, messages.

Run by `demo_seed` after the register is assessed (see `demo_applications`). Deterministic: one
seeded generator, walking the applications in reference order. Made once: nothing happens if the
demo register already has a status history.

Each step of the status history is written as the register's services write it: with their
reason, and with the audit events they write in the same transaction (`application.started`,
`application.status_changed`, `application.submitted`), by the same person, for the council,
at the same moment. `demo/tests/test_seed_invariants.py` proves the two agree, row for row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from hearth.accounts.models import User
from hearth.core import clock
from hearth.core.audit import changes_of
from hearth.core.models import AuditEvent, Organisation
from hearth.demo import partnership
from hearth.demo.application_content import (
    COUNCIL_MESSAGES,
    EVIDENCE_ASKED,
    REPLIES,
    demo_pdf,
    demo_png,
)
from hearth.demo.applications import at_ten
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.assess import assess
from hearth.policy.selectors import policy_in_force
from hearth.register.fetch import household_facts
from hearth.register.models import (
    ASSESSMENT_NEWEST_FIRST,
    Application,
    Assessment,
    CircumstanceChange,
    Decision,
    DecisionKind,
    EvidenceDocument,
    EvidenceKind,
    EvidenceRequest,
    Household,
    Message,
    Person,
    Relationship,
    ReviewRequest,
    StatusChange,
)
from hearth.register.models.decision import REVIEW_WINDOW_DAYS
from hearth.register.models.evidence_storage import evidence_storage
from hearth.register.rules import lifecycle
from hearth.register.rules.decision_wording import decision_reasons, kind_for
from hearth.register.selectors.households import ASSESSED_STATUSES
from hearth.register.services.assessment_reassess import assessment_row
from hearth.register.services.workspace_search import search_names_refresh

SEED = 4005
BATCH = 500
# The first applications of each council (in reference order) get documents and messages:
# every one at test size, several hundred in the full demo.
RICH_PER_COUNCIL = 120
# The demo council whose households the applicant sign-ins own.
SIGN_IN_COUNCIL = "marshvale-city"
APPLICATION_TYPE = Application._meta.label_lower
# The reasons the register's services give for the moves they make.
SENT = "Application sent"
WAITING = f"Waiting for {EvidenceKind(EVIDENCE_ASKED[0][0]).label.lower()}"
REVIEW = "Review asked for"


def _decided_because(kind: str) -> str:
    return f"Decision: {DecisionKind(kind).label}"


@dataclass
class _Records:
    rng: random.Random
    on_date: dt.date
    officers: dict[str, User | None]
    changes: list[StatusChange] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)
    moves: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    reviews: list[ReviewRequest] = field(default_factory=list)
    requests: list[EvidenceRequest] = field(default_factory=list)
    documents: list[EvidenceDocument] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    reported: list[CircumstanceChange] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.changes,
                self.decisions,
                self.reviews,
                self.requests,
                self.documents,
                self.messages,
                self.reported,
            )
        )

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def history(self, app: Application) -> None:
        """The status changes that led to where the application is now, each with the reason
        and audit events the service that makes that change writes."""
        officer = self.officers.get(app.household.council.slug)
        # The applicant starts, sends and asks for a review of their own application; without
        # an account, an officer does it for them.
        applying = app.household.applicant or officer
        steps: list[tuple[str, str, dt.datetime, User | None, str]] = [
            ("", lifecycle.DRAFT, app.submitted_at or app.status_changed_at, applying, "")
        ]
        if app.submitted_at is not None:
            steps.append((lifecycle.DRAFT, lifecycle.SUBMITTED, app.submitted_at, applying, SENT))
        status = app.status
        if status == lifecycle.PENDING_DOCUMENTS:
            steps.append((lifecycle.SUBMITTED, status, app.status_changed_at, officer, WAITING))
        if status in (lifecycle.NOT_QUALIFYING, lifecycle.UNDER_REVIEW):
            decided = at_ten(self.decided_on(app))
            refused = _decided_because(self.refusal(app))
            steps.append((lifecycle.SUBMITTED, lifecycle.NOT_QUALIFYING, decided, officer, refused))
            if status == lifecycle.UNDER_REVIEW:
                steps.append(
                    (lifecycle.NOT_QUALIFYING, status, app.status_changed_at, applying, REVIEW)
                )
        if app.activated_on is not None:
            activated = at_ten(app.activated_on)
            accepted = _decided_because(DecisionKind.ACCEPTED)
            steps.append((lifecycle.SUBMITTED, lifecycle.ACTIVE, activated, officer, accepted))
            if status != lifecycle.ACTIVE:
                reason = {
                    lifecycle.SUSPENDED: "Rent arrears at the current home",
                    lifecycle.UNDER_OFFER: "Offered a home",
                    lifecycle.HOUSED: "Tenancy signed",
                    lifecycle.CANCELLED: app.get_cancel_reason_display(),
                }.get(status, "")
                by = None if app.cancel_reason == "renewal" else officer
                steps.append((lifecycle.ACTIVE, status, app.status_changed_at, by, reason))
        last: dt.datetime | None = None
        for before, after, when, by, reason in steps:
            # The first draft row is when the applicant started, a little before sending.
            if after == lifecycle.DRAFT:
                when = when - dt.timedelta(days=2)
            # Each step at least a minute after the one before, so the history reads in order
            # on any database (rows with the same time come back in no particular order).
            if last is not None and when <= last:
                when = last + dt.timedelta(minutes=1)
            last = when
            self.changes.append(
                StatusChange(
                    application=app,
                    from_status=before,
                    to_status=after,
                    reason=reason,
                    changed_by=by,
                    occurred_at=when,
                )
            )
            self.audit(app, before, after, when, by, reason)

    def audit(
        self,
        app: Application,
        before: str,
        after: str,
        when: dt.datetime,
        by: User | None,
        reason: str,
    ) -> None:
        """The audit events of one status change: `application_start` starts a draft;
        `application_status_move` records every move after that, and sending the application
        (`application_submit`) records that it was sent too."""
        household = app.household
        if before:
            events = [("application.status_changed", self.moved(before, after, reason))]
        else:
            started = {"council": household.council.slug, "reference": household.reference}
            events = [("application.started", changes_of(after=started).as_json())]
        if after == lifecycle.SUBMITTED:
            # The demo raises no duplicate flags.
            sent = changes_of(
                after={"registration_date": household.registration_date},
                context={"possible_duplicates": 0},
            )
            events.append(("application.submitted", sent.as_json()))
        label = str(app)[:200]
        for verb, changes in events:
            self.events.append(
                AuditEvent(
                    occurred_at=when,
                    actor=by,
                    organisation=household.council,
                    verb=verb,
                    object_type=APPLICATION_TYPE,
                    object_id=str(app.pk),
                    object_label=label,
                    changes=changes,
                )
            )

    def moved(self, before: str, after: str, reason: str) -> dict[str, Any]:
        """What `application_status_move` records; built once for each move and reason (there
        are a few dozen), as it is the seed's most common event."""
        key = (before, after, reason)
        if key not in self.moves:
            self.moves[key] = changes_of(
                before={"status": before}, after={"status": after}, context={"reason": reason}
            ).as_json()
        return self.moves[key]

    def refusal(self, app: Application) -> DecisionKind:
        """The kind of decision that told the household it does not qualify."""
        return DecisionKind.NOT_QUALIFYING if app.household.eligible else DecisionKind.INELIGIBLE

    def decided_on(self, app: Application) -> dt.date:
        if app.activated_on is not None:
            return app.activated_on
        sent = app.submitted_at or app.status_changed_at
        return min(self.on_date, sent.astimezone(clock.LONDON).date() + dt.timedelta(14))

    def decision(self, app: Application, assessment: Assessment | None) -> None:
        if app.status in (lifecycle.DRAFT, lifecycle.SUBMITTED, lifecycle.PENDING_DOCUMENTS):
            return
        accepted = app.activated_on is not None
        kind = DecisionKind.ACCEPTED
        if not accepted:
            kind = self.refusal(app)
        # The same wording a real decision gives (no rule codes, only the refusals when the
        # household does not qualify), where the assessment supports this decision.
        reasons = (
            decision_reasons(assessment)
            if assessment is not None and kind_for(assessment) == kind
            else []
        )
        if not reasons:
            reasons = [
                "You qualify to join the housing register."
                if accepted
                else "You do not meet the council's rules for joining the housing register."
            ]
        decided = self.decided_on(app)
        decision = Decision(
            id=self.uuid(),
            application=app,
            kind=kind,
            assessment=assessment,
            reasons=reasons,
            decided_on=decided,
            decided_by=self.officers.get(app.household.council.slug),
            review_by=decided + dt.timedelta(days=REVIEW_WINDOW_DAYS),
        )
        self.decisions.append(decision)
        if app.status == lifecycle.UNDER_REVIEW:
            self.reviews.append(
                ReviewRequest(
                    id=self.uuid(),
                    decision=decision,
                    application=app,
                    council_id=app.council_id,
                    grounds="My savings are for my daughter's care, not for housing.",
                    requested_on=min(self.on_date, decided + dt.timedelta(days=5)),
                    requested_by=app.household.applicant,
                )
            )

    def evidence(self, app: Application, index: int) -> None:
        """Documents asked for and sent: open requests while waiting, checked ones after."""
        if app.status == lifecycle.DRAFT:
            return
        waiting = app.status == lifecycle.PENDING_DOCUMENTS
        asked = (app.submitted_at or app.status_changed_at).astimezone(clock.LONDON).date()
        officer = self.officers.get(app.household.council.slug)
        for number, (kind, text) in enumerate(EVIDENCE_ASKED[: 2 + index % 2]):
            due = asked + dt.timedelta(days=lifecycle.EVIDENCE_DUE_DAYS)
            if waiting and number == 0 and index % 2:
                asked_on, due = asked - dt.timedelta(days=40), asked - dt.timedelta(days=12)
            else:
                asked_on = asked
            request = EvidenceRequest(
                id=self.uuid(),
                application=app,
                kind=kind,
                description=text,
                requested_on=asked_on,
                due_on=due,
                requested_by=officer,
                status="requested" if waiting and number != 1 else "verified",
                closed_on=None if waiting and number != 1 else min(self.on_date, due),
            )
            self.requests.append(request)
            if request.status == "requested":
                continue
            self.document(app, request, kind, index * 4 + number, officer)

    def document(
        self,
        app: Application,
        request: EvidenceRequest,
        kind: str,
        number: int,
        officer: User | None,
    ) -> None:
        if number % 3 == 0:
            data, name, content_type = demo_png(number), f"{kind}-photo.png", "image/png"
        else:
            title = f"Demo {kind} document {number}"
            data, name, content_type = demo_pdf(title), f"{kind}-letter.pdf", "application/pdf"
        document_id = self.uuid()
        stored = evidence_storage.save(f"{app.pk}/{document_id}", ContentFile(data))
        uploaded = at_ten(request.requested_on + dt.timedelta(days=3))
        self.documents.append(
            EvidenceDocument(
                id=document_id,
                application=app,
                council_id=app.council_id,
                request=request,
                kind=kind,
                file=stored,
                original_name=name,
                content_type=content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_at=uploaded,
                uploaded_by=app.household.applicant,
                status="verified",
                checked_at=uploaded + dt.timedelta(days=2),
                checked_by=officer,
            )
        )

    def conversation(self, app: Application, index: int) -> None:
        subject, body = COUNCIL_MESSAGES.get(app.status, ("", ""))
        if not subject:
            return
        sent = app.status_changed_at
        first = Message(
            id=self.uuid(),
            application=app,
            from_applicant=False,
            author=self.officers.get(app.household.council.slug),
            subject=subject,
            body=body,
            sent_at=sent,
            read_at=sent + dt.timedelta(hours=5) if index % 3 else None,
        )
        self.messages.append(first)
        if index % 2 == 0 and first.read_at is not None:
            self.messages.append(
                Message(
                    id=self.uuid(),
                    application=app,
                    from_applicant=True,
                    author=app.household.applicant,
                    subject=f"Re: {subject}",
                    body=REPLIES[index % len(REPLIES)],
                    sent_at=sent + dt.timedelta(hours=6),
                    read_at=None if index % 4 == 0 else sent + dt.timedelta(days=1),
                    reply_to=first,
                )
            )
        if app.status == lifecycle.ACTIVE and index % 9 == 4:
            self.reported.append(
                CircumstanceChange(
                    id=self.uuid(),
                    application=app,
                    council_id=app.council_id,
                    sections=["people"],
                    summary="My partner has moved in with us.",
                    reported_at=at_ten(self.on_date - dt.timedelta(days=index % 10 + 1)),
                    reported_by=app.household.applicant,
                )
            )


def _demo_councils() -> list[Organisation]:
    councils = Organisation.objects.filter(scheme__slug=partnership.SCHEME_SLUG, kind="council")
    return list(councils.order_by("slug"))


def _officers(councils: list[Organisation]) -> dict[str, User | None]:
    emails = {f"register-officer@{council.slug}.example": council.slug for council in councils}
    found = {user.email: user for user in User.objects.filter(email__in=emails)}
    return {slug: found.get(email) for email, slug in emails.items()}


def _assess_the_rest(applications: list[Application], on_date: dt.date) -> list[Assessment]:
    """Assess households the register run skipped (decided and closed ones), as they were
    assessed when decided: the not-qualifying ones get their not-qualifying assessment."""
    wanted = [
        app.household_id
        for app in applications
        if app.status not in ASSESSED_STATUSES and app.status != lifecycle.DRAFT
    ]
    rows: list[Assessment] = []
    for council in _demo_councils():
        version = policy_in_force(council, on_date)
        if version is None:
            continue
        document = document_of(version)
        batch = Household.objects.filter(pk__in=wanted, council=council).order_by("reference")
        for facts in household_facts(batch, on_date=on_date):
            rows.append(
                assessment_row(
                    facts.household_id, version, on_date, assess(document, facts, on_date)
                )
            )
    Assessment.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _latest_assessments(applications: list[Application]) -> dict[str, Assessment]:
    latest: dict[str, Assessment] = {}
    ids = [app.household_id for app in applications]
    for start in range(0, len(ids), BATCH):
        rows = Assessment.objects.filter(household_id__in=ids[start : start + BATCH]).order_by(
            *ASSESSMENT_NEWEST_FIRST
        )
        for row in rows:
            latest.setdefault(str(row.household_id), row)  # the first seen is the newest
    return latest


def _sign_ins(applications: list[Application], rich: set[uuid.UUID]) -> int:
    """Give each demo applicant sign-in a household of its state, in the sign-in council when
    it has one."""
    wanted = partnership.demo_applicant_states()
    users = {user.email: user for user in User.objects.filter(email__in=list(wanted))}
    taken: set[uuid.UUID] = set()
    renamed: list[uuid.UUID] = []
    for email, state in wanted.items():
        user = users.get(email)
        if user is None:
            continue
        candidates = [
            app
            for app in applications
            if app.status == state and app.household.applicant_id is None and app.pk not in taken
        ]
        # Prefer the sign-in council's households with documents and messages.
        candidates.sort(
            key=lambda app: (app.household.council.slug != SIGN_IN_COUNCIL, app.pk not in rich)
        )
        app = candidates[0] if candidates else None
        if app is None:
            continue
        taken.add(app.pk)
        app.household.applicant = user
        Household.objects.filter(pk=app.household_id).update(applicant=user)
        Person.objects.filter(household_id=app.household_id, relationship=Relationship.LEAD).update(
            full_name=user.full_name
        )
        renamed.append(app.household_id)
    # The sign-ins' names replace the made-up ones: the officers' name search must find them.
    search_names_refresh(household_ids=renamed)
    return len(renamed)


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
    seen: Counter[str] = Counter()
    rich: set[uuid.UUID] = set()
    for app in applications:
        seen[app.household.council.slug] += 1
        if seen[app.household.council.slug] <= RICH_PER_COUNCIL:
            rich.add(app.pk)
    records = _Records(
        rng=random.Random(SEED),  # noqa: S311 - made-up demo data
        on_date=on_date,
        officers=_officers(councils),
    )
    with transaction.atomic():
        linked = _sign_ins(applications, rich)
        assessed = _assess_the_rest(applications, on_date)
        latest = _latest_assessments(applications)
        for index, app in enumerate(applications):
            records.history(app)
            records.decision(app, latest.get(str(app.household_id)))
            if app.pk in rich or app.status == lifecycle.PENDING_DOCUMENTS:
                records.evidence(app, index)
                records.conversation(app, index)
        StatusChange.objects.bulk_create(records.changes, batch_size=BATCH)
        AuditEvent.objects.bulk_create(records.events, batch_size=BATCH)
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
    return records.count + len(assessed) + linked
