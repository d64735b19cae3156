"""The demo councils' policies, loaded as published versions once, with one draft to try."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.demo.policies import demo_policy_texts
from hearth.demo.policy_versions import DEMO_EFFECTIVE_FROM, demo_policies_seed
from hearth.policy import selectors
from hearth.policy.models import PolicyStatus, PolicyVersion

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def test_demo_policies_are_published_once() -> None:
    scheme = SchemeFactory()
    for slug in demo_policy_texts():
        OrganisationFactory(scheme=scheme, slug=slug, name=slug.title())
    created = demo_policies_seed()
    # One published version per council, and one draft for Eastmere to try a change on.
    assert created == len(demo_policy_texts()) + 1
    assert demo_policies_seed() == 0
    for version in PolicyVersion.objects.filter(number=1):
        assert version.status == PolicyStatus.PUBLISHED
        assert version.effective_from == DEMO_EFFECTIVE_FROM
        assert selectors.policy_in_force(version.council, TODAY) == version
    draft = PolicyVersion.objects.get(number=2)
    assert (draft.council.slug, draft.status) == ("eastmere", PolicyStatus.DRAFT)
    assert AuditEvent.objects.filter(verb="policy.published").count() == created - 1
