"""Helpers for the housing register's browser journeys: a page walker that checks every page
it reaches with axe, and the family of four's application from the start page to "sent"."""

from __future__ import annotations

from typing import Any

from tests.browser.support import OVERFLOWING, axe_source, axe_violations, demo_password

PHONE = {"width": 390, "height": 844}


class Journey:
    """One browser page (JavaScript off) walking through forms, checking each page it lands on.

    axe needs JavaScript: each page reached is opened again, signed in as the same person, in
    `checker` (a page of a context with JavaScript on, the same viewport) — GET only, so
    nothing is changed. Without a checker, pages are only checked for error summaries.
    """

    def __init__(self, page: Any, checker: Any | None, base_url: str) -> None:
        self.page = page
        self.checker = checker
        self.base_url = base_url
        self.axe = axe_source() if checker is not None else ""
        self.problems: list[str] = []
        self.checked: set[str] = set()

    @property
    def path(self) -> str:
        return str(self.page.url).removeprefix(self.base_url)

    @property
    def main_text(self) -> str:
        return str(self.page.locator("main").inner_text())

    def check(self, *, errors: bool = False) -> None:
        path = self.path
        if self.checker is not None and path not in self.checked:
            self.checked.add(path)
            self.checker.context.add_cookies(self.page.context.cookies())
            self.checker.goto(self.page.url)
            for violation in axe_violations(self.checker, self.axe):
                self.problems.append(f"{path}: {violation['id']} {violation['targets'][:2]}")
            for overflow in self.checker.evaluate(OVERFLOWING):
                self.problems.append(f"{path}: wider than the screen: {overflow}")
        summary = self.page.locator(".govuk-error-summary")
        if errors:
            assert summary.count() == 1, f"{path}: no error summary"
        else:
            assert summary.count() == 0, f"{path}: {summary.first.inner_text()}"

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        self.check()

    def submit(self, *, errors: bool = False) -> None:
        form = self.page.locator("main form[method='post' i]").first
        with self.page.expect_navigation():
            form.locator("button[type=submit], button:not([type])").first.click()
        self.check(errors=errors)

    def press(self, button: str) -> None:
        with self.page.expect_navigation():
            self.page.locator("main").get_by_role("button", name=button).first.click()
        self.check()

    def click(self, text: str, *, within: str = "main") -> None:
        with self.page.expect_navigation():
            self.page.locator(within).get_by_role("link", name=text).first.click()
        self.check()

    def follow(self, href_contains: str) -> None:
        """Follow the first link in the main content whose address contains `href_contains`."""
        link = self.page.locator(f"main a[href*='{href_contains}']").first
        assert link.count() == 1, f"{self.path}: no link to {href_contains}"
        with self.page.expect_navigation():
            link.click()
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

    def sign_in(self, email: str) -> None:
        """Sign in through the real form (from wherever the journey is)."""
        self.page.goto(self.base_url + "/account/sign-in/")
        self.fill("username", email)
        self.fill("password", demo_password())
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in").click()
        assert not self.path.startswith("/account/sign-in/"), f"{email} was not signed in"

    def pdf(self, link_text: str) -> bytes:
        """Fetch the PDF a link on the page points to, as the signed-in user."""
        href = (
            self.page.locator("main")
            .get_by_role("link", name=link_text)
            .first.get_attribute("href")
        )
        assert href, f"{self.path}: no link {link_text!r}"
        response = self.page.context.request.get(self.base_url + href)
        assert response.status == 200, f"{href} answered {response.status}"
        assert response.headers["content-type"] == "application/pdf"
        body: bytes = response.body()
        assert body.startswith(b"%PDF")
        return body


def applicant_create(email: str, full_name: str = "Dana Price") -> None:
    """An applicant account with a verified email (committed by the caller's connection)."""
    from hearth.accounts.models import ApplicantProfile, User
    from hearth.core import clock

    user = User.objects.create_user(
        email=email,
        password=demo_password(),
        full_name=full_name,
        is_applicant=True,
        email_verified_at=clock.now(),
    )
    ApplicantProfile.objects.get_or_create(user=user)


def family_of_four_applies(j: Journey, email: str) -> None:
    """Dana Price applies for herself, her partner and two children, from /apply/ (signed out)
    to the confirmation page, changing one answer on the check-answers page."""
    page = j.page

    # Anonymous: sent to sign in, then back to the start page.
    page.goto(j.base_url + "/apply/")
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
    assert "Not started" in j.main_text

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
    assert "You have not told us where you lived from" in j.main_text
    j.click("Add where you lived")
    j.fill("address", "9 Fen Road, Marshvale")
    j.fill("postcode", "MV1 9ZZ")
    j.date("start", "1", "1", "2018")
    j.submit()
    j.submit()  # the address list, now with no gaps

    # Employment and training: one page for each adult; the hours are revealed under the answer.
    j.click("Employment and training")
    j.choose("In paid work for an employer")
    j.fill("hours_employed", "20")
    j.submit()
    j.choose("Looking after the home or family")
    j.submit()

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
    j.press("Check your answers")
    main = j.main_text
    assert "Gus Price" in main and "Mill Lettings" in main
    j.click("Change savings")
    j.fill("savings", "250")
    j.submit()
    assert page.url.endswith("/apply/check-answers/")
    assert "£250.00" in j.main_text
    j.press("Continue to the declaration")
    page.get_by_label("I agree to the declaration").check()
    j.submit()
    assert page.url.endswith("/apply/sent/")
    assert "Application sent" in page.locator(".govuk-panel--confirmation").inner_text()
