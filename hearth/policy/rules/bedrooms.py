"""Bedroom need: the statutory bedroom standard and the variants councils adopt.

Each couple shares a room; each person at or over the adult age has their own; two people of
the same sex from the pairing age up to adulthood may share; any two children under the pairing
age may share; a same-sex older child may share with a younger one. Rooms are counted with the
fewest rooms that meet those rules (pairing greedily is optimal for these rules: see the tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence, Set
from dataclasses import dataclass

from hearth.policy.rules.facts import HouseholdFacts, ages_on


@dataclass(frozen=True, slots=True)
class BedroomStandard:
    adult_age: int = 21  # this age and over: a room of their own (some councils use 18)
    pairing_age: int = 10  # under this age, any two children may share
    extra_room_for_overnight_carer: bool = True
    # Need reasons (by code) that give one more bedroom, e.g. a medical need for a separate room.
    extra_room_reasons: frozenset[str] = frozenset()
    # Pregnancy counts as the expected child (under the pairing age) when true.
    count_unborn_child: bool = True


@dataclass(frozen=True, slots=True)
class BedroomNeed:
    bedrooms: int
    explanation: tuple[str, ...]


def bedroom_need(
    household: HouseholdFacts,
    standard: BedroomStandard,
    on_date: dt.date,
    ages: Sequence[int] | None = None,
) -> BedroomNeed:
    """Bedrooms this household needs; `ages` (in member order) saves working them out again."""
    members = household.members
    if ages is None:
        ages = ages_on(members, on_date)
    lines: list[str] = []
    # One pass over the members for what does not depend on pairing couples (this runs for
    # every household assessed).
    partnered = carer = False
    pregnancies = 0
    for person in members:
        if person.partner_id:
            partnered = True
        if person.pregnant:
            pregnancies += 1
        if person.needs_overnight_carer:
            carer = True
    paired: Set[int] = _couples(household) if partnered else _NOBODY
    rooms = len(paired) // 2
    if paired:
        lines.append(f"{_rooms(rooms)} for couples")

    adults = 0
    children = 0
    young: dict[str, int] = {}  # by sex, from the pairing age to adulthood
    little: dict[str, int] = {}  # by sex, under the pairing age
    adult_age, pairing_age = standard.adult_age, standard.pairing_age
    for i, person in enumerate(members):
        if i in paired:
            continue
        age = ages[i]
        if age >= adult_age:
            adults += 1
        elif age >= pairing_age:
            young[person.sex] = young.get(person.sex, 0) + 1
        else:
            children += 1
            little[person.sex] = little.get(person.sex, 0) + 1
    if adults:
        rooms += adults
        lines.append(f"{_rooms(adults)} for people aged {adult_age} or over")
    if standard.count_unborn_child:
        children += pregnancies
    for sex in sorted(young) if len(young) > 1 else young:
        pairs, left = divmod(young[sex], 2)
        rooms += pairs + left
        if pairs:
            shared = _rooms(pairs, shared=True)
            lines.append(f"{shared} for {sex} children aged {pairing_age}+")
        if left and little.get(sex, 0) > 0:
            # The older child shares with a younger child of the same sex.
            children -= 1
            little[sex] -= 1
            lines.append(f"an older {sex} child shares with a younger {sex} child")
        elif left:
            lines.append(f"a room for an older {sex} child")
    if children:
        child_rooms = (children + 1) // 2
        rooms += child_rooms
        lines.append(f"{_rooms(child_rooms)} for children under {pairing_age}")

    if carer and standard.extra_room_for_overnight_carer:
        rooms += 1
        lines.append("1 extra room for an overnight carer")
    if (
        standard.extra_room_reasons
        and household.need_awards
        and any(
            a.code in standard.extra_room_reasons and a.awarded_on <= on_date
            for a in household.need_awards
        )
    ):
        rooms += 1
        lines.append("1 extra room on medical or welfare grounds")
    return BedroomNeed(bedrooms=max(rooms, 1), explanation=tuple(lines))


_NOBODY: frozenset[int] = frozenset()


def _couples(household: HouseholdFacts) -> set[int]:
    """The positions of members paired into couples: each with the partner they name, first
    come first paired."""
    members = household.members
    index = {m.person_id: i for i, m in enumerate(members)}
    paired: set[int] = set()
    for i, person in enumerate(members):
        j = index.get(person.partner_id or "")
        if j is not None and j != i and i not in paired and j not in paired:
            paired.update((i, j))
    return paired


def _rooms(count: int, *, shared: bool = False) -> str:
    """ "1 room", "2 shared rooms": the explanation is read by applicants."""
    noun = "shared room" if shared else "room"
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
