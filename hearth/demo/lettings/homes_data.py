# ruff: noqa: E501 -- the tables below are one home a line
"""The demo landlords' homes and what each advert of them says.

Three landlords let homes in three councils on choice-based lettings (Marshvale City Council's
own stock in the city; Heronsgate in the city and Eastmere; Stonebridge in Eastmere and
Northfen); Heronsgate and Stonebridge also have homes in Kingsbarrow, which matches households
to homes directly. Every address is fictional, in the councils' fictional postcode districts.

Each table row is: landlord | council | address (" / " between lines) | postcode | area |
type | bedrooms | rent a week | service charge a week | floor | features | description. The
features: `lift`, `step-free`, `mobility-1` to `mobility-3`, `older` (older persons' housing,
for people aged 60 or over), `need-1-2` (the bedroom needs the advert is for, when not exactly
the home's bedrooms), `partners` (open to a local connection to any partner council), `plan`
(Eastmere's rural exception site), `pets` or `no-pets`, `epc-A` to `epc-G` (C otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hearth.lettings.models import ConnectionScope, Pets

CITY_STOCK = "marshvale-homes"
KINGSBARROW = "kingsbarrow"
OLDER_AGE = 60
RURAL_PLAN = "rural_exception"
VIEWINGS = {
    CITY_STOCK: "Accompanied viewings on weekday afternoons: we will phone you to arrange one.",
    "heronsgate": "Viewings are on Tuesday and Thursday mornings, with a housing officer.",
    "stonebridge": "Open viewing on Saturday, 10am to midday. Bring photo ID.",
}
PREFERENCES = {
    "partners": "Open to households with a local connection to any partner council.",
    "older": "For people aged 60 or over who would benefit from sheltered housing.",
    "plan": "Built for people with a connection to the parish: see the local lettings plan.",
}


@dataclass(frozen=True)
class DemoHome:
    landlord: str
    council: str
    address: str
    postcode: str
    area: str
    property_type: str
    bedrooms: int
    weekly_rent: Decimal
    weekly_service_charge: Decimal
    floor: int
    features: frozenset[str]
    description: str

    @property
    def max_occupants(self) -> int:
        return max(self.bedrooms, 1) * 2

    @property
    def tenancy_type(self) -> str:
        return "introductory" if self.landlord == CITY_STOCK else "assured"

    @property
    def mobility(self) -> str:
        found = [f.removeprefix("mobility-") for f in self.features if f.startswith("mobility-")]
        return found[0] if found else "general"

    @property
    def epc_band(self) -> str:
        found = [f.removeprefix("epc-") for f in self.features if f.startswith("epc-")]
        return found[0] if found else "C"

    @property
    def bedroom_need(self) -> tuple[int, int]:
        most = max(self.bedrooms, 1)
        return (1, most) if "need-1-2" in self.features else (most, most)

    @property
    def connection_scope(self) -> str:
        if "plan" in self.features:
            return ConnectionScope.PLAN
        if "partners" in self.features:
            return ConnectionScope.PARTNERS
        return ConnectionScope.COUNCIL

    @property
    def pets(self) -> str:
        if "pets" in self.features:
            return Pets.ALLOWED
        return Pets.NOT_ALLOWED if "no-pets" in self.features else Pets.ASK

    @property
    def preference_text(self) -> str:
        return " ".join(text for key, text in PREFERENCES.items() if key in self.features)


def _homes(table: str) -> tuple[DemoHome, ...]:
    homes = []
    for line in table.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        landlord, council, address, postcode, area, kind, beds, rent, service, floor = cells[:10]
        homes.append(
            DemoHome(
                landlord=landlord,
                council=council,
                address="\n".join(part.strip() for part in address.split(" / ")),
                postcode=postcode,
                area=area,
                property_type=kind,
                bedrooms=int(beds),
                weekly_rent=Decimal(rent),
                weekly_service_charge=Decimal(service),
                floor=int(floor),
                features=frozenset(cells[10].split()),
                description=cells[11],
            )
        )
    return tuple(homes)


# Last week's cycle: two homes in each council, all let since.
PAST_HOMES = _homes("""
marshvale-homes | marshvale-city | Flat 12, Tanner House / Tanner Street | MV2 4HL | Northgate | flat | 1 | 96.40 | 6.10 | 1 | | A first-floor flat close to Northgate's shops.
heronsgate | marshvale-city | 27 Ropewalk Lane | MV5 2QT | Riverside | house | 2 | 121.80 | 0.00 | 0 | epc-D | A terraced house with a small garden, near Riverside Primary School.
stonebridge | eastmere | 4 Mill Cottages / Mill Lane | EM4 6FJ | Fenwick | house | 1 | 99.15 | 0.00 | 0 | | A one-bedroom cottage with a shared garden.
heronsgate | eastmere | Flat 3, Ketby Court | EM7 1PN | Ketby | flat | 2 | 112.60 | 9.40 | 0 | | A ground-floor flat with a parking space.
stonebridge | northfen | 15 Dyke End | NF2 7AS | | house | 2 | 109.90 | 0.00 | 0 | epc-B | A semi-detached house on a quiet close.
stonebridge | northfen | Flat 6, Fenland Court | NF1 3CJ | | flat | 1 | 92.35 | 7.80 | 2 | | A second-floor flat in the town centre.
""")

# This week's cycle: ten homes in the city, eight in Eastmere and six in Northfen.
CURRENT_HOMES = _homes("""
marshvale-homes | marshvale-city | Flat 8, Alder House / Cathedral Walk | MV1 3DW | City Centre | flat | 1 | 101.20 | 11.25 | 3 | lift | A bright flat a short walk from the station.
marshvale-homes | marshvale-city | Flat 21, Quayside Point | MV7 9LB | Harbour Quarter | flat | 1 | 104.75 | 14.90 | 6 | lift epc-B | A flat with views over the harbour, in a block with a concierge.
heronsgate | marshvale-city | Flat 2, Willow Court / St Anne's Road | MV4 8RE | St Anne's | flat | 1 | 98.60 | 5.50 | 0 | step-free no-pets | A ground-floor flat with its own front door.
marshvale-homes | marshvale-city | Flat 5, Primrose Lodge | MV6 2NN | Westfield | flat | 1 | 94.10 | 24.60 | 1 | lift step-free mobility-3 older | Sheltered housing with a scheme manager on site and a residents' lounge.
heronsgate | marshvale-city | 41 Cooper Street | MV5 6JD | Riverside | house | 2 | 123.40 | 0.00 | 0 | epc-D pets | A mid-terrace house with a garden, close to Riverside Park.
marshvale-homes | marshvale-city | Flat 14, Beacon House | MV3 1TS | Northgate | flat | 2 | 115.30 | 12.05 | 4 | lift need-1-2 | A two-bedroom flat with a balcony.
heronsgate | marshvale-city | 9 Orchard Rise | MV8 4GB | Westfield | house | 2 | 126.95 | 0.00 | 0 | partners | An end-terrace house with off-street parking.
marshvale-homes | marshvale-city | 62 Bell Lane | MV9 3PX | St Anne's | house | 3 | 138.20 | 0.00 | 0 | | A three-bedroom family house with a large garden.
heronsgate | marshvale-city | 18 Harbour Row | MV7 2EQ | Harbour Quarter | house | 3 | 142.70 | 0.00 | 0 | epc-B | A three-bedroom town house over three floors.
marshvale-homes | marshvale-city | 3 Gatehouse Close | MV2 9WF | Northgate | house | 4 | 156.80 | 0.00 | 0 | | A four-bedroom house with two bathrooms, for a large family.
stonebridge | eastmere | Flat 1, Station House | EM1 2BJ | Eastmere | flat | 1 | 97.45 | 6.80 | 1 | | A flat above the old station, close to the bus stops.
heronsgate | eastmere | 11 Brinkle Green | EM9 5TU | Brinkle Marsh | bungalow | 1 | 103.10 | 0.00 | 0 | step-free mobility-2 | A bungalow with a level-access shower and a ramp to the front door.
stonebridge | eastmere | Flat 7, Wendle Court | EM10 3LA | Lower Wendle | flat | 1 | 95.90 | 8.15 | 1 | | A first-floor flat close to the surgery.
heronsgate | eastmere | 5 Saltings Row | EM11 6DS | Saltmarsh St Mary | house | 2 | 118.25 | 0.00 | 0 | plan epc-A | A new house on the village's rural exception site.
stonebridge | eastmere | 22 Drove Road | EM6 8QP | Holme Drove | house | 2 | 114.50 | 0.00 | 0 | partners | A semi-detached house with a long garden.
heronsgate | eastmere | Flat 9, Upper Wendle Mews | EM12 1HF | Upper Wendle | maisonette | 2 | 116.85 | 4.20 | 1 | | A maisonette with its own entrance.
stonebridge | eastmere | 36 Fenwick Way | EM4 2AB | Fenwick | house | 3 | 131.60 | 0.00 | 0 | | A three-bedroom house near Fenwick's primary school.
heronsgate | eastmere | 2 Ketby Lane | EM7 4RW | Ketby | house | 3 | 135.40 | 0.00 | 0 | epc-D pets | A three-bedroom house with a garage.
stonebridge | northfen | Flat 4, Marsh View | NF3 5BE | | flat | 1 | 90.80 | 6.40 | 0 | | A ground-floor flat overlooking the fens.
stonebridge | northfen | Flat 11, Granary Wharf | NF1 8TD | | flat | 1 | 93.25 | 9.10 | 1 | partners | A first-floor flat in a converted granary.
stonebridge | northfen | 8 Sluice Lane | NF4 2GH | | house | 2 | 107.35 | 0.00 | 0 | | A two-bedroom house with a south-facing garden.
stonebridge | northfen | 19 Peat Close | NF6 1MJ | | bungalow | 2 | 111.70 | 0.00 | 0 | step-free mobility-3 | A bungalow with a wet room.
stonebridge | northfen | 47 Causeway | NF2 9PL | | house | 3 | 124.15 | 0.00 | 0 | epc-D | A three-bedroom house near the secondary school.
stonebridge | northfen | 3 Reedbed Walk | NF5 4SQ | | house | 3 | 127.90 | 0.00 | 0 | | A three-bedroom house with a large kitchen.
""")

# Adverts on the landlords' and the council's lists of work to do: a draft, one returned to
# the landlord, one waiting for approval, and one approved for the next cycle.
DRAFT_HOME, RETURNED_HOME, SUBMITTED_HOME, APPROVED_HOME = _homes("""
heronsgate | marshvale-city | Flat 6, Kestrel House | MV3 5EG | Riverside | flat | 1 | 99.80 | 7.35 | 2 | | A one-bedroom flat near the river.
stonebridge | eastmere | 14 Marsh Road | EM3 7WB | Eastmere | house | 2 | 113.95 | 0.00 | 0 | | A two-bedroom house.
marshvale-homes | marshvale-city | Flat 30, Alder House / Cathedral Walk | MV1 3DW | City Centre | flat | 2 | 112.40 | 11.25 | 5 | lift | A two-bedroom flat near the park.
stonebridge | northfen | 24 Dyke End | NF2 7AS | | house | 2 | 110.30 | 0.00 | 0 | | A two-bedroom semi-detached house.
""")

# Kingsbarrow's homes to match (it never advertises).
KINGSBARROW_HOMES = _homes("""
stonebridge | kingsbarrow | 6 Castle Mews | KB1 4DG | | house | 2 | 108.60 | 0.00 | 0 | | A two-bedroom mews house near the castle.
heronsgate | kingsbarrow | Flat 2, Barrow Court | KB3 2NE | | flat | 1 | 94.70 | 5.90 | 0 | step-free | A ground-floor flat with a small patio.
stonebridge | kingsbarrow | 31 Abbey Road | KB5 7RT | | house | 3 | 129.45 | 0.00 | 0 | | A three-bedroom house with a garden.
""")
