"""Journeys with JavaScript switched off: the service must work as plain HTML forms."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.browser.support import demo_account_params, require_account, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCHEME_NAME = "Marshvale Home Choice"


@pytest.fixture
def no_js_page(new_context: Any) -> Any:
    return new_context(java_script_enabled=False).new_page()


def submit_main_form(page: Any) -> Any:
    """Press the main form's submit button and wait for the page it leads to."""
    form = page.locator("main form[method='post' i]").first
    button = form.locator("button[type=submit], button:not([type]), input[type=submit]").first
    with page.expect_navigation() as navigation:
        button.click()
    return navigation.value


@pytest.mark.parametrize("account", demo_account_params(roles={"landlord_admin"})[:1])
def test_landlord_admin_invites_a_colleague(live_site: Any, no_js_page: Any, account: Any) -> None:
    account = require_account(account)
    page = no_js_page
    sign_in(page, live_site.url, account)
    assert page.url == live_site.url + account.landing_path
    assert SCHEME_NAME in page.locator("body").inner_text()

    # Through the navigation where there is a link to the team page; directly otherwise.
    team_link = page.locator("a[href$='/staff/team/']").first
    if team_link.count():
        with page.expect_navigation() as navigation:
            team_link.click()
        response = navigation.value
    else:
        response = page.goto(live_site.url + "/staff/team/")
    assert response is not None
    assert response.status == 200, f"/staff/team/ answered {response.status}"
    assert page.url.endswith("/staff/team/")

    invite = page.locator("a[href$='/staff/team/invite/']").first
    assert invite.count() == 1, "the team page has no link to /staff/team/invite/"
    with page.expect_navigation():
        invite.click()
    assert page.url.endswith("/staff/team/invite/")

    email = f"new-colleague-{uuid.uuid4().hex[:8]}@example.org"
    page.fill("input[name=full_name]", "Robin Ashdown")
    page.fill("input[name=email]", email)
    roles = page.locator("input[type=checkbox][name=roles]")
    assert roles.count() >= 1, "the invitation form offers no role checkboxes"
    roles.first.check()
    response = submit_main_form(page)

    assert response is not None
    assert response.status < 400, f"inviting answered {response.status}"
    errors = page.locator(".govuk-error-summary")
    assert errors.count() == 0, f"invitation refused: {errors.first.inner_text()}"
    if not page.url.endswith("/staff/team/"):
        page.goto(live_site.url + "/staff/team/")
    assert page.get_by_text(email).count() >= 1, f"{email} is not listed on the team page"

    from hearth.accounts.models import Invitation

    invitation = Invitation.objects.get(email=email)
    assert invitation.is_open
    assert invitation.organisation.name == account.organisation_name


def test_home_page_shows_the_scheme(live_site: Any, no_js_page: Any) -> None:
    response = no_js_page.goto(live_site.url + "/")
    assert response is not None
    assert response.status == 200
    assert SCHEME_NAME in no_js_page.locator("body").inner_text()
