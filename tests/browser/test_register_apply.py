"""A family of four applies to join the housing register on a phone, without JavaScript.

Every page of the journey is checked with axe and must fit the phone's width.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.browser.support import OVERFLOWING, axe_source, axe_violations, demo_password

# Committed (not one rolled-back transaction): the new applicant must be visible to the live
# server's own database connection on PostgreSQL. The demo data is restored after the module.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


class Journey:
    """One browser page walking through the form, checking every page it lands on."""

    def __init__(self, page: Any, checker: Any, base_url: str) -> None:
        self.page = page
        # axe needs JavaScript: each page reached is opened again, signed in as the same
        # person, in a phone-sized page that runs it (GET pages only: nothing is changed).
        self.checker = checker
        self.base_url = base_url
        self.axe = axe_source()
        self.problems: list[str] = []
        self.checked: set[str] = set()

    def check(self) -> None:
        path = self.page.url.removeprefix(self.base_url)
        if path not in self.checked:
            self.checked.add(path)
            self.checker.context.add_cookies(self.page.context.cookies())
            self.checker.goto(self.page.url)
            for violation in axe_violations(self.checker, self.axe):
                self.problems.append(f"{path}: {violation['id']} {violation['targets'][:2]}")
            for overflow in self.checker.evaluate(OVERFLOWING):
                self.problems.append(f"{path}: wider than the phone: {overflow}")
        errors = self.page.locator(".govuk-error-summary")
        assert errors.count() == 0, f"{path}: {errors.first.inner_text()}"

    def submit(self) -> None:
        form = self.page.locator("main form[method='post' i]").first
        with self.page.expect_navigation():
            form.locator("button[type=submit]").first.click()
        self.check()

    def click(self, text: str) -> None:
        with self.page.expect_navigation():
            self.page.locator("main").get_by_role("link", name=text).first.click()
        self.check()

    def choose(self, label: str) -> None:
        self.page.get_by_label(label, exact=True).check()

    def fill(self, name: str, value: str) -> None:
        self.page.fill(f"[name={name}]", value)

    def date(self, name: str, day: str, month: str, year: str) -> None:
        self.fill(f"{name}_day", day)
        self.fill(f"{name}_month", month)
        self.fill(f"{name}_year", year)

    def person(self, name: str, relationship: str, born: tuple[str, str, str], sex: str) -> None:
        self.fill("full_name", name)
        self.choose(relationship)
        self.date("date_of_birth", *born)
        self.choose(sex)
        self.submit()


def _applicant(email: str) -> None:
    from hearth.accounts.models import ApplicantProfile, User
    from hearth.core import clock

    user = User.objects.create_user(
        email=email,
        password=demo_password(),
        full_name="Dana Price",
        is_applicant=True,
        email_verified_at=clock.now(),
    )
    ApplicantProfile.objects.get_or_create(user=user)


def test_a_family_of_four_applies_on_a_phone_without_javascript(
    live_site: Any, new_context: Any
) -> None:
    email = f"dana-{uuid.uuid4().hex[:8]}@example.org"
    _applicant(email)
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    j = Journey(page, new_context(viewport=PHONE).new_page(), live_site.url)

    # Anonymous: sent to sign in, then back to the start page.
    page.goto(live_site.url + "/apply/")
    assert "/account/sign-in/" in page.url
    j.fill("username", email)
    j.fill("password", demo_password())
    j.submit()
    assert page.url.endswith("/apply/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    j.check()

    # Where they live, and the council suggested from the postcode.
    j.fill("postcode", "mv3 4ef")
    j.submit()
    assert page.get_by_label("Marshvale City Council").is_checked()
    j.submit()
    assert page.url.endswith("/apply/tasks/")
    assert "Not started" in page.locator("main").inner_text()

    # About you.
    j.click("About you")
    j.fill("full_name", "Dana Price")
    j.date("date_of_birth", "4", "7", "1991")
    j.choose("Female")
    j.submit()
    j.choose("No")
    j.submit()  # pregnant
    j.fill("national_insurance_number", "AB 12 34 56 C")
    j.submit()
    j.fill("contact_phone", "07700 900 982")
    j.submit()

    # People: a partner and two children.
    j.click("People who will live with you")
    for name, relationship, born, sex in (
        ("Eli Price", "Partner, husband or wife", ("1", "2", "1989"), "Male"),
        ("Fay Price", "Son or daughter", ("1", "2", "2016"), "Female"),
        ("Gus Price", "Son or daughter", ("1", "2", "2019"), "Male"),
    ):
        j.choose("Yes")
        j.submit()
        j.person(name, relationship, born, sex)
        if "/pregnant/" in page.url:
            j.choose("No")
            j.submit()
    j.choose("No")
    j.submit()

    # Current home: renting privately.
    j.click("Your current home")
    j.fill("home_address", "4 Mill Lane, Marshvale")
    j.fill("home_postcode", "MV3 4EF")
    j.submit()
    j.choose("I rent from a private landlord")
    j.submit()
    j.fill("home_landlord", "Mill Lettings")
    j.submit()
    j.fill("home_bedrooms", "2")
    j.submit()
    j.choose("No")
    j.submit()
    j.choose("Yes")
    j.fill("home_condition", "Damp and mould in both bedrooms")
    j.submit()

    # Addresses: three years here, so the gap is explained and filled.
    j.click("Where you have lived")
    j.date("start", "1", "6", "2023")
    j.submit()
    assert "You have not told us where you lived from" in page.locator("main").inner_text()
    j.click("Add where you lived")
    j.fill("address", "9 Fen Road, Marshvale")
    j.fill("postcode", "MV1 9ZZ")
    j.date("start", "1", "1", "2018")
    j.submit()
    j.submit()  # the address list, now with no gaps

    # Work and family.
    j.click("Work")
    j.choose("Yes")
    j.submit()
    j.fill("detail", "Marshvale Bakery")
    j.fill("address", "2 High Street, Marshvale")
    j.fill("hours_per_week", "20")
    j.date("start", "1", "1", "2020")
    j.submit()
    j.choose("No")
    j.submit()
    j.click("Close family nearby")
    j.choose("No")
    j.submit()

    # Money.
    j.click("Money")
    j.fill("income_yearly", "24000")
    j.submit()
    j.fill("savings", "150")
    j.submit()
    page.get_by_label("Child Benefit").check()
    j.submit()
    j.choose("No")
    j.submit()

    # Health, one page per person.
    j.click("Health and wellbeing")
    for _person in range(4):
        page.locator("input[name=disabled][value=no]").check()
        page.locator("input[name=mobility][value=none]").check()
        page.locator("input[name=needs_overnight_carer][value=no]").check()
        j.submit()

    for section, answer in (
        ("Support needs", "No"),
        ("Armed forces service", "No"),
        ("Rent arrears and behaviour", "No"),
    ):
        j.click(section)
        j.choose(answer)
        j.submit()
    j.click("Where you want to live")
    page.get_by_label("Riverside").check()
    j.submit()
    j.click("Marshvale City Council's own questions")
    j.choose("No")
    j.submit()
    j.choose("Text message")
    j.submit()

    # Check answers, change one, declaration, confirmation.
    with page.expect_navigation():
        page.get_by_role("button", name="Check your answers").click()
    j.check()
    main = page.locator("main").inner_text()
    assert "Gus Price" in main and "Mill Lettings" in main
    j.click("Change savings")
    j.fill("savings", "250")
    j.submit()
    assert page.url.endswith("/apply/check-answers/")
    assert "£250.00" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue to the declaration").click()
    j.check()
    page.get_by_label("I agree to the declaration").check()
    j.submit()
    assert page.url.endswith("/apply/sent/")
    panel = page.locator(".govuk-panel--confirmation").inner_text()
    assert "Application sent" in panel

    from hearth.register.models import Application

    application = Application.objects.get(household__applicant__email=email)
    assert application.status == "submitted"
    assert application.household.reference in panel
    assert application.household.members.count() == 4
    assert not j.problems, "\n".join(j.problems)
