"""A family of four applies to join the housing register on a phone, without JavaScript.

Every page of the journey is checked with axe and must fit the phone's width.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.browser.register_support import (
    PHONE,
    Journey,
    applicant_create,
    family_of_four_applies,
)

# Committed (not one rolled-back transaction): the new applicant must be visible to the live
# server's own database connection on PostgreSQL. The demo data is restored after the module.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_family_of_four_applies_on_a_phone_without_javascript(
    live_site: Any, new_context: Any
) -> None:
    email = f"dana-{uuid.uuid4().hex[:8]}@example.org"
    applicant_create(email)
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    j = Journey(page, new_context(viewport=PHONE).new_page(), live_site.url)

    family_of_four_applies(j, email)

    from hearth.register.models import Application

    application = Application.objects.get(household__applicant__email=email)
    assert application.status == "submitted"
    panel = page.locator(".govuk-panel--confirmation").inner_text()
    assert application.household.reference in panel
    assert application.household.members.count() == 4
    assert not j.problems, "\n".join(j.problems)
