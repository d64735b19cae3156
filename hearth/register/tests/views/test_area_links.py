"""The register's pages link to each other: officers reach every action on an application from
its page and every piece of waiting work from its queue; applicants reach their documents,
decisions and draft from their account and the header."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Membership, User
from hearth.accounts.tests.factories import ApplicantFactory
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.rules import lifecycle
from hearth.register.tests.factories import (
    ApplicationFactory,
    CircumstanceChangeFactory,
    DecisionFactory,
    EvidenceDocumentFactory,
    EvidenceRequestFactory,
    HouseholdFactory,
    ReviewRequestFactory,
)
from hearth.register.tests.workspace_setup import NOON, officer, signed_in

pytestmark = pytest.mark.django_db


# --- Officers ---------------------------------------------------------------------------------


def test_the_application_page_links_to_every_action_on_it() -> None:
    # given a submitted application with an open change of circumstances
    council = OrganisationFactory()
    with clock_frozen_at(NOON):
        application = ApplicationFactory(
            household__council=council, status=lifecycle.SUBMITTED, submitted_at=NOON
        )
        change = CircumstanceChangeFactory(application=application)
        # when its council's register officer opens it
        page = signed_in(officer(council)).get(
            reverse("register:application", kwargs={"pk": application.pk})
        )
    # then they can complete the form for the applicant, write, ask for documents, decide,
    # and reassess the change
    html = page.content.decode()
    pk = {"pk": application.pk}
    for name in ("assisted_tasks", "message_new", "evidence_request_new", "decision_new"):
        assert f'href="{reverse(f"register:{name}", kwargs=pk)}"' in html, name
    assert reverse("register:change_assessed", kwargs={**pk, "change": change.pk}) in html


def test_the_workspace_offers_to_start_an_application_for_someone() -> None:
    council = OrganisationFactory()
    page = signed_in(officer(council)).get(reverse("register:workspace")).content.decode()
    assert reverse("register:assisted_start") in page
    assert "Start an application for someone" in page


def test_team_leaders_reach_reviews_and_overrides_from_the_workspace() -> None:
    council = OrganisationFactory()
    page = (
        signed_in(officer(council, Role.TEAM_LEADER))
        .get(reverse("register:workspace"))
        .content.decode()
    )
    assert reverse("register:review_queue") in page
    assert reverse("register:override_queue") in page


def _queue(membership: Membership, slug: str) -> str:
    return (
        signed_in(membership)
        .get(reverse("register:queue", kwargs={"queue": slug}))
        .content.decode()
    )


def test_queue_rows_lead_to_where_the_work_is_done() -> None:
    # given a document to check, a change to reassess and a review to decide
    council = OrganisationFactory()
    with clock_frozen_at(NOON):
        document = EvidenceDocumentFactory(application__household__council=council)
        change = CircumstanceChangeFactory(application__household__council=council)
        review = ReviewRequestFactory(decision__application__household__council=council)
    leader = officer(council, Role.TEAM_LEADER)
    # then each queue row links to the page that does that work
    assert reverse("register:document_check", kwargs={"pk": document.pk}) in _queue(
        leader, "evidence"
    )
    assert reverse(
        "register:change_assessed", kwargs={"pk": change.application_id, "change": change.pk}
    ) in _queue(leader, "changes")
    assert reverse("register:review_decide", kwargs={"pk": review.pk}) in _queue(leader, "reviews")
    # and officers who cannot decide reviews see the review without the link
    assert reverse("register:review_decide", kwargs={"pk": review.pk}) not in _queue(
        officer(council), "reviews"
    )


# --- Applicants -------------------------------------------------------------------------------


@pytest.fixture
def applicant(client: Client) -> User:
    user = ApplicantFactory()
    client.force_login(user)
    return user


def test_the_account_links_to_documents_and_decisions(client: Client, applicant: User) -> None:
    application = HouseholdFactory(applicant=applicant).application
    EvidenceRequestFactory(application=application)
    decision = DecisionFactory(application=application)
    page = client.get(reverse("accounts:applicant_home")).content.decode()
    assert f'class="govuk-link govuk-task-list__link" href="{reverse("register:documents")}"' in (
        page
    )
    assert reverse("register:decision", kwargs={"pk": decision.pk}) in page


def test_the_account_links_a_draft_to_its_task_list(client: Client, applicant: User) -> None:
    HouseholdFactory(
        applicant=applicant, application__status=lifecycle.DRAFT, application__submitted_at=None
    )
    page = client.get(reverse("accounts:applicant_home")).content.decode()
    assert reverse("register:apply_tasks") in page


def test_the_account_without_an_application_links_to_the_start(
    client: Client, applicant: User
) -> None:
    page = client.get(reverse("accounts:applicant_home")).content.decode()
    assert reverse("register:apply_start") in page


def test_the_applicants_header_links_to_their_application_messages_and_documents(
    client: Client, applicant: User
) -> None:
    response = client.get(reverse("register:documents"))
    items = {str(item.label): item for item in response.context["service_nav"]}
    assert list(items) == ["Your application", "Messages", "Documents", "Find a home", "My bids"]
    assert items["Your application"].url == reverse("accounts:applicant_home")
    assert items["Messages"].url == reverse("register:messages")
    assert items["Documents"].active
