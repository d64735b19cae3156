"""Taking things back: an applicant withdraws their request for a review, and officers cancel a
document request and withdraw a review for an applicant (JavaScript off, every page checked
with axe, error states included).

Database: the demo partnership is committed for the module; whatever the live server writes is
committed by it on PostgreSQL (and rolled back with each test on SQLite).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.register_support import PHONE, Journey
from tests.browser.support import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OFFICER = "register-officer@marshvale-city.example"
UNDER_REVIEW_APPLICANT = "applicant-under-review@marshvale.example"
PENDING_APPLICANT = "applicant-pending-documents@marshvale.example"


@pytest.fixture
def walker(live_site: Any, new_context: Any) -> Any:
    def make(email: str, *, phone: bool) -> Journey:
        viewport = PHONE if phone else DESKTOP
        page = new_context(java_script_enabled=False, viewport=viewport).new_page()
        journey = Journey(page, new_context(viewport=viewport).new_page(), live_site.url)
        journey.sign_in(email)
        return journey

    return make


def test_the_applicant_withdraws_their_request_for_a_review(walker: Any) -> None:
    from hearth.register.models import ReviewRequest, ReviewStatus

    review = ReviewRequest.objects.get(
        application__household__applicant__email=UNDER_REVIEW_APPLICANT,
        status=ReviewStatus.REQUESTED,
    )
    # Given the applicant opens the decision they asked to be reviewed
    applicant = walker(UNDER_REVIEW_APPLICANT, phone=True)
    applicant.goto(f"/account/decisions/{review.decision_id}/")
    # When they choose to withdraw, first answering nothing, then yes
    applicant.press("Withdraw your request")
    assert applicant.path == f"/account/reviews/{review.pk}/withdraw/"
    applicant.submit(errors=True)
    assert "Select yes if you want to withdraw your request for a review" in applicant.main_text
    applicant.choose("Yes")
    applicant.submit()
    # Then they are back on the decision with a success banner
    assert applicant.path == f"/account/decisions/{review.decision_id}/"
    assert "You have withdrawn your request for a review" in applicant.main_text
    assert not applicant.problems, applicant.problems


def test_an_officer_cancels_a_document_request_and_withdraws_a_review(walker: Any) -> None:
    from hearth.register.models import (
        EvidenceRequest,
        EvidenceRequestStatus,
        ReviewRequest,
        ReviewStatus,
    )

    request = (
        EvidenceRequest.objects.filter(
            application__household__applicant__email=PENDING_APPLICANT,
            status=EvidenceRequestStatus.REQUESTED,
        )
        .order_by("due_on", "id")
        .first()
    )
    assert request is not None
    # Given the officer opens the application waiting for documents
    officer = walker(OFFICER, phone=False)
    officer.goto(f"/staff/register/applications/{request.application_id}/")
    # When they cancel a request, first without a reason
    officer.follow(f"/staff/register/document-requests/{request.pk}/cancel/")
    officer.submit(errors=True)
    assert "Enter why the document is no longer needed" in officer.main_text
    officer.fill("reason", "We have this from the council tax team.")
    officer.submit()
    # Then the application shows it as no longer needed, with the reason
    assert "Request cancelled. The applicant has been told." in officer.main_text
    assert "We have this from the council tax team." in officer.main_text

    # And the page to withdraw a review for an applicant passes the same checks (a review other
    # than the one the applicant's test withdraws, which stays withdrawn on PostgreSQL)
    review = (
        ReviewRequest.objects.filter(
            application__council=request.application.council, status=ReviewStatus.REQUESTED
        )
        .exclude(application__household__applicant__email=UNDER_REVIEW_APPLICANT)
        .order_by("requested_on", "id")
        .first()
    )
    assert review is not None
    officer.goto(f"/staff/register/reviews/{review.pk}/withdraw/")
    officer.submit(errors=True)
    assert not officer.problems, officer.problems
