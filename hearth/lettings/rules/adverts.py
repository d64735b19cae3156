"""An advert's labels checked against each other and against its home, its reference, and
which councils advertise homes at all. Pure: no ORM.

Labels that contradict each other or the home (the smallest bedroom need above the largest, an
age limit on a family home, households needing more bedrooms than the home has, a date already
past) would publish a promise the shortlist cannot keep, so they are refused with the field
named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from hearth.core.access.roles import CouncilStatus
from hearth.lettings.models.adverts import (
    AdvertStatus,
    AgeAppliesTo,
    ConnectionScope,
    LabelUse,
    MobilityNeed,
    Pets,
)

# The age limits and the family home, shared with the policy preview's check of the same labels.
from hearth.policy.rules.labels_check import FAMILY_HOME_BEDROOMS as FAMILY_HOME_BEDROOMS
from hearth.policy.rules.labels_check import MIN_AGE_HIGHEST as MIN_AGE_HIGHEST
from hearth.policy.rules.labels_check import MIN_AGE_LOWEST as MIN_AGE_LOWEST
from hearth.policy.rules.labels_check import age_label_problems, mobility_label_problems

# An advert in one of these is still open: its home cannot be advertised again until it ends
# (the database's lettings_advert_one_open_per_home says the same).
OPEN_STATUSES = (
    AdvertStatus.DRAFT,
    AdvertStatus.SUBMITTED,
    AdvertStatus.RETURNED,
    AdvertStatus.APPROVED,
    AdvertStatus.LIVE,
    AdvertStatus.CLOSED,
)
# A landlord may take down an advert up to the moment its cycle closes; after that the
# shortlist is worked to a letting.
WITHDRAWABLE_STATUSES = (
    AdvertStatus.DRAFT,
    AdvertStatus.SUBMITTED,
    AdvertStatus.RETURNED,
    AdvertStatus.APPROVED,
    AdvertStatus.LIVE,
)
# Once the council has it, or it is published, the home's details are the advert's promise.
HOME_LOCKED_STATUSES = (
    AdvertStatus.SUBMITTED,
    AdvertStatus.APPROVED,
    AdvertStatus.LIVE,
    AdvertStatus.CLOSED,
)
TEXT_MAX = 2000
REASON_MAX = 1000
# The age an older persons' home is usually for, offered when a landlord advertises one.
OLDER_PERSONS_AGE = 55
MAX_BEDROOM_NEED = 10


@dataclass(frozen=True)
class AdvertLabels:
    """What the landlord says about who the home is for and how to see it."""

    min_bedroom_need: int
    max_bedroom_need: int
    minimum_age: int | None
    connection_scope: str
    lettings_plan: str
    preference_text: str
    pets: str
    viewing_text: str
    description: str
    available_from: dt.date | None
    maximum_age: int | None = None
    age_applies_to: str = AgeAppliesTo.APPLICANT
    mobility_need: str = ""  # a `MobilityNeed`: the assessed need the home is for
    mobility_use: str = LabelUse.FILTER

    def as_fields(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class HomeFacts:
    """What the labels are checked against."""

    bedrooms: int
    older_persons: bool
    mobility: str = "general"  # the home's mobility category (`MobilityCategory`)


def bedrooms_needed_at_most(home: HomeFacts) -> int:
    """The most bedrooms a household may need to be offered the home (a bedsit or studio, with
    no separate bedroom, is for a household that needs one)."""
    return max(home.bedrooms, 1)


def default_labels(home: HomeFacts) -> dict[str, Any]:
    """What the advert form starts with for `home`."""
    return {
        "min_bedroom_need": bedrooms_needed_at_most(home),
        "max_bedroom_need": bedrooms_needed_at_most(home),
        "minimum_age": OLDER_PERSONS_AGE if home.older_persons else None,
        "connection_scope": ConnectionScope.COUNCIL,
        # An accessible home goes first to households assessed as needing it: as a filter it
        # would leave it empty until every such household had been assessed.
        "mobility_need": home.mobility if home.mobility in MobilityNeed.values else "",
        "mobility_use": LabelUse.PRIORITY,
    }


def label_problems(
    labels: AdvertLabels,
    *,
    home: HomeFacts,
    plans: tuple[str, ...],
    today: dt.date,
    mobility_uses: tuple[str, ...] = tuple(LabelUse.values),
) -> dict[str, str]:
    """What is wrong with `labels` for `home`, by field. `plans` are the codes of the local
    lettings plans in the advertising council's policy in force; `mobility_uses` the uses of a
    mobility label it allows."""
    problems: dict[str, str] = {}
    most = bedrooms_needed_at_most(home)
    smallest, largest = labels.min_bedroom_need, labels.max_bedroom_need
    if not 1 <= smallest <= MAX_BEDROOM_NEED:
        problems["min_bedroom_need"] = (
            f"Enter the smallest bedroom need as a number from 1 to {MAX_BEDROOM_NEED}"
        )
    if not 1 <= largest <= MAX_BEDROOM_NEED:
        problems["max_bedroom_need"] = (
            f"Enter the largest bedroom need as a number from 1 to {MAX_BEDROOM_NEED}"
        )
    if not problems:
        if smallest > largest:
            problems["min_bedroom_need"] = (
                f"The smallest bedroom need ({smallest}) must not be more than the largest "
                f"({largest})"
            )
        elif largest > most:
            problems["max_bedroom_need"] = (
                f"The home has {most} bedroom{'s' if most != 1 else ''}: it cannot be for "
                f"households that need {largest}. Enter {most} or fewer"
            )
    problems.update(
        age_label_problems(
            minimum=labels.minimum_age,
            maximum=labels.maximum_age,
            applies_to=labels.age_applies_to,
            bedrooms=home.bedrooms,
            older_persons=home.older_persons,
        )
    )
    problems.update(_mobility_problems(labels, home, mobility_uses))
    if labels.connection_scope not in ConnectionScope.values:
        problems["connection_scope"] = "Select who needs a local connection"
    if labels.lettings_plan and labels.lettings_plan not in plans:
        problems["lettings_plan"] = "Select one of the council's local lettings plans, or none"
    elif labels.connection_scope == ConnectionScope.PLAN and not labels.lettings_plan:
        problems["lettings_plan"] = (
            "Select the local lettings plan whose area bidders need a connection to, or choose "
            "another local connection"
        )
    if labels.pets not in Pets.values:
        problems["pets"] = "Select whether pets are allowed"
    for field, what in (
        ("preference_text", "who is preferred"),
        ("viewing_text", "the viewing arrangements"),
        ("description", "the description"),
    ):
        if len(getattr(labels, field)) > TEXT_MAX:
            problems[field] = f"Write {what} in {TEXT_MAX} characters or fewer"
    if labels.available_from is not None and labels.available_from < today:
        problems["available_from"] = (
            "The date the home is available from must be today or in the future"
        )
    return problems


def _mobility_problems(
    labels: AdvertLabels, home: HomeFacts, mobility_uses: tuple[str, ...]
) -> dict[str, str]:
    """A mobility label used as the policy allows, and fitting the home: it cannot be for
    households needing a more accessible home than this one is."""
    need = labels.mobility_need
    found = mobility_label_problems(need=need, use=labels.mobility_use, allowed=mobility_uses)
    if "mobility_need" in found or labels.mobility_use not in LabelUse.values:
        return found  # the label itself is wrong: how it fits the home cannot be judged
    return found | _mobility_fit(need, home)


def _mobility_fit(need: str, home: HomeFacts) -> dict[str, str]:
    if need and home.mobility not in MobilityNeed.values:
        return {
            "mobility_need": (
                "This home is general needs, not in a mobility category: choose any household, "
                "or change the home's mobility category"
            )
        }
    if need and int(need) < int(home.mobility):
        return {
            "mobility_need": (
                f"This home is mobility {home.mobility}: it cannot be for households needing a "
                f"more accessible home. Choose mobility {home.mobility} or any household"
            )
        }
    return {}


def council_advertises(council_status: str, policy_lettings: str | None) -> bool:
    """Whether a council's homes are advertised: it is live on choice-based lettings and its
    policy in force (if any) does not match homes to households directly."""
    return council_status == CouncilStatus.LIVE_CBL and policy_lettings != "direct_match"


def reference_prefix(council_slug: str) -> str:
    """The first letters of the council's name ("MC" for marshvale-city, "EA" for eastmere)."""
    words = [w for w in council_slug.split("-") if w]
    if len(words) > 1:
        return "".join(w[0] for w in words[:3]).upper()
    return (words[0][:2] if words else "AD").upper()


def advert_reference(prefix: str, number: int) -> str:
    """An advert's reference, such as "MC-A00042": the council's letters, A for advert, and
    a number counting that council's adverts."""
    return f"{prefix}-A{number:05d}"


def reference_number(reference: str) -> int | None:
    """The number at the end of an advert reference, or None if it has none."""
    tail = reference.rsplit("-A", 1)[-1]
    return int(tail) if "-A" in reference and tail.isdigit() else None
