"""One demo application's rows, each with the audit events its register service writes.

`ApplicationRecords` gathers them for `demo_application_records_seed`, which writes them in
bulk (see that module for which service makes which row).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.files.base import ContentFile
from django.db import models

from hearth.accounts.models import User
from hearth.core import clock
from hearth.core.audit import AuditChanges, changes_of
from hearth.core.models import AuditEvent
from hearth.core.pages.message_text import message_text_render
from hearth.demo.register.application_content import (
    COUNCIL_MESSAGES,
    EVIDENCE_ASKED,
    REPLIES,
    demo_pdf,
    demo_png,
)
from hearth.demo.register.application_events import (
    decision_changes,
    evidence_check_changes,
    evidence_request_changes,
    evidence_upload_changes,
    message_changes,
)
from hearth.demo.register.applications import (
    By,
    at_ten,
    demo_history,
    refusal,
)
from hearth.register.models import (
    Application,
    Assessment,
    CircumstanceChange,
    Decision,
    DecisionKind,
    DocumentStatus,
    EvidenceDocument,
    EvidenceRequest,
    EvidenceRequestStatus,
    Message,
    ReviewRequest,
    StatusChange,
)
from hearth.register.models.decision import REVIEW_WINDOW_DAYS
from hearth.register.models.evidence_storage import evidence_storage
from hearth.register.rules import lifecycle
from hearth.register.rules.decision_wording import (
    HEADLINES,
    decision_reasons,
    kind_for,
    review_due_on,
)
from hearth.register.services.messages import SUBJECT_MAX, CouncilMessage

SEED = 4005
BATCH = 500
# How long after a document is asked for it is sent, and checked after that (less when the
# request is more recent than that: nothing happens after the moment of seeding).
SENDING = dt.timedelta(days=3)
CHECKING = dt.timedelta(days=2)
# A short deadline for the first of the documents an application waits for, now passed.
SHORT_DEADLINE = dt.timedelta(days=3)
# When the applicant reads a message, and answers it.
READING = dt.timedelta(hours=5)
# A household with an account has opened the council's notices older than this.
OPENED_WITHIN = dt.timedelta(days=7)
ANSWERING = dt.timedelta(hours=6)


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def london_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.LONDON).date()


@dataclass
class ApplicationRecords:
    rng: random.Random
    on_date: dt.date
    now: dt.datetime
    officers: dict[str, User | None]
    changes: list[StatusChange] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)
    moves: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    decided_at: dict[UUID, dt.datetime] = field(default_factory=dict)
    review_asked_at: dict[UUID, dt.datetime] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    reviews: list[ReviewRequest] = field(default_factory=list)
    requests: list[EvidenceRequest] = field(default_factory=list)
    documents: list[EvidenceDocument] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    reported: list[CircumstanceChange] = field(default_factory=list)
    day_assessments: dict[UUID, Assessment] = field(default_factory=dict)

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

    def uuid(self) -> UUID:
        return UUID(int=self.rng.getrandbits(128), version=4)

    def officer(self, app: Application) -> User | None:
        """The council's register officer, who acts for the council."""
        return self.officers.get(app.household.council.slug)

    def household_actor(self, app: Application) -> User | None:
        """Who acts for the household: its own account, or an officer for it."""
        return app.household.applicant or self.officer(app)

    def audit(
        self,
        verb: str,
        *,
        target_type: str,
        target_id: UUID | str,
        label: str,
        app: Application,
        by: User | None,
        at: dt.datetime,
        changes: AuditChanges | dict[str, Any],
    ) -> None:
        """The event `audit_record` writes for `by` (None: the system), in the council's log."""
        self.events.append(
            AuditEvent(
                occurred_at=at,
                actor=by,
                organisation=app.household.council,
                verb=verb,
                object_type=target_type,
                object_id=str(target_id),
                object_label=label[:200],
                changes=changes.as_json() if isinstance(changes, AuditChanges) else changes,
            )
        )

    # --- status history ------------------------------------------------------------------

    def history(self, app: Application) -> None:
        """The status changes that led to where the application is now (`demo_history`), each
        with the audit events the service that makes that change writes."""
        by_whom = {
            By.HOUSEHOLD: self.household_actor(app),
            By.OFFICER: self.officer(app),
            By.NOBODY: None,
        }
        for step in demo_history(app, self.on_date):
            by = by_whom[step.by]
            self.changes.append(
                StatusChange(
                    application=app,
                    from_status=step.before,
                    to_status=step.after,
                    reason=step.reason,
                    changed_by=by,
                    occurred_at=step.at,
                )
            )
            self.status_audit(app, step.before, step.after, step.at, by, step.reason)
            if step.before == lifecycle.SUBMITTED and step.after in (
                lifecycle.ACTIVE,
                lifecycle.NOT_QUALIFYING,
            ):
                self.decided_at[app.pk] = step.at
            if step.after == lifecycle.UNDER_REVIEW:
                self.review_asked_at[app.pk] = step.at

    def status_audit(
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
        events: list[tuple[str, dict[str, Any]]]
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
        for verb, changes in events:
            self.audit(
                verb,
                target_type=model_label(Application),
                target_id=app.pk,
                label=str(app),
                app=app,
                by=by,
                at=when,
                changes=changes,
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

    def notice(
        self, app: Application, kind: CouncilMessage, context: dict[str, Any], at: dt.datetime
    ) -> None:
        """The message a service sends the household for the council as it acts
        (`message_from_council_send`: no author, and no event of its own). A household with an
        account has opened the ones more than a week old (`message_thread_read`)."""
        text = message_text_render(app="register", kind=kind, context=context)
        applicant = app.household.applicant
        read_at = at + READING if applicant is not None and at < self.now - OPENED_WITHIN else None
        notice = Message(
            id=self.uuid(),
            application=app,
            from_applicant=False,
            author=None,
            subject=text.subject[:SUBJECT_MAX],
            body=text.body,
            sent_at=at,
            read_at=read_at,
        )
        self.messages.append(notice)
        if applicant is not None and read_at is not None:
            self.message_read(app, notice, applicant, read_at)

    # --- decisions and reviews -------------------------------------------------------------

    def decision(self, app: Application) -> None:
        """The decision (`decision_write`) behind the move its history records, resting on the
        assessment made that day (`assessment_for_decision`), and the message it sends."""
        decided_at = self.decided_at.get(app.pk)
        if decided_at is None:
            return
        assessment = self.day_assessments.get(app.pk)
        accepted = app.activated_on is not None
        kind = DecisionKind.ACCEPTED if accepted else refusal(app)
        if assessment is not None and kind_for(assessment) != kind:
            # `decision_record` refuses this: the demo applications must agree with the policy.
            raise ValueError(
                f"{app.household.reference}: a {kind} decision its day's assessment "
                f"({assessment.status}, {assessment.assessed_on}) does not support"
            )
        # The same wording a real decision gives; with no policy in force that day, the
        # decision is one made before Hearth and says only what was decided.
        reasons = decision_reasons(assessment) if assessment is not None else []
        if not reasons:
            reasons = [
                "You qualify to join the housing register."
                if accepted
                else "You do not meet the council's rules for joining the housing register."
            ]
        decided = london_date(decided_at)
        officer = self.officer(app)
        decision = Decision(
            id=self.uuid(),
            application=app,
            kind=kind,
            assessment=assessment,
            reasons=reasons,
            decided_on=decided,
            decided_by=officer,
            review_by=decided + dt.timedelta(days=REVIEW_WINDOW_DAYS),
        )
        self.decisions.append(decision)
        reference = app.household.reference
        self.audit(
            "decision.recorded",
            target_type=model_label(Decision),
            target_id=decision.pk,
            label=f"Decision on {reference}",
            app=app,
            by=officer,
            at=decided_at,
            changes=decision_changes(decision),
        )
        self.notice(
            app,
            CouncilMessage.DECISION,
            {"decision": decision, "headline": HEADLINES[decision.kind]},
            decided_at,
        )
        asked_at = self.review_asked_at.get(app.pk)
        if asked_at is None:
            return
        review = ReviewRequest(
            id=self.uuid(),
            decision=decision,
            application=app,
            council_id=app.council_id,
            grounds="My savings are for my daughter's care, not for housing.",
            requested_on=london_date(asked_at),
            requested_by=self.household_actor(app),
        )
        self.reviews.append(review)
        self.audit(
            "review.requested",
            target_type=model_label(ReviewRequest),
            target_id=review.pk,
            label=f"Review on {reference}",
            app=app,
            by=review.requested_by,
            at=asked_at,
            changes=changes_of(
                after={"decision": str(decision.pk)},
                context={"late": review.requested_on > decision.review_by},
            ),
        )
        self.notice(
            app,
            CouncilMessage.REVIEW_RECEIVED,
            {"outcome_by": review_due_on(review.requested_on)},
            asked_at,
        )

    # --- evidence --------------------------------------------------------------------------

    def evidence(self, app: Application, index: int) -> None:
        """Documents asked for and sent: open requests while waiting, checked ones after. An
        application waits for documents from when the first of them was asked for."""
        if app.submitted_at is None:
            return
        waiting = app.status == lifecycle.PENDING_DOCUMENTS
        officer = self.officer(app)
        for number, (kind, text) in enumerate(EVIDENCE_ASKED[: 2 + index % 2]):
            pausing = waiting and number == 0
            asked_at = app.status_changed_at if pausing else app.submitted_at
            asked_on = london_date(asked_at)
            due = asked_on + dt.timedelta(days=lifecycle.EVIDENCE_DUE_DAYS)
            if pausing and index % 2:
                due = asked_on + SHORT_DEADLINE
            request = EvidenceRequest(
                id=self.uuid(),
                application=app,
                kind=kind,
                description=text,
                requested_on=asked_on,
                due_on=due,
                requested_by=officer,
            )
            self.requests.append(request)
            self.audit(
                "evidence.requested",
                target_type=model_label(EvidenceRequest),
                target_id=request.pk,
                label=str(request),
                app=app,
                by=officer,
                at=asked_at,
                changes=evidence_request_changes(request),
            )
            self.notice(app, CouncilMessage.EVIDENCE_REQUESTED, {"request": request}, asked_at)
            if not (waiting and number != 1):
                self.document(app, request, asked_at, index * 4 + number, officer)

    def document(
        self,
        app: Application,
        request: EvidenceRequest,
        asked_at: dt.datetime,
        number: int,
        officer: User | None,
    ) -> None:
        """The document sent for `request`, and the officer's check that accepted it."""
        kind = request.kind
        if number % 3 == 0:
            data, name, content_type = demo_png(number), f"{kind}-photo.png", "image/png"
        else:
            title = f"Demo {kind} document {number}"
            data, name, content_type = demo_pdf(title), f"{kind}-letter.pdf", "application/pdf"
        document_id = self.uuid()
        stored = evidence_storage.save(f"{app.pk}/{document_id}", ContentFile(data))
        room = max(self.now - asked_at, dt.timedelta(0)) / 3
        uploaded = asked_at + min(SENDING, room)
        checked = uploaded + min(CHECKING, room)
        request.status = EvidenceRequestStatus.VERIFIED
        request.closed_on = london_date(checked)
        document = EvidenceDocument(
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
            uploaded_by=self.household_actor(app),
            status=DocumentStatus.VERIFIED,
            checked_at=checked,
            checked_by=officer,
        )
        self.documents.append(document)
        uploaded_by = document.uploaded_by
        for verb, by, at, changes in (
            ("evidence.uploaded", uploaded_by, uploaded, evidence_upload_changes(document)),
            ("evidence.checked", officer, checked, evidence_check_changes(document)),
        ):
            self.audit(
                verb,
                target_type=model_label(EvidenceDocument),
                target_id=document.pk,
                label=document.original_name,
                app=app,
                by=by,
                at=at,
                changes=changes,
            )

    # --- messages and reported changes -----------------------------------------------------

    def conversation(self, app: Application, index: int) -> None:
        """The council's message about where the application stands; a household with an
        account reads most of theirs, and answers."""
        subject, body = COUNCIL_MESSAGES.get(app.status, ("", ""))
        if subject:
            self.council_message(app, index, subject, body)
        if app.status == lifecycle.ACTIVE and index % 9 == 4:
            self.change_reported(app, index)

    def council_message(self, app: Application, index: int, subject: str, body: str) -> None:
        sent = app.status_changed_at
        applicant = app.household.applicant
        read_at = sent + READING if applicant is not None and index % 3 else None
        first = Message(
            id=self.uuid(),
            application=app,
            from_applicant=False,
            author=self.officer(app),
            subject=subject,
            body=body,
            sent_at=sent,
            read_at=read_at,
        )
        self.messages.append(first)
        self.message_sent(app, first)
        if applicant is None or read_at is None:
            return
        self.message_read(app, first, applicant, read_at)
        # Officers read an answer by answering it (`message_send`): these wait for them.
        reply = Message(
            id=self.uuid(),
            application=app,
            from_applicant=True,
            author=applicant,
            subject=f"Re: {subject}",
            body=REPLIES[index % len(REPLIES)],
            sent_at=sent + ANSWERING,
            reply_to=first,
        )
        self.messages.append(reply)
        self.message_sent(app, reply)

    def message_read(
        self, app: Application, message: Message, applicant: User, read_at: dt.datetime
    ) -> None:
        """The household opened the thread `message` starts (`message_thread_read`)."""
        self.audit(
            "message.read",
            target_type=model_label(Message),
            target_id=message.pk,
            label=f"Message on {app.household.reference}",
            app=app,
            by=applicant,
            at=read_at,
            changes=changes_of(context={"messages": 1}),
        )

    def message_sent(self, app: Application, message: Message) -> None:
        self.audit(
            "message.sent",
            target_type=model_label(Message),
            target_id=message.pk,
            label=f"Message on {app.household.reference}",
            app=app,
            by=message.author,
            at=message.sent_at,
            changes=message_changes(message),
        )

    def change_reported(self, app: Application, index: int) -> None:
        # Some days ago, and after the application was accepted.
        reported_at = max(
            at_ten(self.on_date - dt.timedelta(days=index % 10 + 1)),
            app.status_changed_at + dt.timedelta(hours=1),
        )
        change = CircumstanceChange(
            id=self.uuid(),
            application=app,
            council_id=app.council_id,
            sections=["people"],
            summary="My partner has moved in with us.",
            reported_at=reported_at,
            reported_by=self.household_actor(app),
        )
        self.reported.append(change)
        self.audit(
            "circumstance_change.reported",
            target_type=model_label(CircumstanceChange),
            target_id=change.pk,
            label=f"Change reported on {app.household.reference}",
            app=app,
            by=change.reported_by,
            at=reported_at,
            changes=changes_of(after={"sections": change.sections}),
        )
