"""The officer's status change page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hearth.core.clock import clock_frozen_at
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import ApplicationStatus, StatusChange
from hearth.register.tests.factories import ApplicationFactory
from hearth.register.tests.workspace_setup import NOON, TODAY, officer, signed_in

pytestmark = pytest.mark.django_db


def _url(application) -> str:  # type: ignore[no-untyped-def]
    return reverse("register:status_change", kwargs={"pk": application.pk})


def test_an_officer_suspends_with_a_reason() -> None:
    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    with clock_frozen_at(NOON):
        response = signed_in(officer(council)).post(
            _url(application), {"to": "suspended", "reason": "Rent arrears"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUSPENDED
    assert StatusChange.objects.get(application=application).reason == "Rent arrears"


def test_missing_reason_and_choice_are_explained() -> None:
    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    response = signed_in(officer(council)).post(_url(application), {})
    assert response.status_code == 200
    assert "Choose what to do with the application" in response.text
    assert "Enter the reason for the change" in response.text
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE


def test_a_status_the_lifecycle_does_not_allow_is_refused() -> None:
    council = OrganisationFactory()
    application = ApplicationFactory(household__council=council)
    response = signed_in(officer(council)).post(
        _url(application), {"to": "active", "reason": "Try"}
    )
    assert "Choose one of the changes listed" in response.text


def test_reinstating_within_six_months_but_not_after() -> None:
    council = OrganisationFactory()
    recent = ApplicationFactory(
        household__council=council,
        status=ApplicationStatus.CANCELLED,
        cancelled_on=TODAY - dt.timedelta(days=30),
    )
    old = ApplicationFactory(
        household__council=council,
        status=ApplicationStatus.CANCELLED,
        cancelled_on=TODAY - dt.timedelta(days=400),
    )
    client = signed_in(officer(council))
    with clock_frozen_at(NOON):
        assert client.post(_url(recent), {"to": "active", "reason": "Error"}).status_code == 302
        page = client.get(_url(old))
    recent.refresh_from_db()
    assert recent.status == ApplicationStatus.ACTIVE
    assert "cannot be reinstated" in page.text
    assert page.context["choices"] == []
