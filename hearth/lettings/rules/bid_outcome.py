"""What has become of a bid, in plain English, for the applicant's "My bids" page.

Pure: the caller reads the bid's status, whether its cycle still takes bids, and its entry on
the shortlist made at the close (if any).

A shortlist keeps why a bidder was excluded twice: in officers' words ("needs 3 bedrooms; this
home is for households needing 2 to 2"), which the applicant never reads, and as data — the
refusal's code and what it was measured on (`Refusal.facts`). `excluded_text` words the reason
for the applicant from the data, as "Can I bid?" would have (`Refusal.applicant`); a reason
without a code gets a plain sentence that sends them to the council, never the officers' words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from hearth.lettings.rules.labels_text import ordinal
from hearth.policy.rules.eligibility import (
    AGE,
    AGE_UNKNOWN,
    BEDROOMS,
    MOBILITY,
    NO_CONNECTION_COUNCIL,
    NO_CONNECTION_PARTNERS,
    NOT_QUALIFYING,
    OTHER_POLICY,
    POLICY_REFUSAL,
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
    # Why excluded, as data: the refusal's code and what it was measured on.
    reason_code: str = ""
    reason_facts: Mapping[str, object] = field(default_factory=dict)
    bypass_reason: str = ""  # why passed over, as the applicant is told
    # The advertising council, for reasons that name it: its code and its name; and the names
    # of the scheme's councils by code, for a reason that names partner councils.
    council_code: str = ""
    council_name: str = ""
    council_names: Mapping[str, str] = field(default_factory=dict)


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
                    place.reason_code,
                    place.reason_facts,
                    council_code=place.council_code,
                    council_name=place.council_name,
                    names=place.council_names,
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


# The code of a shortlist entry for a bidder with no assessment to rank on at the close, and
# the shortlist's (officers') words for it.
NOT_ASSESSED = "not_assessed"
NOT_ASSESSED_AT_CLOSE = "no assessment on record at the close"
# Every refusal the engine makes (`hearth.policy.rules.eligibility`): each has applicant words.
REFUSAL_CODES = (
    NOT_QUALIFYING,
    OTHER_POLICY,
    UNDER_OFFER,
    POLICY_REFUSAL,
    BEDROOMS,
    AGE_UNKNOWN,
    AGE,
    MOBILITY,
    NO_CONNECTION_COUNCIL,
    NO_CONNECTION_PARTNERS,
)


def excluded_text(
    code: str,
    facts: Mapping[str, object] | None = None,
    *,
    council_code: str = "",
    council_name: str = "",
    names: Mapping[str, str] | None = None,
) -> str:
    """Why a bidder was excluded from a shortlist, as the applicant reads it: the refusal
    `code` measured on `facts` (a shortlist entry's). The advertising council's code and name,
    and the scheme's councils' `names` by code, fill in reasons that name councils."""
    council = council_name or _("the council")
    if code == NOT_ASSESSED:
        return _("Your application had not been assessed when bidding closed.")
    if code == UNDER_OFFER:
        # Said after the close: the offer may have been answered since.
        return _(
            "When bidding closed you had an offer of another home waiting for your answer, or "
            "were being considered for one, so you were not shortlisted for this home."
        )
    if code not in REFUSAL_CODES or (code == POLICY_REFUSAL and not (facts or {}).get("text")):
        return _(
            "Your household did not meet this home's conditions under %(council)s's allocation "
            "policy. Contact the council if you would like to know more."
        ) % {"council": council}
    refusal = Refusal.of(code, facts or {})
    known = dict(names or {})
    if council_code and council_name:
        known[council_code] = council_name
    if not refusal.councils and council_code:
        refusal = Refusal.of(code, {**(facts or {}), "councils": [council_code]})
    if code == NO_CONNECTION_PARTNERS and (
        len(refusal.councils) < 2 or any(c not in known for c in refusal.councils)
    ):
        return _(
            "This home is for households with a local connection to one of the councils in the "
            "partnership."
        )
    return refusal.applicant(known)
