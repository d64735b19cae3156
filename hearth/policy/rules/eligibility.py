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
from dataclasses import dataclass, fields

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# What the bidder failed, in the order they are checked.
NOT_QUALIFYING = "not_qualifying"
OTHER_POLICY = "other_policy"  # assessed under another council's policy only
UNDER_OFFER = "under_offer"  # under offer, or nominated and awaiting a decision, elsewhere
POLICY_REFUSAL = "policy_refusal"  # one of the policy's `bidding.refusals`
BEDROOMS = "bedrooms"
AGE_UNKNOWN = "age_unknown"  # an age label, and no lead applicant's date of birth on record
AGE = "age"
MOBILITY = "mobility"  # a mobility label used as a filter, and no matching assessed need
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
    minimum_age: int = 0  # AGE, AGE_UNKNOWN (0: no limit at that end)
    maximum_age: int = 0
    age_applies_to: str = "applicant"  # whose age counts (`hearth.policy.rules.labels`)
    mobility_need: str = ""  # MOBILITY: the label, and what the household was assessed as
    assessed_mobility: str = ""
    text: str = ""  # POLICY_REFUSAL: the policy's own words

    def facts(self) -> dict[str, str | int | list[str]]:
        """What the refusal was measured on, as plain values to keep beside its code (a
        shortlist entry's): only the fields that differ from their defaults. `Refusal.of` reads
        them back, so the applicant's words can be made again later without the sentence."""
        found: dict[str, str | int | list[str]] = {}
        for name, default in _FACT_DEFAULTS.items():
            value = getattr(self, name)
            if value != default:
                found[name] = list(value) if isinstance(value, tuple) else value
        return found

    @classmethod
    def of(cls, code: str, facts: Mapping[str, object]) -> Refusal:
        """The refusal `code` measured on `facts` (as `facts()` gave them; anything else in
        them, or of the wrong kind, is left at its default)."""

        def number(name: str) -> int:
            value = facts.get(name)
            return value if isinstance(value, int) and not isinstance(value, bool) else 0

        def words(name: str, default: str = "") -> str:
            value = facts.get(name)
            return value if isinstance(value, str) else default

        councils = facts.get("councils")
        return cls(
            code,
            councils=tuple(str(c) for c in councils) if isinstance(councils, list) else (),
            bedroom_need=number("bedroom_need"),
            lowest=number("lowest"),
            highest=number("highest"),
            minimum_age=number("minimum_age"),
            maximum_age=number("maximum_age"),
            age_applies_to=words("age_applies_to", "applicant"),
            mobility_need=words("mobility_need"),
            assessed_mobility=words("assessed_mobility"),
            text=words("text"),
        )

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
                    f"this home is for people {self._limit}, and no lead applicant's date of "
                    "birth is on record"
                )
            case "age":
                return f"this home is for people {self._limit}{self._whose}"
            case "mobility":
                assessed = self.assessed_mobility
                return (
                    f"assessed mobility need: {f'mobility {assessed}' if assessed else 'none'}; "
                    f"this home is only for households assessed as needing "
                    f"{MOBILITY_HOMES.get(self.mobility_need, self.mobility_need)}"
                )
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
                    "This home is for people %(limit)s. We do not have your date of birth: "
                    "contact the council to add it."
                ) % {"limit": self._limit}
            case "age":
                return self._age_applicant()
            case "mobility":
                return self._mobility_applicant()
            case "no_connection_council":
                return _("This home is for households with a local connection to %(council)s.") % {
                    "council": council
                }
            case "no_connection_partners":
                return _("This home is for households with a local connection to %(councils)s.") % {
                    "councils": either_of([_name(code, names) for code in self.councils])
                }
        raise ValueError(f"unknown refusal {self.code!r}")

    @property
    def _limit(self) -> str:
        """The age label: "aged 55 or over", "aged 25 or under", "aged 16 to 25"."""
        return age_limit(self.minimum_age, self.maximum_age)

    @property
    def _whose(self) -> str:
        return {
            "applicant_or_partner": " (the lead applicant or their partner)",
            "every_adult": " (every adult in the household)",
        }.get(self.age_applies_to, "")

    def _age_applicant(self) -> str:
        if self.age_applies_to == "applicant_or_partner":
            text = _("This home is for households where you or your partner are %(limit)s.")
        elif self.age_applies_to == "every_adult":
            text = _("This home is for households where every adult is %(limit)s.")
        else:
            text = _("This home is for people %(limit)s.")
        return text % {"limit": self._limit}

    def _mobility_applicant(self) -> str:
        needing = MOBILITY_HOMES.get(self.mobility_need, self.mobility_need)
        first = _("This home is only for households assessed as needing %(home)s.") % {
            "home": needing
        }
        if not self.assessed_mobility:
            return (
                first
                + " "
                + _(
                    "Your household has not been assessed as needing an accessible home. Contact "
                    "the council if you think it does."
                )
            )
        assessed = _("Your household is assessed as needing a mobility %(need)s home.")
        return first + " " + assessed % {"need": self.assessed_mobility}


# Every field but the code, with its default: what `Refusal.facts` keeps.
_FACT_DEFAULTS = {field.name: field.default for field in fields(Refusal) if field.name != "code"}


# The homes a mobility label is for, by the label (the advert's `mobility_need`).
MOBILITY_HOMES = {
    "1": gettext_lazy("a wheelchair home (mobility 1)"),
    "2": gettext_lazy("a mobility 1 or 2 home"),
    "3": gettext_lazy("a mobility home (1, 2 or 3)"),
}


def age_limit(minimum: int, maximum: int) -> str:
    """An age label in words: "aged 55 or over", "aged 25 or under", "aged 16 to 25"."""
    if minimum and maximum:
        return _("aged %(low)d to %(high)d") % {"low": minimum, "high": maximum}
    if maximum:
        return _("aged %(age)d or under") % {"age": maximum}
    return _("aged %(age)d or over") % {"age": minimum}


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
