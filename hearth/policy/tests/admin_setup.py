"""A policy admin signed in at their council, with the version in force: fixtures the policy
pages' tests share, offered through the conftest of `hearth/policy/tests` and `tests/policy`."""

from __future__ import annotations

import pytest
from django.test import Client

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import staff_member
from hearth.core.access.roles import Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyVersion
from hearth.policy.tests.test_services import version_make


@pytest.fixture
def admin(client: Client) -> Membership:
    member = staff_member(OrganisationFactory(name="Marshvale City Council"), [Role.POLICY_ADMIN])
    client.force_login(member.user)
    return member


@pytest.fixture
def council(admin: Membership) -> Organisation:
    return admin.organisation


@pytest.fixture
def in_force(council: Organisation) -> PolicyVersion:
    return version_make(council, number=1)
