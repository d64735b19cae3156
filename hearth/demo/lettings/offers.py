"""Last week's shortlists worked to lets: the council nominates the highest-placed bidder
still in the running, the landlord offers, the household answers. On one shortlist an officer
bypasses the first bidder (a reason from the policy's list, and a note); on another the first
household refuses and the next accepts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.core.clock import clock_frozen_at
from hearth.demo.lettings.actors import Staff
from hearth.demo.lettings.homes_data import VIEWINGS
from hearth.demo.lettings.moments import DemoWeek
from hearth.lettings.models import (
    Advert,
    EntryStatus,
    Let,
    Offer,
    RefusedBy,
    Shortlist,
    ShortlistEntry,
)
from hearth.lettings.services.offers import (
    next_in_line,
    offer_accept,
    offer_make,
    offer_nominate,
    offer_refuse,
)
from hearth.lettings.services.shortlists import shortlist_bypass

HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)
BYPASS_REASON = "verification"
BYPASS_NOTE = (
    "Proof of the household's income has not reached us after two reminders. Bypassed for "
    "this home only; the household stays on the register and can bid again."
)
REFUSAL_REASON = "The household said the home is too far from the children's school."


@dataclass(frozen=True)
class Step:
    """When a step happens: `wanted` after last week's close, or `share` of the way from the
    close to now if that is sooner (see `DemoWeek.after_past_close`)."""

    wanted: dt.timedelta
    share: float

    def at(self, week: DemoWeek) -> dt.datetime:
        return week.after_past_close(self.wanted, self.share)


# The morning after the close, the next afternoon, the Monday after…
BYPASS = Step(9 * HOUR, 0.08)
NOMINATE = Step(10 * HOUR, 0.10)
OFFER = Step(DAY + 15 * HOUR, 0.20)
REFUSE = Step(4 * DAY + 10 * HOUR, 0.45)
ACCEPT = Step(4 * DAY + 11 * HOUR, 0.50)
NOMINATE_NEXT = Step(4 * DAY + 12 * HOUR, 0.55)
OFFER_NEXT = Step(5 * DAY + 14 * HOUR, 0.70)
ACCEPT_NEXT = Step(6 * DAY + 11 * HOUR, 0.90)


def _shortlist_top(advert: Advert) -> ShortlistEntry | None:
    shortlist = Shortlist.objects.filter(advert=advert).first()
    if shortlist is None:
        return None
    first = shortlist.entries.filter(status=EntryStatus.PLACED).order_by("position").first()
    return next_in_line(first) if first is not None else None


def placed_count(advert: Advert) -> int:
    return ShortlistEntry.objects.filter(
        shortlist__advert=advert, status=EntryStatus.PLACED
    ).count()


def _offered(
    staff: Staff, advert: Advert, nominate: Step, offer: Step, week: DemoWeek
) -> Offer | None:
    """The council nominates the next bidder in line; the landlord offers them the home."""
    entry = _shortlist_top(advert)
    if entry is None:
        return None
    with clock_frozen_at(nominate.at(week)):
        nominated = offer_nominate(actor=staff.lettings_officer(advert.council.slug), entry=entry)
    landlord = advert.property.landlord.slug
    with clock_frozen_at(offer.at(week)):
        return offer_make(
            actor=staff.landlord_officer(landlord), offer=nominated, viewing_text=VIEWINGS[landlord]
        )


def _accepted(staff: Staff, offer: Offer, at: dt.datetime) -> Let:
    """The household accepts; the landlord records it, the tenancy starting the next Monday."""
    starts = at.date() + dt.timedelta(days=7 - at.weekday())
    with clock_frozen_at(at):
        return offer_accept(
            actor=staff.landlord_officer(offer.advert.property.landlord.slug),
            offer=offer,
            tenancy_starts_on=starts,
        )


def let_straight(staff: Staff, advert: Advert, week: DemoWeek) -> Let | None:
    offer = _offered(staff, advert, NOMINATE, OFFER, week)
    return _accepted(staff, offer, ACCEPT.at(week)) if offer is not None else None


def let_after_bypass(staff: Staff, advert: Advert, week: DemoWeek) -> Let | None:
    """The officer bypasses the first bidder, then the home is let to the next."""
    entry = _shortlist_top(advert)
    if entry is not None:
        with clock_frozen_at(BYPASS.at(week)):
            shortlist_bypass(
                actor=staff.lettings_officer(advert.council.slug),
                entry=entry,
                reason=BYPASS_REASON,
                note=BYPASS_NOTE,
            )
    return let_straight(staff, advert, week)


def let_after_refusal(staff: Staff, advert: Advert, week: DemoWeek) -> Let | None:
    """The first household refuses (a refusal that counts); the next accepts."""
    offer = _offered(staff, advert, NOMINATE, OFFER, week)
    if offer is None:
        return None
    with clock_frozen_at(REFUSE.at(week)):
        offer_refuse(
            actor=staff.landlord_officer(advert.property.landlord.slug),
            offer=offer,
            refused_by=RefusedBy.APPLICANT,
            reason=REFUSAL_REASON,
            counts=True,
        )
    following = _offered(staff, advert, NOMINATE_NEXT, OFFER_NEXT, week)
    return _accepted(staff, following, ACCEPT_NEXT.at(week)) if following is not None else None


def past_cycle_let(staff: Staff, adverts: list[Advert], week: DemoWeek) -> list[Let]:
    """Every home of last week's cycle let: the first with two or more bidders placed after a
    bypass, the next after a refusal, the rest to the first bidder."""
    lets: list[Let | None] = []
    worked = {"bypass": False, "refusal": False}
    for advert in adverts:
        twice = placed_count(advert) >= 2
        if twice and not worked["bypass"]:
            worked["bypass"] = True
            lets.append(let_after_bypass(staff, advert, week))
        elif twice and not worked["refusal"]:
            worked["refusal"] = True
            lets.append(let_after_refusal(staff, advert, week))
        else:
            lets.append(let_straight(staff, advert, week))
    return [let for let in lets if let is not None]
