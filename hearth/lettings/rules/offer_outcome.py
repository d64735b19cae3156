"""Where an offer of a home stands and what happens next, in plain English for the applicant.

Pure: the caller reads the offer's status, dates and who refused it. The applicant is never
shown what officers wrote (a refusal's or a withdrawal's reason, the consequence as officers
read it): only what follows for them. What a counted refusal did to their application is in
the message the refusal sent (`register/messages/offer_refused.txt`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

NOMINATED, OFFERED, ACCEPTED, REFUSED, WITHDRAWN = (
    "nominated",
    "offered",
    "accepted",
    "refused",
    "withdrawn",
)
BY_LANDLORD = "landlord"


@dataclass(frozen=True, slots=True)
class OfferFacts:
    """What the applicant's view of an offer depends on."""

    status: str  # nominated | offered | accepted | refused | withdrawn
    landlord: str  # the landlord's name
    today: dt.date
    respond_by: dt.date | None = None
    tenancy_starts_on: dt.date | None = None
    was_offered: bool = False  # the landlord made the offer (not only a nomination)
    refused_by: str = ""  # applicant | landlord
    refusal_counts: bool = False


@dataclass(frozen=True, slots=True)
class OfferNews:
    headline: str  # where the offer stands, one sentence
    next_steps: str  # what happens next
    colour: str  # of its status tag
    tag: str  # the status tag's words


def day_text(day: dt.date) -> str:
    """A day as the applicant reads it: Thursday 17 December 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def offer_news(facts: OfferFacts) -> OfferNews:
    landlord = facts.landlord
    keep_bidding = _("You can keep bidding for other homes.")
    if facts.status == NOMINATED:
        return OfferNews(
            _("You have been put forward to %(landlord)s for this home.") % {"landlord": landlord},
            _(
                "%(landlord)s will contact you to arrange a viewing and check your details. This "
                "is not an offer yet: we will tell you if they offer you the home."
            )
            % {"landlord": landlord},
            "blue",
            _("Put forward"),
        )
    if facts.status == OFFERED:
        return OfferNews(
            _("%(landlord)s has offered you this home.") % {"landlord": landlord},
            _answer_text(facts),
            "yellow",
            _("Offered: answer needed"),
        )
    if facts.status == ACCEPTED:
        starts = (
            _("Your tenancy starts on %(day)s.") % {"day": day_text(facts.tenancy_starts_on)}
            if facts.tenancy_starts_on is not None
            else ""
        )
        then = _("%(landlord)s will contact you about signing your tenancy and moving in.") % {
            "landlord": landlord
        }
        return OfferNews(
            _("You accepted this home."),
            " ".join(filter(None, [starts, then])),
            "green",
            _("Accepted"),
        )
    if facts.status == REFUSED:
        if facts.refused_by == BY_LANDLORD:
            return OfferNews(
                _("%(landlord)s decided not to let you this home.") % {"landlord": landlord},
                " ".join([_("This does not count against you."), keep_bidding]),
                "grey",
                _("Not going ahead"),
            )
        if facts.refusal_counts:
            return OfferNews(
                _("You refused this offer."),
                _(
                    "It counts as refusing a suitable offer under the council's allocation "
                    "policy. The message we sent you says what this means for your application."
                ),
                "grey",
                _("Refused"),
            )
        return OfferNews(
            _("You refused this offer."),
            " ".join([_("This refusal does not count against you."), keep_bidding]),
            "grey",
            _("Refused"),
        )
    headline = (
        _("The offer of this home was withdrawn.")
        if facts.was_offered
        else _("Your nomination for this home was withdrawn.")
    )
    return OfferNews(
        headline,
        " ".join([_("This does not count against you."), keep_bidding]),
        "grey",
        _("Withdrawn"),
    )


def _answer_text(facts: OfferFacts) -> str:
    landlord = facts.landlord
    if facts.respond_by is None:
        return _("Tell %(landlord)s whether you accept the offer as soon as you can.") % {
            "landlord": landlord
        }
    day = day_text(facts.respond_by)
    if facts.today > facts.respond_by:
        return _(
            "The time to answer ended on %(day)s. If you have not told %(landlord)s your "
            "answer, contact them today."
        ) % {"day": day, "landlord": landlord}
    return _(
        "View the home, then tell %(landlord)s whether you accept it by the end of %(day)s. "
        "You cannot bid for other homes while this offer is waiting for your answer."
    ) % {"day": day, "landlord": landlord}
