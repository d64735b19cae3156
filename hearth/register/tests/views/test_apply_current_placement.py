"""A household living in a supported-housing placement now says so on its current address page,
in the applicant's journey and when an officer fills it in for them: the time there counts as
residence in the area it lived in before, so that earlier address must be on record first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory, staff_member
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Organisation
from hearth.policy.rules.connection import connection_check, council_place
from hearth.policy.tests.assess_support import demo
from hearth.register.fetch import household_facts_one
from hearth.register.models import Application, Period, PeriodKind
from hearth.register.tests.apply_setup import NOON, eastmere_council
from hearth.register.tests.factories import PeriodFactory
from hearth.register.tests.services.test_apply_areas import _client, _draft

pytestmark = pytest.mark.django_db

# Outside the partnership: the refuge's own area gives no connection to anyone.
REFUGE_POSTCODE = "ZZ9 9ZZ"


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


def _placed_here(client: Client, url: str, **extra: str) -> object:
    return client.post(
        url,
        {
            "start_day": "1",
            "start_month": "3",
            "start_year": "2025",
            "supported_placement": "yes",
            "detail": "Eastmere Women's Aid",
            **extra,
        },
    )


def _lived_before(application: Application, council: Organisation) -> Period:
    return PeriodFactory(
        household=application.household,
        council=council,
        address="12 Mill Row",
        start=dt.date(2015, 1, 1),
        end=dt.date(2025, 2, 28),
    )


def _current(application: Application) -> Period:
    return Period.objects.get(household=application.household, kind=PeriodKind.RESIDENCE, end=None)


def test_the_page_asks_about_a_placement_and_reveals_who_placed_them() -> None:
    user = ApplicantFactory()
    _draft(user, eastmere_council())
    page = _client(user).get(reverse("register:apply_addresses_current")).content.decode()
    assert "Is this supported housing you were placed in" in page
    assert 'data-hearth-reveals="conditional-id_supported_placement_0"' in page
    # Without JavaScript the revealed question still shows, inside the "Yes" choice
    assert 'id="conditional-id_supported_placement_0"' in page
    assert "Who placed you there?" in page


def test_an_applicant_placed_now_counts_as_living_in_the_area_they_lived_in_before() -> None:
    # Given an applicant now in a refuge outside the partnership, who lived in Eastmere before
    council = eastmere_council()
    user = ApplicantFactory()
    application = _draft(user, council, postcode=REFUGE_POSTCODE)
    _lived_before(application, council)
    # When they say their current address is a placement
    response = _placed_here(_client(user), reverse("register:apply_addresses_current"))
    # Then it is saved as a placement, with who placed them
    assert response.status_code == 302  # type: ignore[attr-defined]
    current = _current(application)
    assert (current.supported_placement, current.detail) == (True, "Eastmere Women's Aid")
    # and the policy engine reads it as residence in Eastmere, the area lived in before
    facts = household_facts_one(application.household, NOON.date())
    now = next(p for p in facts.residence if p.end is None)
    assert (now.placement, now.placed_from, now.council) == (True, council.slug, "")
    policy = demo("eastmere")
    place = council_place(council.slug)
    assert connection_check(policy.local_connection, facts, place, NOON.date()).met
    # and their list of addresses says so
    listing = _client(user).get(reverse("register:apply_addresses")).content.decode()
    assert "Supported housing you were placed in: placed by Eastmere Women&#x27;s Aid" in listing


def test_a_placement_with_no_earlier_address_is_refused_on_the_question() -> None:
    # Given an applicant with no address before their current one on record
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    # When they say their current address is a placement
    response = _placed_here(_client(user), reverse("register:apply_addresses_current"))
    # Then the question explains what to do first, in the summary and beside it, and nothing is
    # saved
    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "govuk-error-summary" in page
    assert 'href="#id_supported_placement_0"' in page
    assert page.count("Add the address you lived at before this placement first") == 2
    assert not Period.objects.filter(household=application.household).exists()


def test_answering_no_clears_a_placement_and_who_made_it() -> None:
    council = eastmere_council()
    user = ApplicantFactory()
    application = _draft(user, council)
    _lived_before(application, council)
    client = _client(user)
    url = reverse("register:apply_addresses_current")
    _placed_here(client, url)
    # When they change the answer to No (the revealed answer is still sent without JavaScript)
    _placed_here(client, url, supported_placement="no")
    current = _current(application)
    assert (current.supported_placement, current.detail) == (False, "")
    # and the page shows the saved answer back
    assert 'value="no" checked' in client.get(url).content.decode()


def test_an_officer_records_a_current_placement_for_the_applicant() -> None:
    # Given an applicant's draft and one of the council's officers
    council = eastmere_council()
    user = ApplicantFactory()
    application = _draft(user, council, postcode=REFUGE_POSTCODE)
    _lived_before(application, council)
    officer = staff_member(council, [Role.REGISTER_OFFICER]).user
    url = reverse("register:assisted_addresses_current", kwargs={"pk": application.pk})
    # When the officer records the placement for them
    response = _placed_here(_client(officer), url)
    # Then it is saved, audited as the officer acting for the applicant, and shown on the record
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert _current(application).supported_placement
    event = AuditEvent.objects.filter(verb="period.saved").latest("occurred_at")
    assert event.actor == officer and event.on_behalf_of == user
    record = _client(officer).get(reverse("register:application", kwargs={"pk": application.pk}))
    assert "Placed in supported housing by Eastmere Women&#x27;s Aid" in record.content.decode()
