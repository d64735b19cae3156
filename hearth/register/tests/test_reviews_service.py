from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.core.models import AuditEvent
from hearth.core.roles import Role
from hearth.register.models import (
    ApplicationStatus,
    Decision,
    DecisionKind,
    Household,
    Message,
    ReviewRequest,
    ReviewStatus,
)
from hearth.register.services.decisions import decision_record
from hearth.register.services.reviews import review_decide, review_request_create
from hearth.register.tests.decisions_setup import (
    RICH,
    applicant_actor,
    application_of,
    council_with_policy,
    household_on,
    officer,
    today,
)

pytestmark = pytest.mark.django_db
__all__ = ["today"]


def decided(household: Household, kind: str, on_date: dt.date | None = None) -> Decision:
    return decision_record(
        actor=officer(household.council),
        application=application_of(household),
        kind=kind,
        on_date=on_date,
    )


def test_asking_for_a_review_of_not_qualifying_puts_it_under_review(today: dt.date) -> None:
    # Given a household told it does not qualify
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    # When the applicant asks for a review
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="  My income has fallen.  "
    )
    # Then the review is waiting, the application is under review, and they have a message
    assert review.status == ReviewStatus.REQUESTED
    assert review.grounds == "My income has fallen."
    assert review.requested_on == today
    assert review.requested_by == household.applicant
    assert application_of(household).status == ApplicationStatus.UNDER_REVIEW
    assert Message.objects.filter(subject="We have your request for a review").exists()
    assert AuditEvent.objects.filter(verb="review.requested").exists()


def test_a_review_of_an_accepted_decision_leaves_the_household_bidding(today: dt.date) -> None:
    household = household_on(council_with_policy())
    decision = decided(household, DecisionKind.ACCEPTED)
    review_request_create(actor=applicant_actor(household), decision=decision, grounds="Band")
    assert application_of(household).status == ApplicationStatus.ACTIVE


def test_grounds_are_required(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    with pytest.raises(ValidationError) as refused:
        review_request_create(actor=applicant_actor(household), decision=decision, grounds="  ")
    assert refused.value.message_dict == {"grounds": ["Enter why you think our decision is wrong"]}
    assert not ReviewRequest.objects.exists()


def test_one_review_per_decision(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    review_request_create(actor=applicant_actor(household), decision=decision, grounds="One")
    with pytest.raises(ValidationError, match="already asked"):
        review_request_create(actor=applicant_actor(household), decision=decision, grounds="Two")
    assert ReviewRequest.objects.count() == 1


def test_after_21_days_only_an_officer_can_accept_a_late_request(today: dt.date) -> None:
    # Given a decision made 22 days ago
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING, today - dt.timedelta(days=22))
    # When the applicant asks, they are told they are out of time
    with pytest.raises(ValidationError, match="time to ask for a review"):
        review_request_create(actor=applicant_actor(household), decision=decision, grounds="Ill")
    # But an officer of the council can accept it late for them
    review = review_request_create(
        actor=officer(household.council), decision=decision, grounds="In hospital until now."
    )
    assert AuditEvent.objects.get(verb="review.requested").changes["late"] is True
    assert review.status == ReviewStatus.REQUESTED


def test_someone_else_cannot_ask(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    stranger = household_on(household.council)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    with pytest.raises(PermissionDenied):
        review_request_create(actor=applicant_actor(stranger), decision=decision, grounds="x")


def test_an_upheld_review_returns_the_application_to_not_qualifying(today: dt.date) -> None:
    # Given a review waiting
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    # When a team leader upholds the decision
    leader = officer(household.council, Role.TEAM_LEADER)
    review = review_decide(
        actor=leader, review=review, outcome=ReviewStatus.UPHELD, reasons="Payslips say not."
    )
    # Then the outcome is recorded and sent, and the application does not qualify again
    assert review.status == ReviewStatus.UPHELD
    assert review.decided_by == leader.user
    assert review.decided_on == today
    assert application_of(household).status == ApplicationStatus.NOT_QUALIFYING
    outcome = Message.objects.get(subject="The outcome of your review")
    assert "Payslips say not." in outcome.body
    assert AuditEvent.objects.filter(verb="review.decided").exists()


def test_a_changed_review_accepts_the_household_on_a_fresh_assessment(today: dt.date) -> None:
    # Given a household refused for income, who then shows it has fallen
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING, today - dt.timedelta(days=10))
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    Household.objects.filter(pk=household.pk).update(income_yearly=20000)
    # When a team leader changes the decision
    review = review_decide(
        actor=officer(household.council, Role.TEAM_LEADER),
        review=review,
        outcome=ReviewStatus.CHANGED,
        reasons="Your income is now under the limit.",
    )
    # Then a new accepted decision rests on today's assessment, and the household is active
    new = Decision.objects.exclude(pk=decision.pk).get()
    assert new.kind == DecisionKind.ACCEPTED
    assert new.assessment is not None and new.assessment.assessed_on == today
    assert new.assessment.band == "D"
    assert review.status == ReviewStatus.CHANGED
    assert application_of(household).status == ApplicationStatus.ACTIVE
    assert (
        f"/account/decisions/{new.pk}/"
        in Message.objects.get(subject="The outcome of your review").body
    )


def test_changing_is_refused_while_the_household_still_does_not_qualify(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING, today - dt.timedelta(days=3))
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    with pytest.raises(ValidationError, match="does not qualify"):
        review_decide(
            actor=officer(household.council, Role.TEAM_LEADER),
            review=review,
            outcome=ReviewStatus.CHANGED,
            reasons="Changed",
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.REQUESTED  # nothing half-saved
    assert application_of(household).status == ApplicationStatus.UNDER_REVIEW


def test_team_leaders_never_review_their_own_decision(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    leader = officer(household.council, Role.TEAM_LEADER)
    decision = decision_record(
        actor=leader, application=application_of(household), kind=DecisionKind.NOT_QUALIFYING
    )
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    with pytest.raises(PermissionDenied):
        review_decide(actor=leader, review=review, outcome=ReviewStatus.UPHELD, reasons="Fine")


def test_register_officers_cannot_decide_reviews(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    with pytest.raises(PermissionDenied):
        review_decide(
            actor=officer(household.council), review=review, outcome="upheld", reasons="x"
        )


def test_a_review_is_decided_once(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    leader = officer(household.council, Role.TEAM_LEADER)
    review_decide(actor=leader, review=review, outcome=ReviewStatus.UPHELD, reasons="One")
    with pytest.raises(ValidationError, match="already been decided"):
        review_decide(actor=leader, review=review, outcome=ReviewStatus.UPHELD, reasons="Two")
