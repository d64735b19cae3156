"""Shared set-up for the bids tests (no tests here): a partnership of two councils with
published policies (Marshvale City: bands, 3 bids a cycle; Northfen: points, 2 bids a cycle),
applicants on their registers with stored assessments, and homes advertised in an open cycle.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import Advert, Cycle
from hearth.lettings.tests.factories import AdvertFactory, CycleFactory, PropertyFactory
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Application, Assessment, Relationship
from hearth.register.tests.factories import (
    ApplicationFactory,
    HouseholdFactory,
    PeriodFactory,
    PersonFactory,
)

LEAD = Relationship.LEAD
TODAY = dt.date(2026, 6, 15)  # a Monday
NOON = dt.datetime(2026, 6, 15, 12, 0, tzinfo=clock.LONDON)
# This week's cycle: Thursday 11 June 00:01 to Monday 15 June 23:59.
OPENS = dt.datetime(2026, 6, 11, 0, 1, tzinfo=clock.LONDON)
CLOSES = dt.datetime(2026, 6, 15, 23, 59, tzinfo=clock.LONDON)


def council(slug: str, name: str) -> Organisation:
    """A council of the test scheme whose code matches one of the example policies, with that
    policy published and in force."""
    found = OrganisationFactory(scheme=SchemeFactory(), slug=slug, name=name)
    policy_published(found, slug)
    return found


def policy_published(organisation: Organisation, slug: str, number: int = 1) -> PolicyVersion:
    text = example_policy_texts()[slug]
    return PolicyVersion.objects.create(
        council=organisation,
        number=number,
        status=PolicyStatus.PUBLISHED,
        title="Allocation scheme",
        document=document_data(document_from_text(text)),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=clock.now(),
    )


def marshvale() -> Organisation:
    return council("marshvale-city", "Marshvale City")


def northfen() -> Organisation:
    return council("northfen", "Northfen")


def cycle_open(**fields: Any) -> Cycle:
    """This week's open cycle (made once), or a cycle with the fields given."""
    if not fields:
        found = Cycle.objects.filter(scheme=SchemeFactory(), opens_at=OPENS).first()
        if found is not None:
            return found
    fields.setdefault("opens_at", OPENS)
    fields.setdefault("closes_at", CLOSES)
    return CycleFactory(scheme=SchemeFactory(), **fields)


def advert_of(
    organisation: Organisation, cycle: Cycle | None = None, *, bedrooms: int = 2, **labels: Any
) -> Advert:
    """A live advert of a 2-bedroom flat in `organisation`'s area, in `cycle` (this week's by
    default), for households needing 2 bedrooms with a local connection to the council."""
    home_fields = {
        key.removeprefix("property__"): labels.pop(key)
        for key in list(labels)
        if key.startswith("property__")
    }
    home = PropertyFactory(
        council=organisation,
        landlord=OrganisationFactory(scheme=organisation.scheme, landlord=True),
        bedrooms=bedrooms,
        **home_fields,
    )
    labels.setdefault("min_bedroom_need", bedrooms)
    labels.setdefault("max_bedroom_need", bedrooms)
    return AdvertFactory(property=home, cycle=cycle or cycle_open(), **labels)


def applicant_in(
    organisation: Organisation,
    *,
    band: str = "C",
    points: int | None = None,
    bedroom_need: int = 2,
    priority_date: dt.date = dt.date(2024, 4, 1),
    local_connection: bool = True,
    born: dt.date = dt.date(1990, 6, 15),
    assessed: bool = True,
    **application: Any,
) -> Application:
    """An applicant's active application on `organisation`'s register, living in its area for
    ten years, with an assessment under its policy in force (unless `assessed` is False)."""
    user = ApplicantFactory()
    household = HouseholdFactory(council=organisation, applicant=user, lead=None, application=None)
    PersonFactory(
        household=household, full_name=user.full_name, date_of_birth=born, relationship=LEAD
    )
    PeriodFactory(household=household)
    found = ApplicationFactory(household=household, **application)
    if assessed:
        version = PolicyVersion.objects.filter(council=organisation).order_by("-number").first()
        assert version is not None
        Assessment.objects.create(
            household=household,
            policy_version=version,
            assessed_on=TODAY - dt.timedelta(days=30),
            qualifies=True,
            status="qualifies",
            band=band,
            points=points,
            priority_date=priority_date,
            bedroom_need=bedroom_need,
            local_connection=local_connection,
            explanation=["You qualify to join the register."],
        )
    return found


def applicant_actor(application: Application) -> Actor:
    user = application.household.applicant
    assert user is not None
    return Actor(user=user, scheme=application.council.scheme)


def lettings_officer(organisation: Organisation) -> Membership:
    return staff_member(organisation, [Role.LETTINGS_OFFICER])


def officer_actor(organisation: Organisation, role: str = Role.LETTINGS_OFFICER) -> Actor:
    return actor_for(staff_member(organisation, [role]))


def client_of(application: Application) -> Client:
    client = Client()
    user = application.household.applicant
    assert user is not None
    client.force_login(user)
    return client


def staff_client(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client
