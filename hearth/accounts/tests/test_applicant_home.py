"""The applicant's account home is the page another app registered, not one accounts imports
(docs/adr/0012-layers-and-extension-points.md)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from hearth.accounts.tests.factories import ApplicantProfileFactory
from hearth.accounts.web import applicant_home
from hearth.accounts.web.applicant_home import applicant_home_register, applicant_home_render

pytestmark = pytest.mark.django_db


@pytest.fixture
def restore_home() -> Iterator[None]:
    registered = list(applicant_home._HOME)
    yield
    applicant_home._HOME[:] = registered


def test_the_account_home_is_the_registered_page(client: Client, restore_home: None) -> None:
    # Given an app that registered the applicant's home page
    def case_home(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"Home of {request.user.get_username()}")

    applicant_home_register(case_home)
    profile = ApplicantProfileFactory()
    client.force_login(profile.user)
    # When the applicant opens their account
    response = client.get("/account/")
    # Then they see that page
    assert response.content.decode() == f"Home of {profile.user.email}"


def test_without_a_registered_page_the_account_home_says_what_is_missing(
    restore_home: None,
) -> None:
    applicant_home._HOME.clear()
    with pytest.raises(ImproperlyConfigured, match="account home"):
        applicant_home_render(RequestFactory().get("/account/"))
