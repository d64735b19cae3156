"""Assisted digital beyond the application form: an officer uploads a document, reports a
change of circumstances, renews, or asks for (or withdraws) a review for the applicant.

Each page but asking for a review is the applicant's own page body, served with an officer's
`AccountOwner` (`hearth.register.views.account_owner`): the applicant's form and the same
service, called with the acting actor so the audit log records the officer on behalf of the
applicant. Asking for a review is one page for an officer (the applicant's is three steps).
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.decisions import ReviewGroundsForm
from hearth.register.selectors.account_assisted import evidence_request_of_application
from hearth.register.selectors.decisions import decision_get, review_get, review_state
from hearth.register.services.reviews import review_request_create
from hearth.register.views.account_applicant_changes import change_report_page
from hearth.register.views.account_owner import (
    AccountOwner,
    AccountPage,
    for_officer,
    officer_account,
)
from hearth.register.views.evidence_applicant import document_upload_page
from hearth.register.views.renewals_applicant import renew_page
from hearth.register.views.reviews_applicant import review_withdraw_page

REVIEW_REQUEST = AccountPage(
    officer_template="review_request.html",
    officer_message=gettext_lazy("Review asked for on the applicant's behalf"),
)


def _document_upload(request: HttpRequest, owner: AccountOwner) -> HttpResponse:
    """Upload a document for the applicant: for a request (?request=<id>) or of any kind."""
    wanted = request.GET.get("request")
    evidence_request = (
        evidence_request_of_application(application=owner.application, pk=wanted)
        if wanted
        else None
    )
    return document_upload_page(request, owner, evidence_request)


assisted_document_upload = for_officer(_document_upload)
assisted_change_report = for_officer(change_report_page)
assisted_renew = for_officer(renew_page)


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_review_request(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Ask for a review for the applicant; an officer may accept a late request."""
    decision = decision_get(actor=request_actor(request), pk=pk)
    owner = officer_account(request, decision.application_id)
    state = review_state(decision=decision, on_date=clock.today())
    may_ask = state.review is None and not state.replaced
    form = ReviewGroundsForm(posted(request))
    if may_ask and (
        done := form_submit(
            request,
            form,
            lambda data: review_request_create(
                actor=owner.actor, decision=decision, grounds=data["grounds"]
            ),
            success=lambda _review: owner.done(request, REVIEW_REQUEST),
            plain_field="grounds",
        )
    ):
        return done
    return owner.render(
        request,
        REVIEW_REQUEST,
        {"form": form, "decision": decision, "state": state, "may_ask": may_ask},
    )


@capability_required(Capability.ASSESS_APPLICATIONS)
def assisted_review_withdraw(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Withdraw a review still waiting, when the applicant asks us to."""
    review = review_get(actor=request_actor(request), pk=pk)
    return review_withdraw_page(request, officer_account(request, review.application_id), review)
