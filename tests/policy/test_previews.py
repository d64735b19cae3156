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


# --- Advert labels in a shortlist preview ---------------------------------------------------


def ranking_form(**labels: str) -> dict[str, str]:
    return {
        "bedrooms": "1",
        "property_type": "flat",
        "local_connection_scope": "none",
        "references": "MC-000001\nMC-000002",
        **labels,
    }


def shortlist_part(html: str) -> str:
    return html[html.index("Shortlists</h2>") :].split("Version 1 (in force)</h3>")[0]


def test_a_mobility_label_ranks_the_preview_as_an_advert_would(
    client: Client, council: Organisation, promoting_draft: PolicyVersion
) -> None:
    # Given two households in the same band, the later one assessed as needing a wheelchair home
    household(council, "MC-000001", registration_date=dt.date(2023, 1, 1), home_disrepair=True)
    household(
        council,
        "MC-000002",
        registration_date=dt.date(2024, 1, 1),
        home_disrepair=True,
        assessed_mobility="1",
    )
    # When the admin previews a home for mobility 1 or 2, as a priority group and as a filter
    first = url("preview_ranking", promoting_draft)
    priority = client.post(first, ranking_form(mobility_need="2", mobility_use="priority"))
    only = client.post(first, ranking_form(mobility_need="2", mobility_use="filter"))
    # Then the household needing it comes first, or is the only one placed
    placed = shortlist_part(priority.content.decode())
    assert placed.index("MC-000002") < placed.index("MC-000001")
    filtered = shortlist_part(only.content.decode())
    assert "MC-000002" in filtered
    assert filtered.index("Not shortlisted") < filtered.index("MC-000001")


def test_an_age_label_counts_whose_age_the_preview_says(
    client: Client, council: Organisation, promoting_draft: PolicyVersion
) -> None:
    # Given a lead applicant of 66 and one of 36
    household(council, "MC-000001", home_disrepair=True, lead__date_of_birth=dt.date(1960, 1, 1))
    household(council, "MC-000002", home_disrepair=True, lead__date_of_birth=dt.date(1990, 1, 1))
    # When the admin previews older persons' housing for 55 and over
    response = client.post(
        url("preview_ranking", promoting_draft),
        ranking_form(older_persons="on", minimum_age="55", age_applies_to="applicant"),
    )
    # Then only the older household is placed
    found = shortlist_part(response.content.decode())
    assert found.index("MC-000001") < found.index("Not shortlisted") < found.index("MC-000002")


@pytest.mark.parametrize(
    ("labels", "field", "message"),
    [
        (
            {"minimum_age": "55", "maximum_age": "40"},
            "maximum_age",
            "The maximum age (40) must not be less than the minimum age (55)",
        ),
        (
            {"bedrooms": "3", "minimum_age": "55"},
            "minimum_age",
            "An age limit is for older persons&#x27; homes. This home has 3 bedrooms",
        ),
        ({"maximum_age": "12"}, "maximum_age", "Enter the maximum age as a number from 16 to 100"),
        ({"mobility_need": "7"}, "mobility_need", "Select a valid choice"),
    ],
)
def test_contradictory_labels_are_explained_beside_the_field(
    client: Client,
    council: Organisation,
    promoting_draft: PolicyVersion,
    labels: dict[str, str],
    field: str,
    message: str,
) -> None:
    household(council, "MC-000001", home_disrepair=True)
    html = client.post(
        url("preview_ranking", promoting_draft), ranking_form(**labels)
    ).content.decode()
    assert "govuk-error-summary" in html and "Shortlists</h2>" not in html
    assert f'href="#id_{field}' in html
    assert html.count(message) == 2  # in the summary and beside the field


def test_a_mobility_use_the_policy_does_not_allow_is_refused(
    client: Client, council: Organisation, in_force: PolicyVersion
) -> None:
    # Given a draft allowing a mobility label only as a filter
    text = in_force.source_text.replace("shortlist:\n", "shortlist:\n  mobility_labels: [filter]\n")
    draft = version_make(council, number=2, published=False, text=text)
    household(council, "MC-000001", home_disrepair=True)
    # When the admin previews it with one as a priority group
    html = client.post(
        url("preview_ranking", draft), ranking_form(mobility_need="1", mobility_use="priority")
    ).content.decode()
    # Then the form says the policy does not allow it
    assert "allocation policy does not allow a mobility label to be used this way" in html
    assert "Shortlists</h2>" not in html
