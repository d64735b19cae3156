"""The housing register across its parts, as applicants and officers use it (JavaScript off).

Applicants use a phone-sized screen, officers a desktop one. Every page reached is checked with
axe (and for the applicant, that it fits the phone), except the application form's own steps,
which tests/browser/test_register_apply.py checks page by page.

Database: the demo partnership is committed for the module. Whatever the live server writes is
committed by it on PostgreSQL (and rolled back with each test on SQLite, where the server shares
the test's connection); the test itself only reads, apart from the module's own new applicant.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.register_support import (
    PHONE,
    Journey,
    applicant_create,
    family_of_four_applies,
)
from tests.browser.support import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OFFICER = "register-officer@marshvale-city.example"
TEAM_LEADER = "team-leader@marshvale-city.example"
ACTIVE_APPLICANT = "applicant-active@marshvale.example"
NOT_QUALIFYING_APPLICANT = "applicant-not-qualifying@marshvale.example"


@pytest.fixture(scope="module")
def new_applicant(demo_data: None, django_db_blocker: Any) -> str:
    """A new applicant account, committed so that the live server sees it on PostgreSQL."""
    email = f"dana-{uuid.uuid4().hex[:8]}@example.org"
    with django_db_blocker.unblock():
        applicant_create(email)
    return email


@pytest.fixture
def walker(live_site: Any, new_context: Any) -> Any:
    """Make a Journey for one person: JavaScript off, checked with axe in a twin context."""

    def make(email: str, *, phone: bool) -> Journey:
        viewport = PHONE if phone else DESKTOP
        page = new_context(java_script_enabled=False, viewport=viewport).new_page()
        journey = Journey(page, new_context(viewport=viewport).new_page(), live_site.url)
        journey.sign_in(email)
        return journey

    return make


def _find_on_queue(j: Journey, reference: str) -> None:
    """Page through a queue until the row of `reference` shows."""
    while j.page.locator("main").get_by_text(reference).count() == 0:
        following = j.page.locator("main .govuk-pagination__next a")
        assert following.count() == 1, f"{reference} is not on {j.path}"
        with j.page.expect_navigation():
            following.click()
        j.check()


def _problems(*journeys: Journey) -> str:
    return "\n".join(problem for j in journeys for problem in j.problems)


def test_apply_then_the_officer_assesses_and_decides_and_the_applicant_sees_it(
    live_site: Any, new_context: Any, walker: Any, new_applicant: str
) -> None:
    from hearth.core import clock
    from hearth.register.models import Application

    # Given Dana Price's family of four has applied on a phone (pages checked by the apply test)
    applicant = Journey(
        new_context(java_script_enabled=False, viewport=PHONE).new_page(), None, live_site.url
    )
    family_of_four_applies(applicant, new_applicant)
    application = Application.objects.select_related("household").get(
        household__applicant__email=new_applicant
    )
    reference = application.household.reference

    # When the council's register officer finds it by its reference
    officer = walker(OFFICER, phone=False)
    officer.goto("/staff/register/")
    officer.fill("q", reference)
    officer.press("Search")
    officer.click(reference)
    assert officer.path == f"/staff/register/applications/{application.pk}/"

    # ...awards a need reason, assesses, and records the decision
    officer.click("Award a need reason")
    officer.choose("High medical need")
    today = clock.today()
    officer.date("awarded_on", str(today.day), str(today.month), str(today.year))
    officer.fill("notes", "GP letter: asthma made worse by the damp")
    officer.submit()
    assert "Need reason awarded" in officer.main_text
    officer.click("Assess", within="main .govuk-grid-column-one-third")
    officer.press("Assess now")
    assert "Assessed under the council's policy" in officer.main_text
    officer.click("Back to the application")
    officer.click("Record a decision", within="main .govuk-grid-column-one-third")
    officer.choose("Accepted onto the register")
    officer.submit()
    assert "Decision recorded" in officer.main_text

    # Then the applicant sees the decision on their account, with what their band means
    applicant = Journey(applicant.page, new_context(viewport=PHONE).new_page(), live_site.url)
    applicant.goto("/account/")
    application.refresh_from_db()
    assert application.status == "active"
    latest = application.household.assessments.first()
    assert latest is not None and latest.band
    account = applicant.main_text
    assert f"Band {latest.band}" in account
    assert "need to move" in account or "no particular housing need" in account
    assert "Accepted onto the register" in account

    # ...opens the decision and its letter
    applicant.follow("/account/decisions/")
    assert "Download the letter (PDF)" in applicant.main_text
    applicant.pdf("Download the letter (PDF)")
    # ...and has the decision as a message too, through the header's navigation
    applicant.click("Messages", within=".govuk-service-navigation")
    assert applicant.path == "/account/messages/"
    assert applicant.page.locator("main a[href^='/account/messages/']").count() >= 1
    assert not _problems(applicant, officer), _problems(applicant, officer)


def test_a_change_of_circumstances_is_reassessed(walker: Any) -> None:
    from hearth.register.models import Application

    reference = (
        Application.objects.select_related("household")
        .get(household__applicant__email=ACTIVE_APPLICANT)
        .household.reference
    )

    # Given an applicant on the register reports a change from their account
    applicant = walker(ACTIVE_APPLICANT, phone=True)
    applicant.goto("/account/")
    applicant.click("Report a change")
    applicant.submit(errors=True)  # nothing chosen or said
    applicant.page.get_by_label("People moving in or out").check()
    applicant.fill("summary", "My son Adam moved in with us on 3 May")
    applicant.submit()
    assert applicant.path == "/account/changes/sent/"

    # When the officer opens it from the changes queue and reassesses
    officer = walker(OFFICER, phone=False)
    officer.goto("/staff/register/")
    officer.click("Changes of circumstances")
    _find_on_queue(officer, reference)
    row = officer.page.locator("main tr", has_text=reference).last
    with officer.page.expect_navigation():
        row.get_by_role("link", name="My son Adam moved in").click()
    officer.check()
    assert "My son Adam moved in with us on 3 May" in officer.main_text
    officer.press("Reassess now")

    # Then the change is marked as assessed
    assert "Household reassessed" in officer.main_text
    assert "Reassess now" not in officer.main_text
    assert not _problems(applicant, officer), _problems(applicant, officer)


@contextlib.contextmanager
def _within_review_time(decided_on: dt.date) -> Iterator[None]:
    """The demo decides not-qualifying applications some weeks back; if this one is past its
    21 days, hold the clock (the server's too: same process) a few days after it."""
    from hearth.core import clock
    from hearth.register.models import REVIEW_WINDOW_DAYS

    if (clock.today() - decided_on).days < REVIEW_WINDOW_DAYS - 2:
        yield
        return
    moment = dt.datetime.combine(decided_on + dt.timedelta(days=3), dt.time(10), clock.LONDON)
    with clock.clock_frozen_at(moment):
        yield


def test_a_review_of_a_not_qualifying_decision(walker: Any) -> None:
    from hearth.register.models import Decision

    decision = (
        Decision.objects.select_related("application__household")
        .filter(application__household__applicant__email=NOT_QUALIFYING_APPLICANT)
        .latest("decided_on")
    )
    reference = decision.application.household.reference

    with _within_review_time(decision.decided_on):
        # Given the applicant opens their not-qualifying decision and asks for a review
        applicant = walker(NOT_QUALIFYING_APPLICANT, phone=True)
        applicant.goto("/account/")
        applicant.follow(f"/account/decisions/{decision.pk}/")
        applicant.press("Ask for a review")
        applicant.press("Continue")
        applicant.submit(errors=True)
        assert "Enter why you think our decision is wrong" in applicant.main_text
        applicant.fill("grounds", "My daughter has lived with us since March; you missed her.")
        applicant.submit()
        assert "you missed her" in applicant.main_text
        applicant.submit()  # send the request
        assert applicant.path == f"/account/decisions/{decision.pk}/review/sent/"

        # When a team leader decides it from the reviews queue
        leader = walker(TEAM_LEADER, phone=False)
        leader.goto("/staff/register/")
        leader.click("Reviews due")
        assert leader.path == "/staff/register/reviews/"
        _find_on_queue(leader, reference)
        leader.click(reference)
        assert "you missed her" in leader.main_text
        leader.choose("The decision stays the same")
        leader.fill("reasons", "Your daughter does not change the income limit that applies.")
        leader.submit()

        # Then the applicant sees the outcome on the decision page
        applicant.goto(f"/account/decisions/{decision.pk}/")
        outcome = applicant.main_text
        assert "Decision stays the same" in outcome
        assert "does not change the income limit" in outcome
        applicant.pdf("Download the review outcome letter (PDF)")
    assert not _problems(applicant, leader), _problems(applicant, leader)
