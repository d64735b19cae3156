"""Accessibility sweep: every page a user can reach by following links, for every demo account.

For anonymous visitors and for each demo account (signed in by posting the real sign-in form;
the browser journey through that form is in test_journeys.py) the sweep starts at the landing
page and follows same-origin links (GET only), visiting one page per URL pattern, up to a cap.
On every page it checks:

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
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from tests.browser.support import (
    DESKTOP,
    NARROW,
    OVERFLOWING,
    SIGN_IN_PATH,
    axe_source,
    axe_violations,
    demo_account_params,
    require_account,
    sign_in_quickly,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MAX_PAGES = int(os.environ.get("HEARTH_SWEEP_MAX_PAGES", "40"))
PER_PATTERN = int(os.environ.get("HEARTH_SWEEP_PER_PATTERN", "1"))

SKIP_PREFIXES = ("/static/", "/uploads/", "/media/")
# Links that end a session or fetch a file rather than a page.
SKIP_WORDS = re.compile(r"sign-?out|log-?out|download|export|\.(pdf|csv|xlsx?|zip|ics|json)$", re.I)
# The anonymous journeys (URL names): signing in, creating an account, resetting a password.
# They are visited even if nothing links to them, and each form is also submitted empty.
ANONYMOUS_JOURNEYS = {
    "sign in": "accounts:sign_in",
    "create an account": "accounts:register",
    "reset a password": "accounts:password_reset",
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
        count = sum(len(items) for items in self.problems.values())
        lines = [f"{self.who}: {len(self.visited)} pages checked, {count} problems"]
        for kind, items in self.problems.items():
            lines.append(f"\n== {kind} ({len(items)}) ==")
            lines.extend(f"  {item}" for item in items)
        lines.append("\nvisited: " + ", ".join(self.visited))
        if self.skipped:
            lines.append("already checked with this role: " + ", ".join(self.skipped))
        return "\n".join(lines)


def check_page(page: Any, path: str, response: Any, findings: Findings, axe: str) -> None:
    """The per-page checks; `path` names the page in the report."""
    status = response.status if response is not None else 200
    if status >= 400:
        findings.add("HTTP status >= 400", f"{path}: {status}")
    headings = page.locator("h1").count()
    if headings != 1:
        findings.add("not exactly one <h1>", f"{path}: {headings} h1 elements")
    if not page.title().strip():
        findings.add("empty <title>", path)
    for violation in axe_violations(page, axe):
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
        try:
            response = page.goto(origin + path)
        except PlaywrightError as exc:
            findings.add("could not load", f"{path}: {str(exc).splitlines()[0]}")
            per_pattern[pattern] += 1
            continue
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
            sign_in_quickly(page.context, origin, account)
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
    journeys: list[str] = []
    for journey, url_name in ANONYMOUS_JOURNEYS.items():
        try:
            journeys.append(reverse(url_name))
        except NoReverseMatch:
            findings.add("journey page missing", f"no URL named {url_name} (to {journey})")
    crawl(page, live_site.url, ["/", *journeys], findings, None)
    for path in journeys:
        empty_submission(page, live_site.url, path, findings)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()


@pytest.mark.parametrize("account", demo_account_params())
def test_signed_in_pages(browser: Any, live_site: Any, new_context: Any, account: Any) -> None:
    account = require_account(account)
    context = new_context()
    sign_in_quickly(context, live_site.url, account)
    page = context.new_page()
    findings = Findings(f"{account.email} ({account.role}, {account.organisation_name})")
    landing = account.landing_path
    crawl(page, live_site.url, [landing], findings, account)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()


def test_two_factor_pages(browser: Any, live_site: Any, new_context: Any, settings: Any) -> None:
    """Pages staff only reach through a redirect: setting up and entering a security code."""
    settings.HEARTH_STAFF_2FA_REQUIRED = True
    from hearth.demo.partnership import demo_accounts

    account = next(a for a in demo_accounts() if a.role == "council_admin")
    context = new_context()
    sign_in_quickly(context, live_site.url, account)
    page = context.new_page()
    findings = Findings(f"{account.email} with two-factor sign-in required")
    for label, path in (
        ("set up", reverse("accounts:two_factor_setup")),
        ("set up (wrong code)", None),
    ):
        if path is not None:
            response = page.goto(live_site.url + path)
        else:
            page.fill("input[name=code]", "000000")
            with page.expect_navigation() as navigation:
                page.get_by_role("button", name="Finish setting up").click()
            response = navigation.value
            if page.locator(".govuk-error-summary").count() == 0:
                findings.add("no error summary after a wrong code", label)
        findings.visited.append(label)
        check_page(page, label, response, findings, axe_source())
    assert not findings.problems, findings.report()


def test_organisation_contact_error_page(browser: Any, live_site: Any, new_context: Any) -> None:
    """The contact details form shown again with errors (the sweep only follows links)."""
    from hearth.core.models import Organisation
    from hearth.demo.partnership import demo_accounts

    account = next(a for a in demo_accounts() if a.role == "council_admin")
    organisation = Organisation.objects.get(name=account.organisation_name)
    context = new_context()
    sign_in_quickly(context, live_site.url, account)
    page = context.new_page()
    findings = Findings(f"{account.email} saving wrong contact details")
    page.goto(live_site.url + reverse("core:organisation_contact", args=[organisation.pk]))
    page.fill("input[name=contact_phone]", "ring us")
    page.fill("input[name=contact_email]", "housing@")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Save contact details").click()
    label = "contact details (wrong phone and email)"
    findings.visited.append(label)
    if page.locator(".govuk-error-summary li").count() != 2:
        findings.add("error summary does not list both errors", label)
    check_page(page, label, navigation.value, findings, axe_source())
    assert not findings.problems, findings.report()


@pytest.fixture(scope="module")
def bid_pages(demo_data: None, django_db_blocker: Any) -> dict[str, str]:
    """This week's cycle with two homes advertised in Marshvale City, the demo applicant's bid
    on the first, and the pages that show them (the demo advertises no homes yet). Committed, so
    the live server sees them on PostgreSQL; the demo data is restored after the module."""
    from hearth.accounts.models import User
    from hearth.core.access.actor import Actor
    from hearth.core.models import Organisation
    from hearth.lettings.models import BidChannel, ConnectionScope
    from hearth.lettings.services.bids import bid_place
    from hearth.lettings.tests.factories import AdvertFactory, CycleFactory
    from hearth.register.models import Application

    with django_db_blocker.unblock():
        council = Organisation.objects.get(slug="marshvale-city")
        landlord = Organisation.objects.filter(scheme=council.scheme, kind="landlord").first()
        cycle = CycleFactory(scheme=council.scheme)
        homes = [
            AdvertFactory(
                property__council=council,
                property__landlord=landlord,
                property__area="Riverside",
                cycle=cycle,
                min_bedroom_need=1,
                max_bedroom_need=6,
                connection_scope=ConnectionScope.NONE,
                description="A bright flat near the river, close to shops and buses.",
            )
            for _ in range(2)
        ]
        application = Application.objects.get(
            household__applicant__email="applicant@marshvale.example"
        )
        applicant = User.objects.get(email="applicant@marshvale.example")
        bid = bid_place(
            actor=Actor(user=applicant, scheme=council.scheme),
            advert=homes[0],
            application=application,
            channel=BidChannel.ONLINE,
        )
    return {
        "find": reverse("lettings:find_home"),
        "find_wrong": reverse("lettings:find_home") + "?bedrooms=99",
        "with_bid": reverse("lettings:find_home_advert", args=[homes[0].reference]),
        "can_bid": reverse("lettings:find_home_advert", args=[homes[1].reference]),
        "my_bids": reverse("lettings:bids"),
        "withdraw": reverse("lettings:bid_withdraw", args=[bid.pk]),
        "officer_bids": reverse("lettings:application_bids", args=[application.pk]),
        "auto_bid": reverse("lettings:auto_bid", args=[application.pk]),
        "officer_withdraw": reverse("lettings:officer_bid_withdraw", args=[bid.pk]),
    }


def test_find_a_home_and_bid_pages(
    browser: Any, live_site: Any, new_context: Any, bid_pages: dict[str, str]
) -> None:
    """Finding a home, an advert's page, bidding, My bids and the officer's bid pages, with
    homes advertised; each form's error state too."""
    from hearth.demo.partnership import demo_accounts

    accounts = {a.email: a for a in demo_accounts()}
    findings = Findings("find a home and bids")
    axe = axe_source()
    visits = [
        (None, ["find", "find_wrong", "with_bid"]),
        ("applicant@marshvale.example", ["find", "with_bid", "can_bid", "my_bids", "withdraw"]),
        (
            "lettings-officer@marshvale-city.example",
            ["officer_bids", "auto_bid", "officer_withdraw"],
        ),
    ]
    for email, names in visits:
        context = new_context()
        if email is not None:
            sign_in_quickly(context, live_site.url, accounts[email])
        page = context.new_page()
        for name in names:
            label = f"{email or 'anonymous'} {name}"
            response = page.goto(live_site.url + bid_pages[name])
            findings.visited.append(label)
            check_page(page, label, response, findings, axe)
            if email is not None and name == "with_bid" and "so far." not in page.content():
                findings.add("no live queue position after bidding", label)
        if email == "lettings-officer@marshvale-city.example":
            for name, button in (("officer_bids", "Place bid"), ("auto_bid", "Switch on")):
                page.goto(live_site.url + bid_pages[name])
                with page.expect_navigation() as navigation:
                    page.get_by_role("button", name=button).click()
                label = f"{email} {name} (submitted empty)"
                findings.visited.append(label)
                if page.locator(".govuk-error-summary").count() == 0:
                    findings.add("no error summary after empty submission", label)
                response = navigation.value
                if response is not None and response.status in (400, 422):
                    response = None
                check_page(page, label, response, findings, axe)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()


@pytest.fixture(scope="module")
def offer_pages(demo_data: None, django_db_blocker: Any) -> dict[str, str]:
    """An offer of a home in Marshvale City, waiting for the answer of the demo's active
    applicant (who bid for it in a cycle that has closed), and the pages that show it. Made as
    a record only, so the applicant's own status, which other pages test, is left alone."""
    import datetime as dt

    from hearth.core import clock
    from hearth.core.models import Organisation
    from hearth.lettings.models import BidChannel, Offer, OfferStatus
    from hearth.lettings.services.shortlists import shortlist_make
    from hearth.lettings.tests.factories import AdvertFactory, BidFactory, CycleFactory
    from hearth.register.models import Application

    with django_db_blocker.unblock():
        council = Organisation.objects.get(slug="marshvale-city")
        landlord = Organisation.objects.filter(scheme=council.scheme, kind="landlord").first()
        closes = clock.now() - dt.timedelta(days=1)
        cycle = CycleFactory(
            scheme=council.scheme, opens_at=closes - dt.timedelta(days=4), closes_at=closes
        )
        advert = AdvertFactory(property__council=council, property__landlord=landlord, cycle=cycle)
        application = Application.objects.get(
            household__applicant__email="applicant-active@marshvale.example"
        )
        BidFactory(
            advert=advert,
            application=application,
            channel=BidChannel.ONLINE,
            placed_at=closes - dt.timedelta(days=2),
        )
        entry = shortlist_make(advert=advert, as_at=closes).entries.get()
        offer = Offer.objects.create(
            advert=advert,
            entry=entry,
            application=application,
            status=OfferStatus.OFFERED,
            offered_at=clock.now(),
            respond_by=clock.today() + dt.timedelta(days=2),
            viewing_text="Wednesday at 2pm: meet the housing officer at the front door.",
        )
    return {
        "my_bids": reverse("lettings:bids"),
        "my_offer": reverse("lettings:my_offer", args=[offer.pk]),
    }


def test_the_applicants_offer_pages(
    browser: Any, live_site: Any, new_context: Any, offer_pages: dict[str, str]
) -> None:
    """My bids with an offer waiting for the applicant's answer, and the offer's own page."""
    from hearth.demo.partnership import demo_accounts

    account = next(a for a in demo_accounts() if a.email == "applicant-active@marshvale.example")
    findings = Findings("the applicant's offer")
    axe = axe_source()
    context = new_context()
    sign_in_quickly(context, live_site.url, account)
    page = context.new_page()
    for name in ("my_bids", "my_offer"):
        label = f"{account.email} {name}"
        response = page.goto(live_site.url + offer_pages[name])
        findings.visited.append(label)
        check_page(page, label, response, findings, axe)
        if "has offered you this home" not in page.content():
            findings.add("the offer is not shown", label)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()
