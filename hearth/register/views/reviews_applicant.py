"""The applicant asks for a review of a decision: what a review is, why they think the decision
is wrong, check and send, then a confirmation. Their answer is kept in the session between
steps, so nothing typed is lost if a later step fails. While it waits, they can withdraw it (or an
officer can for them, on the same page: assisted digital, `account_staff`)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.permissions import applicant_only, request_actor
from hearth.core.forms.submit import ButtonForm, form_submit, posted, refusal
from hearth.register.forms.decisions import (
    YES,
    AssistedReviewWithdrawForm,
    ReviewGroundsForm,
    ReviewWithdrawForm,
)
from hearth.register.letters import letter_filename, review_letter_pdf
from hearth.register.models import Decision, ReviewRequest, ReviewStatus
from hearth.register.selectors.decisions import decision_get, review_get, review_state
from hearth.register.services.reviews import (
    review_request_create,
    review_request_withdraw,
    review_window_open,
)
from hearth.register.views.account_owner import AccountOwner, AccountPage
from hearth.register.views.decisions_staff import pdf_response


def _grounds_key(decision: Decision) -> str:
    return f"hearth.review_grounds.{decision.pk}"


def _start_page(request: HttpRequest, decision: Decision) -> HttpResponse:
    state = review_state(decision=decision, on_date=clock.today())
    return render(
        request,
        "register/reviews/start.html",
        {"decision": decision, "state": state, "council": decision.application.household.council},
    )


@applicant_only
def review_request(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """What a review is, and whether this decision can still be reviewed."""
    decision = decision_get(actor=request_actor(request), pk=pk)
    return _start_page(request, decision)


@applicant_only
def review_why(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = decision_get(actor=request_actor(request), pk=pk)
    if not review_state(decision=decision, on_date=clock.today()).may_ask:
        return _start_page(request, decision)
    key = _grounds_key(decision)
    form = ReviewGroundsForm(request.POST or None, initial={"grounds": request.session.get(key)})
    if request.method == "POST" and form.is_valid():
        request.session[key] = form.cleaned_data["grounds"]
        return redirect("register:review_check", pk=decision.pk)
    return render(request, "register/reviews/why.html", {"decision": decision, "form": form})


@applicant_only
def review_check(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    decision = decision_get(actor=actor, pk=pk)
    if not review_state(decision=decision, on_date=clock.today()).may_ask:
        return _start_page(request, decision)
    key = _grounds_key(decision)
    grounds = request.session.get(key)
    if not grounds:
        return redirect("register:review_why", pk=decision.pk)
    form = ButtonForm(posted(request))

    def send(_data: dict[str, Any]) -> None:
        review_request_create(actor=actor, decision=decision, grounds=grounds)
        request.session.pop(key, None)

    if done := form_submit(
        request,
        form,
        send,
        success=reverse("register:review_sent", kwargs={"pk": decision.pk}),
    ):
        return done
    problem = refusal(form)
    return render(
        request,
        "register/reviews/check.html",
        {"decision": decision, "grounds": grounds, "problem": problem},
    )


@applicant_only
def review_sent(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = decision_get(actor=request_actor(request), pk=pk)
    state = review_state(decision=decision, on_date=clock.today())
    if state.review is None:
        return redirect("register:decision", pk=decision.pk)
    return render(
        request,
        "register/reviews/sent.html",
        {
            "decision": decision,
            "state": state,
            "reference": decision.application.household.reference,
        },
    )


REVIEW_WITHDRAW = AccountPage(
    template="register/reviews/withdraw.html",
    done_url="register:decision",
    done_message=gettext_lazy("You have withdrawn your request for a review"),
    back_url="register:decision",
    officer_template="review_withdraw.html",
    officer_message=gettext_lazy("Review withdrawn on the applicant's behalf"),
)


def review_withdraw_page(
    request: HttpRequest, owner: AccountOwner, review: ReviewRequest
) -> HttpResponse:
    """Are you sure? Withdrawing a review still waiting for a team leader: the applicant, or an
    officer when the applicant asks them to."""
    decision = review.decision
    is_open = review.status == ReviewStatus.REQUESTED
    # The officer is asked whether the applicant wants it withdrawn, under the page's heading.
    form_class = AssistedReviewWithdrawForm if owner.staff else ReviewWithdrawForm
    form = form_class(posted(request))
    to_decision = {"pk": decision.pk}
    if is_open and form.is_bound and form.is_valid() and form.cleaned_data["withdraw"] != YES:
        return owner.back(request, REVIEW_WITHDRAW, url_kwargs=to_decision)
    if is_open and (
        done := form_submit(
            request,
            form,
            lambda _data: review_request_withdraw(actor=owner.actor, review=review),
            success=lambda _review: owner.done(request, REVIEW_WITHDRAW, url_kwargs=to_decision),
            plain_field="withdraw",
        )
    ):
        return done
    return owner.render(
        request,
        REVIEW_WITHDRAW,
        {
            "review": review,
            "decision": decision,
            "form": form,
            "is_open": is_open,
            "may_ask_again": review_window_open(decision, clock.today()),
        },
    )


@applicant_only
def review_withdraw(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    review = review_get(actor=actor, pk=pk)
    owner = AccountOwner(actor, review.application, staff=False)
    return review_withdraw_page(request, owner, review)


@applicant_only
def review_letter(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    review = review_get(actor=request_actor(request), pk=pk)
    if review.status not in (ReviewStatus.UPHELD, ReviewStatus.CHANGED):
        raise Http404
    return pdf_response(
        review_letter_pdf(review),
        letter_filename(review.application.household.reference, "review-outcome"),
    )
