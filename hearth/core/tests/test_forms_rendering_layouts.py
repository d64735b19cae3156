"""The page layouts (staff, landlord, applicant, public and error), checked as HTML: brand, account,
navigation, footer, notification banners and the page title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string

from hearth.core.tests.forms_rendering_support import ContactForm, Page, render, squash

DASH = "\N{EN DASH}"


# --- layouts ------------------------------------------------------------------------------


@dataclass
class FakeUser:
    full_name: str = "Ruth Officer"


@dataclass
class FakeOrganisation:
    name: str = "North Borough Council"


@dataclass
class FakeScheme:
    name: str = "Homes North"
    logo: str = ""
    contact_text: str = "Call 0100 000 0000\nMonday to Friday"


@dataclass
class FakeActor:
    user: FakeUser | None = None
    organisation: FakeOrganisation | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def is_staff(self) -> bool:
        return self.organisation is not None

    @property
    def is_applicant(self) -> bool:
        return self.user is not None and self.organisation is None


@dataclass
class NavItem:
    label: str
    url: str
    active: bool


@pytest.fixture
def plain_static(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def layout_context(**overrides: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "scheme": FakeScheme(),
        "actor": FakeActor(user=FakeUser(), organisation=FakeOrganisation()),
        "service_nav": [
            NavItem("Home", "/staff/", True),
            NavItem("Team", "/staff/team/", False),
        ],
        "messages": [],
        "LANGUAGE_CODE": "en-gb",
    }
    context.update(overrides)
    return context


def render_page(layout: str, body: str = "", **context: Any) -> Page:
    source = (
        f'{{% extends "{layout}" %}}{{% block title %}}Your team{{% endblock %}}'
        f"{{% block content %}}{body}{{% endblock %}}"
    )
    return Page(render(source, **layout_context(**context)))


@pytest.mark.usefixtures("plain_static")
def test_staff_layout_shows_brand_account_navigation_and_footer() -> None:
    page = render_page("layouts/staff.html")
    assert page.html.startswith("<!DOCTYPE html>")
    html = page.one("html")
    assert html.attrs["lang"] == "en-gb"
    assert "govuk-template" in html.classes
    assert squash(page.one("title").text) == f"Your team {DASH} Homes North"
    assert "govuk-template__body" in page.one("body").classes
    stylesheets = [e.attrs["href"] for e in page.all("link") if e.attrs.get("rel") == "stylesheet"]
    assert stylesheets == ["/static/hearth/hearth.css", "/brand.css"]
    assert page.all("a", "govuk-skip-link")[0].attrs["href"] == "#main-content"
    assert page.by_id("main-content").tag == "main"
    header = page.one("div", "hearth-header")
    assert "Homes North" in header.text
    assert "Staff" in squash(page.one("strong", "hearth-header__tag").text)
    assert "Ruth Officer" in header.text
    assert "North Borough Council" in header.text
    sign_out = page.one("form", "hearth-header__sign-out")
    assert sign_out.attrs["method"] == "post"
    assert sign_out.attrs["action"] == "/account/sign-out/"
    assert page.one("button", "hearth-link-button").attrs["type"] == "submit"
    nav_links = page.all("a", "govuk-service-navigation__link")
    assert [a.attrs.get("aria-current") for a in nav_links] == ["page", None]
    assert page.one("button", "govuk-service-navigation__toggle").attrs["aria-controls"] == (
        "navigation"
    )
    footer_links = [a.attrs["href"] for a in page.all("a", "govuk-footer__link")]
    assert footer_links == ["/accessibility/", "/privacy/", "/cookies/"]
    assert "Monday to Friday" in page.one("p", "hearth-footer__contact").text
    assert "This is a new service. Help us improve it" in squash(
        page.one("p", "govuk-phase-banner__content").text
    )


@pytest.mark.usefixtures("plain_static")
def test_layout_has_no_inline_script_or_style() -> None:
    page = render_page("layouts/staff.html", '<p class="govuk-body">Hello</p>')
    scripts = page.all("script")
    assert [(s.attrs.get("type"), s.attrs.get("src")) for s in scripts] == [
        ("module", "/static/hearth/init.js")
    ]
    assert not page.all("style")
    assert all("style" not in e.attrs for e in page.elements)
    # Nothing reserved for GOV.UK: no crown, no GOV.UK logotype.
    assert "govuk-header__logotype" not in page.html
    assert "govuk-footer__crown" not in page.html


@pytest.mark.usefixtures("plain_static")
def test_signed_out_layout_offers_sign_in_and_shows_the_logo() -> None:
    scheme = FakeScheme(logo="brand/logo.png", contact_text="")
    page = render_page("layouts/public.html", actor=FakeActor(), scheme=scheme, service_nav=[])
    sign_in = page.one("a", "hearth-header__link")
    assert sign_in.attrs["href"] == "/account/sign-in/"
    assert not page.all("form")
    logo = page.one("img", "hearth-header__logo")
    assert logo.attrs["alt"] == ""
    assert logo.attrs["src"] == "/brand-logo.png"
    assert not page.all("p", "hearth-footer__contact")
    assert not page.all("div", "govuk-service-navigation")


@pytest.mark.usefixtures("plain_static")
def test_landlord_and_applicant_layouts() -> None:
    landlord = render_page("layouts/landlord.html")
    assert "Landlord" in landlord.one("strong", "hearth-header__tag").text
    assert "hearth-audience-landlord" in landlord.one("body").classes
    applicant = render_page("layouts/applicant.html", actor=FakeActor(user=FakeUser()))
    assert not applicant.all("strong", "hearth-header__tag")
    assert "North Borough Council" not in applicant.one("div", "hearth-header").text
    assert applicant.one("a", "hearth-header__home-link").attrs["href"] == "/account/"


@pytest.mark.usefixtures("plain_static")
def test_messages_become_notification_banners() -> None:
    messages = [
        Message(message_levels.SUCCESS, "Invitation sent"),
        Message(message_levels.INFO, "Your session will end soon"),
    ]
    page = render_page("layouts/staff.html", messages=messages)
    success, info = page.all("div", "govuk-notification-banner")
    assert "govuk-notification-banner--success" in success.classes
    assert success.attrs["role"] == "alert"
    assert success.attrs["aria-labelledby"] in page.ids()
    assert "Invitation sent" in success.text
    assert info.attrs["role"] == "region"
    assert "Your session will end soon" in info.text


@pytest.mark.usefixtures("plain_static")
def test_title_says_error_when_the_form_has_errors() -> None:
    page = render_page("layouts/public.html", form=ContactForm({"full_name": ""}))
    assert squash(page.one("title").text) == f"Error: Your team {DASH} Homes North"
    clean = render_page("layouts/public.html", form=ContactForm())
    assert squash(clean.one("title").text) == f"Your team {DASH} Homes North"


@pytest.mark.usefixtures("plain_static")
def test_error_layout_copes_without_context() -> None:
    html = render_to_string("layouts/error.html", {"LANGUAGE_CODE": "en-gb"})
    page = Page(html)
    assert squash(page.one("title").text) == f"{DASH} Hearth"
    assert "Hearth" in page.one("a", "hearth-header__home-link").text
