"""Policy previews over households on the council's register: one household, or a shortlist,
under a draft and the version in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyVersion
from hearth.policy.tests.test_services import version_make
from hearth.register.models import Tenure
from hearth.register.tests.factories import HouseholdFactory, PeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock_frozen_at(dt.datetime(2026, 6, 15, 10, 0, tzinfo=clock.LONDON)):
        yield


def url(name: str, version: PolicyVersion) -> str:
    return reverse(f"policy:{name}", args=[version.council.slug, version.number])


# --- Previews -------------------------------------------------------------------------------


@pytest.fixture
def promoting_draft(council: Organisation, in_force: PolicyVersion) -> PolicyVersion:
    """A draft that moves "lacking or sharing basic facilities" from Band C up to Band B."""
    text = in_force.source_text.replace(
        "    band: C\n    preference: unsatisfactory_housing\n",
        "    band: B\n    preference: unsatisfactory_housing\n",
    )
    assert text != in_force.source_text
    return version_make(council, number=2, published=False, text=text)


def household(council: Organisation, reference: str, **fields: object) -> object:
    found = HouseholdFactory(council=council, reference=reference, **fields)
    PeriodFactory(household=found)  # lived in the council's area for ten years
    return found


def test_preview_one_household_shows_both_versions_and_the_difference(
    client: Client, council: Organisation, promoting_draft: PolicyVersion
) -> None:
    found = household(council, "MC-000001", home_disrepair=True)
    html = client.post(
        url("preview_household", promoting_draft), {"reference": "mc-000001"}
    ).content.decode()
    assert "Household MC-000001" in html
    assert "Version 1 (in force)" in html
    assert "<strong>Band B</strong>" in html and "Band C" in html
    assert "1 answer is different." in html
    assert "How version 2 decided" in html and "How version 1 decided" in html
    assert AuditEvent.objects.filter(verb="viewed", object_id=str(found.pk)).exists()


def test_preview_an_unknown_household_says_so(
    client: Client, council: Organisation, promoting_draft: PolicyVersion
) -> None:
    OrganisationFactory()
    html = client.post(
        url("preview_household", promoting_draft), {"reference": "MC-999999"}
    ).content.decode()
    assert "There is no household MC-999999 on Marshvale City Council" in html


def test_preview_a_shortlist_under_both_versions(
    client: Client, council: Organisation, promoting_draft: PolicyVersion
) -> None:
    # Given a household in Band C (its home is in disrepair), one in Band B (overcrowded)
    # who registered later, and a home owner who does not qualify
    household(council, "MC-000001", registration_date=dt.date(2023, 1, 1), home_disrepair=True)
    household(council, "MC-000002", registration_date=dt.date(2024, 1, 1), home_bedrooms=0)
    household(
        council,
        "MC-000003",
        registration_date=dt.date(2021, 1, 1),
        owns_property=True,
        home_tenure=Tenure.OWNER,
    )
    # When the admin previews a 1-bedroom flat with all three bidding
    response = client.post(
        url("preview_ranking", promoting_draft),
        {
            "bedrooms": "1",
            "property_type": "flat",
            "local_connection_scope": "none",
            "references": "MC-000001\nmc-000002\nMC-000003\nMC-424242",
        },
    )
    html = response.content.decode()
    # Then the draft (both in Band B) places MC-000001 first; the version in force second
    results = html[html.index("Shortlists</h2>") :]
    assert "The two versions place these households in a different order." in results
    assert "Not on Marshvale City Council's register, so left out: MC-424242" in results
    draft_list, in_force_list = results.split("Version 1 (in force)</h3>")
    assert draft_list.index("MC-000001") < draft_list.index("MC-000002")
    assert in_force_list.index("MC-000002") < in_force_list.index("MC-000001")
    assert "<strong>Position 2</strong>" in draft_list
    assert "Not qualifying for the register" in results


def test_previews_are_only_for_the_councils_policy_admins(
    client: Client, council: Organisation, promoting_draft: PolicyVersion
) -> None:
    officer = staff_member(council, [Role.LETTINGS_OFFICER])
    client.force_login(officer.user)
    assert client.get(url("preview_ranking", promoting_draft)).status_code == 403
    elsewhere = staff_member(OrganisationFactory(), [Role.POLICY_ADMIN])
    client.force_login(elsewhere.user)
    assert client.get(url("preview_household", promoting_draft)).status_code == 404
