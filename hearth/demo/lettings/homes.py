"""The demo landlords save their homes and advertise them; the councils' lettings officers
approve or return the adverts. Each step through its service, as its member of staff, at its
moment in the demo week."""

from __future__ import annotations

import datetime as dt

from hearth.core.clock import clock_frozen_at
from hearth.demo.lettings.actors import Staff
from hearth.demo.lettings.homes_data import OLDER_AGE, RURAL_PLAN, VIEWINGS, DemoHome
from hearth.lettings.models import Advert, Property
from hearth.lettings.rules.adverts import AdvertLabels
from hearth.lettings.rules.homes import HomeDetails
from hearth.lettings.services.adverts import (
    advert_approve,
    advert_create,
    advert_return,
    advert_submit,
)
from hearth.lettings.services.homes import home_create


def home_save(staff: Staff, home: DemoHome, at: dt.datetime) -> Property:
    """The landlord saves the home's details."""
    details = HomeDetails(
        address=home.address,
        postcode=home.postcode,
        council_id=staff.organisations[home.council].pk,
        area=home.area,
        property_type=home.property_type,
        bedrooms=home.bedrooms,
        max_occupants=home.max_occupants,
        floor=home.floor,
        has_lift="lift" in home.features,
        step_free="step-free" in home.features,
        mobility=home.mobility,
        older_persons="older" in home.features,
        weekly_rent=home.weekly_rent,
        weekly_service_charge=home.weekly_service_charge,
        tenancy_type=home.tenancy_type,
        epc_band=home.epc_band,
    )
    with clock_frozen_at(at):
        return home_create(actor=staff.landlord_officer(home.landlord), details=details)


def labels_of(home: DemoHome) -> AdvertLabels:
    smallest, largest = home.bedroom_need
    return AdvertLabels(
        min_bedroom_need=smallest,
        max_bedroom_need=largest,
        minimum_age=OLDER_AGE if "older" in home.features else None,
        connection_scope=home.connection_scope,
        lettings_plan=RURAL_PLAN if "plan" in home.features else "",
        preference_text=home.preference_text,
        pets=home.pets,
        viewing_text=VIEWINGS[home.landlord],
        description=home.description,
        available_from=None,
    )


def advert_drafted(staff: Staff, home: DemoHome, saved: Property, at: dt.datetime) -> Advert:
    with clock_frozen_at(at):
        return advert_create(
            actor=staff.landlord_officer(home.landlord), home=saved, labels=labels_of(home)
        )


def advert_sent(staff: Staff, home: DemoHome, advert: Advert, at: dt.datetime) -> Advert:
    with clock_frozen_at(at):
        return advert_submit(actor=staff.landlord_officer(home.landlord), advert=advert)


def advert_approved(staff: Staff, advert: Advert, at: dt.datetime) -> Advert:
    with clock_frozen_at(at):
        return advert_approve(actor=staff.lettings_officer(advert.council.slug), advert=advert)


def advert_sent_back(staff: Staff, advert: Advert, reason: str, at: dt.datetime) -> Advert:
    with clock_frozen_at(at):
        return advert_return(
            actor=staff.lettings_officer(advert.council.slug), advert=advert, reason=reason
        )


def homes_advertised(
    staff: Staff, homes: tuple[DemoHome, ...], saved_at: dt.datetime, approved_at: dt.datetime
) -> list[Advert]:
    """Each home saved, advertised and sent to its council from `saved_at` (minutes apart), and
    approved at `approved_at`: ready for the next cycle to publish."""
    adverts = []
    for n, home in enumerate(homes):
        at = saved_at + dt.timedelta(minutes=4 * n)
        saved = home_save(staff, home, at)
        drafted = advert_drafted(staff, home, saved, at + dt.timedelta(minutes=1))
        adverts.append(advert_sent(staff, home, drafted, at + dt.timedelta(minutes=2)))
    return [
        advert_approved(staff, advert, approved_at + dt.timedelta(minutes=2 * n))
        for n, advert in enumerate(adverts)
    ]
