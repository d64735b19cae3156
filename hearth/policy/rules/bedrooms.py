"""Bedroom need: the statutory bedroom standard and the variants councils adopt.

Each couple shares a room; each person at or over the adult age has their own; two people of
the same sex from the pairing age up to adulthood may share; any two children under the pairing
age may share; a same-sex older child may share with a younger one. Rooms are counted with the
fewest rooms that meet those rules (pairing greedily is optimal for these rules: see the tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.policy.rules.facts import HouseholdFacts, PersonFacts, age_on


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
    household: HouseholdFacts, standard: BedroomStandard, on_date: dt.date
) -> BedroomNeed:
    lines: list[str] = []
    rooms = 0
    by_id = {m.person_id: m for m in household.members}
    paired: set[str] = set()
    for person in household.members:
        partner = by_id.get(person.partner_id or "")
        if (
            partner is not None
            and person.person_id not in paired
            and partner.person_id not in paired
        ):
            paired |= {person.person_id, partner.person_id}
            rooms += 1
    if paired:
        lines.append(f"{len(paired) // 2} room(s) for couples")
    others = [m for m in household.members if m.person_id not in paired]
    ages = {m.person_id: age_on(m.date_of_birth, on_date) for m in others}

    adults = [m for m in others if ages[m.person_id] >= standard.adult_age]
    if adults:
        rooms += len(adults)
        lines.append(f"{len(adults)} room(s) for people aged {standard.adult_age} or over")

    young: dict[str, list[PersonFacts]] = {}  # by sex, from pairing age to adulthood
    children = 0
    for m in others:
        age = ages[m.person_id]
        if standard.pairing_age <= age < standard.adult_age:
            young.setdefault(m.sex, []).append(m)
        elif age < standard.pairing_age:
            children += 1
    children_by_sex = {
        sex: sum(1 for m in others if ages[m.person_id] < standard.pairing_age and m.sex == sex)
        for sex in {m.sex for m in others}
    }
    if standard.count_unborn_child:
        unborn = sum(1 for m in household.members if m.pregnant)
        children += unborn
    for sex, people in sorted(young.items()):
        pairs, left = divmod(len(people), 2)
        rooms += pairs + left
        if pairs:
            lines.append(f"{pairs} shared room(s) for {sex} children aged {standard.pairing_age}+")
        if left and children_by_sex.get(sex, 0) > 0:
            # The older child shares with a younger child of the same sex.
            children -= 1
            children_by_sex[sex] -= 1
            lines.append(f"an older {sex} child shares with a younger {sex} child")
        elif left:
            lines.append(f"a room for an older {sex} child")
    if children:
        child_rooms = (children + 1) // 2
        rooms += child_rooms
        lines.append(f"{child_rooms} room(s) for children under {standard.pairing_age}")

    if standard.extra_room_for_overnight_carer and any(
        m.needs_overnight_carer for m in household.members
    ):
        rooms += 1
        lines.append("1 extra room for an overnight carer")
    extra = sorted({a.code for a in household.need_awards} & standard.extra_room_reasons)
    if extra:
        rooms += 1
        lines.append("1 extra room on medical or welfare grounds")
    return BedroomNeed(bedrooms=max(rooms, 1), explanation=tuple(lines))
