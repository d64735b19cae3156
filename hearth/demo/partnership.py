"""The fictional Marshvale Home Choice partnership, for local runs and tests.

Demo sign-ins exist only in demo mode (DEBUG on); the seed command refuses otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from hearth.core.access.roles import CouncilStatus, OrganisationKind, Role, roles_for_kind

DEMO_PASSWORD = "marshvale-demo-2026"  # noqa: S105 - demo mode only, refused when DEBUG is off
SCHEME_NAME = "Marshvale Home Choice"
SCHEME_SLUG = "marshvale"
SCHEME_COLOUR = "#0b5e55"
SCHEME_CONTACT = (
    "Marshvale Home Choice, 1 Guildhall Square, Marshvale MV1 1AA. "
    "Phone 01632 960 000, Monday to Friday, 9am to 5pm."
)


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    slug: str
    kind: str
    council_status: str = ""
    # Councils: the (fictional) postcode districts of their area.
    postcode_districts: tuple[str, ...] = ()
    # How applicants reach it (councils and landlords); the phone numbers are in Ofcom's range
    # for drama, so none of them rings anyone.
    contact: DemoContact | None = None


@dataclass(frozen=True)
class DemoContact:
    postal_address: str
    contact_phone: str
    contact_email: str
    contact_hours: str

    def as_fields(self) -> dict[str, str]:
        return {
            "postal_address": self.postal_address,
            "contact_phone": self.contact_phone,
            "contact_email": self.contact_email,
            "contact_hours": self.contact_hours,
        }


WEEKDAYS_9_TO_5 = "Monday to Friday, 9am to 5pm"


def _contact(slug: str, phone: str, *address: str, hours: str = WEEKDAYS_9_TO_5) -> DemoContact:
    return DemoContact(
        postal_address="\n".join(address),
        contact_phone=f"01632 960 {phone}",
        contact_email=f"housing@{slug}.example",
        contact_hours=hours,
    )


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    organisation_name: str | None

    @property
    def landing_path(self) -> str:
        if self.role == "applicant":
            return reverse("accounts:applicant_home")
        if self.role in {r.value for r in roles_for_kind(OrganisationKind.LANDLORD)}:
            return reverse("core:landlord_home")
        return reverse("core:staff_home")


ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        "Marshvale Home Choice partnership team", "partnership", OrganisationKind.PARTNERSHIP
    ),
    DemoOrganisation(
        "Marshvale City Council",
        "marshvale-city",
        OrganisationKind.COUNCIL,
        CouncilStatus.LIVE_CBL,
        tuple(f"MV{n}" for n in range(1, 10)),
        _contact(
            "marshvale-city", "101", "Civic Centre", "1 Market Street", "Marshvale", "MV1 1AB"
        ),
    ),
    DemoOrganisation(
        "Eastmere District Council",
        "eastmere",
        OrganisationKind.COUNCIL,
        CouncilStatus.LIVE_CBL,
        tuple(f"EM{n}" for n in range(1, 13)),
        _contact(
            "eastmere",
            "202",
            "District Offices",
            "Station Road",
            "Eastmere",
            "EM1 2BD",
            hours="Monday to Thursday, 9am to 5pm; Friday, 9am to 4:30pm",
        ),
    ),
    DemoOrganisation(
        "Northfen District Council",
        "northfen",
        OrganisationKind.COUNCIL,
        CouncilStatus.LIVE_CBL,
        tuple(f"NF{n}" for n in range(1, 10)),
        _contact("northfen", "303", "Fenland House", "14 High Street", "Northfen", "NF1 3CE"),
    ),
    DemoOrganisation(
        "Kingsbarrow Borough Council",
        "kingsbarrow",
        OrganisationKind.COUNCIL,
        CouncilStatus.ONBOARDING,
        tuple(f"KB{n}" for n in range(1, 8)),
        _contact("kingsbarrow", "404", "Borough Hall", "Castle Street", "Kingsbarrow", "KB1 4DF"),
    ),
    DemoOrganisation(
        "Heronsgate Housing Association",
        "heronsgate",
        OrganisationKind.LANDLORD,
        contact=_contact(
            "heronsgate",
            "505",
            "Heronsgate House",
            "22 Riverside Walk",
            "Marshvale",
            "MV3 5EG",
            hours="Monday to Friday, 8am to 6pm",
        ),
    ),
    DemoOrganisation(
        "Stonebridge Homes",
        "stonebridge",
        OrganisationKind.LANDLORD,
        contact=_contact(
            "stonebridge", "606", "Stonebridge Court", "7 Mill Road", "Eastmere", "EM4 6FH"
        ),
    ),
    DemoOrganisation(
        "Marshvale City Council housing stock",
        "marshvale-homes",
        OrganisationKind.LANDLORD,
        contact=_contact(
            "marshvale-homes",
            "707",
            "Housing Office",
            "Civic Centre",
            "1 Market Street",
            "Marshvale",
            "MV1 1AB",
        ),
    ),
    DemoOrganisation(
        "Marshvale General Hospital discharge team", "marshvale-hospital", OrganisationKind.REFERRER
    ),
)

# Believable names, so the demo reads like a real partnership, not "User 7".
_FIRST = (
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hassan",
    "Isla",
    "Jack",
    "Kiran",
    "Lena",
    "Marek",
    "Nia",
    "Owen",
    "Priya",
    "Rhys",
    "Sana",
    "Tom",
    "Uma",
)
_LAST = (
    "Okafor",
    "Hughes",
    "Patel",
    "Nowak",
    "Campbell",
    "Ahmed",
    "Barnes",
    "Evans",
    "Kowalski",
    "Singh",
    "Taylor",
    "Walsh",
    "Begum",
    "Fraser",
    "Moreno",
    "Price",
)


def _role_slug(role: str) -> str:
    return role.replace("_", "-")


def demo_accounts() -> list[DemoAccount]:
    """One staff user per role per organisation, and applicants (one per application state)."""
    accounts: list[DemoAccount] = []
    n = 0
    for org in ORGANISATIONS:
        for role in roles_for_kind(org.kind):
            name = f"{_FIRST[n % len(_FIRST)]} {_LAST[(n * 7) % len(_LAST)]}"
            n += 1
            accounts.append(
                DemoAccount(
                    email=f"{_role_slug(role)}@{org.slug}.example",
                    full_name=name,
                    role=str(role.value if isinstance(role, Role) else role),
                    organisation_name=org.name,
                )
            )
    accounts.append(
        DemoAccount(
            email="applicant@marshvale.example",
            full_name="Sam Whitlock",
            role="applicant",
            organisation_name=None,
        )
    )
    accounts.extend(
        DemoAccount(email=email, full_name=name, role="applicant", organisation_name=None)
        for email, (_state, name) in _APPLICANTS_BY_STATE.items()
    )
    return accounts


# One applicant sign-in per application state, each owning a household in that state.
_APPLICANTS_BY_STATE: dict[str, tuple[str, str]] = {
    "applicant-draft@marshvale.example": ("draft", "Maya Lindqvist"),
    "applicant-submitted@marshvale.example": ("submitted", "Joseph Adeyemi"),
    "applicant-pending-documents@marshvale.example": ("pending_documents", "Ruth Kaminski"),
    "applicant-active@marshvale.example": ("active", "Callum Reid"),
    "applicant-suspended@marshvale.example": ("suspended", "Farah Qureshi"),
    "applicant-under-offer@marshvale.example": ("under_offer", "Daniel Osei"),
    "applicant-housed@marshvale.example": ("housed", "Helen Marsh"),
    "applicant-cancelled@marshvale.example": ("cancelled", "Tariq Mahmood"),
    "applicant-not-qualifying@marshvale.example": ("not_qualifying", "Agnes Whitford"),
    "applicant-under-review@marshvale.example": ("under_review", "Leon Baptiste"),
}


def demo_applicant_states() -> dict[str, str]:
    """Applicant sign-in email -> the application state its household is in. The original
    applicant sign-in comes last, on the register, so the per-state ones choose first."""
    states = {email: state for email, (state, _name) in _APPLICANTS_BY_STATE.items()}
    states["applicant@marshvale.example"] = "active"
    return states
