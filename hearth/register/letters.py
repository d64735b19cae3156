"""Decision and review-outcome letters: an HTML template per kind, printed to A4 PDF.

The same wording appears on the decision page, in the letter and in its preview on the
officer's page (`decision_wording`). Letters are made on request from the stored decision, so
a letter printed again later says the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string

from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.document import PolicyDocument
from hearth.register.models import (
    REVIEW_WINDOW_DAYS,
    Decision,
    Household,
    Period,
    PeriodKind,
    Person,
    Relationship,
    ReviewRequest,
)
from hearth.register.rules.decision_wording import decision_wording, review_due_on

LETTER_TEMPLATES = {
    "accepted": "register/decisions/letters/decision_accepted.html",
    "not_qualifying": "register/decisions/letters/decision_not_qualifying.html",
    "ineligible": "register/decisions/letters/decision_ineligible.html",
}
BODY_TEMPLATES = {
    "accepted": "register/decisions/letters/_accepted.html",
    "not_qualifying": "register/decisions/letters/_not_qualifying.html",
    "ineligible": "register/decisions/letters/_ineligible.html",
}
REVIEW_OUTCOME_TEMPLATE = "register/decisions/letters/review_outcome.html"


def policy_document_for(decision: Decision) -> PolicyDocument | None:
    assessment = decision.assessment
    if assessment is None:
        return None
    try:
        return document_of(assessment.policy_version)
    except ValueError:  # a version whose document no longer reads: wording without the bands
        return None


def decision_context(decision: Decision) -> dict[str, Any]:
    """What a decision's letter, page and preview show (no recipient details)."""
    wording = decision_wording(
        kind=decision.kind,
        assessment=decision.assessment,
        document=policy_document_for(decision),
    )
    return {
        "decision": decision,
        "assessment": decision.assessment,
        "wording": wording,
        "body_template": BODY_TEMPLATES[decision.kind],
        "review_window_days": REVIEW_WINDOW_DAYS,
    }


def _recipient(household: Household) -> dict[str, Any]:
    lead = (
        Person.objects.filter(household=household, relationship=Relationship.LEAD)
        .only("full_name")
        .first()
    )
    home = (
        Period.objects.filter(household=household, kind=PeriodKind.RESIDENCE, end__isnull=True)
        .order_by("-start")
        .only("address", "postcode")
        .first()
    )
    lines = [line.strip() for line in (home.address if home else "").splitlines() if line.strip()]
    if home is not None and home.postcode:
        lines.append(home.postcode)
    return {"name": lead.full_name if lead else "The applicant", "address_lines": lines}


def _letter_context(household: Household, dated: dt.date) -> dict[str, Any]:
    council = household.council
    return {
        "scheme": council.scheme,
        "council": council,
        "reference": household.reference,
        "dated": dated,
        "recipient": _recipient(household),
    }


def decision_letter_html(decision: Decision) -> str:
    household = decision.application.household
    context = _letter_context(household, decision.decided_on) | decision_context(decision)
    context["level"] = 2
    return render_to_string(LETTER_TEMPLATES[decision.kind], context)


def review_letter_html(review: ReviewRequest) -> str:
    household = review.application.household
    context = _letter_context(household, review.decided_on or review.requested_on)
    later = (
        Decision.objects.filter(application=review.application, decided_on__gte=review.decided_on)
        .exclude(pk=review.decision_id)
        .order_by("-decided_on", "-id")
        .first()
        if review.decided_on
        else None
    )
    context |= {
        "review": review,
        "original": review.decision,
        "new_decision": later,
        "new": decision_context(later) if later is not None else None,
        "due_on": review_due_on(review.requested_on),
        "level": 2,
    }
    return render_to_string(REVIEW_OUTCOME_TEMPLATE, context)


def pdf_from_html(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only letters need.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def decision_letter_pdf(decision: Decision) -> bytes:
    """The decision letter as an A4 PDF."""
    return pdf_from_html(decision_letter_html(decision))


def review_letter_pdf(review: ReviewRequest) -> bytes:
    """The letter telling the applicant the outcome of their review, as an A4 PDF."""
    return pdf_from_html(review_letter_html(review))


def letter_filename(reference: str, what: str) -> str:
    return f"{reference}-{what}.pdf"
