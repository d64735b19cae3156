"""Assessing an application: need awards, the engine, overrides and duplicates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import (
    Assessment,
    DuplicateFlag,
    DuplicateFlagStatus,
    NeedAward,
    OverrideStatus,
)
from hearth.register.services.assessment import (
    duplicate_resolve,
    need_award_create,
    override_approve,
    override_request,
)
from hearth.register.tests.factories import ApplicationFactory, HouseholdFactory, PeriodFactory
from hearth.register.tests.workspace_setup import (
    NOON,
    TODAY,
    officer,
    published_policy,
    recorded_assessment,
    signed_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():  # type: ignore[no-untyped-def]
    council = OrganisationFactory()
    policy = published_policy(council)
    with clock_frozen_at(NOON):
        application = ApplicationFactory(household__council=council)
    PeriodFactory(household=application.household)
    return council, policy, application


# --- Need awards ------------------------------------------------------------------------------


def test_an_officer_awards_a_need_reason_from_the_policy(case) -> None:  # type: ignore[no-untyped-def]
    council, _, application = case
    member = officer(council)
    with clock_frozen_at(NOON):
        response = signed_in(member).post(
            reverse("register:needs_award", kwargs={"pk": application.pk}),
            {
                "code": "high_medical",
                "awarded_on_day": "1",
                "awarded_on_month": "6",
                "awarded_on_year": "2026",
                "notes": "GP letter seen",
            },
        )
    assert response.status_code == 302
    award = NeedAward.objects.get(household=application.household)
    assert (award.code, award.awarded_on, award.notes) == (
        "high_medical",
        dt.date(2026, 6, 1),
        "GP letter seen",
    )
    assert award.awarded_by == member.user
    assert AuditEvent.objects.filter(verb="need.awarded", object_id=str(award.pk)).exists()


def test_award_form_refuses_a_future_date_and_keeps_what_was_typed(case) -> None:  # type: ignore[no-untyped-def]
    council, _, application = case
    with clock_frozen_at(NOON):
        response = signed_in(officer(council)).post(
            reverse("register:needs_award", kwargs={"pk": application.pk}),
            {
                "code": "high_medical",
                "awarded_on_day": "1",
                "awarded_on_month": "6",
                "awarded_on_year": "2027",
                "notes": "Kept",
            },
        )
    assert response.status_code == 200
    assert "The date must be today or in the past" in response.text
    assert "Kept" in response.text
    assert not NeedAward.objects.exists()


def test_only_officer_awarded_reasons_of_the_policy_can_be_awarded(case) -> None:  # type: ignore[no-untyped-def]
    council, _, application = case
    with clock_frozen_at(NOON), pytest.raises(ValidationError) as refused:
        need_award_create(
            actor=actor_for(officer(council)),
            application=application,
            code="not_a_reason",
            awarded_on=TODAY,
        )
    assert "code" in refused.value.error_dict


def test_withdrawing_an_award_keeps_it_with_an_end_date(case) -> None:  # type: ignore[no-untyped-def]
    council, _, application = case
    award = NeedAward.objects.create(
        household=application.household, code="high_medical", awarded_on=dt.date(2026, 1, 5)
    )
    with clock_frozen_at(NOON):
        response = signed_in(officer(council)).post(
            reverse("register:needs_withdraw", kwargs={"pk": application.pk, "award": award.pk}),
            {"withdrawn_on_day": "14", "withdrawn_on_month": "6", "withdrawn_on_year": "2026"},
        )
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.withdrawn_on == dt.date(2026, 6, 14)


# --- Assessing --------------------------------------------------------------------------------


def test_assess_runs_the_engine_and_shows_its_explanation(case) -> None:  # type: ignore[no-untyped-def]
    council, _, application = case
    client = signed_in(officer(council))
    url = reverse("register:assess", kwargs={"pk": application.pk})
    with clock_frozen_at(NOON):
        assert client.post(url).status_code == 302
        response = client.get(url)
    assessment = Assessment.objects.get(household=application.household)
    assert response.context["assessment"] == assessment
    assert assessment.explanation
    assert assessment.explanation[0] in response.text.replace("&#x27;", "'")


def test_assess_without_a_policy_in_force_explains(case) -> None:  # type: ignore[no-untyped-def]
    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    with clock_frozen_at(NOON):
        response = signed_in(officer(council)).post(
            reverse("register:assess", kwargs={"pk": application.pk})
        )
    assert response.status_code == 200
    assert "no allocation policy in force" in response.text


# --- Overrides --------------------------------------------------------------------------------


def _override(council, policy, application):  # type: ignore[no-untyped-def]
    base = recorded_assessment(application.household, policy, band="C")
    requester = officer(council)
    with clock_frozen_at(NOON):
        override = override_request(
            actor=actor_for(requester),
            application=application,
            assessment=base,
            band="B",
            reason="Panel agreed welfare need",
        )
    return requester, override


def test_an_override_needs_a_reason_and_a_real_band(case) -> None:  # type: ignore[no-untyped-def]
    council, policy, application = case
    base = recorded_assessment(application.household, policy, band="C")
    with pytest.raises(ValidationError) as refused:
        override_request(
            actor=actor_for(officer(council)),
            application=application,
            assessment=base,
            band="Z",
            reason=" ",
        )
    assert set(refused.value.error_dict) == {"band", "reason"}


def test_override_form_shows_errors_next_to_the_fields(case) -> None:  # type: ignore[no-untyped-def]
    council, policy, application = case
    recorded_assessment(application.household, policy, band="C")
    client = signed_in(officer(council))
    url = reverse("register:override_new", kwargs={"pk": application.pk})
    empty = client.post(url, {})
    assert "Choose a band" in empty.text
    assert "Enter the reason for the override" in empty.text
    same = client.post(url, {"band": "C", "reason": "Panel"})
    assert same.status_code == 200
    assert "Choose a band different from the assessment" in same.text.replace("&#x27;", "'")
    assert "Panel" in same.text


def test_a_team_leader_approves_an_override_into_a_new_assessment(case) -> None:  # type: ignore[no-untyped-def]
    council, policy, application = case
    _requester, override = _override(council, policy, application)
    assert override.council == council  # in that council's overrides queue
    leader = officer(council, Role.TEAM_LEADER)
    with clock_frozen_at(NOON):
        response = signed_in(leader).post(
            reverse("register:override_decide", kwargs={"pk": override.pk}),
            {"decision": "approve"},
        )
    assert response.status_code == 302
    override.refresh_from_db()
    assert override.status == OverrideStatus.APPROVED
    assert override.decided_by == leader.user
    result = override.result
    assert result is not None and result.band == "B"
    assert result.explanation[0] == (
        f"Band set by officer override: Panel agreed welfare need, approved by "
        f"{leader.user.full_name}"
    )


def test_nobody_approves_their_own_override(case) -> None:  # type: ignore[no-untyped-def]
    council, policy, application = case
    base = recorded_assessment(application.household, policy, band="C")
    leader = officer(council, Role.TEAM_LEADER)
    with clock_frozen_at(NOON):
        override = override_request(
            actor=actor_for(leader),
            application=application,
            assessment=base,
            band="A",
            reason="Urgent",
        )
        with pytest.raises(ValidationError):
            override_approve(actor=actor_for(leader), override=override)
    override.refresh_from_db()
    assert override.status == OverrideStatus.PENDING


def test_a_register_officer_cannot_approve(case) -> None:  # type: ignore[no-untyped-def]
    council, policy, application = case
    _, override = _override(council, policy, application)
    with pytest.raises(PermissionDenied):
        override_approve(actor=actor_for(officer(council)), override=override)


def test_refusing_needs_a_note(case) -> None:  # type: ignore[no-untyped-def]
    council, policy, application = case
    _, override = _override(council, policy, application)
    client = signed_in(officer(council, Role.TEAM_LEADER))
    url = reverse("register:override_decide", kwargs={"pk": override.pk})
    with clock_frozen_at(NOON):
        response = client.post(url, {"decision": "refuse"})
        assert "Enter why you are refusing the override" in response.text
        assert client.post(url, {"decision": "refuse", "note": "Not evidenced"}).status_code == 302
    override.refresh_from_db()
    assert (override.status, override.decision_note) == (OverrideStatus.REFUSED, "Not evidenced")
    assert override.result is None


# --- Duplicates -------------------------------------------------------------------------------


def test_an_officer_resolves_a_possible_duplicate_with_a_note(case) -> None:  # type: ignore[no-untyped-def]
    council, _, application = case
    flag = DuplicateFlag.objects.create(
        application=application,
        council=application.council,
        other_household=HouseholdFactory(council=OrganisationFactory()),
        matched_on=["name"],
        flagged_at=NOON,
    )
    client = signed_in(officer(council))
    url = reverse("register:duplicate_resolve", kwargs={"pk": flag.pk})
    with clock_frozen_at(NOON):
        missing = client.post(url, {"outcome": "not_duplicate"})
        assert "Enter a note saying how you checked" in missing.text
        assert (
            client.post(url, {"outcome": "not_duplicate", "note": "Different NI"}).status_code
            == 302
        )
    flag.refresh_from_db()
    assert flag.status == DuplicateFlagStatus.NOT_DUPLICATE
    assert flag.note == "Different NI"
    with pytest.raises(ValidationError):
        duplicate_resolve(
            actor=actor_for(officer(council)), flag=flag, outcome="confirmed", note="Again"
        )
