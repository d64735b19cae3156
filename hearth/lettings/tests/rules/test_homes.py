"""A home's details checked before it is saved."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from hearth.lettings.rules.homes import HomeDetails, home_problems

AREAS = ("Fenwick", "Ketby")


def flat(**changes: Any) -> HomeDetails:
    values: dict[str, Any] = {
        "address": "Flat 4, Heron Court",
        "postcode": "EM4 2AB",
        "council_id": uuid.uuid4(),
        "area": "Fenwick",
        "property_type": "flat",
        "bedrooms": 2,
        "max_occupants": 4,
        "floor": 1,
        "has_lift": False,
        "step_free": False,
        "mobility": "general",
        "older_persons": False,
        "weekly_rent": Decimal("112.50"),
        "weekly_service_charge": Decimal("0"),
        "tenancy_type": "assured",
        "epc_band": "",
    }
    values.update(changes)
    return HomeDetails(**values)


def test_a_complete_home_has_no_problems() -> None:
    assert home_problems(flat(), areas=AREAS) == {}


def test_every_field_is_checked() -> None:
    found = home_problems(
        flat(
            address="  ",
            postcode="NOT A POSTCODE",
            area="Atlantis",
            property_type="castle",
            bedrooms=11,
            max_occupants=0,
            floor=99,
            mobility="9",
            weekly_rent=Decimal("-1"),
            weekly_service_charge=Decimal("1.005"),
            tenancy_type="forever",
            epc_band="Z",
        ),
        areas=AREAS,
    )
    assert set(found) == {
        "address",
        "postcode",
        "area",
        "property_type",
        "bedrooms",
        "max_occupants",
        "floor",
        "mobility",
        "weekly_rent",
        "weekly_service_charge",
        "tenancy_type",
        "epc_band",
    }


def test_a_monthly_rent_is_caught() -> None:
    found = home_problems(flat(weekly_rent=Decimal("2400.00")), areas=AREAS)
    assert "not a month or a year" in found["weekly_rent"]


def test_an_area_is_needed_only_when_the_policy_lists_areas() -> None:
    assert home_problems(flat(area=""), areas=()) == {}
    assert "area" in home_problems(flat(area=""), areas=AREAS)
    assert "area" in home_problems(flat(area="Fenwick"), areas=())


def test_an_area_the_policy_no_longer_lists_is_kept_on_a_change() -> None:
    assert home_problems(flat(area="Old Town"), areas=AREAS, current_area="Old Town") == {}
    assert "area" in home_problems(flat(area="Old Town"), areas=AREAS)


def test_a_mobility_home_is_step_free() -> None:
    found = home_problems(flat(mobility="2", step_free=False), areas=AREAS)
    assert "step_free" in found
    assert home_problems(flat(mobility="2", step_free=True), areas=AREAS) == {}
