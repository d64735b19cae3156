"""The allocation policy pages: each renders, forms keep what was typed, versions compare.

The previews, which read households on the register, are tested in `tests/policy/`."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.core.tests.submission_support import with_token
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_from_text
from hearth.policy.tests.test_services import CUMULATIVE_C, policy_text, version_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock_frozen_at(dt.datetime(2026, 6, 15, 10, 0, tzinfo=clock.LONDON)):
        yield


@pytest.fixture
def draft(council: Organisation, in_force: PolicyVersion) -> PolicyVersion:
    return version_make(council, number=2, published=False)


def url(
    name: str, version: PolicyVersion | None = None, council: Organisation | None = None
) -> str:
    if version is not None:
        return reverse(f"policy:{name}", args=[version.council.slug, version.number])
    assert council is not None
    return reverse(f"policy:{name}", args=[council.slug])


# --- Versions list --------------------------------------------------------------------------


def test_versions_list_shows_published_versions_and_drafts(
    client: Client, council: Organisation, in_force: PolicyVersion, draft: PolicyVersion
) -> None:
    scheduled = version_make(council, number=3, effective_from=dt.date(2026, 9, 1))
    html = client.get(url("versions", council=council)).content.decode()
    assert "In force" in html and "Scheduled" in html and "Draft" in html
    assert "1 September 2026" in html
    assert url("version", scheduled) in html
    assert "Start a new draft" in html and "Import a policy file" in html


def queries_for(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_versions_list_query_count_does_not_grow_with_versions(
    client: Client, council: Organisation, in_force: PolicyVersion, django_assert_num_queries
) -> None:
    # Given a council with two versions
    version_make(council, number=2, published=False)
    path = url("versions", council=council)
    client.get(path)
    counted = queries_for(client, path)
    # When it has eight more, the page makes the same number of queries
    for number in range(3, 11):
        version_make(council, number=number, published=number % 2 == 0)
    with django_assert_num_queries(counted):
        client.get(path)


def test_councils_list_query_count_does_not_grow_with_councils(
    client: Client, in_force: PolicyVersion, django_assert_num_queries
) -> None:
    partnership = OrganisationFactory(scheme=in_force.council.scheme, partnership=True)
    client.force_login(staff_member(partnership, [Role.SCHEME_ADMIN]).user)
    path = reverse("policy:councils")
    client.get(path)
    counted = queries_for(client, path)
    for _ in range(4):
        other = OrganisationFactory(scheme=in_force.council.scheme)
        version_make(other)
        version_make(other, number=2, published=False)
    with django_assert_num_queries(counted):
        html = client.get(path).content.decode()
    assert html.count("Version 1, from 1 April 2026") == 5


def test_a_register_officer_reads_but_is_not_offered_editing(
    client: Client, council: Organisation, draft: PolicyVersion
) -> None:
    officer = staff_member(council, [Role.REGISTER_OFFICER])
    client.force_login(officer.user)
    html = client.get(url("versions", council=council)).content.decode()
    assert "Start a new draft" not in html
    html = client.get(url("version", draft)).content.decode()
    assert "Edit the policy text" not in html
    assert client.get(url("version_edit", draft)).status_code == 403


def test_scheme_admins_choose_a_council(client: Client, in_force: PolicyVersion) -> None:
    partnership = OrganisationFactory(scheme=in_force.council.scheme, partnership=True)
    client.force_login(staff_member(partnership, [Role.SCHEME_ADMIN]).user)
    html = client.get(reverse("policy:councils")).content.decode()
    assert in_force.council.name in html
    assert "Version 1, from 1 April 2026" in html


def test_council_staff_go_straight_to_their_councils_policy(
    client: Client, council: Organisation
) -> None:
    response = client.get(reverse("policy:councils"))
    assert response.status_code == 302
    assert response["Location"] == url("versions", council=council)


def test_staff_home_links_to_the_policy(client: Client, council: Organisation) -> None:
    html = client.get(reverse("core:staff_home")).content.decode()
    assert "Allocation policy" in html
    assert url("versions", council=council) in html


# --- Reading a version ----------------------------------------------------------------------


def test_version_page_shows_the_rules_in_plain_english(
    client: Client, in_force: PolicyVersion
) -> None:
    html = client.get(url("version", in_force)).content.decode()
    for heading in (
        "Who can join the register",
        "Local connection",
        "Bands",
        "Need reasons",
        "Several needs together",
        "Band caps",
        "Bedroom need",
        "Priority date",
        "Shortlist order",
        "Quotas",
        "Bids and refusals",
        "Reasonable preference",
    ):
        assert f">{heading}" in html, heading
    assert "You must be 16 or over to join the housing register." in html
    assert '<code class="hearth-break-words">household.lead_age &lt; 16</code>' in html
    assert "Owed the main homelessness duty" in html
    assert "Two or more Band B reasons give Band A." in html
    assert "<li>Band: the highest band first</li>" in html
    assert "<li>Priority date: the earliest first</li>" in html
    assert "Show the document text" in html
    assert "Download as YAML" in html


def test_exports_download_yaml_and_json(client: Client, in_force: PolicyVersion) -> None:
    response = client.get(url("version_yaml", in_force))
    assert response["Content-Disposition"] == (
        f'attachment; filename="{in_force.council.slug}-policy-v1.yaml"'
    )
    assert response.content.decode() == in_force.source_text
    response = client.get(url("version_json", in_force))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["council"] == in_force.council.slug
    assert document_from_text(json.dumps(data)) == document_from_text(in_force.source_text)


# --- Drafts ---------------------------------------------------------------------------------


def test_start_a_draft_from_the_version_in_force(
    client: Client, council: Organisation, in_force: PolicyVersion
) -> None:
    page = client.get(url("draft_new", council=council)).content.decode()
    assert "Which version do you want to copy?" in page
    response = client.post(url("draft_new", council=council), with_token({"based_on": "1"}))
    draft = PolicyVersion.objects.get(council=council, number=2)
    assert response["Location"] == url("version", draft)
    assert draft.based_on == in_force


def test_edit_with_an_error_keeps_the_text_and_names_the_field(
    client: Client, draft: PolicyVersion
) -> None:
    # Given a draft, when the admin saves text with a band that does not exist
    text = draft.source_text.replace("cumulative:\n", "cumulative:\n" + CUMULATIVE_C, 1)
    text = text.replace("gives: B\n", "gives: Q\n", 1)
    response = client.post(
        url("version_edit", draft), {"source_text": text, "change_summary": "Three C give B"}
    )
    html = response.content.decode()
    # Then the page shows the problem in the error summary and by the textarea, with the path
    assert response.status_code == 200
    assert "There is a problem" in html
    line = text.splitlines().index("    gives: Q") + 1
    message = f"cumulative[0].gives (line {line}): &#x27;Q&#x27; is not one of the bands"
    assert html.count(message) == 2
    assert 'href="#id_source_text"' in html
    assert 'id="id_source_text-error"' in html
    # And what they typed is still there; nothing was saved
    assert "gives: Q" in html
    assert "Three C give B" in html
    draft.refresh_from_db()
    assert "gives: Q" not in draft.source_text
    assert html.startswith("<!DOCTYPE html>") and "<title>Error:" in html


def test_edit_saves_a_valid_text(client: Client, draft: PolicyVersion) -> None:
    text = draft.source_text.replace("cumulative:\n", "cumulative:\n" + CUMULATIVE_C, 1)
    response = client.post(
        url("version_edit", draft), {"source_text": text, "change_summary": "Three C give B"}
    )
    assert response["Location"] == url("version", draft)
    draft.refresh_from_db()
    assert draft.source_text == text
    html = client.get(url("version", draft)).content.decode()
    assert "Three or more Band C reasons give Band B." in html


def test_a_published_version_cannot_be_edited(client: Client, in_force: PolicyVersion) -> None:
    for name in ("version_edit", "version_order", "version_publish", "version_delete"):
        html = client.get(url(name, in_force)).content.decode()
        assert "has been published, so it cannot be changed" in html, name
        assert "<textarea" not in html
    response = client.post(
        url("version_edit", in_force), {"source_text": "council: x", "change_summary": ""}
    )
    assert "cannot be changed" in response.content.decode()
    in_force.refresh_from_db()
    assert in_force.source_text != "council: x"


def test_shortlist_order_form_rewrites_the_order(client: Client, draft: PolicyVersion) -> None:
    html = client.get(url("version_order", draft)).content.decode()
    assert "1st" in html and "6th" in html
    response = client.post(
        url("version_order", draft),
        {"key_1": "band", "key_2": "bedroom_match", "key_3": "registration_date"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    keys = [k.key for k in document_from_text(draft.source_text).shortlist.order]
    assert keys == ["band", "bedroom_match", "registration_date"]


def test_shortlist_order_form_refuses_repeats_and_gaps(
    client: Client, draft: PolicyVersion
) -> None:
    html = client.post(
        url("version_order", draft), {"key_1": "band", "key_2": "", "key_3": "band"}
    ).content.decode()
    assert "3rd repeats a key used above" in html
    assert "Select a key for every position above 3rd" in html
    draft.refresh_from_db()
    assert [k.key for k in document_from_text(draft.source_text).shortlist.order] == [
        "band",
        "priority_date",
    ]


def test_import_lists_every_problem_and_saves_nothing(
    client: Client, council: Organisation
) -> None:
    text = (
        policy_text(council)
        .replace("band: A\n", "band: Z\n", 1)
        .replace("per: cycle", "per: fortnight")
    )
    upload = SimpleUploadedFile("policy.yaml", text.encode(), content_type="application/yaml")
    html = client.post(
        url("draft_import", council=council), with_token({"file": upload})
    ).content.decode()
    assert "need_reasons[0].band (line " in html
    assert "bid_limit.per (line " in html
    assert not PolicyVersion.objects.exists()


def test_import_a_valid_file(client: Client, council: Organisation) -> None:
    upload = SimpleUploadedFile("policy.yaml", policy_text(council).encode())
    response = client.post(url("draft_import", council=council), with_token({"file": upload}))
    draft = PolicyVersion.objects.get(council=council)
    assert response["Location"] == url("version", draft)
    assert draft.status == PolicyStatus.DRAFT


def test_a_draft_started_twice_makes_one_draft(
    client: Client, council: Organisation, in_force: PolicyVersion
) -> None:
    # Given a policy admin who has started a draft
    posted = with_token({"based_on": "1"})
    first = client.post(url("draft_new", council=council), posted)
    # When the same form is sent again (the back button, then the button again)
    again = client.post(url("draft_new", council=council), posted, follow=True)
    # Then one draft exists and the admin is shown it, told so
    draft = PolicyVersion.objects.get(council=council, number=2)
    assert PolicyVersion.objects.filter(council=council).count() == 2
    assert again.redirect_chain[-1][0] == first["Location"] == url("version", draft)
    assert "This draft was already created" in again.content.decode()


def test_a_file_imported_twice_makes_one_draft(client: Client, council: Organisation) -> None:
    token = uuid.uuid4()
    for _ in range(2):
        upload = SimpleUploadedFile("policy.yaml", policy_text(council).encode())
        last = client.post(
            url("draft_import", council=council), with_token({"file": upload}, token), follow=True
        )
    draft = PolicyVersion.objects.get(council=council)
    assert last.redirect_chain[-1][0] == url("version", draft)
    assert "This file was already imported" in last.content.decode()


def test_delete_a_draft(client: Client, draft: PolicyVersion) -> None:
    assert "Delete draft version 2?" in client.get(url("version_delete", draft)).content.decode()
    response = client.post(url("version_delete", draft))
    assert response["Location"] == url("versions", council=draft.council)
    assert not PolicyVersion.objects.filter(pk=draft.pk).exists()


# --- Publishing -----------------------------------------------------------------------------


def publish_form(day: dt.date, **extra: str) -> dict[str, str]:
    return {
        "effective_from_day": str(day.day),
        "effective_from_month": str(day.month),
        "effective_from_year": str(day.year),
        **extra,
    }


def test_publish_refuses_a_past_date(client: Client, draft: PolicyVersion) -> None:
    html = client.post(
        url("version_publish", draft), publish_form(dt.date(2026, 6, 14))
    ).content.decode()
    assert "Effective date must be today or in the future" in html
    assert PolicyVersion.objects.get(pk=draft.pk).status == PolicyStatus.DRAFT


def test_publish_from_next_monday(client: Client, draft: PolicyVersion) -> None:
    response = client.post(url("version_publish", draft), publish_form(dt.date(2026, 6, 22)))
    assert response["Location"] == url("version", draft)
    draft.refresh_from_db()
    assert (draft.status, draft.effective_from) == (PolicyStatus.PUBLISHED, dt.date(2026, 6, 22))
    html = client.get(url("version", draft)).content.decode()
    assert "Takes effect on 22 June 2026" in html


def test_publish_warns_about_preference_gaps_and_needs_the_box_ticked(
    client: Client, council: Organisation, in_force: PolicyVersion
) -> None:
    text = policy_text(council).replace("    preference: hardship\n", "")
    draft = version_make(council, number=2, published=False, text=text)
    page = client.get(url("version_publish", draft)).content.decode()
    assert "This version may not meet the law on reasonable preference" in page
    assert "People who need to move to a particular area to avoid hardship" in page
    html = client.post(url("version_publish", draft), publish_form(dt.date(2026, 6, 15))).content
    assert "Confirm that you have read the warning" in html.decode()
    assert PolicyVersion.objects.get(pk=draft.pk).status == PolicyStatus.DRAFT
    response = client.post(
        url("version_publish", draft), publish_form(dt.date(2026, 6, 15), acknowledge_gaps="on")
    )
    assert response.status_code == 302
    assert PolicyVersion.objects.get(pk=draft.pk).status == PolicyStatus.PUBLISHED


# --- Comparing ------------------------------------------------------------------------------


def test_compare_marks_changed_sections_and_lines(
    client: Client, council: Organisation, in_force: PolicyVersion
) -> None:
    text = in_force.source_text.replace("cumulative:\n", "cumulative:\n" + CUMULATIVE_C, 1)
    version_make(council, number=2, published=False, text=text)
    html = client.get(url("compare", council=council) + "?older=1&newer=2").content.decode()
    assert "1 section is different." in html
    assert 'Several needs together <strong class="govuk-tag govuk-tag--orange">Changed' in html
    assert "<ins>" in html and '<span class="govuk-visually-hidden">added: </span>' in html
    assert "Three or more Band C reasons give Band B." in html


def test_compare_defaults_to_the_newest_against_the_version_in_force(
    client: Client, council: Organisation, in_force: PolicyVersion, draft: PolicyVersion
) -> None:
    html = client.get(url("compare", council=council)).content.decode()
    assert "Version 1 and version 2" in html
    assert "0 sections are different." in html
    assert "The two texts are the same." in html


HOUSEHOLD_RULES = """bidding:
  under_offer: skipped
  refusals:
    - code: arrears
      when: household.housing_debt > 0.0 && !household.repayment_arrangement
      text: You owe rent and have not agreed a plan to pay it back.
band_lower:
  - when: "!household.partner_connection"
    text: You have no local connection to any council in the partnership.
"""


def test_the_version_page_and_comparison_show_the_household_rules(
    client: Client, council: Organisation, in_force: PolicyVersion
) -> None:
    # Given a draft adding bid refusals, under offer, a lower band and mobility label uses
    text = (
        in_force.source_text.replace(
            "shortlist:\n", "shortlist:\n  mobility_labels: [filter]\n", 1
        ).replace(
            "    consequence: band_review\n", "    consequence: lower_band\n    months: 6\n", 1
        )
        + HOUSEHOLD_RULES
    )
    draft = version_make(council, number=2, published=False, text=text)
    # When an officer reads it, and compares it with the version in force
    page = client.get(url("version", draft)).content.decode()
    compared = client.get(url("compare", council=council) + "?older=1&newer=2").content.decode()
    # Then each setting is said in plain English, and each section it changes is marked
    for said in (
        "As a filter: only households assessed as needing such a home may bid",
        "They may bid, but are skipped on any shortlist made while they wait to answer",
        "You owe rent and have not agreed a plan to pay it back.",
        "They are placed one band lower for a while, and keep bidding",
        "You have no local connection to any council in the partnership.",
        "!household.partner_connection",
    ):
        assert said in page, said
    assert "3 sections are different." in compared
    for title in ("Shortlist order", "One band lower than need", "Bids and refusals"):
        assert f'{title} <strong class="govuk-tag govuk-tag--orange">Changed' in compared, title
