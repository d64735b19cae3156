"""Shared set-up for the homes and adverts tests (no tests here): a landlord and its staff, a
council with a published policy (areas and a local lettings plan), a home's details, the labels
of an advert, and real and fake image files."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import OrganisationKind, Role
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import Advert, AdvertStatus, ConnectionScope, Property
from hearth.lettings.rules.adverts import AdvertLabels
from hearth.lettings.rules.homes import HomeDetails
from hearth.lettings.tests.factories import AdvertFactory, PropertyFactory
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts

TODAY = dt.date(2026, 6, 15)
NOON = dt.datetime(2026, 6, 15, 12, 0, tzinfo=clock.LONDON)
# Eastmere's example policy lists these areas (among others) and a rural exception plan.
AREA = "Fenwick"
PLAN = "rural_exception"


def published_policy(council: Organisation, slug: str = "eastmere") -> PolicyVersion:
    """The example policy of `slug`, published and in force for `council`."""
    text = example_policy_texts()[slug]
    return PolicyVersion.objects.create(
        council=council,
        number=1,
        status=PolicyStatus.PUBLISHED,
        title="Allocation scheme",
        document=document_data(document_from_text(text)),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=clock.now(),
    )


def council_with_policy(policy: str = "eastmere", **fields: Any) -> Organisation:
    """A council of the scheme with `policy`'s example policy in force."""
    council = OrganisationFactory(scheme=SchemeFactory(), kind=OrganisationKind.COUNCIL, **fields)
    published_policy(council, policy)
    return council


def advert_of(home: Property, status: str = AdvertStatus.DRAFT, **fields: Any) -> Advert:
    """An advert of `home` at `status`, in no cycle (the factory's cycles start at one instant,
    so two in one test would clash)."""
    return AdvertFactory(property=home, status=status, cycle=None, **fields)


def landlord_staff(
    landlord: Organisation | None = None, role: str = Role.LANDLORD_LETTINGS_OFFICER
) -> Membership:
    return staff_member(
        landlord or OrganisationFactory(scheme=SchemeFactory(), landlord=True), [role]
    )


def landlord_actor(landlord: Organisation | None = None) -> Actor:
    return actor_for(landlord_staff(landlord))


def lettings_officer(council: Organisation, role: str = Role.LETTINGS_OFFICER) -> Actor:
    return actor_for(staff_member(council, [role]))


def signed_in(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def details(council: Organisation, **changes: Any) -> HomeDetails:
    """A two-bedroom flat's details, in `council` and its area Fenwick."""
    values: dict[str, Any] = {
        "address": "Flat 4, Heron Court\nFenwick",
        "postcode": "EM4 2AB",
        "council_id": council.pk,
        "area": AREA,
        "property_type": "flat",
        "bedrooms": 2,
        "max_occupants": 4,
        "floor": 1,
        "has_lift": False,
        "step_free": False,
        "mobility": "general",
        "older_persons": False,
        "weekly_rent": Decimal("112.50"),
        "weekly_service_charge": Decimal("8.20"),
        "tenancy_type": "assured",
        "epc_band": "C",
    }
    values.update(changes)
    return HomeDetails(**values)


def home_form_data(council: Organisation, **changes: Any) -> dict[str, Any]:
    """What the home form sends for the flat of `details`."""
    data: dict[str, Any] = {
        "address": "Flat 4, Heron Court\nFenwick",
        "postcode": "em42ab",
        "council": str(council.pk),
        f"area_{council.slug}": AREA,
        "property_type": "flat",
        "bedrooms": "2",
        "max_occupants": "4",
        "floor": "1",
        "has_lift": "no",
        "step_free": "no",
        "mobility": "general",
        "older_persons": "no",
        "weekly_rent": "112.50",
        "weekly_service_charge": "8.20",
        "tenancy_type": "assured",
        "epc_band": "C",
    }
    data.update(changes)
    return data


def labels(**changes: Any) -> AdvertLabels:
    """Labels for a two-bedroom home: households needing 2 bedrooms, connected to the council."""
    values: dict[str, Any] = {
        "min_bedroom_need": 2,
        "max_bedroom_need": 2,
        "minimum_age": None,
        "connection_scope": ConnectionScope.COUNCIL,
        "lettings_plan": "",
        "preference_text": "",
        "pets": "",
        "viewing_text": "Accompanied viewings on Tuesdays",
        "description": "A bright flat near the river",
        "available_from": None,
    }
    values.update(changes)
    return AdvertLabels(**values)


def advert_form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "min_bedroom_need": "2",
        "max_bedroom_need": "2",
        "minimum_age": "",
        "maximum_age": "",
        "age_applies_to": "applicant",
        "mobility_need": "any",
        "mobility_use": "filter",
        "connection_scope": "council",
        "lettings_plan": "none",
        "preference_text": "",
        "pets": "ask",
        "viewing_text": "Accompanied viewings on Tuesdays",
        "description": "A bright flat near the river",
        "available_from_day": "",
        "available_from_month": "",
        "available_from_year": "",
    }
    data.update(changes)
    return data


def image_bytes(
    fmt: str = "PNG", size: tuple[int, int] = (40, 30), mode: str = "", **save: Any
) -> bytes:
    """An image file of one colour."""
    out = io.BytesIO()
    mode = mode or ("RGBA" if fmt == "PNG" else "RGB")
    colour = {"RGBA": (200, 120, 40, 255), "RGB": (200, 120, 40)}.get(mode, 1)
    Image.new(mode, size, colour).save(out, format=fmt, **save)
    return out.getvalue()


def upload(
    content: bytes | None = None, name: str = "living-room.png", content_type: str = "image/png"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, image_bytes() if content is None else content, content_type=content_type
    )


def home_of(landlord: Organisation, council: Organisation, **fields: Any) -> Property:
    fields.setdefault("area", AREA)
    return PropertyFactory(landlord=landlord, council=council, **fields)
