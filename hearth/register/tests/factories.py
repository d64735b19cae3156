from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import (
    Household,
    NeedAward,
    Period,
    PeriodKind,
    Person,
    Relationship,
    Sex,
    Tenure,
)


class HouseholdFactory(factory.django.DjangoModelFactory):
    """A household on a council's register, with its lead applicant (`lead__…` to adjust)."""

    class Meta:
        model = Household
        skip_postgeneration_save = True

    council = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"TS-{n:06d}")
    registration_date = dt.date(2024, 4, 1)
    income_yearly = Decimal("18000.00")
    savings = Decimal("500.00")
    home_tenure = Tenure.PRIVATE_RENTED
    home_bedrooms = 1
    lead = factory.RelatedFactory(
        "hearth.register.tests.factories.PersonFactory",
        factory_related_name="household",
        relationship=Relationship.LEAD,
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory, lead=None)
    full_name = factory.Sequence(lambda n: f"Resident {n}")
    date_of_birth = dt.date(1990, 6, 15)
    sex = Sex.FEMALE
    relationship = Relationship.CHILD


class PeriodFactory(factory.django.DjangoModelFactory):
    """Living in the household's own council area for the last ten years, unless told."""

    class Meta:
        model = Period

    household = factory.SubFactory(HouseholdFactory)
    kind = PeriodKind.RESIDENCE
    council = factory.LazyAttribute(lambda period: period.household.council)
    start = dt.date(2016, 1, 1)


class NeedAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedAward

    household = factory.SubFactory(HouseholdFactory)
    code = "medium_medical"
    awarded_on = dt.date(2025, 1, 10)
