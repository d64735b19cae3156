"""What has become of a bid, in plain English, for the applicant's "My bids" page.

Pure: the caller reads the bid's status, whether its cycle still takes bids, and its entry on
the shortlist made at the close (if any).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hearth.lettings.rules.labels_text import ordinal

LIVE, WITHDRAWN, SUCCESSFUL, UNSUCCESSFUL = "live", "withdrawn", "successful", "unsuccessful"
PLACED, EXCLUDED, BYPASSED = "placed", "excluded", "bypassed"


@dataclass(frozen=True, slots=True)
class ShortlistPlace:
    """The bid's entry on its advert's shortlist."""

    status: str  # placed | excluded | bypassed
    position: int | None = None
    reason: str = ""  # why excluded
    bypass_reason: str = ""  # why passed over, as the applicant is told


def bid_outcome_text(
    *,
    status: str,
    taking_bids: bool,
    withdrawn_at: dt.datetime | None = None,
    place: ShortlistPlace | None = None,
) -> str:
    """The outcome so far of a bid whose cycle no longer takes bids, or of a withdrawn one
    ("" for a live bid while bidding is open: its queue position says more)."""
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
        if place.reason:
            return _("You could not be shortlisted: %(reason)s.") % {"reason": place.reason}
        return _("You could not be shortlisted.")
    return ""
