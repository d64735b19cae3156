from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.submission_support import with_token
from hearth.register.models import (
    ApplicationStatus,
    Decision,
    DecisionKind,
    Household,
    ReviewStatus,
)
from hearth.register.selectors.decisions import decisions_panel
from hearth.register.services.decisions import decision_record
from hearth.register.tests.decisions_setup import (
    RICH,
    application_of,
    council_with_policy,
    household_on,
    officer,
    today,
)
from hearth.register.tests.factories import DecisionFactory, ReviewRequestFactory

pytestmark = pytest.mark.django_db
__all__ = ["today"]


def staff_client(council: Organisation, role: str = Role.REGISTER_OFFICER) -> Client:
    client = Client()
    client.force_login(staff_member(council, [role]).user)
    return client


def applicant_client(household: Household) -> Client:
    client = Client()
    client.force_login(household.applicant)
    return client


def decide_url(household: Household) -> str:
    return reverse("register:decision_new", kwargs={"pk": application_of(household).pk})


# --- The officer decides ------------------------------------------------------------------------


def test_the_decide_page_shows_the_engines_outcome_and_a_letter_preview(today: dt.date) -> None:
    # Given a submitted application that qualifies
    council = council_with_policy()
    household = household_on(council)
    # When an officer opens the decide page
    response = staff_client(council).get(decide_url(household))
    # Then they see the outcome, the explanation, "accepted" chosen, and the letter to be sent
    page = response.content.decode()
    assert response.status_code == 200
    assert "How the policy worked this out" in page
    assert 'value="accepted" checked' in page
    assert "Letter preview" in page
    assert "You can bid for homes with 1 bedroom" in page
    assert "It is recorded with your decision" in page
    # And nothing was written but the audit of who looked
    assert not household.assessments.exists()
    assert AuditEvent.objects.filter(verb="viewed").exists()


def test_recording_the_decision(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council)
    response = staff_client(council).post(
        decide_url(household), with_token({"kind": DecisionKind.ACCEPTED, "note": "Welcome"})
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.kind == DecisionKind.ACCEPTED
    assert decision.note == "Welcome"
    assert application_of(household).status == ApplicationStatus.ACTIVE


def test_a_decision_the_assessment_does_not_support_is_explained_by_the_field(
    today: dt.date,
) -> None:
    council = council_with_policy()
    household = household_on(council, **RICH)
    response = staff_client(council).post(
        decide_url(household), with_token({"kind": DecisionKind.ACCEPTED, "note": "Kept"})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The assessment says this household does not qualify" in page
    assert "Kept" in page  # what was typed is kept
    assert not Decision.objects.exists()


def test_no_choice_is_an_error_not_a_crash(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council)
    response = staff_client(council).post(decide_url(household), with_token({"kind": "made-up"}))
    assert response.status_code == 200
    assert '<a href="#id_kind_0">Select the decision</a>' in response.content.decode()
    assert not Decision.objects.exists()


def test_while_a_review_waits_the_page_says_so(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council, status=ApplicationStatus.ACTIVE)
    ReviewRequestFactory(decision=DecisionFactory(application=application_of(household)))
    response = staff_client(council).get(decide_url(household))
    assert "A team leader records the outcome of the review" in response.content.decode()
    assert "Record the decision" not in response.content.decode()


def test_without_a_policy_the_page_explains(today: dt.date) -> None:
    council = council_with_policy()
    council.policy_versions.all().delete()
    response = staff_client(council).get(decide_url(household_on(council)))
    assert response.status_code == 200
    assert "has no allocation policy in force" in response.content.decode()


def test_staff_letter_is_a_pdf_and_the_viewing_is_audited(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council)
    decision = decision_record(
        actor=officer(council), application=application_of(household), kind="accepted"
    )
    response = staff_client(council, Role.LETTINGS_OFFICER).get(
        reverse("register:decision_letter_staff", kwargs={"pk": decision.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="viewed", object_id=str(decision.pk)).exists()


def test_the_decisions_panel_lists_decisions_and_reviews(
    today: dt.date, django_assert_max_num_queries: object
) -> None:
    # Given an application with three decisions and two reviews
    council = council_with_policy()
    application = application_of(household_on(council, status=ApplicationStatus.ACTIVE))
    for days in (90, 60, 30):
        decision = DecisionFactory(
            application=application, decided_on=today - dt.timedelta(days=days)
        )
    ReviewRequestFactory(decision=decision, status=ReviewStatus.UPHELD, decided_on=today)
    actor = officer(council, Role.TEAM_LEADER)
    # When the panel is read, in a fixed number of queries
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        panel = decisions_panel(actor=actor, application=application)
    # Then it lists them newest first, and the officer may record a decision
    assert [d.decided_on for d in panel["decisions"]] == [
        today - dt.timedelta(days=30),
        today - dt.timedelta(days=60),
        today - dt.timedelta(days=90),
    ]
    assert len(panel["reviews"]) == 1
    assert panel["can_decide"]
    assert panel["decide_url"].endswith("/decide/")


def test_the_decisions_panel_shows_nothing_to_another_council(today: dt.date) -> None:
    council = council_with_policy()
    application = application_of(household_on(council))
    other = officer(council_with_policy(slug="eastmere"))
    assert decisions_panel(actor=other, application=application) == {"decisions_visible": False}


# --- The applicant reads it -------------------------------------------------------------------


def test_the_applicant_reads_the_decision_and_can_ask_for_a_review(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council)
    decision = decision_record(
        actor=officer(council), application=application_of(household), kind="accepted"
    )
    response = applicant_client(household).get(
        reverse("register:decision", kwargs={"pk": decision.pk})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "You are on the housing register" in page
    assert "What to do next" in page
    assert "You can bid for homes with 1 bedroom" in page
    assert reverse("register:decision_letter", kwargs={"pk": decision.pk}) in page
    assert "Ask for a review" in page
    assert "Ask by 6 July 2026" in page


def test_after_21_days_the_applicant_is_told_to_contact_the_council(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council)
    decision = decision_record(
        actor=officer(council),
        application=application_of(household),
        kind="accepted",
        on_date=today - dt.timedelta(days=22),
    )
    response = applicant_client(household).get(
        reverse("register:decision", kwargs={"pk": decision.pk})
    )
    page = response.content.decode()
    assert "The time to ask for a review ended on" in page
    assert "Ask for a review" not in page


def test_the_applicant_downloads_their_letter(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council)
    decision = decision_record(
        actor=officer(council), application=application_of(household), kind="accepted"
    )
    response = applicant_client(household).get(
        reverse("register:decision_letter", kwargs={"pk": decision.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_another_applicant_gets_404(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council)
    decision = decision_record(
        actor=officer(council), application=application_of(household), kind="accepted"
    )
    stranger = applicant_client(household_on(council))
    for name in ("register:decision", "register:decision_letter", "register:review_request"):
        assert stranger.get(reverse(name, kwargs={"pk": decision.pk})).status_code == 404


def test_the_decisions_panel_renders_letters_reviews_and_the_button(today: dt.date) -> None:
    # Given an application with a decision and a review waiting, read by a team leader
    council = council_with_policy()
    application = application_of(household_on(council, status=ApplicationStatus.NOT_QUALIFYING))
    decision = DecisionFactory(application=application, kind=DecisionKind.NOT_QUALIFYING)
    ReviewRequestFactory(decision=decision)
    actor = officer(council, Role.TEAM_LEADER)
    # When the panel is rendered
    html = render_to_string(
        "register/workspace/application/_decisions.html",
        decisions_panel(actor=actor, application=application),
    )
    # Then it links the letter and the review (due in 8 weeks); no new decision while it waits
    assert reverse("register:decision_letter_staff", kwargs={"pk": decision.pk}) in html
    assert "Does not qualify" in html
    assert "10 August 2026" in html
    assert "Record a decision" not in html


def test_the_decisions_panel_offers_a_decision_when_there_is_none(today: dt.date) -> None:
    council = council_with_policy()
    application = application_of(household_on(council))
    html = render_to_string(
        "register/workspace/application/_decisions.html",
        decisions_panel(actor=officer(council), application=application),
    )
    assert "No decision has been made yet." in html
    assert "Record a decision" in html
    assert reverse("register:decision_new", kwargs={"pk": application.pk}) in html
