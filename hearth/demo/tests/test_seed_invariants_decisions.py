"""The demo's decisions rest on what the register's services would have rested them on, and
tell the household what those services tell it (checked over a small demo, as in
test_seed_invariants.py):

- each decision and review request has the events `decision_write` and
  `review_request_create` write;
- each decision rests on an assessment made on the day of the decision, under the policy in
  force that day, that supports it (`decision_record` refuses anything else);
- each assessment is recorded: by the register run that made it, by the deciding officer's
  `household_assess` for the assessment a decision rests on, or by the system for the rest;
- each decision, review request and document asked for sent the household the council's
  message its service sends (`message_from_council_send`), at the same moment.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from hearth.core.access.roles import Capability
from hearth.core.audit import changes_of
from hearth.core.models import AuditEvent
from hearth.core.pages.message_text import message_text_render
from hearth.demo.tests.seed_support import (
    Event,
    acts_for,
    event_of,
    events_found,
    london_date,
    members_who_may,
)
from hearth.lettings.models import Bid
from hearth.policy.selectors import policy_in_force
from hearth.register.models import (
    Assessment,
    Decision,
    EvidenceRequest,
    Message,
    ReviewRequest,
    StatusChange,
)
from hearth.register.rules import lifecycle
from hearth.register.rules.decision_wording import HEADLINES, kind_for, review_due_on
from hearth.register.selectors.households import ASSESSED_STATUSES
from hearth.register.services.messages import SUBJECT_MAX, CouncilMessage

pytestmark = pytest.mark.django_db


def test_each_decision_rests_on_an_assessment_of_its_own_day_that_supports_it(
    seeded: None,
) -> None:
    # Given the seeded decisions
    decisions = list(
        Decision.objects.select_related("assessment__policy_version", "application__council")
    )
    assert {d.kind for d in decisions} >= {"accepted", "not_qualifying"}
    for decision in decisions:
        used = decision.assessment
        # Then each rests on an assessment of that day, under the policy then in force...
        assert used is not None, decision.pk
        assert used.assessed_on == decision.decided_on, decision.pk
        in_force = policy_in_force(decision.application.council, decision.decided_on)
        assert used.policy_version == in_force, decision.pk
        # ...whose outcome is the decision made
        assert kind_for(used) == decision.kind, decision.pk


def test_each_assessment_is_recorded_by_a_register_run_or_its_own_event(seeded: None) -> None:
    # Given the seeded assessments: each decision rests on an assessment the deciding officer
    # made that day; the register run (`register_reassess`) assessed the households on each
    # council's register today; the seed assessed the rest itself, and the lettings week
    # assessed its bidders again as they stood before bidding (`household_assess`, for the
    # system)
    decided = {
        d.assessment_id: d for d in Decision.objects.select_related("application__household")
    }
    decided_at = {
        change.application_id: change.occurred_at
        for change in StatusChange.objects.filter(reason__startswith="Decision: ")
    }
    assessments = list(
        Assessment.objects.select_related("household__application", "policy_version")
    )
    found = events_found("register.assessed")
    # The system's assessments are of their day, at whatever time of day the seed made them.
    found = Counter(
        {
            event if event[5] is not None else (*event[:7], london_date(event[7]), event[8]): n
            for event, n in found.items()
        }
    )
    run: Counter[str] = Counter()
    for event in AuditEvent.objects.filter(verb="register.reassessed"):
        run[event.object_id] += event.changes["context"]["households"]
    by_runs: Counter[str] = Counter()
    expected: Counter[Event] = Counter()
    for assessment in assessments:
        household = assessment.household
        assessed = changes_of(
            after={
                "policy_version": assessment.policy_version.number,
                "status": assessment.status,
                "band": assessment.band,
                "points": assessment.points,
                "priority_date": assessment.priority_date,
                "bedroom_need": assessment.bedroom_need,
            }
        )
        decision = decided.get(assessment.pk)
        if decision is not None:
            by, when = decision.decided_by_id, decided_at[decision.application_id]
        else:
            by, when = None, assessment.assessed_on
        event = event_of(
            "register.assessed",
            household,
            household.reference,
            household.council_id,
            by,
            when,
            assessed,
        )
        # One with its own event was made by `household_assess`; each of the rest by a run
        if expected[event] < found[event]:
            expected[event] += 1
        else:
            assert decision is None, decision
            assert household.application.status in ASSESSED_STATUSES or (
                household.application.status == lifecycle.HOUSED  # housed since the run
            ), household.reference
            by_runs[str(assessment.policy_version_id)] += 1
    # Then each run's event counts the households it assessed, and each assessment of the rest
    # has its own event, none missing and none extra
    assert run == by_runs
    assert expected == found
    assert expected


def test_each_decision_review_and_document_request_sends_its_services_message(
    seeded: None,
) -> None:
    # Given the council's notices (no author: a service sent them as it acted)
    notices = Counter(
        (m.application_id, m.subject, m.body, m.sent_at)
        for m in Message.objects.filter(author__isnull=True, from_applicant=False)
    )
    decided_at = {
        change.application_id: change.occurred_at
        for change in StatusChange.objects.filter(reason__startswith="Decision: ")
    }
    asked_at = {
        change.application_id: change.occurred_at
        for change in StatusChange.objects.filter(reason="Review asked for")
    }
    expected: Counter[tuple[object, ...]] = Counter()

    def sent(
        application_id: object, kind: CouncilMessage, context: dict[str, Any], at: object
    ) -> None:
        text = message_text_render(app="register", kind=kind, context=context)
        expected[(application_id, text.subject[:SUBJECT_MAX], text.body, at)] += 1

    decisions = list(Decision.objects.all())
    reviews = list(ReviewRequest.objects.all())
    requests = list(EvidenceRequest.objects.select_related("application"))
    assert decisions and reviews and requests
    for decision in decisions:
        context = {"decision": decision, "headline": HEADLINES[decision.kind]}
        sent(
            decision.application_id,
            CouncilMessage.DECISION,
            context,
            decided_at[decision.application_id],
        )
    for review in reviews:
        context = {"outcome_by": review_due_on(review.requested_on)}
        sent(
            review.application_id,
            CouncilMessage.REVIEW_RECEIVED,
            context,
            asked_at[review.application_id],
        )
    asked = {
        e.object_id: e.occurred_at for e in AuditEvent.objects.filter(verb="evidence.requested")
    }
    for request in requests:
        sent(
            request.application_id,
            CouncilMessage.EVIDENCE_REQUESTED,
            {"request": request},
            asked[str(request.pk)],
        )
    # Then each has its notice, none missing...
    assert expected - notices == Counter()
    # ...and the council's other notices are the lettings week's, about homes the household
    # bid for or was put forward for
    lettings = set(Bid.objects.values_list("application_id", flat=True))
    assert {notice[0] for notice in notices - expected} <= lettings


def test_each_decision_and_review_request_has_the_events_their_services_write(
    seeded: None,
) -> None:
    # Given the seeded decisions and review requests, and the status moves they made
    moves = {(c.application_id, c.reason): c for c in StatusChange.objects.all()}
    decisions = list(Decision.objects.select_related("application__household", "assessment"))
    reviews = list(ReviewRequest.objects.select_related("application__household", "decision"))
    assert decisions and reviews
    expected: Counter[Event] = Counter()
    officers = members_who_may(Capability.ASSESS_APPLICATIONS)
    for decision in decisions:
        household = decision.application.household
        # `decision_write` moves the application as it decides, by the deciding officer...
        move = moves[(decision.application_id, f"Decision: {decision.get_kind_display()}")]
        assert move.changed_by_id == decision.decided_by_id
        assert london_date(move.occurred_at) == decision.decided_on
        assert (str(decision.decided_by_id), str(household.council_id)) in officers
        # ...and records what the decision rests on
        used = decision.assessment
        assert used is not None
        recorded = changes_of(
            after={
                "kind": decision.kind,
                "assessment": used,
                "band": used.band,
                "points": used.points,
                "priority_date": used.priority_date,
                "bedroom_need": used.bedroom_need,
                "review_by": decision.review_by,
            }
        )
        expected[
            event_of(
                "decision.recorded",
                decision,
                f"Decision on {household.reference}",
                household.council_id,
                decision.decided_by_id,
                move.occurred_at,
                recorded,
            )
        ] += 1
    for review in reviews:
        household = review.application.household
        # `review_request_create` puts a refused application under review as it is asked for,
        # by the household (or an officer for it)
        move = moves[(review.application_id, "Review asked for")]
        assert move.changed_by_id == review.requested_by_id
        assert london_date(move.occurred_at) == review.requested_on
        assert acts_for(household, review.requested_by_id, officers), review.pk
        asked = changes_of(
            after={"decision": str(review.decision_id)},
            context={"late": review.requested_on > review.decision.review_by},
        )
        expected[
            event_of(
                "review.requested",
                review,
                f"Review on {household.reference}",
                household.council_id,
                review.requested_by_id,
                move.occurred_at,
                asked,
            )
        ] += 1
    # Then the decision and review events are exactly those, none missing and none extra
    assert events_found("decision.recorded", "review.requested") == expected
