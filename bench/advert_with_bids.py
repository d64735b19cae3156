"""An open cycle with one live advert in it, already bid for by given households: the setting
the bidding benchmarks (`bid_position`, `bid_place_http`) measure in. Written directly, as the
benchmarks' own data; never used by the product."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any


def advert_with_bids(
    *,
    council: Any,
    landlord: Any,
    placed_by: Any,
    now: dt.datetime,
    reference: str,
    households: Sequence[Any],
) -> Any:
    """A live advert of `council`'s, open for three more days, with a bid from each of
    `households` (their applications'), placed by `placed_by` at `now`, each with its order
    key made as the scheduled `bid_order_refresh` makes it."""
    from hearth.lettings.models import (
        Advert,
        Bid,
        BidChannel,
        Cycle,
        CycleStatus,
        Property,
    )
    from hearth.lettings.services.bids_order import bid_order_refresh
    from hearth.register.models import Application

    cycle = Cycle.objects.create(
        scheme=council.scheme,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=3),
        status=CycleStatus.OPEN,
        opened_at=now - dt.timedelta(days=1),
    )
    home = Property.objects.create(
        landlord=landlord,
        council=council,
        address="1 Bench Row",
        postcode="MV1 1AA",
        property_type="flat",
        bedrooms=2,
        max_occupants=4,
        weekly_rent=Decimal("100.00"),
        tenancy_type="assured",
    )
    advert = Advert.objects.create(
        reference=reference,
        property=home,
        council=council,
        cycle=cycle,
        status="live",
        min_bedroom_need=0,
        max_bedroom_need=9,
        connection_scope="council",
        created_by=placed_by,
    )
    applications = dict(
        Application.objects.filter(household_id__in=households).values_list("household_id", "id")
    )
    Bid.objects.bulk_create(
        Bid(
            advert=advert,
            application_id=applications[household],
            channel=BidChannel.ONLINE,
            placed_at=now,
            placed_by=placed_by,
        )
        for household in households
    )
    bid_order_refresh(now=now)
    return advert
