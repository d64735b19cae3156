"""Every demo account can sign in through the real form and lands on its own home page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.browser.support import SIGN_IN_PATH, demo_account_params, demo_password, require_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("account", demo_account_params())
def test_demo_account_lands_on_its_home_page(demo_data: None, account: Any) -> None:
    account = require_account(account)
    client = Client()
    response = client.post(
        SIGN_IN_PATH, {"username": account.email, "password": demo_password()}, follow=True
    )
    hops = [url for url, _status in response.redirect_chain]
    assert response.status_code == 200, f"{account.email}: {response.status_code} after {hops}"
    assert hops, f"{account.email}: sign-in did not redirect (form errors?)"
    assert "/account/landing/" in hops, f"{account.email} went {hops}, not via /account/landing/"
    assert hops[-1] == account.landing_path, f"{account.email} went {hops}"
    assert response.request["PATH_INFO"] == account.landing_path


def test_demo_search_rows_match_the_people_on_the_register(demo_data: None) -> None:
    # Given the seeded demo, in which sign-ins' names replace made-up ones
    from hearth.register.models import Person, RegisterSearchName, name_searchable

    on_applications = Person.objects.filter(household__application__isnull=False)
    wanted = {(p.pk, name_searchable(p.full_name)) for p in on_applications}
    # then the officers' name search holds exactly those people, by their current names
    assert set(RegisterSearchName.objects.values_list("person_id", "name")) == wanted
