"""Links higher apps add to the officer's application page, through the register's registry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse

from hearth.core.access.actor import Actor
from hearth.register.models import Application
from hearth.register.selectors import workspace_links
from hearth.register.selectors.workspace_links import (
    ApplicationLink,
    application_links,
    application_links_register,
)
from hearth.register.tests.factories import ApplicationFactory
from hearth.register.tests.workspace_setup import officer, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry() -> Iterator[None]:
    """The registry as the apps filled it, put back after the test."""
    kept = dict(workspace_links._PROVIDERS)
    yield
    workspace_links._PROVIDERS.clear()
    workspace_links._PROVIDERS.update(kept)


def _tasks(actor: Actor, application: Application) -> list[ApplicationLink]:
    return [ApplicationLink("Tenancy tasks", f"/tasks/{application.household.reference}/")]


@pytest.mark.usefixtures("registry")
def test_a_registered_provider_adds_its_links_to_the_application_page() -> None:
    # Given an app that registered a provider of links
    application_links_register("test.tasks", _tasks)
    application = ApplicationFactory()
    # When an officer opens the application's page
    page = (
        signed_in(officer(application.household.council))
        .get(reverse("register:application", kwargs={"pk": application.pk}))
        .text
    )
    # Then its link is among the actions
    assert f'href="/tasks/{application.household.reference}/">Tenancy tasks</a>' in page


@pytest.mark.usefixtures("registry")
def test_the_last_registration_for_a_key_wins_and_a_provider_may_give_nothing() -> None:
    application = ApplicationFactory()
    application_links_register("test.tasks", _tasks)
    application_links_register("test.tasks", lambda actor, found: [])
    assert all(
        link.label != "Tenancy tasks"
        for link in application_links(actor=Actor(user=None, scheme=None), application=application)
    )
