"""Which parish an address is in: the extra page the form shows for a council whose policy has a
local lettings plan for its parishes (Eastmere, in the demo), on a phone, without JavaScript.

The page, its error state and the list after it are checked with axe and must fit the phone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from tests.browser.register_support import PHONE, Journey, applicant_create

# Committed (not one rolled-back transaction): the draft must be visible to the live server's
# own database connection on PostgreSQL. The demo data is restored after the module.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _draft_in_eastmere(email: str) -> None:
    """A draft on Eastmere's register with a lead applicant and a home address in Fenwick."""
    from hearth.accounts.models import User
    from hearth.core.access.actor import Actor
    from hearth.core.models import Organisation
    from hearth.register.models import Relationship, Sex
    from hearth.register.rules import apply_sections as routing
    from hearth.register.services.apply import application_start
    from hearth.register.services.household import household_answers_save, person_save
    from hearth.register.tests.apply_setup import on_application

    council = Organisation.objects.get(slug="eastmere")
    actor = Actor(user=User.objects.get(email=email), scheme=council.scheme)
    application = application_start(actor=actor, council=council, postcode="EM1 4QT")
    answer = {"actor": actor, **on_application(application)}
    person_save(
        **answer,
        person=None,
        values={
            "full_name": "Iris Dunn",
            "date_of_birth": dt.date(1985, 2, 3),
            "sex": Sex.FEMALE,
            "relationship": Relationship.LEAD,
        },
    )
    household_answers_save(
        **answer,
        section=routing.HOME,
        changes={"home_address": "3 Church Lane\nFenwick", "home_postcode": "EM1 4QT"},
    )


def test_an_applicant_says_which_parish_their_home_is_in(live_site: Any, new_context: Any) -> None:
    # given an applicant with a draft on Eastmere's register
    email = f"iris-{uuid.uuid4().hex[:8]}@example.org"
    applicant_create(email, "Iris Dunn")
    _draft_in_eastmere(email)
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    j = Journey(page, new_context(viewport=PHONE).new_page(), live_site.url)
    j.sign_in(email)
    # when they say when they moved in
    j.goto("/apply/addresses/current/")
    j.date("start", "1", "3", "2019")
    j.submit()
    # then they are asked which area their home is in; continuing without an answer is explained
    assert "/area/" in page.url
    area_path = j.path
    assert "Which area is 3 Church Lane in?" in j.main_text
    j.submit(errors=True)
    assert "Select which area 3 Church Lane is in" in j.main_text
    # and choosing Fenwick brings them back to their addresses, showing the area
    j.choose("Fenwick")
    j.submit()
    assert page.url.endswith("/apply/addresses/")
    assert "Area: Fenwick" in j.main_text
    # and "not sure", once saved, is shown in the list and chosen again on the way back
    j.goto(area_path)
    j.choose("Somewhere else, or I'm not sure")
    j.submit()
    assert "Area: Somewhere else, or not sure" in j.main_text
    j.goto(area_path)
    assert page.get_by_label("Somewhere else, or I'm not sure", exact=True).is_checked()
    assert not j.problems, "\n".join(j.problems)
