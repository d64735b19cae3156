"""What the decision and review tests share: a council with its published policy, a household
that qualifies (or not) on its register, its officers, and a fixed day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.clock import LONDON, clock_frozen_at
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Application, ApplicationStatus, Household
from hearth.register.tests.factories import HouseholdFactory, PeriodFactory

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock_frozen_at(dt.datetime(2026, 6, 15, 10, 0, tzinfo=LONDON)):
        yield TODAY


def council_with_policy(slug: str = "marshvale-city", *, points: bool = False) -> Organisation:
    """A council with its demo policy published and in force since 2024."""
    council = OrganisationFactory(slug=slug, name="Marshvale City Council")
    text = example_policy_texts()["northfen" if points else "marshvale-city"]
    document = document_from_text(text)
    PolicyVersion.objects.create(
        council=council,
        number=1,
        status=PolicyStatus.PUBLISHED,
        title=document.title,
        document=document_data(document),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    return council


def household_on(
    council: Organisation,
    *,
    status: str = ApplicationStatus.SUBMITTED,
    **fields: Any,
) -> Household:
    """A household with an applicant account and an application in `status`, who has lived in
    the council's area for ten years (so they have a local connection)."""
    fields.setdefault("applicant", ApplicantFactory())
    household: Household = HouseholdFactory(council=council, application__status=status, **fields)
    PeriodFactory(household=household, address="12 Mill Lane\nMarshvale", postcode="MV1 2AB")
    return household


def application_of(household: Household) -> Application:
    return Application.objects.select_related("household__council").get(household=household)


def officer(council: Organisation, role: str = Role.REGISTER_OFFICER) -> Actor:
    return actor_for(staff_member(council, [role]))


def applicant_actor(household: Household) -> Actor:
    return Actor(user=household.applicant, scheme=household.council.scheme)


RICH = {"income_yearly": Decimal("90000.00")}
