"""Expressions and policy texts built to exhaust the service are refused, with the field named:
nesting deep enough to overflow Python's stack, and rules that would take too long to run."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import staff_member
from hearth.core.access.roles import Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.core.tests.submission_support import with_token
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.context import VARIABLES
from hearth.policy.rules.document_read import MAX_YAML_DEPTH, document_parse_text
from hearth.policy.rules.document_reader import PolicyDocumentError
from hearth.policy.rules.expressions import (
    BOOL,
    MAX_COST,
    check_expression,
    compile_expression,
)
from hearth.policy.rules.expressions_parse import MAX_GROUPING
from hearth.policy.tests.test_services import policy_text, version_make

HOUSEHOLD_RULE = VARIABLES["condition"]
QUALIFICATION = "    when: household.lead_age < 16\n"

DEEP_LIST = "[" * 99 + "1" + "]" * 99 + " == []"
# Rules that terminate, but not soon: each step doubles a text or squares a number, or a list
# function runs inside another for every pair (or triple...) of members.
SLOW_RULES = {
    "text doubling": '["abc"]' + ".map(t, t + t)" * 45 + ".size() > 0",
    "number squaring": "[household.lead_age]" + ".map(n, n * n)" * 45 + ".size() > 0",
    "members in members": (
        "household.members.exists(a, household.members.exists(b, household.members.exists(c, "
        "household.members.exists(d, household.members.exists(e, household.members.exists(f, "
        "a.age + b.age + c.age + d.age + e.age + f.age > 500))))))"
    ),
}


def problems(source: str) -> list[str]:
    return [e.message for e in check_expression(source, variables=HOUSEHOLD_RULE, result=BOOL)]


# --- The expression language ----------------------------------------------------------------


def test_lists_nested_99_deep_are_refused_not_a_crash() -> None:
    # Given a list literal nested 99 deep (the parser used to run out of Python stack)
    # When it is checked, Then it is refused with a plain message
    [message] = problems(DEEP_LIST)
    assert "nested too deeply" in message
    assert f"more than {MAX_GROUPING} times" in message


def test_nesting_just_under_the_limit_still_works() -> None:
    depth = MAX_GROUPING - 1
    source = "[" * depth + "1" + "]" * depth + " != []"
    compiled = compile_expression(source, variables={}, result=BOOL)
    assert compiled({}) is True


def test_a_long_chain_of_choices_is_refused_not_a_crash() -> None:
    source = " : ".join(["household.size > 1 ? true"] * 200) + " : false"
    [message] = problems(source)
    assert "nested too deeply" in message


@pytest.mark.parametrize("source", SLOW_RULES.values(), ids=SLOW_RULES.keys())
def test_a_rule_that_would_take_too_long_is_refused_quickly(source: str) -> None:
    # Given a rule that terminates only after billions of steps
    started = time.perf_counter()
    # When it is checked
    [message] = problems(source)
    # Then it is refused, without running it, saying why and what to do
    assert time.perf_counter() - started < 1
    assert message.startswith("This expression could take too long to work out")
    assert f"the limit is {MAX_COST:,}" in message
    assert "split it into separate rules" in message


@pytest.mark.parametrize(
    "source",
    [
        "household.members.exists(m, m.age >= 60 && m.disabled)",
        "household.members.filter(m, m.age < 18).size() >= 3",
        "household.members.exists(a, household.members.exists(b, "
        'a.age - b.age >= 16 && b.relationship == "child"))',
        '["armed_forces", "care_leaver"].exists(e, e in household.exemptions)',
        "household.income_yearly * 12.0 > household.savings * 100.0 * 100.0",
    ],
)
def test_ordinary_rules_are_well_within_the_cost_limit(source: str) -> None:
    assert problems(source) == []


def test_the_cost_limit_applies_when_checking_not_to_rules_already_in_force() -> None:
    # A rule saved before the limit existed still compiles and runs (it is never refused at
    # assessment time); only saving it again through the editor is refused.
    source = SLOW_RULES["members in members"]
    compiled = compile_expression(source, variables=HOUSEHOLD_RULE, result=BOOL)
    assert compiled.source == source
    assert check_expression(source, variables=HOUSEHOLD_RULE, result=BOOL, max_cost=None) == []


# --- Policy text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "council: x\nnested: " + "[" * 500 + "]" * 500,
        "council: x\nnested:\n" + "".join("  " * i + "- \n" for i in range(1, 500)),
        '{"council": "x", "nested": ' + '{"a": ' * 500 + "1" + "}" * 500 + "}",
    ],
    ids=["yaml flow lists", "yaml block lists", "json objects"],
)
def test_policy_text_nested_500_deep_is_refused_with_the_line(text: str) -> None:
    with pytest.raises(PolicyDocumentError) as raised:
        document_parse_text(text)
    [problem] = raised.value.problems
    assert problem.message.startswith("line ")
    assert f"nested more than {MAX_YAML_DEPTH} levels deep" in problem.message


# --- Through the editor and import ----------------------------------------------------------


@pytest.fixture
def admin(client: Client) -> Membership:
    member = staff_member(OrganisationFactory(name="Marshvale City Council"), [Role.POLICY_ADMIN])
    client.force_login(member.user)
    return member


@pytest.fixture
def council(admin: Membership) -> Organisation:
    return admin.organisation


@pytest.fixture
def draft(council: Organisation) -> PolicyVersion:
    version_make(council, number=1)
    return version_make(council, number=2, published=False)


def edit(client: Client, draft: PolicyVersion, text: str) -> str:
    response = client.post(
        reverse("policy:version_edit", args=[draft.council.slug, draft.number]),
        {"source_text": text, "change_summary": "Try it"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The problem is in the error summary and next to the text box, GOV.UK style
    assert "There is a problem" in html
    assert 'href="#id_source_text"' in html
    assert 'id="id_source_text-error"' in html
    return html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (DEEP_LIST, "The expression is nested too deeply"),
        (SLOW_RULES["number squaring"], "This expression could take too long to work out"),
    ],
    ids=["nested 99 deep", "too costly"],
)
def test_the_editor_names_the_rule_that_is_refused(
    client: Client, draft: PolicyVersion, rule: str, message: str
) -> None:
    # Given a draft, when the admin saves a qualification rule built to exhaust the service
    assert QUALIFICATION in draft.source_text
    text = draft.source_text.replace(QUALIFICATION, f"    when: '{rule}'\n", 1)
    html = edit(client, draft, text)
    # Then the page names the rule and says what is wrong; nothing is saved
    assert "qualification[0].when (line " in html
    assert message in html
    draft.refresh_from_db()
    assert rule not in draft.source_text


@pytest.mark.django_db
def test_the_editor_refuses_yaml_nested_500_deep(client: Client, draft: PolicyVersion) -> None:
    text = draft.source_text + "extra: " + "[" * 500 + "]" * 500 + "\n"
    html = edit(client, draft, text)
    assert f"nested more than {MAX_YAML_DEPTH} levels deep" in html


@pytest.mark.django_db
def test_import_refuses_yaml_nested_500_deep_and_a_deep_expression(
    client: Client, council: Organisation
) -> None:
    for text in (
        policy_text(council) + "extra: " + "[" * 500 + "]" * 500 + "\n",
        policy_text(council).replace(QUALIFICATION, f"    when: '{DEEP_LIST}'\n", 1),
    ):
        upload = SimpleUploadedFile("policy.yaml", text.encode(), content_type="application/yaml")
        page = reverse("policy:draft_import", args=[council.slug])
        response = client.post(page, with_token({"file": upload}))
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert "nested" in html
    assert not PolicyVersion.objects.filter(council=council).exists()
