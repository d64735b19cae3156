"""What a home's details must be before it is saved: the checks the form makes, made again by
the service for anything that did not come through the form. Pure: no ORM.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from hearth.lettings.models.properties import (
    EpcBand,
    MobilityCategory,
    PropertyType,
    TenancyType,
)

ADDRESS_MAX = 500
MAX_BEDROOMS = 10
MAX_OCCUPANTS = 20
LOWEST_FLOOR, HIGHEST_FLOOR = -1, 60
# A week's rent or service charge above this is a typing mistake (a month's or a year's).
MAX_WEEKLY = Decimal("2000.00")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


@dataclass(frozen=True)
class HomeDetails:
    """Everything a landlord says about a home (the council is named by its id)."""

    address: str
    postcode: str
    council_id: Any
    area: str
    property_type: str
    bedrooms: int
    max_occupants: int
    floor: int
    has_lift: bool
    step_free: bool
    mobility: str
    older_persons: bool
    weekly_rent: Decimal
    weekly_service_charge: Decimal
    tenancy_type: str
    epc_band: str

    def as_fields(self) -> dict[str, Any]:
        """The details as the home's field values (the council as `council_id`)."""
        return asdict(self)


def _money_problem(value: Decimal, what: str) -> str:
    if not value.is_finite() or value < 0:
        return f"Enter the {what} as £0 or more"
    if value != value.quantize(Decimal("0.01")):
        return f"Enter the {what} in pounds and pence, like 95.50"
    if value > MAX_WEEKLY:
        return f"Enter the {what} for a week, not a month or a year: £2,000 or less"
    return ""


def home_problems(
    details: HomeDetails, *, areas: tuple[str, ...], current_area: str = ""
) -> dict[str, str]:
    """What is wrong with `details`, by field. `areas` are the council's areas from its policy
    in force (none: the council lists none, and the area stays empty); `current_area` is the
    home's area as saved, kept even if the policy no longer lists it."""
    problems: dict[str, str] = {}
    if not details.address.strip():
        problems["address"] = "Enter the address of the home"
    elif len(details.address) > ADDRESS_MAX:
        problems["address"] = f"The address must be {ADDRESS_MAX} characters or fewer"
    if not POSTCODE.match(details.postcode):
        problems["postcode"] = "Enter a real postcode, like MV1 2AB"
    if areas:
        if details.area not in areas and not (current_area and details.area == current_area):
            problems["area"] = "Select the area the home is in"
    elif details.area and details.area != current_area:
        problems["area"] = "The council's policy lists no areas: leave the area empty"
    if details.property_type not in PropertyType.values:
        problems["property_type"] = "Select the type of home"
    if not 0 <= details.bedrooms <= MAX_BEDROOMS:
        problems["bedrooms"] = f"Enter the number of bedrooms, from 0 to {MAX_BEDROOMS}"
    if not 1 <= details.max_occupants <= MAX_OCCUPANTS:
        problems["max_occupants"] = (
            f"Enter how many people can live there, from 1 to {MAX_OCCUPANTS}"
        )
    if not LOWEST_FLOOR <= details.floor <= HIGHEST_FLOOR:
        problems["floor"] = (
            f"Enter the floor as a number from {LOWEST_FLOOR} (basement) to {HIGHEST_FLOOR}"
        )
    if details.mobility not in MobilityCategory.values:
        problems["mobility"] = "Select the mobility category"
    elif details.mobility != MobilityCategory.GENERAL and not details.step_free:
        problems["step_free"] = (
            "A home in a mobility category has step-free access: say it has, or choose "
            "general needs"
        )
    for field, what in (
        ("weekly_rent", "rent a week"),
        ("weekly_service_charge", "service charge a week"),
    ):
        problem = _money_problem(getattr(details, field), what)
        if problem:
            problems[field] = problem
    if details.tenancy_type not in TenancyType.values:
        problems["tenancy_type"] = "Select the type of tenancy"
    if details.epc_band not in EpcBand.values:
        problems["epc_band"] = "Select the energy rating, or say it is not known"
    return problems
