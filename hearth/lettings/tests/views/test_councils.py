"""Scheme admins' council lettings pages: every council with how it lets its homes, its
settings form and the go-live form, with errors kept on the form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import CouncilLettings
from hearth.register.tests.workspace_setup import published_policy

pytestmark = pytest.mark.django_db


def admin_and_council(status: str = CouncilStatus.TRADITIONAL) -> tuple[Client, Organisation]:
    scheme = SchemeFactory()
    council = OrganisationFactory(scheme=scheme, council_status=status, name="Kingsbarrow")
    admin = staff_member(OrganisationFactory(scheme=scheme, partnership=True), [Role.SCHEME_ADMIN])
    client = Client()
    client.force_login(admin.user)
    return client, council


def test_the_councils_page_says_how_each_council_lets_its_homes() -> None:
    client, council = admin_and_council()
    published_policy(council, "kingsbarrow")
    page = client.get(reverse("lettings:councils")).content.decode()
    assert "Kingsbarrow" in page
    assert "Directly, from match lists" in page
    assert "Its allocation policy in force says officers match households to homes." in page
    assert reverse("lettings:council_go_live", kwargs={"council": council.pk}) in page


def test_settings_are_saved_and_bad_values_are_shown_next_to_the_field() -> None:
    client, council = admin_and_council()
    url = reverse("lettings:council_lettings_settings", kwargs={"council": council.pk})
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {"adverts_need_approval": "no", "nomination_route": "landlord", "offer_working_days": "11"},
    )
    text = bad.content.decode()
    assert bad.status_code == 200
    assert text.count("Working days must be 10 or fewer") == 2
    assert 'value="11"' in text
    assert not CouncilLettings.objects.exists()
    saved = client.post(
        url,
        {"adverts_need_approval": "no", "nomination_route": "landlord", "offer_working_days": "3"},
        follow=True,
    )
    assert "Lettings settings of Kingsbarrow saved." in saved.content.decode()
    settings = CouncilLettings.objects.get()
    assert (settings.adverts_need_approval, settings.offer_working_days) == (False, 3)


def test_going_live_sets_the_status_and_date_and_says_when_homes_are_advertised() -> None:
    client, council = admin_and_council()
    url = reverse("lettings:council_go_live", kwargs={"council": council.pk})
    assert client.get(url).status_code == 200
    with clock.clock_frozen_at(dt.datetime(2026, 12, 7, 10, tzinfo=clock.LONDON)):
        past = client.post(
            url, {"live_from_day": "1", "live_from_month": "12", "live_from_year": "2026"}
        )
        assert "The go-live date must be today or in the future" in past.content.decode()
        done = client.post(
            url,
            {"live_from_day": "14", "live_from_month": "12", "live_from_year": "2026"},
            follow=True,
        )
    text = done.content.decode()
    assert "Kingsbarrow is live on choice-based lettings from 14 December 2026" in text
    assert "12:01am on Thursday 17 December 2026" in text
    council.refresh_from_db()
    assert council.council_status == CouncilStatus.LIVE_CBL
    assert CouncilLettings.objects.get().cbl_live_from == dt.date(2026, 12, 14)


def test_a_council_of_another_scheme_is_not_found() -> None:
    client, _council = admin_and_council()
    elsewhere = OrganisationFactory(scheme=SchemeFactory(slug="elsewhere"))
    for name in ("lettings:council_go_live", "lettings:council_lettings_settings"):
        assert client.get(reverse(name, kwargs={"council": elsewhere.pk})).status_code == 404
