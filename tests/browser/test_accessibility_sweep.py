"""Accessibility sweep: every page a user can reach by following links, for every demo account.

For anonymous visitors and for each demo account (signed in through the real form) the sweep
starts at the landing page and follows same-origin links (GET only), visiting one page per URL
pattern, up to a cap. On every page it checks:

- the response status is below 400, there is exactly one <h1> and a non-empty <title>;
- axe-core finds no WCAG 2.2 A/AA violations (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa);
- at 320 CSS pixels wide nothing scrolls sideways (WCAG 1.4.10 reflow).

Anonymous visitors also get the error state of each account form (submitted empty).

Accounts that share a role (say, the register officers of four councils) see the same pages
built from the same templates, so within one test process a URL pattern is checked once per
role: every account still signs in and has its landing page checked, and later accounts with
that role only visit patterns no earlier one reached. HEARTH_SWEEP_MAX_PAGES caps the pages
checked per role (default 40); HEARTH_SWEEP_PER_PATTERN sets pages per URL pattern (default 1).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.browser.support import (
    DESKTOP,
    NARROW,
    OVERFLOWING,
    SIGN_IN_PATH,
    axe_source,
    axe_violations,
    demo_account_params,
    require_account,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MAX_PAGES = int(os.environ.get("HEARTH_SWEEP_MAX_PAGES", "40"))
PER_PATTERN = int(os.environ.get("HEARTH_SWEEP_PER_PATTERN", "1"))

SKIP_PREFIXES = ("/static/", "/uploads/", "/media/")
# Links that end a session or fetch a file rather than a page.
SKIP_WORDS = re.compile(r"sign-?out|log-?out|download|export|\.(pdf|csv|xlsx?|zip|ics|json)$", re.I)
# The anonymous journeys: where a visitor signs in, creates an account or resets a password.
ANONYMOUS_STARTS = ("/", SIGN_IN_PATH)
ANONYMOUS_JOURNEYS = {
    "sign in": re.compile(r"/sign-in/$"),
    "create an account": re.compile(r"/(create|register|sign-up)/$"),
    "reset a password": re.compile(r"/password-reset/$"),
}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def pattern_of(path: str) -> str:
    """The URL pattern a path belongs to, so e.g. many detail pages count as one."""
    try:
        match = resolve(path)
    except Resolver404:
        return re.sub(r"/\d+(?=/|$)", "/<int>", _UUID.sub("<uuid>", path))
    return f"{match.view_name} {match.route}"


def crawlable(url: str, origin: str) -> str | None:
    """The path (with query) worth visiting for a link, or None to leave it alone."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(SKIP_PREFIXES) or SKIP_WORDS.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Findings:
    who: str
    visited: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, kind: str, text: str) -> None:
        self.problems[kind].append(text)

    def report(self) -> str:
        lines = [f"{self.who}: problems on {len(self.visited)} pages visited"]
        for kind, items in self.problems.items():
            lines.append(f"\n== {kind} ({len(items)}) ==")
            lines.extend(f"  {item}" for item in items)
        lines.append("\nvisited: " + ", ".join(self.visited))
        if self.skipped:
            lines.append("already checked with this role: " + ", ".join(self.skipped))
        return "\n".join(lines)


import time as _t, os as _os
def _log(msg):
    with open(f"/tmp/prof-{_os.environ.get('PYTEST_XDIST_WORKER','m')}.log","a") as f: f.write(f"{_t.time():.3f} {msg}\n")
def check_page(page: Any, path: str, response: Any, findings: Findings, axe: str) -> None:
    """The per-page checks; `path` names the page in the report."""
    t0=_t.perf_counter()
    status = response.status if response is not None else 200
    if status >= 400:
        findings.add("HTTP status >= 400", f"{path}: {status}")
    headings = page.locator("h1").count()
    if headings != 1:
        findings.add("not exactly one <h1>", f"{path}: {headings} h1 elements")
    if not page.title().strip():
        findings.add("empty <title>", path)
    t1=_t.perf_counter()
    vs = axe_violations(page, axe)
    t2=_t.perf_counter()
    for violation in vs:
        targets = "; ".join(violation["targets"][:4])
        more = len(violation["targets"]) - 4
        targets += f" (+{more} more)" if more > 0 else ""
        findings.add(
            "axe violations",
            f"{path}: {violation['id']} [{violation['impact']}] {violation['help']} -> {targets}",
        )
    page.set_viewport_size(NARROW)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        culprits = ", ".join(page.evaluate(OVERFLOWING))
        findings.add("scrolls sideways at 320px", f"{path}: scrollWidth {width} ({culprits})")
    page.set_viewport_size(DESKTOP)
    t3=_t.perf_counter()
    _log(f"PROF {path} basic={t1-t0:.3f} axe={t2-t1:.3f} narrow={t3-t2:.3f}")


def links_on(page: Any) -> list[str]:
    return list(
        page.evaluate(
            "() => Array.from(document.querySelectorAll('a[href]'))"
            ".filter(a => !a.hasAttribute('download')).map(a => a.href)"
        )
    )


# {role: {pattern: the account that checked it}}, for this test process.
CHECKED_BY_ROLE: dict[str, dict[str, str]] = defaultdict(dict)


def crawl(
    page: Any, origin: str, starts: list[str], findings: Findings, account: Any | None
) -> dict[str, str]:
    """Breadth-first over same-origin links; returns {pattern: first path visited}."""
    axe = axe_source()
    role = account.role if account is not None else "anonymous"
    who = account.email if account is not None else "anonymous"
    checked = CHECKED_BY_ROLE[role]
    queue: deque[str] = deque(starts)
    queued = set(starts)
    per_pattern: dict[str, int] = defaultdict(int)
    first_path: dict[str, str] = {}
    while queue:
        path = queue.popleft()
        if path not in starts and len(checked) >= MAX_PAGES:
            findings.skipped.append(f"(cap of {MAX_PAGES} patterns for {role} reached)")
            break
        pattern = pattern_of(urlsplit(path).path)
        if per_pattern[pattern] >= PER_PATTERN:
            continue
        if path not in starts and checked.get(pattern, who) != who:
            findings.skipped.append(path)  # checked already, for another account with this role
            continue
        tg=_t.perf_counter()
        response = page.goto(origin + path)
        _log(f"PROF goto {path} {_t.perf_counter()-tg:.3f}")
        final = crawlable(page.url, origin) or path
        final_pattern = pattern_of(urlsplit(final).path)
        per_pattern[pattern] += 1
        if final != path:
            if per_pattern[final_pattern] >= PER_PATTERN:
                continue  # redirected somewhere already checked
            per_pattern[final_pattern] += 1
        first_path.setdefault(final_pattern, final)
        checked.setdefault(pattern, who)
        checked.setdefault(final_pattern, who)
        label = path if final == path else f"{path} -> {final}"
        findings.visited.append(label)
        if account is not None and final.startswith(SIGN_IN_PATH) and path != final:
            findings.add("signed-in user sent to sign-in", label)
            sign_in(page, origin, account)
            continue
        check_page(page, label, response, findings, axe)
        for href in links_on(page):
            target = crawlable(href.split("#", 1)[0], origin)
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
    return first_path


def empty_submission(page: Any, origin: str, path: str, findings: Findings) -> None:
    """Submit the page's main form with nothing filled in, then check the error page."""
    page.goto(origin + path)
    form = page.locator("main form[method='post' i], main form[method='POST']").first
    if form.count() == 0:
        findings.add("form missing", f"{path}: no POST form in <main>")
        return
    button = form.locator("button[type=submit], button:not([type]), input[type=submit]").first
    with page.expect_navigation() as navigation:
        button.click()
    label = f"{path} (submitted empty)"
    findings.visited.append(label)
    response = navigation.value
    if page.locator(".govuk-error-summary").count() == 0:
        findings.add("no error summary after empty submission", label)
    # A re-shown form may answer 400/422; the page itself must still pass every check.
    if response is not None and response.status in (400, 422):
        response = None
    check_page(page, label, response, findings, axe_source())


def test_anonymous_pages(browser: Any, live_site: Any, new_context: Any) -> None:
    page = new_context().new_page()
    findings = Findings("anonymous visitor")
    seen = crawl(page, live_site.url, list(ANONYMOUS_STARTS), findings, None)
    paths = set(seen.values())
    for journey, pattern in ANONYMOUS_JOURNEYS.items():
        matches = sorted(p for p in paths if pattern.search(urlsplit(p).path))
        if not matches:
            findings.add("journey page not linked", f"no page to {journey} reached from {paths}")
            continue
        empty_submission(page, live_site.url, matches[0], findings)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()


@pytest.mark.parametrize("account", demo_account_params())
def test_signed_in_pages(browser: Any, live_site: Any, new_context: Any, account: Any) -> None:
    account = require_account(account)
    page = new_context().new_page()
    tg=_t.perf_counter()
    sign_in(page, live_site.url, account)
    _log(f"PROF signin {_t.perf_counter()-tg:.3f}")
    findings = Findings(f"{account.email} ({account.role}, {account.organisation_name})")
    landing = crawlable(page.url, live_site.url) or account.landing_path
    crawl(page, live_site.url, [landing], findings, account)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()
