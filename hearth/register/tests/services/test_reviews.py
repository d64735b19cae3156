from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from hearth.core.access.roles import Role
from hearth.core.clock import LONDON, clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.register.models import (
    ApplicationStatus,
    Decision,
    DecisionKind,
    Household,
    Message,
    ReviewRequest,
    ReviewStatus,
)
from hearth.register.services.apply import acting_actor
from hearth.register.services.decisions import decision_record
from hearth.register.services.reviews import (
    review_decide,
    review_request_create,
    review_request_withdraw,
)
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
    assert review.council_id == household.council_id  # in that council's reviews queue
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
    assert AuditEvent.objects.get(verb="review.requested").changes["context"]["late"] is True
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


# --- Withdrawing -------------------------------------------------------------------------------


def asked(household: Household, decision: Decision) -> ReviewRequest:
    return review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )


def test_withdrawing_puts_a_not_qualifying_application_back_and_tells_the_applicant(
    today: dt.date,
) -> None:
    # Given a not-qualifying household whose review is waiting
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    review = asked(household, decision)
    assert application_of(household).status == ApplicationStatus.UNDER_REVIEW
    # When the applicant withdraws it
    review = review_request_withdraw(actor=applicant_actor(household), review=review)
    # Then it is withdrawn, with the time, and the application does not qualify again
    assert review.status == ReviewStatus.WITHDRAWN
    assert review.withdrawn_at is not None
    assert review.withdrawn_at.date() == today
    assert review.decided_on is None and review.decided_by is None
    assert application_of(household).status == ApplicationStatus.NOT_QUALIFYING
    # And they have a message saying they can ask again until the 21 days are up
    message = Message.objects.get(subject="You withdrew your request for a review")
    assert "You withdrew your request for a review of our decision of 15 June 2026" in (
        message.body
    )
    assert "You can ask for a review again until 6 July 2026" in message.body
    event = AuditEvent.objects.get(verb="review.withdrawn")
    assert event.changes["status"] == {"before": "requested", "after": "withdrawn"}


def test_a_withdrawn_review_can_be_asked_for_again_within_21_days(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING)
    review_request_withdraw(actor=applicant_actor(household), review=asked(household, decision))
    again = asked(household, decision)
    assert again.status == ReviewStatus.REQUESTED
    assert application_of(household).status == ApplicationStatus.UNDER_REVIEW
    assert ReviewRequest.objects.filter(decision=decision).count() == 2


def test_withdrawing_a_review_of_an_accepted_decision_leaves_the_household_bidding(
    today: dt.date,
) -> None:
    household = household_on(council_with_policy())
    review = asked(household, decided(household, DecisionKind.ACCEPTED))
    review_request_withdraw(actor=applicant_actor(household), review=review)
    assert application_of(household).status == ApplicationStatus.ACTIVE


def test_withdrawing_after_the_21_days_says_they_cannot_ask_again(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = decided(household, DecisionKind.NOT_QUALIFYING, today - dt.timedelta(days=25))
    review = review_request_create(
        actor=officer(household.council), decision=decision, grounds="Late, accepted"
    )
    review_request_withdraw(actor=applicant_actor(household), review=review)
    message = Message.objects.get(subject="You withdrew your request for a review")
    assert "The time to ask for a review of this decision has passed" in message.body


def test_an_officer_can_withdraw_for_the_applicant_on_their_behalf(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    review = asked(household, decided(household, DecisionKind.NOT_QUALIFYING))
    member = officer(household.council)
    review_request_withdraw(actor=acting_actor(member, household), review=review)
    event = AuditEvent.objects.get(verb="review.withdrawn")
    assert member.user is not None
    assert event.actor_id == member.user.pk
    assert event.on_behalf_of_id == household.applicant_id


@pytest.mark.parametrize("who", ["other_applicant", "other_council", "lettings_officer"])
def test_nobody_else_can_withdraw(today: dt.date, who: str) -> None:
    household = household_on(council_with_policy(), **RICH)
    review = asked(household, decided(household, DecisionKind.NOT_QUALIFYING))
    actor = {
        "other_applicant": lambda: applicant_actor(household_on(household.council)),
        "other_council": lambda: officer(council_with_policy(slug="eastmere")),
        "lettings_officer": lambda: officer(household.council, Role.LETTINGS_OFFICER),
    }[who]()
    with pytest.raises(PermissionDenied):
        review_request_withdraw(actor=actor, review=review)
    review.refresh_from_db()
    assert review.status == ReviewStatus.REQUESTED
    assert application_of(household).status == ApplicationStatus.UNDER_REVIEW


def test_a_decided_or_withdrawn_review_cannot_be_withdrawn(today: dt.date) -> None:
    # Given one review decided by a team leader and another already withdrawn
    council = council_with_policy()
    first, second = household_on(council, **RICH), household_on(council, **RICH)
    decided_review = asked(first, decided(first, DecisionKind.NOT_QUALIFYING))
    review_decide(
        actor=officer(council, Role.TEAM_LEADER),
        review=decided_review,
        outcome=ReviewStatus.UPHELD,
        reasons="Payslips say not.",
    )
    withdrawn = asked(second, decided(second, DecisionKind.NOT_QUALIFYING))
    review_request_withdraw(actor=applicant_actor(second), review=withdrawn)
    messages_before = Message.objects.count()
    for household, review, problem in (
        (first, decided_review, "This review has already been decided, so it cannot be withdrawn"),
        (second, withdrawn, "This request for a review has already been withdrawn"),
    ):
        # When the applicant tries to withdraw it, they are told why and nothing changes
        status = ReviewRequest.objects.get(pk=review.pk).status
        with pytest.raises(ValidationError) as refused:
            review_request_withdraw(actor=applicant_actor(household), review=review)
        assert refused.value.messages == [problem]
        assert ReviewRequest.objects.get(pk=review.pk).status == status
        assert application_of(household).status == ApplicationStatus.NOT_QUALIFYING
    assert Message.objects.count() == messages_before
    assert AuditEvent.objects.filter(verb="review.withdrawn").count() == 1


def test_a_team_leader_cannot_decide_a_review_withdrawn_meanwhile(today: dt.date) -> None:
    # Given a team leader holding a review the applicant withdraws before they save
    household = household_on(council_with_policy(), **RICH)
    review = asked(household, decided(household, DecisionKind.NOT_QUALIFYING))
    held = ReviewRequest.objects.get(pk=review.pk)
    review_request_withdraw(actor=applicant_actor(household), review=review)
    # When they record the outcome, they are told, and the withdrawal stands
    with pytest.raises(ValidationError) as refused:
        review_decide(
            actor=officer(household.council, Role.TEAM_LEADER),
            review=held,
            outcome=ReviewStatus.UPHELD,
            reasons="Payslips say not.",
        )
    assert refused.value.messages == ["The applicant has withdrawn this request for a review"]
    review.refresh_from_db()
    assert review.status == ReviewStatus.WITHDRAWN
    assert not Message.objects.filter(subject="The outcome of your review").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks")
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_racing_a_decision_lets_only_one_win() -> None:
    # Given a review waiting, an applicant and a team leader acting at the same moment
    with clock_frozen_at(dt.datetime(2026, 6, 15, 10, 0, tzinfo=LONDON)):
        household = household_on(council_with_policy(), **RICH)
        review = asked(household, decided(household, DecisionKind.NOT_QUALIFYING))
        leader = officer(household.council, Role.TEAM_LEADER)
        applicant = applicant_actor(household)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def run(action: str) -> None:
            try:
                barrier.wait()
                if action == "withdraw":
                    review_request_withdraw(actor=applicant, review=review)
                else:
                    review_decide(
                        actor=leader, review=review, outcome=ReviewStatus.UPHELD, reasons="No"
                    )
                outcomes.append(action)
            except ValidationError:
                outcomes.append("refused")
            finally:
                connections.close_all()

        # When both act at once
        threads = [threading.Thread(target=run, args=(a,)) for a in ("withdraw", "decide")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # Then exactly one wins, and the review ends in the winner's status
    assert sorted(outcomes) in (["decide", "refused"], ["refused", "withdraw"])
    review.refresh_from_db()
    winner = "withdraw" if "withdraw" in outcomes else "decide"
    expected = ReviewStatus.WITHDRAWN if winner == "withdraw" else ReviewStatus.UPHELD
    assert review.status == expected
    assert application_of(household).status == ApplicationStatus.NOT_QUALIFYING
