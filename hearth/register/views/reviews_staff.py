"""Team leaders' queue of reviews, and deciding one: read the grounds, the decision and its
assessment, then record the outcome."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.audit import record_viewed
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.decisions import ReviewOutcomeForm
from hearth.register.letters import decision_context, letter_filename, review_letter_pdf
from hearth.register.models import ReviewStatus
from hearth.register.rules.decision_wording import review_due_on
from hearth.register.selectors.decisions import review_get, reviews_waiting
from hearth.register.services.reviews import review_decide
from hearth.register.views.decisions_staff import application_url, pdf_response

QUEUE_PAGE_SIZE = 50


@capability_required(Capability.APPROVE_DECISIONS)
def review_queue(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    page = Paginator(reviews_waiting(actor=actor), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = clock.today()
    rows = []
    for review in page.object_list:
        due = review_due_on(review.requested_on)
        left = (due - today).days
        rows.append({"review": review, "due": due, "days_left": left, "days_late": -left})
    return render(
        request,
        "register/reviews/queue.html",
        {"page": page, "rows": rows, "organisation": actor.organisation},
    )


@capability_required(Capability.APPROVE_DECISIONS)
def review_decide_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    review = review_get(actor=actor, pk=pk)
    decision = review.decision
    own_decision = actor.user is not None and decision.decided_by_id == actor.user.pk
    is_open = review.status == ReviewStatus.REQUESTED
    form = ReviewOutcomeForm(posted(request)) if is_open and not own_decision else None
    problem = ""
    if request.method == "POST":
        if own_decision:
            raise PermissionDenied
        if form is None:
            # Decided or withdrawn since the page was opened: say so, with the page as it is now.
            problem = (
                _("The applicant has withdrawn this request for a review")
                if review.status == ReviewStatus.WITHDRAWN
                else _("This review has already been decided")
            )
        elif done := form_submit(
            request,
            form,
            lambda data: review_decide(
                actor=actor, review=review, outcome=data["outcome"], reasons=data["reasons"]
            ),
            success="register:review_queue",
            notice=_("Review outcome recorded and sent to the applicant."),
        ):
            return done
    else:
        record_viewed(actor=actor, target=review, organisation=review.application.household.council)
    household = review.application.household
    return render(
        request,
        "register/reviews/decide.html",
        {
            "review": review,
            "decision": decision,
            "household": household,
            "council": household.council,
            "form": form,
            "problem": problem,
            "own_decision": own_decision,
            "due_on": review_due_on(review.requested_on),
            "application_url": application_url(review.application_id),
            "level": 3,
        }
        | {"original": decision_context(decision)},
    )


@capability_required(Capability.VIEW_REGISTER)
def review_letter_staff(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    review = review_get(actor=actor, pk=pk)
    if review.status not in (ReviewStatus.UPHELD, ReviewStatus.CHANGED):
        raise Http404
    household = review.application.household
    record_viewed(actor=actor, target=review, organisation=household.council)
    return pdf_response(
        review_letter_pdf(review), letter_filename(household.reference, "review-outcome")
    )
