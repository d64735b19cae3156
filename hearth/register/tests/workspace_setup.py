"""Shared set-up for the officer workspace tests (no tests here)."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.models import Organisation
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Assessment, Household

TODAY = dt.date(2026, 6, 15)
NOON = dt.datetime(2026, 6, 15, 12, 0, tzinfo=clock.LONDON)


def published_policy(council: Organisation, slug: str = "marshvale-city") -> PolicyVersion:
    """The demo policy of `slug`, published and in force for `council`."""
    text = example_policy_texts()[slug]
    return PolicyVersion.objects.create(
        council=council,
        number=1,
        status=PolicyStatus.PUBLISHED,
        title="Allocation scheme",
        document=document_data(document_from_text(text)),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=clock.now(),
    )


def officer(council: Organisation, role: str = Role.REGISTER_OFFICER) -> Membership:
    return staff_member(council, [role])


def signed_in(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def recorded_assessment(household: Household, policy: PolicyVersion, band: str = "C") -> Assessment:
    """An assessment as the engine would record it, band `band`."""
    return Assessment.objects.create(
        household=household,
        policy_version=policy,
        assessed_on=TODAY,
        qualifies=True,
        status="qualifies",
        band=band,
        priority_date=dt.date(2024, 4, 1),
        bedroom_need=2,
        local_connection=True,
        explanation=["You qualify to join the register.", f"Band {band}: general need."],
    )
