"""An advert's mobility and age labels, measured against one household. Pure: no ORM.

A mobility label names the most accessible home a household must be assessed as needing to
count: "2" is for households assessed as needing a mobility 1 or 2 home. The advert uses it as
a filter (only those households may bid) or as a priority group (those households first, then
everyone else in the usual order): `hearth.policy.rules.rank` applies both.

An age label says whose age counts: the lead applicant's, the lead applicant's or their
partner's (either of them will do), or every adult's (all of them must).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hearth.policy.rules.facts import (
    ASSESSED_MOBILITY,
    HouseholdFacts,
    PersonFacts,
    age_on,
    ages_on,
)
from hearth.policy.rules.rank_wording import MOBILITY_LABEL

_T = TypeVar("_T")
_Row = TypeVar("_Row", bound=tuple[Any, ...])

FILTER, PRIORITY = "filter", "priority"
APPLICANT, APPLICANT_OR_PARTNER, EVERY_ADULT = "applicant", "applicant_or_partner", "every_adult"
AGE_APPLIES_TO = (APPLICANT, APPLICANT_OR_PARTNER, EVERY_ADULT)
# Whose age an every-adult label counts: the age of legal adulthood, whatever the policy's
# bedroom standard calls an adult.
ADULT_AGE = 18
# Who counts as the lead applicant's partner when no partner is linked to them.
_PARTNERS = frozenset({"partner", "joint"})


def mobility_matches(assessed: str, label: str) -> bool:
    """Whether a household assessed as needing `assessed` is among those `label` is for (a
    household needing a wheelchair home, "1", is among those needing "1 or 2")."""
    if label not in ASSESSED_MOBILITY or assessed not in ASSESSED_MOBILITY:
        return False
    return int(assessed) <= int(label)


def mobility_shown(assessed: str) -> str:
    """A household's assessed mobility need, as a shortlist shows it."""
    return f"mobility {assessed}" if assessed in ASSESSED_MOBILITY else "none assessed"


def age_within(age: int, minimum: int, maximum: int) -> bool:
    """`age` meets a label from `minimum` to `maximum` (0: no limit at that end)."""
    return (not minimum or age >= minimum) and (not maximum or age <= maximum)


def counted_people(household: HouseholdFacts, whose: str, on_date: dt.date) -> list[int]:
    """The ages an age label counts: the lead applicant's, the lead's and their partner's, or
    every adult's (the lead's alone when nobody is an adult yet)."""
    people = household.members
    if not people:
        return []
    lead = household.lead
    if whose == APPLICANT_OR_PARTNER:
        chosen: Sequence[PersonFacts] = [lead, *(p for p in people if _partner_of(lead, p))]
    elif whose == EVERY_ADULT:
        ages = ages_on(people, on_date)
        adults = [age for age in ages if age >= ADULT_AGE]
        return adults or ages_on([lead], on_date)
    else:
        chosen = [lead]
    return ages_on(chosen, on_date)


def _partner_of(lead: PersonFacts, person: PersonFacts) -> bool:
    if person is lead:
        return False
    if lead.partner_id is not None:
        return person.person_id == lead.partner_id
    return person.relationship in _PARTNERS


def ages_meet(ages: Sequence[int], whose: str, minimum: int, maximum: int) -> bool:
    """Whether the ages `counted_people` found meet the label: any of the lead and partner,
    every adult, or the lead applicant."""
    if not ages:
        return False
    met = [age_within(age, minimum, maximum) for age in ages]
    return all(met) if whose == EVERY_ADULT else any(met)


def ages_of(
    whose: str,
    lead_born: dt.date | None,
    bidder: _T,
    household: Callable[[_T], HouseholdFacts],
    on_date: dt.date,
) -> list[int] | None:
    """The ages an age label counts for `bidder`: the lead applicant's from the stored date of
    birth (None when there is none), else from `household(bidder)`, its full facts."""
    if whose == APPLICANT:
        return None if lead_born is None else [age_on(lead_born, on_date)]
    return counted_people(household(bidder), whose, on_date)


def use_refused(allowed: Sequence[str], need: str, use: str) -> str:
    """Why a mobility label used as `use` is not applied under a policy allowing `allowed`
    uses, for the shortlist's problems ("" when it is applied, or there is no label)."""
    if not need or use in allowed:
        return ""
    what = "a priority group" if use == PRIORITY else "a filter"
    return (
        f"this policy does not allow a mobility label used as {what}; bids were ranked without it"
    )


def priority_first(
    need: str, assessed: Sequence[str], values: list[_Row], shown: list[_Row]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """An advert's priority group before everything else: the households whose `assessed`
    mobility need matches the label `need` first, then everyone else, each part in the order
    `values` already gives; `shown` gains what officers see for it."""
    first = [mobility_matches(found, need) for found in assessed]
    return (
        [(0 if yes else 1, *value) for yes, value in zip(first, values, strict=True)],
        [
            (
                (
                    MOBILITY_LABEL,
                    f"{mobility_shown(found)}, {'in' if yes else 'not in'} the priority group",
                ),
                *pairs,
            )
            for found, yes, pairs in zip(assessed, first, shown, strict=True)
        ],
    )
