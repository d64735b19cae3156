from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.policy.rules.assess import INELIGIBLE_TEXT
from hearth.register.models import (
    ApplicationStatus,
    Assessment,
    Decision,
    DecisionKind,
    Message,
    OverrideStatus,
    StatusChange,
)
from hearth.register.services.decisions import decision_record
from hearth.register.tests.decisions_setup import (
    RICH,
    application_of,
    council_with_policy,
    household_on,
    officer,
    today,
)
from hearth.register.tests.factories import (
    AssessmentOverrideFactory,
    DecisionFactory,
    ReviewRequestFactory,
)

pytestmark = pytest.mark.django_db
__all__ = ["today"]


def test_accepting_assesses_first_and_puts_the_household_on_the_register(today: dt.date) -> None:
    # Given a submitted application that qualifies, never assessed
    council = council_with_policy()
    household = household_on(council)
    application = application_of(household)
    actor = officer(council)
    # When the officer accepts it
    decision = decision_record(
        actor=actor, application=application, kind=DecisionKind.ACCEPTED, note="Welcome."
    )
    # Then it rests on an assessment made today, and says why in plain English
    assessment = Assessment.objects.get(household=household)
    assert decision.assessment == assessment
    assert assessment.assessed_on == today
    assert decision.reasons == assessment.explanation
    assert any("Band" in line for line in decision.reasons)
    assert decision.decided_on == today
    assert decision.review_by == today + dt.timedelta(days=21)
    assert decision.decided_by == actor.user
    assert decision.note == "Welcome."
    # And the application is active, with the move in its history
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE
    assert StatusChange.objects.filter(application=application, to_status="active").exists()
    # And the applicant has a message linking to the decision
    message = Message.objects.get(application=application)
    assert message.subject == "Our decision on your application"
    assert f"/account/decisions/{decision.pk}/" in message.body
    assert not message.from_applicant
    # And it is audited
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"register.assessed", "decision.recorded", "application.status_changed"} <= verbs


def test_a_decision_uses_the_assessment_made_today(today: dt.date) -> None:
    # Given an application assessed earlier today
    council = council_with_policy()
    household = household_on(council)
    application = application_of(household)
    actor = officer(council)
    first = decision_record(actor=actor, application=application, kind=DecisionKind.ACCEPTED)
    # When the officer decides again the same day
    again = decision_record(actor=actor, application=application, kind=DecisionKind.ACCEPTED)
    # Then no new assessment is made
    assert again.assessment == first.assessment
    assert Assessment.objects.filter(household=household).count() == 1


def test_an_old_assessment_is_made_again_but_an_approved_override_is_kept(today: dt.date) -> None:
    # Given a household assessed last month, and another whose override was approved then
    council = council_with_policy()
    actor = officer(council)
    plain = household_on(council)
    overridden = household_on(council)
    month_ago = today - dt.timedelta(days=30)
    for household in (plain, overridden):
        decision_record(
            actor=actor,
            application=application_of(household),
            kind=DecisionKind.ACCEPTED,
            on_date=month_ago,
        )
    old = Assessment.objects.get(household=overridden)
    approved = Assessment.objects.create(
        household=overridden,
        policy_version=old.policy_version,
        assessed_on=month_ago,
        qualifies=True,
        status="qualifies",
        band="A",
        priority_date=month_ago,
        bedroom_need=1,
        local_connection=True,
        explanation=["Band A: agreed by a team leader."],
    )
    leader = officer(council, Role.TEAM_LEADER)
    AssessmentOverrideFactory(
        application=application_of(overridden),
        assessment=old,
        requested_by=actor.user,
        status=OverrideStatus.APPROVED,
        decided_by=leader.user,
        result=approved,
    )
    # When each is decided today
    plain_decision = decision_record(
        actor=actor, application=application_of(plain), kind=DecisionKind.ACCEPTED
    )
    kept = decision_record(
        actor=actor, application=application_of(overridden), kind=DecisionKind.ACCEPTED
    )
    # Then the plain one is assessed again; the approved band stands
    assert plain_decision.assessment is not None
    assert plain_decision.assessment.assessed_on == today
    assert kept.assessment == approved


def test_not_qualifying_gives_the_policy_reasons(today: dt.date) -> None:
    # Given a household whose income is over the council's limit
    council = council_with_policy()
    application = application_of(household_on(council, **RICH))
    # When the officer decides it does not qualify
    decision = decision_record(
        actor=officer(council), application=application, kind=DecisionKind.NOT_QUALIFYING
    )
    # Then the reasons are the policy's plain words, without codes
    assert len(decision.reasons) == 1
    assert decision.reasons[0].startswith("Your household income is over £60,000")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_QUALIFYING


def test_ineligible_gives_the_immigration_reason(today: dt.date) -> None:
    council = council_with_policy()
    application = application_of(household_on(council, eligible=False))
    decision = decision_record(
        actor=officer(council), application=application, kind=DecisionKind.INELIGIBLE
    )
    assert decision.reasons == [INELIGIBLE_TEXT]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_QUALIFYING


def test_a_decision_the_assessment_does_not_support_is_refused_and_nothing_is_kept(
    today: dt.date,
) -> None:
    # Given a household that does not qualify
    council = council_with_policy()
    household = household_on(council, **RICH)
    application = application_of(household)
    # When the officer tries to accept it
    with pytest.raises(ValidationError) as refused:
        decision_record(actor=officer(council), application=application, kind=DecisionKind.ACCEPTED)
    # Then they are told why, and neither an assessment nor a decision is kept
    assert "does not qualify" in refused.value.message_dict["kind"][0]
    assert not Assessment.objects.filter(household=household).exists()
    assert not Decision.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("role", [Role.LETTINGS_OFFICER, Role.HOMELESSNESS_OFFICER])
def test_only_officers_who_assess_can_decide(today: dt.date, role: str) -> None:
    council = council_with_policy()
    application = application_of(household_on(council))
    with pytest.raises(PermissionDenied):
        decision_record(
            actor=officer(council, role), application=application, kind=DecisionKind.ACCEPTED
        )


def test_another_councils_officer_cannot_decide(today: dt.date) -> None:
    council = council_with_policy()
    other = council_with_policy(slug="eastmere")
    application = application_of(household_on(council))
    with pytest.raises(PermissionDenied):
        decision_record(actor=officer(other), application=application, kind=DecisionKind.ACCEPTED)


def test_a_draft_cannot_be_decided(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council, status=ApplicationStatus.DRAFT)
    with pytest.raises(ValidationError, match="not sent yet cannot be decided"):
        decision_record(
            actor=officer(council),
            application=application_of(household),
            kind=DecisionKind.ACCEPTED,
        )


def test_no_new_decision_while_a_review_is_waiting(today: dt.date) -> None:
    council = council_with_policy()
    application = application_of(household_on(council, status=ApplicationStatus.ACTIVE))
    ReviewRequestFactory(decision=DecisionFactory(application=application))
    with pytest.raises(ValidationError, match="asked for a review"):
        decision_record(actor=officer(council), application=application, kind=DecisionKind.ACCEPTED)


def test_a_household_told_it_does_not_qualify_can_be_accepted_when_things_change(
    today: dt.date,
) -> None:
    # Given a household told long ago that it did not qualify, which qualifies now
    council = council_with_policy()
    application = application_of(household_on(council, status=ApplicationStatus.NOT_QUALIFYING))
    # When an officer records a fresh decision
    decision = decision_record(
        actor=officer(council), application=application, kind=DecisionKind.ACCEPTED
    )
    # Then the household joins the register, with new review rights
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE
    assert decision.review_by == today + dt.timedelta(days=21)


def test_without_a_policy_in_force_nothing_can_be_decided(today: dt.date) -> None:
    council = council_with_policy()
    council.policy_versions.all().delete()
    application = application_of(household_on(council))
    with pytest.raises(ValidationError, match="no allocation policy in force"):
        decision_record(actor=officer(council), application=application, kind=DecisionKind.ACCEPTED)
