"""Shared set-up for the application-form tests: a council with a published policy, and a draft
filled in through the services (so view tests can start from any point)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import Client

from hearth.accounts.tests.factories import ApplicantFactory
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.models import Organisation, Scheme
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Application, PeriodKind, Relationship, Sex, Tenure
from hearth.register.rules import apply_sections as routing
from hearth.register.services.apply import (
    ApplicationHouseholdContext,
    application_start,
    section_mark,
)
from hearth.register.services.household import (
    household_answers_save,
    period_save,
    person_save,
)

TODAY = dt.date(2026, 6, 15)
# Eastmere's demo policy lists its parishes and has a local lettings plan for rural exception
# sites, so the form asks which parish each place is in.
EASTMERE_DISTRICTS = ["EM1", "EM2"]
NOON = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


def on_application(application: Application) -> dict[str, Any]:
    """The household services' `household` and `context` for an application's household."""
    return {"household": application.household, "context": ApplicationHouseholdContext(application)}


def council_with_policy(*, policy: str = "marshvale-city", **fields: object) -> Organisation:
    """A live council with Marshvale City's demo policy (its own questions and areas), or
    another council's demo `policy`."""
    fields.setdefault("postcode_districts", ["MV1", "MV2"])
    council = OrganisationFactory(**fields)
    text = example_policy_texts()[policy]
    PolicyVersion.objects.create(
        council=council,
        number=1,
        status=PolicyStatus.PUBLISHED,
        title="Allocation scheme",
        document=document_data(document_from_text(text)),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=clock.now(),
    )
    return council


def eastmere_council(**fields: object) -> Organisation:
    """A live council with Eastmere's demo policy, for postcodes EM1 and EM2."""
    fields.setdefault("postcode_districts", EASTMERE_DISTRICTS)
    return council_with_policy(policy="eastmere", **fields)


def signed_in_with_draft() -> tuple[Client, Application, Actor]:
    """An applicant signed in, with every section of their draft answered."""
    user = ApplicantFactory()
    client = Client()
    client.force_login(user)
    actor = Actor(user=user, scheme=Scheme.objects.first())
    return client, draft_complete(actor, council_with_policy()), actor


def draft_complete(actor: Actor, council: Organisation) -> Application:
    """A draft with every section answered: a couple with a child, renting privately."""
    application = application_start(actor=actor, council=council, postcode="MV1 2AB")
    answer = {"actor": actor, **on_application(application)}
    person_save(
        **answer,
        person=None,
        values={
            "full_name": "Alex Carter",
            "date_of_birth": dt.date(1990, 3, 27),
            "sex": Sex.MALE,
            "relationship": Relationship.LEAD,
            "national_insurance_number": "AB123456C",
        },
    )
    household_answers_save(
        **answer, section=routing.ABOUT_YOU, changes={"contact_phone": "07700900982"}
    )
    person_save(
        **answer,
        person=None,
        values={
            "full_name": "Bea Carter",
            "date_of_birth": dt.date(1992, 5, 1),
            "sex": Sex.FEMALE,
            "relationship": Relationship.PARTNER,
        },
    )
    household_answers_save(
        **answer,
        section=routing.HOME,
        changes={
            "home_address": "1 Quay Street, Marshvale",
            "home_postcode": "MV1 2AB",
            "home_tenure": Tenure.PRIVATE_RENTED,
            "home_landlord": "Quay Lettings",
            "home_bedrooms": 1,
        },
    )
    period_save(
        **answer,
        kind=PeriodKind.RESIDENCE,
        period=None,
        values={
            "start": dt.date(2015, 1, 1),
            "end": None,
            "address": "1 Quay Street",
            "postcode": "MV1 2AB",
        },
    )
    household_answers_save(
        **answer,
        section=routing.MONEY,
        changes={"income_yearly": Decimal("21000"), "savings": Decimal("400")},
    )
    household_answers_save(
        **answer, section=routing.AREAS, changes={"preferred_areas": ["Riverside"]}
    )
    household_answers_save(
        **answer,
        section=routing.COUNCIL,
        changes={"extra_answers": {"care_leaver_marshvale": "no", "contact_preference": "Email"}},
    )
    for section in routing.sections(routing.Answers(today=TODAY, council_questions=("x",))):
        section_mark(actor=actor, application=application, section=section, done=True)
    application.refresh_from_db()
    return application
