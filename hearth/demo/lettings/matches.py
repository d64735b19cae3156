"""Kingsbarrow works its match lists: it never advertises (its policy matches households to
homes), so its lettings officer chooses a household from a home's match list, with a reason,
and the landlord offers. Today one home has been let that way, one is offered and waiting for
the household's answer, and one is still to be matched.

The match list ranks the register as it stands today (its households are assessed as of
today), so Kingsbarrow's work is today's."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from hearth.core.clock import clock_frozen_at
from hearth.demo.lettings.actors import Staff
from hearth.demo.lettings.homes_data import VIEWINGS
from hearth.lettings.models import Let, Offer, Property
from hearth.lettings.selectors.matches import labels_for, match_rank
from hearth.lettings.services.matches import direct_let
from hearth.lettings.services.offers import offer_accept, offer_make
from hearth.register.models import Application

COUNCIL = "kingsbarrow"
REASON = (
    "Highest on the match list whose needs this home meets; the household has confirmed it "
    "can move within four weeks."
)
TRIED = 10  # households down the list to try before leaving the home unmatched


def matched(staff: Staff, home: Property, at: dt.datetime) -> Offer | None:
    """The officer chooses the highest-placed household that can be offered a home now, and
    nominates it to the landlord."""
    officer = staff.lettings_officer(COUNCIL)
    with clock_frozen_at(at):
        ranked = match_rank(home=home, labels=labels_for(home, None), as_at=at)
        if ranked is None:
            return None
        for placed in ranked.result.placed[:TRIED]:
            application = Application.objects.get(pk=placed.bid_id)
            if application.status_changed_at >= at:
                continue
            try:
                return direct_let(actor=officer, home=home, application=application, reason=REASON)
            except ValidationError:
                continue
    return None


def offered(staff: Staff, nomination: Offer, at: dt.datetime) -> Offer:
    landlord = nomination.advert.property.landlord.slug
    with clock_frozen_at(at):
        return offer_make(
            actor=staff.landlord_officer(landlord),
            offer=nomination,
            viewing_text=VIEWINGS[landlord],
        )


def accepted(staff: Staff, offer: Offer, at: dt.datetime) -> Let:
    with clock_frozen_at(at):
        return offer_accept(
            actor=staff.lettings_officer(COUNCIL),
            offer=offer,
            tenancy_starts_on=at.date() + dt.timedelta(days=14),
        )
