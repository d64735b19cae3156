"""What has become of a bid, in plain English, for the applicant's "My bids" page.

Pure: the caller reads the bid's status, whether its cycle still takes bids, and its entry on
the shortlist made at the close (if any).

A shortlist records why a bidder was excluded in officers' words ("needs 3 bedrooms; this home
is for households needing 2 to 2"); the applicant never reads those. `excluded_text` words the
same reason for them, as "Can I bid?" would have (`Refusal.applicant`), and a reason it does not
know gets a plain sentence that sends them to the council, never the officers' words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hearth.lettings.rules.labels_text import ordinal
from hearth.policy.rules.eligibility import (
    AGE,
    AGE_UNKNOWN,
    BEDROOMS,
    NO_CONNECTION_COUNCIL,
    NO_CONNECTION_PARTNERS,
    NOT_QUALIFYING,
    OTHER_POLICY,
    UNDER_OFFER,
    Refusal,
)

LIVE, WITHDRAWN, SUCCESSFUL, UNSUCCESSFUL = "live", "withdrawn", "successful", "unsuccessful"
PLACED, EXCLUDED, BYPASSED = "placed", "excluded", "bypassed"


@dataclass(frozen=True, slots=True)
class ShortlistPlace:
    """The bid's entry on its advert's shortlist."""

    status: str  # placed | excluded | bypassed
    position: int | None = None
    reason: str = ""  # why excluded, in the shortlist's (officers') words
    bypass_reason: str = ""  # why passed over, as the applicant is told
    # The advertising council, for reasons that name it: its code and its name.
    council_code: str = ""
    council_name: str = ""


def bid_outcome_text(
    *,
    status: str,
    taking_bids: bool,
    withdrawn_at: dt.datetime | None = None,
    place: ShortlistPlace | None = None,
    matched: bool = False,
) -> str:
    """The outcome so far of a bid whose cycle no longer takes bids, or of a withdrawn one
    ("" for a live bid while bidding is open: its queue position says more). `matched`: not a
    bid of theirs but an officer's choice of the household from a home's match list."""
    if matched:
        return _matched_text(status)
    if status == WITHDRAWN:
        if withdrawn_at is None:
            return _("You withdrew this bid.")
        return _("You withdrew this bid on %(date)s.") % {
            "date": f"{withdrawn_at.day} {withdrawn_at:%B %Y}"
        }
    if status == SUCCESSFUL:
        return _("Your bid was successful: you were offered this home.")
    if status == LIVE and taking_bids:
        return ""
    where = _shortlist_text(place)
    if status == UNSUCCESSFUL:
        return " ".join(filter(None, [_("Your bid was not successful."), where]))
    return " ".join(
        [_("Bidding has closed."), where or _("The shortlist is being made. Check back soon.")]
    )


def _shortlist_text(place: ShortlistPlace | None) -> str:
    if place is None:
        return ""
    if place.status == PLACED and place.position is not None:
        return _("You were %(position)s on the shortlist.") % {"position": ordinal(place.position)}
    if place.status == BYPASSED:
        if place.bypass_reason:
            return _("You were passed over. %(reason)s") % {"reason": place.bypass_reason}
        return _("You were passed over.")
    if place.status == EXCLUDED:
        return " ".join(
            [
                _("You could not be shortlisted."),
                excluded_text(
                    place.reason, council_code=place.council_code, council_name=place.council_name
                ),
            ]
        )
    return ""


def _matched_text(status: str) -> str:
    if status == SUCCESSFUL:
        return _("The council chose you for this home from its list of households it suits.")
    if status == LIVE:
        return _(
            "The council chose you for this home from its list of households it suits, and put "
            "you forward to the landlord."
        )
    return _("The council chose you for this home, but it was not let to you.")


# The officers' words for refusals measured on numbers (see `Refusal.officer`).
_BEDROOMS = re.compile(r"needs (\d+) bedrooms; this home is for households needing (\d+) to (\d+)")
_AGE_UNKNOWN = re.compile(
    r"this home is for people aged (\d+) or over, and no lead applicant's date of birth is on "
    r"record"
)
_AGE = re.compile(r"this home is for people aged (\d+) or over")
# Refusals whose officers' words never change.
_WORDED_ALIKE = (NOT_QUALIFYING, OTHER_POLICY, UNDER_OFFER, NO_CONNECTION_COUNCIL)
# The shortlist's words for a bidder with no assessment to rank on.
NOT_ASSESSED_AT_CLOSE = "no assessment on record at the close"


def excluded_text(reason: str, *, council_code: str = "", council_name: str = "") -> str:
    """Why a bidder was excluded from a shortlist, as the applicant reads it: the shortlist's
    `reason` (officers' words) worded for them. The advertising council's code and name fill in
    reasons that name it."""
    names = {council_code: council_name} if council_code and council_name else {}
    councils = (council_code,) if council_code else ()
    refusal = _refusal_of(reason.strip(), councils)
    if refusal is not None:
        return refusal.applicant(names)
    council = council_name or _("the council")
    if reason.strip() == Refusal(NO_CONNECTION_PARTNERS).officer:
        return _(
            "This home is for households with a local connection to one of the councils in the "
            "partnership."
        )
    if reason.strip() == NOT_ASSESSED_AT_CLOSE:
        return _("Your application had not been assessed when bidding closed.")
    return _(
        "Your household did not meet this home's conditions under %(council)s's allocation "
        "policy. Contact the council if you would like to know more."
    ) % {"council": council}


def _refusal_of(reason: str, councils: tuple[str, ...]) -> Refusal | None:
    """The refusal the officers' words `reason` were made from (None: not one of them)."""
    for code in _WORDED_ALIKE:
        if reason == Refusal(code).officer:
            return Refusal(code, councils)
    if found := _BEDROOMS.fullmatch(reason):
        need, lowest, highest = (int(number) for number in found.groups())
        return Refusal(BEDROOMS, councils, bedroom_need=need, lowest=lowest, highest=highest)
    if found := _AGE_UNKNOWN.fullmatch(reason):
        return Refusal(AGE_UNKNOWN, councils, minimum_age=int(found.group(1)))
    if found := _AGE.fullmatch(reason):
        return Refusal(AGE, councils, minimum_age=int(found.group(1)))
    return None
