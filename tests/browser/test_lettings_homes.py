"""The homes and adverts pages in the accessibility sweep, with data to show, and the journey
from a new home to an approved advert (JavaScript off).

The general sweep (test_accessibility_sweep.py) reaches the pages the demo lettings week fills;
here a landlord of the demo (Heronsgate Housing Association) also has a home with a photo and
homes in Marshvale City at every stage, committed in a module fixture so the live server sees
them on PostgreSQL; the demo data is restored after the module. Every page, and the error state of
every form, must pass axe, have one <h1> and a title, and fit a 320 pixel screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.browser.register_support import PHONE, Journey
from tests.browser.support import DESKTOP, axe_source, sign_in_quickly
from tests.browser.test_accessibility_sweep import Findings, check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANDLORD = "landlord-lettings-officer@heronsgate.example"
OFFICER = "lettings-officer@marshvale-city.example"


@dataclass(frozen=True)
class Homes:
    storage: dict[str, Any]
    home: str  # a home with a photo and a draft advert
    photo: str
    draft: str
    returned: str
    sent: str
    empty: str  # a home never advertised


def _storage(folder: Path) -> dict[str, Any]:
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": folder},
    }


@pytest.fixture(scope="module")
def homes(
    demo_data: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Homes:
    from django.conf import settings

    from hearth.accounts.models import Membership
    from hearth.accounts.tests.factories import actor_for
    from hearth.core import clock
    from hearth.core.models import Organisation
    from hearth.lettings.selectors.council_choices import council_choices
    from hearth.lettings.services.adverts import (
        advert_create,
        advert_return,
        advert_submit,
    )
    from hearth.lettings.services.homes import home_create, home_photo_add
    from hearth.lettings.tests.homes_setup import details, labels, upload

    storage = _storage(tmp_path_factory.mktemp("homes-photos"))
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES={**settings.STORAGES, "default": storage}),
    ):
        council = Organisation.objects.get(slug="marshvale-city")
        area = council_choices(council, clock.today()).areas
        landlord = actor_for(Membership.objects.get(user__email=LANDLORD))
        officer = actor_for(Membership.objects.get(user__email=OFFICER))

        def home(address: str) -> Any:
            return home_create(
                actor=landlord,
                details=details(
                    council, address=address, postcode="MV3 5EG", area=area[0] if area else ""
                ),
            )

        first = home("Flat 1, Kingfisher House\nRiverside")
        photo = home_photo_add(
            actor=landlord, home=first, upload=upload(), alt_text="Living room with two windows"
        )
        draft = advert_create(actor=landlord, home=first, labels=labels())
        returned = advert_create(
            actor=landlord, home=home("Flat 2, Kingfisher House"), labels=labels()
        )
        advert_submit(actor=landlord, advert=returned)
        advert_return(actor=officer, advert=returned, reason="Say when viewings are")
        sent = advert_create(actor=landlord, home=home("Flat 3, Kingfisher House"), labels=labels())
        advert_submit(actor=landlord, advert=sent)
        empty = home("Flat 4, Kingfisher House")
    return Homes(
        storage=storage,
        home=str(first.pk),
        photo=str(photo.pk),
        draft=str(draft.pk),
        returned=str(returned.pk),
        sent=str(sent.pk),
        empty=str(empty.pk),
    )


@pytest.fixture
def photos_served(homes: Homes, settings: Any) -> Iterator[None]:
    """The live server reads the photos from where the module fixture stored them."""
    settings.STORAGES = {**settings.STORAGES, "default": homes.storage}
    yield


def _account(email: str) -> Any:
    from hearth.demo.partnership import demo_accounts

    return next(a for a in demo_accounts() if a.email == email)


def _signed_in_page(new_context: Any, live_site: Any, email: str) -> Any:
    context = new_context()
    sign_in_quickly(context, live_site.url, _account(email))
    return context.new_page()


def _visit(page: Any, origin: str, path: str, findings: Findings) -> None:
    response = page.goto(origin + path)
    findings.visited.append(path)
    check_page(page, path, response, findings, axe_source())


def _submitted(page: Any, button: str, label: str, findings: Findings) -> None:
    with page.expect_navigation() as navigation:
        page.locator("main").get_by_role("button", name=button).click()
    findings.visited.append(label)
    if page.locator(".govuk-error-summary").count() == 0:
        findings.add("no error summary", label)
    check_page(page, label, navigation.value, findings, axe_source())


def test_the_landlords_pages_and_their_errors(
    live_site: Any, new_context: Any, homes: Homes, photos_served: None
) -> None:
    page = _signed_in_page(new_context, live_site, LANDLORD)
    origin = live_site.url
    findings = Findings(f"{LANDLORD} with homes at every stage")
    for path in (
        reverse("core:landlord_home"),
        reverse("lettings:homes"),
        reverse("lettings:homes") + "?adverts=to-finish",
        reverse("lettings:home", args=[homes.home]),
        reverse("lettings:home_edit", args=[homes.home]),
        reverse("lettings:home_photo_new", args=[homes.home]),
        reverse("lettings:home_photo_remove", args=[homes.home, homes.photo]),
        reverse("lettings:advert", args=[homes.draft]),
        reverse("lettings:advert_edit", args=[homes.draft]),
        reverse("lettings:advert_submit", args=[homes.draft]),
        reverse("lettings:advert_withdraw", args=[homes.draft]),
        reverse("lettings:advert", args=[homes.returned]),
        reverse("lettings:advert", args=[homes.sent]),
        reverse("lettings:home", args=[homes.empty]),
        reverse("lettings:advert_new", args=[homes.empty]),
    ):
        _visit(page, origin, path, findings)
    # The photo is served to its landlord
    photo = page.request.get(origin + reverse("lettings:home_photo", args=[homes.photo]))
    if photo.status != 200 or photo.headers["content-type"] != "image/png":
        findings.add("photo not served", f"{photo.status} {photo.headers.get('content-type')}")

    # Every form's error state
    page.goto(origin + reverse("lettings:home_new"))
    _submitted(page, "Save the home", "new home (sent empty)", findings)
    page.goto(origin + reverse("lettings:advert_edit", args=[homes.draft]))
    page.fill("input[name=min_bedroom_need]", "3")
    page.fill("input[name=max_bedroom_need]", "1")
    page.fill("input[name=minimum_age]", "60")
    _submitted(page, "Save the advert", "advert (contradictory labels)", findings)
    page.goto(origin + reverse("lettings:home_photo_new", args=[homes.home]))
    page.set_input_files(
        "input[name=image]",
        files=[{"name": "kitchen.png", "mimeType": "image/png", "buffer": b"<svg></svg>"}],
    )
    _submitted(page, "Add the photo", "photo (not an image)", findings)
    page.goto(origin + reverse("lettings:advert_withdraw", args=[homes.draft]))
    _submitted(page, "Withdraw the advert", "withdraw (no reason)", findings)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()


def test_the_lettings_officers_pages_and_their_errors(
    live_site: Any, new_context: Any, homes: Homes, photos_served: None
) -> None:
    page = _signed_in_page(new_context, live_site, OFFICER)
    origin = live_site.url
    findings = Findings(f"{OFFICER} with an advert to approve")
    for path in (
        reverse("core:staff_home"),
        reverse("lettings:advert_approvals"),
        reverse("lettings:advert_review", args=[homes.sent]),
    ):
        _visit(page, origin, path, findings)
    page.get_by_label("Return it to the landlord to change").check()
    _submitted(page, "Confirm", "return (no reason)", findings)
    print(findings.report())  # shown with `pytest -rP`
    assert not findings.problems, findings.report()


def test_a_landlord_adds_a_home_and_advertises_it_and_an_officer_approves_it(
    live_site: Any, new_context: Any, homes: Homes, photos_served: None
) -> None:
    from hearth.lettings.models import Advert, AdvertStatus

    def walker(email: str) -> Journey:
        page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
        journey = Journey(page, new_context(viewport=PHONE).new_page(), live_site.url)
        journey.sign_in(email)
        return journey

    # Given a landlord on a phone, without JavaScript
    landlord = walker(LANDLORD)
    landlord.goto(reverse("lettings:homes"))
    landlord.follow(reverse("lettings:home_new"))
    # When they add a two-bedroom house
    landlord.fill("address", "12 Osprey Road\nMarshvale")
    landlord.fill("postcode", "mv3 6ab")
    landlord.choose("Marshvale City Council")
    area_select = landlord.page.locator("select[name=area_marshvale-city]")
    area_select.select_option(index=1)
    landlord.choose("House")
    landlord.fill("bedrooms", "2")
    landlord.fill("max_occupants", "4")
    landlord.fill("floor", "0")
    for question in ("has_lift", "step_free", "older_persons"):
        landlord.page.locator(f"input[name={question}][value=no]").check()
    landlord.choose("General needs")
    landlord.fill("weekly_rent", "118.40")
    landlord.choose("Assured (lifetime) tenancy")
    landlord.choose("C")
    landlord.submit()
    assert "Home saved" in landlord.main_text
    # ...advertise it and send it to the council
    landlord.follow("/advertise/")
    landlord.submit()
    assert "Advert saved as a draft" in landlord.main_text
    landlord.follow("/send/")
    landlord.press("Send to the council")
    assert "sent to Marshvale City Council" in landlord.main_text
    advert = Advert.objects.get(property__address__startswith="12 Osprey Road")

    # Then a lettings officer of the council finds it in the queue and approves it
    officer = Journey(
        new_context(java_script_enabled=False, viewport=DESKTOP).new_page(),
        new_context(viewport=DESKTOP).new_page(),
        live_site.url,
    )
    officer.sign_in(OFFICER)
    officer.goto(reverse("lettings:advert_approvals"))
    officer.click(advert.reference)
    officer.choose("Approve it: it goes live when the next cycle opens")
    officer.submit()
    assert f"Advert {advert.reference} approved" in officer.main_text
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.APPROVED
    problems = landlord.problems + officer.problems
    assert not problems, "\n".join(problems)
