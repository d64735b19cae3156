from __future__ import annotations

import datetime as dt

import pytest
from weasyprint import HTML

from hearth.register.letters import (
    decision_letter_html,
    decision_letter_pdf,
    review_letter_html,
    review_letter_pdf,
)
from hearth.register.models import DecisionKind, ReviewStatus
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


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages, as it goes into the PDF."""
    found: list[str] = []

    def walk(box: object) -> None:
        text = getattr(box, "text", None)
        if isinstance(text, str):
            found.append(text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in HTML(string=html).render().pages:
        walk(page._page_box)
    return " ".join(found)


def test_an_accepted_letter_is_a_pdf_with_the_band_rights_and_reference(today: dt.date) -> None:
    # Given an accepted decision
    council = council_with_policy()
    household = household_on(council)
    decision = decision_record(
        actor=officer(council), application=application_of(household), kind=DecisionKind.ACCEPTED
    )
    # When its letter is printed
    pdf = decision_letter_pdf(decision)
    html = decision_letter_html(decision)
    text = pdf_text(html)
    # Then it is a PDF carrying the reference, the decision and the right to a review
    assert pdf.startswith(b"%PDF")
    assert household.reference in text
    assert "Marshvale Home Choice" in text  # the scheme's brand
    assert "Marshvale City Council" in text
    assert "12 Mill Lane" in text and "MV1 2AB" in text
    assert "You are on the housing register" in text
    assert "Band D" in text
    assert "You can bid for homes with 1 bedroom" in text
    assert "Ask by 6 July 2026 (21 days" in text
    assert "size: A4" in html


def test_a_not_qualifying_letter_gives_the_reasons(today: dt.date) -> None:
    council = council_with_policy()
    decision = decision_record(
        actor=officer(council),
        application=application_of(household_on(council, **RICH)),
        kind=DecisionKind.NOT_QUALIFYING,
    )
    text = pdf_text(decision_letter_html(decision))
    assert "You do not qualify to join the housing register" in text
    assert "Your household income is over £60,000" in text
    assert "You can ask us to review this decision" in text


def test_an_ineligible_letter_explains_the_law(today: dt.date) -> None:
    council = council_with_policy()
    decision = decision_record(
        actor=officer(council),
        application=application_of(household_on(council, eligible=False)),
        kind=DecisionKind.INELIGIBLE,
    )
    text = pdf_text(decision_letter_html(decision))
    assert "You are not eligible for social housing" in text
    assert "immigration status" in text


def test_the_review_outcome_letter_says_what_was_decided(today: dt.date) -> None:
    # Given a not-qualifying decision reviewed and upheld by a team leader
    council = council_with_policy()
    household = household_on(council, **RICH)
    decision = decision_record(
        actor=officer(council),
        application=application_of(household),
        kind=DecisionKind.NOT_QUALIFYING,
    )
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="My income has fallen."
    )
    review = review_decide(
        actor=officer(council, "team_leader"),
        review=review,
        outcome=ReviewStatus.UPHELD,
        reasons="Your payslips show income over the limit.",
    )
    # When the outcome letter is printed
    text = pdf_text(review_letter_html(review))
    # Then it gives the outcome and the reasons
    assert review_letter_pdf(review).startswith(b"%PDF")
    assert "Our decision stays the same" in text
    assert "Your payslips show income over the limit." in text
    assert household.reference in text
