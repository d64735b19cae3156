"""Made-up addresses for the demo register, in each council's fictional postcode districts.

Drawn from a generator seeded by the period's own id, so adding addresses never changes any
other demo fact, and the same period always gets the same address.
"""

from __future__ import annotations

import random
import uuid

from hearth.demo.partnership import ORGANISATIONS

_STREETS = (
    "Mill Lane",
    "Church Street",
    "Station Road",
    "Orchard Close",
    "Fen View",
    "Heron Way",
    "Willow Court",
    "Marsh Road",
    "Kings Walk",
    "Elm Grove",
    "Causeway",
    "Reed Gardens",
    "Abbey Row",
    "Market Street",
    "Brook Drive",
    "Sedge Crescent",
)
_TOWNS = {
    "marshvale-city": "Marshvale",
    "eastmere": "Eastmere",
    "northfen": "Northfen",
    "kingsbarrow": "Kingsbarrow",
}
# Outside the partnership: a district no council here uses.
_OUTSIDE = ("QX1", "QX4", "QX7")
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_EMPLOYERS = (
    "Fenland Foods",
    "Marshvale General Hospital",
    "Heron Care Services",
    "Eastmere Primary School",
    "Northfen Distribution Centre",
    "The Kings Arms",
    "Saltings Garden Centre",
    "Brinkle Engineering",
    "Causeway Cleaning Ltd",
    "Reed and Sons Builders",
)
_RELATIVES = ("Mother", "Father", "Sister", "Brother", "Daughter", "Son", "Parents")
_DISTRICTS = {org.slug: org.postcode_districts for org in ORGANISATIONS if org.postcode_districts}


def demo_address(period_id: uuid.UUID, council: str, parish: str) -> tuple[str, str]:
    """(address lines, postcode) for a period in `council`'s area ("" for outside it)."""
    rng = random.Random(period_id.int)  # noqa: S311 - made-up demo data, not secrets
    districts = _DISTRICTS.get(council) or _OUTSIDE
    postcode = (
        f"{rng.choice(districts)} {rng.randint(1, 9)}{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}"
    )
    town = parish or _TOWNS.get(council, "Lowbridge")
    address = f"{rng.randint(1, 140)} {rng.choice(_STREETS)}\n{town}"
    return address, postcode


def demo_place_detail(period_id: uuid.UUID, kind: str) -> str:
    """Who employs them ("work") or who the relative is ("family"), drawn like the address."""
    rng = random.Random(period_id.int + 1)  # noqa: S311 - made-up demo data, not secrets
    return rng.choice(_EMPLOYERS if kind == "work" else _RELATIVES)
