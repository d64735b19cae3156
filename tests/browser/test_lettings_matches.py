"""Match lists, direct lets and the council lettings pages in Chromium: each page, and each form
sent with a mistake, passes axe and fits a 320px screen.

Committed (not one rolled-back transaction): the home must be visible to the live server's own
database connection on PostgreSQL. The demo data is restored after the module.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.browser.support import axe_source, sign_in_quickly
from tests.browser.test_accessibility_sweep import Findings, check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _home_waiting_in_marshvale() -> tuple[Any, Any]:
    """An approved advert of a Heronsgate home in Marshvale, not in a cycle, and a household
    the match list places."""
    from hearth.core import clock
    from hearth.core.models import Organisation
    from hearth.lettings.models import AdvertStatus
    from hearth.lettings.selectors.matches import labels_for, match_rank
    from hearth.lettings.tests.factories import AdvertFactory, PropertyFactory

    council = Organisation.objects.get(slug="marshvale-city")
    home = PropertyFactory(
        council=council, landlord=Organisation.objects.get(slug="heronsgate"), bedrooms=2
    )
    advert = AdvertFactory(
        property=home, cycle=None, status=AdvertStatus.APPROVED, connection_scope="none"
    )
    ranked = match_rank(home=home, labels=labels_for(home, advert), as_at=clock.now())
    assert ranked is not None and ranked.result.placed, "the demo register fits no one"
    return home, ranked.result.placed[0].bid_id


def _account(email: str) -> Any:
    from hearth.demo.partnership import demo_accounts

    return next(a for a in demo_accounts() if a.email == email)


def _send(page: Any, label: str, findings: Findings, axe: str, button: str) -> None:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button).click()
    if page.locator(".govuk-error-summary").count() == 0:
        findings.add("no error summary after a mistake", label)
    response = navigation.value
    findings.visited.append(label)
    check_page(
        page, label, None if response and response.status in (400, 422) else response, findings, axe
    )


def test_match_list_and_council_lettings_pages(
    browser: Any, live_site: Any, new_context: Any
) -> None:
    home, application_id = _home_waiting_in_marshvale()
    axe = axe_source()
    base = live_site.url
    # The lettings officer's pages.
    officer = new_context()
    sign_in_quickly(officer, base, _account("lettings-officer@marshvale-city.example"))
    page = officer.new_page()
    findings = Findings("Marshvale lettings officer and the scheme admin")
    choose = reverse(
        "lettings:match_choose", kwargs={"home": home.pk, "application": application_id}
    )
    for path in (
        reverse("lettings:homes_to_match"),
        reverse("lettings:homes_to_match") + "?show=matching",
        reverse("lettings:homes_to_match") + "?show=other",
        reverse("lettings:matches", kwargs={"home": home.pk}),
        reverse("lettings:matches", kwargs={"home": home.pk}) + "?household=NO-SUCH",
        choose,
    ):
        response = page.goto(base + path)
        findings.visited.append(path)
        check_page(page, path, response, findings, axe)
    page.goto(base + choose)
    _send(page, f"{choose} (no reason)", findings, axe, "Choose and nominate")
    # The scheme admin's pages.
    from hearth.core.models import Organisation

    council = Organisation.objects.get(slug="kingsbarrow")
    admin = new_context()
    sign_in_quickly(admin, base, _account("scheme-admin@partnership.example"))
    page = admin.new_page()
    settings = reverse("lettings:council_lettings_settings", kwargs={"council": council.pk})
    go_live = reverse("lettings:council_go_live", kwargs={"council": council.pk})
    for path in (reverse("lettings:councils"), settings, go_live):
        response = page.goto(base + path)
        findings.visited.append(path)
        check_page(page, path, response, findings, axe)
    page.goto(base + settings)
    page.fill("input[name=offer_working_days]", "0")
    _send(page, f"{settings} (0 days)", findings, axe, "Save settings")
    page.goto(base + go_live)
    _send(page, f"{go_live} (no date)", findings, axe, "Go live on this date")
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()
