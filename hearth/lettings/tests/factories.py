"""Factories for the lettings tables: a landlord's home, an advert, a cycle, a bid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from hearth.accounts.tests.factories import UserFactory
from hearth.core import clock
from hearth.core.access.roles import OrganisationKind
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import (
    Advert,
    AdvertStatus,
    Bid,
    BidChannel,
    ConnectionScope,
    Cycle,
    CycleStatus,
    Property,
    PropertyType,
    TenancyType,
)
from hearth.register.tests.factories import ApplicationFactory


class PropertyFactory(factory.django.DjangoModelFactory):
    """A two-bedroom flat of a housing association, in a council of the same scheme."""

    class Meta:
        model = Property

    landlord = factory.SubFactory(OrganisationFactory, landlord=True)
    council = factory.SubFactory(
        OrganisationFactory,
        scheme=factory.SelfAttribute("..landlord.scheme"),
        kind=OrganisationKind.COUNCIL,
    )
    address = factory.Sequence(lambda n: f"Flat {n}, Heron Court\nMarshvale")
    postcode = "MV1 2AB"
    property_type = PropertyType.FLAT
    bedrooms = 2
    max_occupants = 4
    floor = 1
    weekly_rent = Decimal("112.50")
    weekly_service_charge = Decimal("8.20")
    tenancy_type = TenancyType.ASSURED


def _this_week() -> tuple[dt.datetime, dt.datetime]:
    now = clock.now()
    return now - dt.timedelta(days=1), now + dt.timedelta(days=3)


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle open now: it opened yesterday and closes in three days."""

    class Meta:
        model = Cycle

    scheme = factory.SubFactory(SchemeFactory)
    opens_at = factory.LazyFunction(lambda: _this_week()[0])
    closes_at = factory.LazyFunction(lambda: _this_week()[1])
    status = CycleStatus.OPEN
    opened_at = factory.SelfAttribute("opens_at")


class AdvertFactory(factory.django.DjangoModelFactory):
    """A live advert of the home in the open cycle, for households needing 2 bedrooms with a
    local connection to the council."""

    class Meta:
        model = Advert

    reference = factory.Sequence(lambda n: f"MV{n:05d}")
    property = factory.SubFactory(PropertyFactory)
    council = factory.SelfAttribute("property.council")
    cycle = factory.SubFactory(
        CycleFactory, scheme=factory.SelfAttribute("..property.landlord.scheme")
    )
    status = AdvertStatus.LIVE
    min_bedroom_need = 2
    max_bedroom_need = 2
    connection_scope = ConnectionScope.COUNCIL
    created_by = factory.SubFactory(UserFactory)

    class Params:
        draft = factory.Trait(status=AdvertStatus.DRAFT, cycle=None)


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    advert = factory.SubFactory(AdvertFactory)
    application = factory.SubFactory(
        ApplicationFactory, household__council=factory.SelfAttribute("...advert.council")
    )
    channel = BidChannel.ONLINE
    placed_at = factory.LazyFunction(clock.now)
    placed_by = factory.SubFactory(UserFactory)
