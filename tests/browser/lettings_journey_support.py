"""Helpers for the choice-based lettings journey: a page walker that runs the full page checks
(axe, one <h1>, a title, a 320 pixel screen) on every page it reaches and on every form it sends
wrongly, and the URL names of the lettings pages it has reached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.urls import resolve

from tests.browser.register_support import Journey
from tests.browser.test_accessibility_sweep import Findings, check_page


class Walker(Journey):
    """A person walking the lettings pages with JavaScript off, at one screen size.

    Every page reached is opened again in `checker` (JavaScript on, the same screen size,
    signed in as the same person; GET only) and given every check of the accessibility sweep.
    A form sent wrongly is sent from the checker, where axe can run on the error page; a
    mistake is never saved, so the walk carries on as if it had not happened.
    """

    def __init__(
        self,
        page: Any,
        checker: Any,
        base_url: str,
        *,
        findings: Findings,
        reached: set[str],
        viewport: dict[str, int],
    ) -> None:
        super().__init__(page, checker, base_url)
        self.findings = findings
        self.reached = reached
        self.viewport = viewport

    def _reach(self, path: str, label: str = "") -> None:
        self.findings.visited.append(label or path)
        match = resolve(urlsplit(path).path)
        self.reached.add(match.view_name)

    def _share_cookies(self, page: Any) -> None:
        page.context.add_cookies(self.page.context.cookies())
        page.set_viewport_size(self.viewport)

    def check(self, *, errors: bool = False) -> None:
        """Every page is checked each time it is reached: the same address shows other things
        as the journey goes on (a bid, a position, an outcome)."""
        path = self.path
        self._share_cookies(self.checker)
        response = self.checker.goto(self.page.url)
        self._reach(path)
        check_page(self.checker, path, response, self.findings, self.axe)
        summary = self.page.locator(".govuk-error-summary")
        if errors:
            assert summary.count() == 1, f"{path}: no error summary"
        else:
            assert summary.count() == 0, f"{path}: {summary.first.inner_text()}"

    def hold(self) -> Any:
        """The page the walk is on, opened now in a page of its own with JavaScript on, to be
        sent later with `mistake(..., held=...)` once what it shows is out of date."""
        held = self.checker.context.new_page()
        self._share_cookies(held)
        held.goto(self.page.url)
        return held

    def mistake(
        self,
        button: str,
        label: str,
        *,
        path: str | None = None,
        prepare: Callable[[Any], None] | None = None,
        held: Any | None = None,
    ) -> str:
        """Send a form wrongly and check the page that answers: it must name the problem in an
        error summary. The form is the one at `path` (default: the page the walk is on), or a
        page `held` earlier. Returns the text of the error summary."""
        page = held if held is not None else self.checker
        if held is None:
            self._share_cookies(page)
            page.goto(self.base_url + path if path else self.page.url)
        if prepare is not None:
            prepare(page)
        with page.expect_navigation() as navigation:
            page.locator("main").get_by_role("button", name=button).first.click()
        self._reach(str(page.url).removeprefix(self.base_url), label)
        summary = page.locator(".govuk-error-summary")
        text = str(summary.first.inner_text()) if summary.count() else ""
        if not text:
            self.findings.add("no error summary after a mistake", label)
        response = navigation.value
        if response is not None and response.status in (400, 422):
            response = None  # a form shown again may say so; the page must still pass
        check_page(page, label, response, self.findings, self.axe)
        if held is not None:
            held.close()
        return text

    def select(self, name: str, **option: Any) -> None:
        self.page.locator(f"select[name='{name}']").select_option(**option)


def account(email: str) -> Any:
    from hearth.demo.partnership import demo_accounts

    return next(a for a in demo_accounts() if a.email == email)
