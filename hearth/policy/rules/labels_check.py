"""An advert's age and mobility labels checked against each other, the home's size and the
council's policy. Pure: no ORM.

One check for both places a label is chosen: the landlord's advert (`hearth.lettings`) and the
policy officer's shortlist preview. A label refused on one is refused on the other, so a preview
never ranks an advert that could not be published. Problems are by field name, as the forms
name them.
"""

from __future__ import annotations

from collections.abc import Sequence

from hearth.policy.rules.document import MOBILITY_LABEL_USES
from hearth.policy.rules.facts import ASSESSED_MOBILITY
from hearth.policy.rules.labels import AGE_APPLIES_TO

MIN_AGE_LOWEST, MIN_AGE_HIGHEST = 16, 100
# A family home: an age limit on it would keep out the families it was built for.
FAMILY_HOME_BEDROOMS = 2
MOBILITY_NEEDS = ("", *ASSESSED_MOBILITY)  # "": any household


def age_label_problems(
    *,
    minimum: int | None,
    maximum: int | None,
    applies_to: str,
    bedrooms: int,
    older_persons: bool,
) -> dict[str, str]:
    """What is wrong with an age label (None: no limit at that end) on a home with `bedrooms`."""
    problems: dict[str, str] = {}
    if minimum is not None:
        if not MIN_AGE_LOWEST <= minimum <= MIN_AGE_HIGHEST:
            problems["minimum_age"] = (
                f"Enter the minimum age as a number from {MIN_AGE_LOWEST} to {MIN_AGE_HIGHEST}"
            )
        elif bedrooms >= FAMILY_HOME_BEDROOMS and not older_persons:
            problems["minimum_age"] = (
                "An age limit is for older persons' homes. This home has "
                f"{bedrooms} bedrooms, so it is a family home: remove the age limit, or "
                "change the home to say it is older persons' housing"
            )
    if maximum is not None:
        if not MIN_AGE_LOWEST <= maximum <= MIN_AGE_HIGHEST:
            problems["maximum_age"] = (
                f"Enter the maximum age as a number from {MIN_AGE_LOWEST} to {MIN_AGE_HIGHEST}"
            )
        elif minimum is not None and maximum < minimum:
            problems["maximum_age"] = (
                f"The maximum age ({maximum}) must not be less than the minimum age ({minimum})"
            )
        elif bedrooms >= FAMILY_HOME_BEDROOMS:
            problems["maximum_age"] = (
                "A maximum age is for young people's homes, with one bedroom or none. This "
                f"home has {bedrooms} bedrooms, so it is a family home: remove the maximum "
                "age"
            )
    if applies_to not in AGE_APPLIES_TO:
        problems["age_applies_to"] = "Select whose age counts"
    return problems


def mobility_label_problems(
    *, need: str, use: str, allowed: Sequence[str] = MOBILITY_LABEL_USES
) -> dict[str, str]:
    """What is wrong with a mobility label (`need` "" for any household) used as `use`, under a
    policy allowing the uses `allowed` (its `shortlist.mobility_labels`)."""
    if need not in MOBILITY_NEEDS:
        return {"mobility_need": "Select which households the home is for by mobility need"}
    if use not in MOBILITY_LABEL_USES:
        return {"mobility_use": "Select whether only these households may bid, or they come first"}
    if need and use not in allowed:
        return {
            "mobility_use": "The council's allocation policy does not allow a mobility label to "
            "be used this way: choose another"
        }
    return {}
