"""Why a bidder may not bid for a home: one decision, phrased for officers and for applicants.

`hearth.policy.rules.rank.eligibility_check` decides, for a shortlist and for an applicant
asking "Can I bid?" alike: it answers None when the bidder may bid for the home, else a
`Refusal` — which label the bidder failed and the numbers and councils it failed on. Neither
reader decides again; each only words the same refusal:

- `Refusal.officer`, on a shortlist: "needs 3 bedrooms; this home is for households needing 2
  to 2";
- `Refusal.applicant(names)`, to the applicant: "This home is for households that need 2
  bedrooms. You need 3."

A refusal is a few fields and nothing else, so deciding stays cheap for a thousand bidders:
those that may bid get None, and a refusal that reads the same for every bidder is made once
per home.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# What the bidder failed, in the order they are checked.
NOT_QUALIFYING = "not_qualifying"
OTHER_POLICY = "other_policy"  # assessed under another council's policy only
UNDER_OFFER = "under_offer"  # under offer, or nominated and awaiting a decision, elsewhere
POLICY_REFUSAL = "policy_refusal"  # one of the policy's `bidding.refusals`
BEDROOMS = "bedrooms"
AGE_UNKNOWN = "age_unknown"  # an age label, and no lead applicant's date of birth on record
AGE = "age"
NO_CONNECTION_COUNCIL = "no_connection_council"
NO_CONNECTION_PARTNERS = "no_connection_partners"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a bidder may not bid: `code` (one of the names above) and what it was measured on."""

    code: str
    # The councils the home belongs to and may take a connection to: the advertising council
    # first, then (for a home open to any partner's connection) the partner councils.
    councils: tuple[str, ...] = ()
    bedroom_need: int = 0  # BEDROOMS: what the household needs
    lowest: int = 0  # BEDROOMS: the home's bedroom range
    highest: int = 0
    minimum_age: int = 0  # AGE, AGE_UNKNOWN
    text: str = ""  # POLICY_REFUSAL: the policy's own words

    @property
    def officer(self) -> str:
        """The reason as a shortlist shows it to officers."""
        match self.code:
            case "not_qualifying":
                return "not qualifying for the register"
            case "other_policy":
                return "not assessed under the advertising council's policy"
            case "under_offer":
                return "already under offer for another home"
            case "policy_refusal":
                return f"bid refused under the policy: {self.text}"
            case "bedrooms":
                return (
                    f"needs {self.bedroom_need} bedrooms; this home is for households needing "
                    f"{self.lowest} to {self.highest}"
                )
            case "age_unknown":
                return (
                    f"this home is for people aged {self.minimum_age} or over, and no lead "
                    "applicant's date of birth is on record"
                )
            case "age":
                return f"this home is for people aged {self.minimum_age} or over"
            case "no_connection_council":
                return "no local connection to the advertising council"
            case "no_connection_partners":
                return "no local connection to any partner council"
        raise ValueError(f"unknown refusal {self.code!r}")

    def applicant(self, names: Mapping[str, str] | None = None) -> str:
        """The reason as the applicant reads it, in plain English. `names` gives each
        council's name by its code (a council without one is called by its code)."""
        names = names or {}
        council = _name(self.councils[0], names) if self.councils else _("the council")
        match self.code:
            case "not_qualifying":
                return _(
                    "You do not qualify under %(council)s's allocation policy, so you cannot bid "
                    "for its homes."
                ) % {"council": council}
            case "other_policy":
                return _(
                    "You have not been assessed under %(council)s's allocation policy yet. "
                    "Contact the council to bid for this home."
                ) % {"council": council}
            case "under_offer":
                return _(
                    "You cannot bid while you have an offer of another home waiting for your "
                    "answer, or are being considered for one."
                )
            case "policy_refusal":
                return self.text
            case "bedrooms":
                return _("This home is for households that need %(range)s. You need %(need)d.") % {
                    "range": bedroom_range(self.lowest, self.highest),
                    "need": self.bedroom_need,
                }
            case "age_unknown":
                return _(
                    "This home is for people aged %(age)d or over. We do not have your date of "
                    "birth: contact the council to add it."
                ) % {"age": self.minimum_age}
            case "age":
                return _("This home is for people aged %(age)d or over.") % {
                    "age": self.minimum_age
                }
            case "no_connection_council":
                return _("This home is for households with a local connection to %(council)s.") % {
                    "council": council
                }
            case "no_connection_partners":
                return _("This home is for households with a local connection to %(councils)s.") % {
                    "councils": either_of([_name(code, names) for code in self.councils])
                }
        raise ValueError(f"unknown refusal {self.code!r}")


def _name(code: str, names: Mapping[str, str]) -> str:
    return names.get(code) or code


def bedroom_range(lowest: int, highest: int) -> str:
    """A bedroom range: "2 bedrooms", "1 or 2 bedrooms", "2 to 4 bedrooms", "1 bedroom"."""
    if lowest == highest:
        return ngettext("%(count)d bedroom", "%(count)d bedrooms", lowest) % {"count": lowest}
    if highest == lowest + 1:
        return _("%(lowest)d or %(highest)d bedrooms") % {"lowest": lowest, "highest": highest}
    return _("%(lowest)d to %(highest)d bedrooms") % {"lowest": lowest, "highest": highest}


def either_of(items: Sequence[str]) -> str:
    """Names joined as alternatives: "A", "A or B", "A, B or C"."""
    if len(items) <= 1:
        return "".join(items)
    return _("%(some)s or %(last)s") % {"some": ", ".join(items[:-1]), "last": items[-1]}
