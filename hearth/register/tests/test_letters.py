from __future__ import annotations

import datetime as dt
import re

import pytest
from weasyprint import HTML

from hearth.core.models import Organisation
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


def _accepted_letter_html(council: Organisation) -> str:
    decision = decision_record(
        actor=officer(council),
        application=application_of(household_on(council)),
        kind=DecisionKind.ACCEPTED,
    )
    return decision_letter_html(decision)


def _part(html: str, start: str, end: str) -> str:
    """The words of the letter from marker `start` to marker `end`, without the markup (a
    marker may be part of a tag, such as its class)."""
    begin = html.index(start)
    fragment = html[begin : html.index(end, begin)]
    return " ".join(re.sub(r"^[^<>]*>|<[^>]*>|<[^>]*$", " ", fragment).split())


def test_the_letter_is_from_the_councils_own_address(today: dt.date) -> None:
    # Given a council that has set its postal address and contact details
    council = council_with_policy()
    council.postal_address = "Civic Centre\n1 Market Street\nMarshvale\nMV1 1AA"
    council.contact_phone = "01632 960 101"
    council.contact_email = "housing@marshvale-city.example"
    council.contact_hours = "Monday to Friday, 9am to 5pm"
    council.save()
    # When one of its decision letters is printed
    html = _accepted_letter_html(council)
    # Then the sender block gives the council's name, address, phone, email and hours
    sender = _part(html, 'class="letter-from"', 'class="letter-to"')
    assert sender == (
        "Marshvale City Council Civic Centre 1 Market Street Marshvale MV1 1AA "
        "Phone: 01632 960 101 Email: housing@marshvale-city.example "
        "Monday to Friday, 9am to 5pm"
    )
    # And "Contact us" says how to phone, email and write to the council
    contact = _part(html, "Contact us</h2>", "Sign in to your account")
    assert "Phone: 01632 960 101 Opening hours: Monday to Friday, 9am to 5pm" in contact
    assert "Email: housing@marshvale-city.example" in contact
    assert "Write to: Marshvale City Council Civic Centre 1 Market Street Marshvale MV1 1AA" in (
        contact
    )
    # And the scheme's general contact text is not used instead
    assert "Phone 01632 960 000" not in html
    # And the PDF carries them
    text = pdf_text(html)
    assert "01632 960 101" in text and "housing@marshvale-city.example" in text


def test_only_the_details_the_council_has_set_are_shown(today: dt.date) -> None:
    # Given a council that has set only an email address
    council = council_with_policy()
    council.contact_email = "housing@marshvale-city.example"
    council.save()
    # When its letter is printed
    html = _accepted_letter_html(council)
    # Then it gives the email, and no empty phone, hours or address lines
    sender = _part(html, 'class="letter-from"', 'class="letter-to"')
    assert sender == "Marshvale City Council Email: housing@marshvale-city.example"
    contact = _part(html, "Contact us</h2>", "Sign in to your account")
    assert contact == "Contact us Email: housing@marshvale-city.example"


def test_without_council_details_the_schemes_contact_text_is_used(today: dt.date) -> None:
    # Given a council with no contact details of its own (the scheme has contact text)
    council = council_with_policy()
    assert not council.has_contact_details
    # When its letter is printed
    html = _accepted_letter_html(council)
    # Then the sender block and "Contact us" show the scheme's contact text
    assert "Phone 01632 960 000" in _part(html, 'class="letter-head"', 'class="letter-to"')
    assert "Phone 01632 960 000" in _part(html, "Contact us</h2>", "Sign in to your account")
    assert "Write to:" not in html
    assert 'style="' not in html


def test_the_review_outcome_letter_uses_the_councils_details_too(today: dt.date) -> None:
    # Given a council with a phone number, and a reviewed decision
    council = council_with_policy()
    council.contact_phone = "01632 960 101"
    council.save()
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
    html = review_letter_html(review)
    # Then it is from the council's phone number
    assert "Phone: 01632 960 101" in _part(html, 'class="letter-from"', 'class="letter-to"')
