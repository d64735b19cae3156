"""Direct lets from match lists: the pure rules (no database).

- Whether a home can be let directly now, from what its open advert (if any) is doing, and the
  reason in plain English when it cannot (`match_blocker`).
- The labels a home with no advert is matched on (`labels_of_home`): the household's bedroom
  need equal to the home's bedrooms, an age limit for older persons' housing, and the home's
  own mobility category (which the ranking engine reads from the home itself).
- The reference of an advert made for a direct let (`direct_reference`).
- The reasons households were left off a list, counted (`reasons_counted`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# Homes for older people are matched to lead applicants of this age or over, unless the
# landlord's advert says otherwise.
OLDER_PERSONS_MINIMUM_AGE = 60
# How many of the list's first places are kept with the choice, as the list stood.
TOP_KEPT = 50
REASON_MAX = 2000

# Advert statuses (as stored) that matter here.
_DRAFT, _SUBMITTED, _RETURNED, _APPROVED = "draft", "submitted", "returned", "approved"
_LIVE, _CLOSED = "live", "closed"
_DIRECT = "direct"
SWITCHABLE = frozenset({_SUBMITTED, _APPROVED})


@dataclass(frozen=True, slots=True)
class OpenAdvert:
    """What the home's open advert is doing, as far as a direct let cares."""

    reference: str
    status: str
    route: str
    offer_in_progress: bool  # nominated, offered, or accepted and being let


def match_blocker(advert: OpenAdvert | None) -> str:
    """Why the home cannot be let directly now ("" when it can): a home with no open advert
    gets one; an approved or submitted advert is switched to a direct let; a direct let whose
    last offer was refused or withdrawn is matched again."""
    if advert is None:
        return ""
    if advert.offer_in_progress:
        return (
            f"This home is already under offer ({advert.reference}). Wait for the answer, or "
            "withdraw the offer, before choosing another household."
        )
    if advert.status in SWITCHABLE or (advert.status == _CLOSED and advert.route == _DIRECT):
        return ""
    if advert.status == _LIVE:
        return (
            f"This home is advertised in the current bidding cycle ({advert.reference}). It is "
            "offered from its shortlist when the cycle closes."
        )
    if advert.status == _CLOSED:
        return (
            f"This home has a shortlist from its bidding cycle ({advert.reference}). Offer it "
            "from the shortlist."
        )
    if advert.status in (_DRAFT, _RETURNED):
        return (
            f"The landlord has not finished this home's advert ({advert.reference}). Ask them to "
            "send it for approval or withdraw it."
        )
    return f"This home's advert ({advert.reference}) cannot be let directly."


@dataclass(frozen=True, slots=True)
class Labels:
    min_bedroom_need: int
    max_bedroom_need: int
    minimum_age: int | None
    mobility_need: str  # "" for any household, else the most accessible category the home is


def labels_of_home(*, bedrooms: int, mobility: str, older_persons: bool) -> Labels:
    """The labels a home with no advert is matched on. A bedsit (no separate bedroom) suits a
    household needing one bedroom."""
    need = max(bedrooms, 1)
    return Labels(
        min_bedroom_need=need,
        max_bedroom_need=need,
        minimum_age=OLDER_PERSONS_MINIMUM_AGE if older_persons else None,
        mobility_need="" if mobility in ("", "general") else mobility,
    )


def reference_prefix(council_slug: str) -> str:
    """The council's letters: the first letter of each word of its slug ("MC" for
    marshvale-city), or the first two letters of a one-word slug ("EA" for eastmere)."""
    words = [word for word in council_slug.split("-") if word]
    if len(words) > 1:
        return "".join(word[0] for word in words[:3]).upper()
    return (words[0][:2] if words else "DL").upper()


def direct_reference(prefix: str, number: int) -> str:
    """The reference of an advert made for a direct let, such as "KB-D00012": D for direct, so
    it never takes a number a landlord's advert would."""
    return f"{prefix}-D{number:05d}"


def reference_number(reference: str) -> int | None:
    tail = reference.rsplit("-D", 1)[-1]
    return int(tail) if "-D" in reference and tail.isdigit() else None


def reasons_counted(reasons: Iterable[str]) -> list[tuple[str, int]]:
    """Each reason with how many households it left off, the commonest first."""
    counted = Counter(reasons)
    return sorted(counted.items(), key=lambda item: (-item[1], item[0]))
