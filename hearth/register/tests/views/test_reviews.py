from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent, Organisation
from hearth.register.models import (
    ApplicationStatus,
    Decision,
    DecisionKind,
    Household,
    ReviewRequest,
    ReviewStatus,
)
from hearth.register.services.decisions import decision_record
from hearth.register.services.reviews import (
    review_decide,
    review_request_create,
    review_request_withdraw,
)
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


def refused(household: Household, on_date: dt.date | None = None) -> Decision:
    return decision_record(
        actor=officer(household.council),
        application=application_of(household),
        kind=DecisionKind.NOT_QUALIFYING,
        on_date=on_date,
    )


def applicant_client(household: Household) -> Client:
    client = Client()
    client.force_login(household.applicant)
    return client


def leader_client(council: Organisation) -> Client:
    client = Client()
    client.force_login(staff_member(council, [Role.TEAM_LEADER]).user)
    return client


def url(name: str, decision: Decision | ReviewRequest) -> str:
    return reverse(f"register:{name}", kwargs={"pk": decision.pk})


# --- The applicant's journey -------------------------------------------------------------------


def test_the_applicant_asks_for_a_review_step_by_step(today: dt.date) -> None:
    # Given a household told it does not qualify
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household)
    client = applicant_client(household)
    # The first page explains what a review is
    start = client.get(url("review_request", decision)).content.decode()
    assert "A review means a senior officer" in start
    assert url("review_why", decision) in start
    # Sending nothing is a GOV.UK error, next to the field and in the summary
    empty = client.post(url("review_why", decision), {"grounds": "   "})
    assert empty.status_code == 200
    assert '<a href="#id_grounds">Enter why you think our decision is wrong</a>' in (
        empty.content.decode()
    )
    # An answer goes on to the check page, where it can be changed
    answered = client.post(url("review_why", decision), {"grounds": "My income has fallen."})
    assert answered["Location"] == url("review_check", decision)
    check = client.get(url("review_check", decision)).content.decode()
    assert "My income has fallen." in check
    assert "Change" in check
    # The change page keeps what was typed
    assert "My income has fallen." in client.get(url("review_why", decision)).content.decode()
    # Sending it records the review and shows a confirmation
    sent = client.post(url("review_check", decision))
    assert sent["Location"] == url("review_sent", decision)
    review = ReviewRequest.objects.get()
    assert review.grounds == "My income has fallen."
    assert application_of(household).status == ApplicationStatus.UNDER_REVIEW
    confirmation = client.get(url("review_sent", decision)).content.decode()
    assert "Request for a review sent" in confirmation
    assert household.reference in confirmation
    assert "10 August 2026" in confirmation  # 8 weeks to decide
    # And the decision page now says a review is under way
    page = client.get(url("decision", decision)).content.decode()
    assert "You asked for a review on 15 June 2026" in page
    assert "Ask for a review" not in page


def test_the_check_page_without_an_answer_goes_back_to_the_question(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household)
    response = applicant_client(household).get(url("review_check", decision))
    assert response["Location"] == url("review_why", decision)


def test_after_21_days_every_step_explains_they_are_out_of_time(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household, today - dt.timedelta(days=22))
    client = applicant_client(household)
    for name in ("review_request", "review_why", "review_check"):
        page = client.get(url(name, decision)).content.decode()
        assert "That time has passed" in page, name
        assert "contact Marshvale City Council" in page
    client.post(url("review_why", decision), {"grounds": "Too late"})
    assert not ReviewRequest.objects.exists()


def test_a_second_request_is_not_possible(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household)
    review_request_create(actor=applicant_actor(household), decision=decision, grounds="One")
    page = applicant_client(household).get(url("review_why", decision)).content.decode()
    assert "You have already asked for a review of this decision" in page


def test_sent_without_a_review_goes_back_to_the_decision(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household)
    response = applicant_client(household).get(url("review_sent", decision))
    assert response["Location"] == url("decision", decision)


# --- Team leaders ------------------------------------------------------------------------------


def test_the_queue_lists_the_councils_reviews_oldest_first_with_days_left(
    today: dt.date, django_assert_max_num_queries: object
) -> None:
    # Given reviews asked for 50 days and 10 days ago, and one in another council
    council = council_with_policy()
    for days in (10, 50):
        household = household_on(council, **RICH)
        decision = refused(household, today - dt.timedelta(days=days))
        review_request_create(
            actor=applicant_actor(household),
            decision=decision,
            grounds="Why",
            on_date=today - dt.timedelta(days=days),
        )
    elsewhere = household_on(council_with_policy(slug="eastmere"), **RICH)
    review_request_create(
        actor=applicant_actor(elsewhere), decision=refused(elsewhere), grounds="Why"
    )
    client = leader_client(council)
    client.get(reverse("register:review_queue"))  # warm the session
    # When a team leader opens the queue, in a bounded number of queries
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(reverse("register:review_queue"))
    # Then they see their own council's two, oldest first, with the days left of 8 weeks
    page = response.content.decode()
    assert page.count('<tr class="govuk-table__row">') == 3  # header and two rows
    assert page.index("6 days left") < page.index("46 days left")
    assert elsewhere.reference not in page


def test_the_queue_shows_late_reviews(today: dt.date) -> None:
    council = council_with_policy()
    household = household_on(council, **RICH)
    asked = today - dt.timedelta(days=60)
    review_request_create(
        actor=applicant_actor(household),
        decision=refused(household, asked),
        grounds="Why",
        on_date=asked,
    )
    page = leader_client(council).get(reverse("register:review_queue")).content.decode()
    assert "4 days late" in page


def test_a_team_leader_reads_and_decides_a_review(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household)
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="My income has fallen."
    )
    client = leader_client(household.council)
    page = client.get(url("review_decide", review)).content.decode()
    assert "My income has fallen." in page
    assert "The assessment it rested on" in page
    assert "Your household income is over" in page
    # Missing reasons: an error, nothing saved
    missing = client.post(url("review_decide", review), {"outcome": "upheld", "reasons": ""})
    assert "Enter the reasons for the outcome" in missing.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.REQUESTED
    # Then upheld
    done = client.post(
        url("review_decide", review), {"outcome": "upheld", "reasons": "Income over the limit."}
    )
    assert done["Location"] == reverse("register:review_queue")
    review.refresh_from_db()
    assert review.status == ReviewStatus.UPHELD
    # The outcome letter is there for staff and the applicant
    for client_, name in (
        (client, "review_letter_staff"),
        (applicant_client(household), "review_letter"),
    ):
        letter = client_.get(url(name, review))
        assert letter.status_code == 200
        assert letter.content.startswith(b"%PDF")
    # And the decision page shows the outcome
    page = applicant_client(household).get(url("decision", decision)).content.decode()
    assert "Income over the limit." in page


def test_changing_when_the_household_still_does_not_qualify_shows_the_error(
    today: dt.date,
) -> None:
    household = household_on(council_with_policy(), **RICH)
    review = review_request_create(
        actor=applicant_actor(household), decision=refused(household), grounds="Why"
    )
    response = leader_client(household.council).post(
        url("review_decide", review), {"outcome": "changed", "reasons": "Changed my mind"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Changed my mind" in page


def test_a_team_leader_cannot_review_their_own_decision(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    member = staff_member(household.council, [Role.TEAM_LEADER])
    decision = decision_record(
        actor=actor_for(member),
        application=application_of(household),
        kind=DecisionKind.NOT_QUALIFYING,
    )
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Why"
    )
    client = Client()
    client.force_login(member.user)
    page = client.get(url("review_decide", review)).content.decode()
    assert "You made this decision, so another team leader must review it." in page
    posted = client.post(url("review_decide", review), {"outcome": "upheld", "reasons": "x"})
    assert posted.status_code == 403


def test_an_open_reviews_letter_does_not_exist_yet(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    review = review_request_create(
        actor=applicant_actor(household), decision=refused(household), grounds="Why"
    )
    assert applicant_client(household).get(url("review_letter", review)).status_code == 404


# --- Withdrawing a request ---------------------------------------------------------------------


def test_the_applicant_withdraws_their_request_and_can_ask_again(today: dt.date) -> None:
    # Given a review waiting, shown on the decision page with a button to withdraw it
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household)
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    client = applicant_client(household)
    withdraw_url = url("review_withdraw", review)
    page = client.get(url("decision", decision)).content.decode()
    assert "Withdraw your request" in page and withdraw_url in page
    assert withdraw_url in client.get(url("review_request", decision)).content.decode()
    # The confirmation page asks, and warns that they can ask again only within 21 days
    confirm = client.get(withdraw_url).content.decode()
    assert "Are you sure you want to withdraw your request for a review?" in confirm
    assert "You can ask for a review again only until 6 July 2026" in confirm
    # Answering nothing is a GOV.UK error, in the summary and by the question
    empty = client.post(withdraw_url, {}).content.decode()
    assert empty.count("Select yes if you want to withdraw your request for a review") == 2
    review.refresh_from_db()
    assert review.status == ReviewStatus.REQUESTED
    # When they confirm
    done = client.post(withdraw_url, {"withdraw": "yes"})
    # Then they are back on the decision, with a success banner and the offer to ask again
    assert done["Location"] == url("decision", decision)
    page = client.get(done["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "You have withdrawn your request for a review" in page
    assert "You withdrew your request for a review on 15 June 2026" in page
    assert "Ask for a review" in page
    review.refresh_from_db()
    assert review.status == ReviewStatus.WITHDRAWN
    assert application_of(household).status == ApplicationStatus.NOT_QUALIFYING
    # And the journey to ask again is open
    assert "A review means a senior officer" in (
        client.get(url("review_request", decision)).content.decode()
    )


def test_answering_no_keeps_the_request(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    decision = refused(household)
    review = review_request_create(
        actor=applicant_actor(household), decision=decision, grounds="Income fell"
    )
    response = applicant_client(household).post(url("review_withdraw", review), {"withdraw": "no"})
    assert response["Location"] == url("decision", decision)
    review.refresh_from_db()
    assert review.status == ReviewStatus.REQUESTED


def test_a_decided_review_cannot_be_withdrawn(today: dt.date) -> None:
    household = household_on(council_with_policy(), **RICH)
    review = review_request_create(
        actor=applicant_actor(household), decision=refused(household), grounds="Why"
    )
    review_decide(
        actor=actor_for(staff_member(household.council, [Role.TEAM_LEADER])),
        review=review,
        outcome=ReviewStatus.UPHELD,
        reasons="Income over the limit.",
    )
    client = applicant_client(household)
    page = client.get(url("review_withdraw", review)).content.decode()
    assert "You cannot withdraw this request" in page
    assert "We reviewed this decision on 15 June 2026" in page
    client.post(url("review_withdraw", review), {"withdraw": "yes"})
    review.refresh_from_db()
    assert review.status == ReviewStatus.UPHELD


def test_someone_elses_review_is_not_found(today: dt.date) -> None:
    council = council_with_policy()
    household, stranger = household_on(council, **RICH), household_on(council, **RICH)
    review = review_request_create(
        actor=applicant_actor(household), decision=refused(household), grounds="Why"
    )
    client = applicant_client(stranger)
    assert client.get(url("review_withdraw", review)).status_code == 404
    assert client.post(url("review_withdraw", review), {"withdraw": "yes"}).status_code == 404
    review.refresh_from_db()
    assert review.status == ReviewStatus.REQUESTED


def test_withdrawn_reviews_leave_the_queue_and_show_when_they_were_withdrawn(
    today: dt.date,
) -> None:
    # Given two reviews waiting, one then withdrawn by the applicant
    council = council_with_policy()
    kept, gone = household_on(council, **RICH), household_on(council, **RICH)
    review_request_create(actor=applicant_actor(kept), decision=refused(kept), grounds="Why")
    withdrawn = review_request_create(
        actor=applicant_actor(gone), decision=refused(gone), grounds="Why"
    )
    review_request_withdraw(actor=applicant_actor(gone), review=withdrawn)
    client = leader_client(council)
    # The queue lists only the one still waiting
    queue = client.get(reverse("register:review_queue")).content.decode()
    assert kept.reference in queue
    assert gone.reference not in queue
    # The withdrawn review's page says so, with no outcome form
    page = client.get(url("review_decide", withdrawn)).content.decode()
    assert "Withdrawn by the applicant on 15 June 2026" in page
    assert "Record the outcome and tell the applicant" not in page
    # A team leader who had the form open is told, not given an error page
    posted = client.post(url("review_decide", withdrawn), {"outcome": "upheld", "reasons": "x"})
    assert posted.status_code == 200
    assert "The applicant has withdrawn this request for a review" in posted.content.decode()
    withdrawn.refresh_from_db()
    assert withdrawn.status == ReviewStatus.WITHDRAWN


# --- Assisted digital --------------------------------------------------------------------------


def test_an_officer_withdraws_a_review_for_the_applicant(today: dt.date) -> None:
    # Given a review waiting, on the officer's application page
    household = household_on(council_with_policy(), **RICH)
    review = review_request_create(
        actor=applicant_actor(household), decision=refused(household), grounds="Why"
    )
    member = staff_member(household.council, [Role.REGISTER_OFFICER])
    client = Client()
    client.force_login(member.user)
    assisted_url = url("assisted_review_withdraw", review)
    application_url = reverse("register:application", kwargs={"pk": review.application_id})
    assert assisted_url in client.get(application_url).content.decode()
    page = client.get(assisted_url).content.decode()
    assert "Withdraw a review for the applicant" in page
    # When they confirm the applicant asked them to
    done = client.post(assisted_url, {"withdraw": "yes"})
    # Then it is withdrawn on the applicant's behalf
    assert done["Location"] == application_url
    review.refresh_from_db()
    assert review.status == ReviewStatus.WITHDRAWN
    event = AuditEvent.objects.get(verb="review.withdrawn")
    assert (event.actor_id, event.on_behalf_of_id) == (member.user.pk, household.applicant_id)
    # An officer of another council cannot reach it
    elsewhere = Client()
    elsewhere.force_login(
        staff_member(council_with_policy(slug="eastmere"), [Role.REGISTER_OFFICER]).user
    )
    assert elsewhere.get(assisted_url).status_code == 404
