"""The people in a demo household: names, ages, partners and children, drawn from the demo
register's seeded random generator (see demo_households.py)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from hearth.demo.register.households_data import (
    _ETHNICITY_WEIGHTS,
    _NAMES,
    _ORIGINS,
    _PENNY,
)
from hearth.policy.rules.bedrooms import BedroomStandard, bedroom_need
from hearth.policy.rules.facts import HouseholdFacts, PersonFacts
from hearth.register.models import (
    ACTIVITIES_WITH_HOURS,
    EconomicActivity,
    Ethnicity,
    Household,
    Person,
    Relationship,
    Sex,
)

# What adults on the demo register do, by age: (activity, weight). Rough shares for people on a
# housing register, so the demo shows every answer the form offers.
_ACTIVITIES_WORKING_AGE = (
    (EconomicActivity.EMPLOYED, 0.36),
    (EconomicActivity.SELF_EMPLOYED, 0.06),
    (EconomicActivity.TRAINING, 0.08),
    (EconomicActivity.VOLUNTEERING, 0.03),
    (EconomicActivity.UNEMPLOYED, 0.14),
    (EconomicActivity.LOOKING_AFTER_HOME, 0.14),
    (EconomicActivity.UNABLE_TO_WORK, 0.19),
)
_ACTIVITIES_PENSION_AGE = (
    (EconomicActivity.RETIRED, 0.84),
    (EconomicActivity.EMPLOYED, 0.05),
    (EconomicActivity.VOLUNTEERING, 0.05),
    (EconomicActivity.UNABLE_TO_WORK, 0.06),
)
_HOURS = {
    EconomicActivity.EMPLOYED: (8, 40),
    EconomicActivity.SELF_EMPLOYED: (10, 45),
    EconomicActivity.TRAINING: (12, 30),
    EconomicActivity.VOLUNTEERING: (2, 16),
}


@dataclass
class DemoMember:
    person: Person
    age: int
    origin: str
    surname: str


@dataclass
class DemoDraws:
    """The seeded generator and the date every draw is anchored to, with small draws."""

    rng: random.Random
    on_date: dt.date

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def _pick(self, weighted: Sequence[tuple[str, float]]) -> str:
        values = [value for value, _weight in weighted]
        weights = [weight for _value, weight in weighted]
        return self.rng.choices(values, weights)[0]

    def _days_ago(self, low: int, high: int) -> dt.date:
        return self.on_date - dt.timedelta(days=self.rng.randint(low, high))

    def _born(self, age: int) -> dt.date:
        # Somewhere in the year after the `age`th birthday.
        return self.on_date - dt.timedelta(days=age * 365 + age // 4 + self.rng.randint(1, 364))

    def _money(self, low: int, high: int, *, pence: bool = False) -> Decimal:
        if pence:
            return Decimal(self.rng.randint(low * 100, high * 100)).scaleb(-2)
        return Decimal(self.rng.randint(low, high)).quantize(_PENNY)


@dataclass
class DemoPeople(DemoDraws):
    """Draws the members of a household."""

    standard: BedroomStandard = field(default_factory=BedroomStandard)

    def _first_name(self, origin: str, sex: str, age: int) -> str:
        names = _NAMES[origin]
        female = sex == Sex.FEMALE
        if age < 18 and names.child_female:
            pool = names.child_female if female else names.child_male
        elif age >= 55 and names.older_female:
            pool = names.older_female if female else names.older_male
        else:
            pool = names.female if female else names.male
        return self.rng.choice(pool)

    def _member(
        self,
        household: Household,
        *,
        age: int,
        sex: str,
        relationship: str,
        ethnicity: str,
        origin: str = "",
        surname: str = "",
    ) -> DemoMember:
        origin = origin or self.rng.choice(_ORIGINS[ethnicity])
        surname = surname or self.rng.choice(_NAMES[origin].surnames)
        disabled_rate = 0.08 if age < 18 else 0.22 if age < 60 else 0.38 if age < 75 else 0.55
        disabled = self._chance(disabled_rate)
        carer = disabled and self._chance(0.14 if age >= 75 else 0.04)
        adult = age >= 16
        person = Person(
            id=self._uuid(),
            household_id=household.id,
            full_name=f"{self._first_name(origin, sex, age)} {surname}",
            date_of_birth=self._born(age),
            sex=sex,
            relationship=relationship,
            disabled=disabled,
            needs_overnight_carer=carer,
            ethnicity=ethnicity,
            national_insurance_number=self._nino() if adult and self._chance(0.6) else "",
        )
        if adult:
            person.economic_activity, person.hours_per_week = _activity(person, age)
        return DemoMember(person, age, origin, surname)

    def _nino(self) -> str:
        first = "ABCEGHJKLMNPRSTWXYZ"
        second = "ABCEGHJKLMNPRSTWXYZ"
        digits = self.rng.randint(0, 999_999)
        return f"{self.rng.choice(first)}{self.rng.choice(second)}{digits:06d}" + self.rng.choice(
            "ABCD"
        )

    def _partner_of(
        self,
        household: Household,
        lead: DemoMember,
        *,
        age: int,
        relationship: str,
        sex: str = "",
    ) -> DemoMember:
        if not sex:
            same_sex = self._chance(0.03)
            sex = lead.person.sex if same_sex else _opposite(lead.person.sex)
        if self._chance(0.85):
            ethnicity, origin = lead.person.ethnicity, lead.origin
        else:
            ethnicity, origin = self._ethnicity(), ""
        married = self._chance(0.5)
        partner = self._member(
            household,
            age=age,
            sex=sex,
            relationship=relationship,
            ethnicity=ethnicity,
            origin=origin,
            surname=lead.surname if married else "",
        )
        lead.person.partner_id = partner.person.id
        partner.person.partner_id = lead.person.id
        return partner

    def _children(
        self,
        household: Household,
        parents: list[DemoMember],
        *,
        number: int,
        youngest_age: int = 0,
        oldest_age: int = 17,
    ) -> list[DemoMember]:
        mother_age = min(p.age for p in parents)
        oldest_age = max(youngest_age, min(oldest_age, mother_age - 17))
        ethnicities = {p.person.ethnicity for p in parents}
        if len(ethnicities) == 1 and self._chance(0.1 if len(parents) == 1 else 0):
            ethnicities.add(self._ethnicity())  # the other parent is not part of the household
        ethnicity = _childrens_ethnicity(ethnicities)
        ages = sorted(
            (self.rng.randint(youngest_age, oldest_age) for _ in range(number)), reverse=True
        )
        lead = parents[0]
        children = []
        for age in ages:
            child = self._member(
                household,
                age=age,
                sex=self.rng.choice((Sex.FEMALE, Sex.MALE)),
                relationship=Relationship.CHILD,
                ethnicity=ethnicity,
                origin=lead.origin,
                surname=lead.surname,
            )
            children.append(child)
        return children

    def _ethnicity(self) -> str:
        return self._pick(_ETHNICITY_WEIGHTS)

    def _members(self, household: Household, kind: str) -> list[DemoMember]:
        ethnicity = self._ethnicity()
        rng = self.rng

        def lead(age: int, sex: str) -> DemoMember:
            return self._member(
                household, age=age, sex=sex, relationship=Relationship.LEAD, ethnicity=ethnicity
            )

        def partner_relationship() -> str:
            return Relationship.JOINT if self._chance(0.35) else Relationship.PARTNER

        def adult_age() -> int:
            band = rng.random()
            if band < 0.3:
                return rng.randint(18, 24)
            if band < 0.7:
                return rng.randint(25, 39)
            return rng.randint(40, 59)

        def older_age() -> int:
            return rng.randint(75, 94) if self._chance(0.4) else rng.randint(60, 74)

        def child_count() -> int:
            return int(self._pick((("1", 35), ("2", 33), ("3", 18), ("4", 9), ("5", 5))))

        female_or_male = (Sex.FEMALE, Sex.MALE)
        if kind == "single":
            return [lead(adult_age(), Sex.MALE if self._chance(0.56) else Sex.FEMALE)]
        if kind == "couple":
            first = lead(rng.randint(19, 59), rng.choice(female_or_male))
            age = max(18, first.age + rng.randint(-6, 6))
            return [
                first,
                self._partner_of(household, first, age=age, relationship=Relationship.JOINT),
            ]
        if kind == "lone_parent":
            first = lead(rng.randint(18, 52), Sex.FEMALE if self._chance(0.88) else Sex.MALE)
            return [first, *self._children(household, [first], number=child_count())]
        if kind == "couple_children":
            first = lead(rng.randint(19, 52), rng.choice(female_or_male))
            other = self._partner_of(
                household,
                first,
                age=max(18, first.age + rng.randint(-5, 5)),
                relationship=partner_relationship(),
            )
            parents = [first, other]
            return [*parents, *self._children(household, parents, number=child_count())]
        if kind == "older_single":
            first = lead(older_age(), Sex.FEMALE if self._chance(0.6) else Sex.MALE)
            if self._chance(0.04):  # a grandparent bringing up a grandchild
                grandchild = self._member(
                    household,
                    age=rng.randint(4, 15),
                    sex=rng.choice(female_or_male),
                    relationship=Relationship.OTHER,
                    ethnicity=ethnicity,
                    origin=first.origin,
                )
                return [first, grandchild]
            return [first]
        if kind == "older_couple":
            first = lead(older_age(), rng.choice(female_or_male))
            age = max(60, first.age + rng.randint(-5, 5))
            return [
                first,
                self._partner_of(household, first, age=age, relationship=Relationship.JOINT),
            ]
        if kind == "adult_children":
            first = lead(rng.randint(45, 70), rng.choice(female_or_male))
            parents = [first]
            if self._chance(0.5):
                age = max(40, first.age + rng.randint(-4, 4))
                parents.append(
                    self._partner_of(household, first, age=age, relationship=Relationship.PARTNER)
                )
            children = self._children(
                household,
                parents,
                number=rng.randint(1, 2),
                youngest_age=18,
                oldest_age=35,
            )
            if self._chance(0.3):
                children += self._children(household, parents, number=1, youngest_age=12)
            return [*parents, *children]
        if kind == "expecting":
            first = lead(rng.randint(17, 36), Sex.FEMALE if self._chance(0.6) else Sex.MALE)
            if first.person.sex == Sex.FEMALE and self._chance(0.6):
                first.person.pregnant = True
                return [first]
            other = self._partner_of(
                household,
                first,
                age=max(17, first.age + rng.randint(-4, 4)),
                relationship=partner_relationship(),
                sex=_opposite(first.person.sex),
            )
            mother = first if first.person.sex == Sex.FEMALE else other
            mother.person.pregnant = True
            return [first, other]
        if kind == "siblings":
            first = lead(rng.randint(18, 45), rng.choice(female_or_male))
            sibling = self._member(
                household,
                age=max(16, first.age + rng.randint(-8, 8)),
                sex=rng.choice(female_or_male),
                relationship=Relationship.SIBLING,
                ethnicity=ethnicity,
                origin=first.origin,
                surname=first.surname,
            )
            return [first, sibling]
        if kind == "with_parent":
            first = lead(rng.randint(35, 58), rng.choice(female_or_male))
            parent = self._member(
                household,
                age=rng.randint(max(first.age + 18, 70), max(first.age + 34, 78)),
                sex=rng.choice(female_or_male),
                relationship=Relationship.PARENT,
                ethnicity=ethnicity,
                origin=first.origin,
                surname=first.surname,
            )
            parent.person.disabled = True
            parent.person.needs_overnight_carer = self._chance(0.5)
            return [first, parent]
        raise ValueError(f"Unknown household type {kind!r}")

    def _maybe_pregnant(self, members: list[DemoMember]) -> None:
        if any(m.person.pregnant for m in members):
            return
        candidates = [
            m
            for m in members
            if m.person.sex == Sex.FEMALE
            and 17 <= m.age <= 44
            and m.person.relationship != Relationship.CHILD
        ]
        if candidates and self._chance(0.05):
            candidates[0].person.pregnant = True

    def _bedrooms_needed(self, household: Household, members: list[DemoMember]) -> int:
        facts = HouseholdFacts(
            household_id=str(household.id),
            council="",
            registration_date=self.on_date,
            members=tuple(
                PersonFacts(
                    person_id=str(m.person.id),
                    date_of_birth=m.person.date_of_birth,
                    sex=m.person.sex,
                    relationship=m.person.relationship,
                    partner_id=str(m.person.partner_id) if m.person.partner_id else None,
                    pregnant=m.person.pregnant,
                    needs_overnight_carer=m.person.needs_overnight_carer,
                )
                for m in members
            ),
        )
        return bedroom_need(facts, self.standard, self.on_date).bedrooms


def _opposite(sex: str) -> str:
    return Sex.MALE if sex == Sex.FEMALE else Sex.FEMALE


def _childrens_ethnicity(parents: set[str]) -> str:
    """Children of parents from different groups are recorded in the matching mixed group."""
    if len(parents) == 1:
        return next(iter(parents))
    known = parents - {Ethnicity.PREFER_NOT_TO_SAY}
    if len(known) == 1:
        return next(iter(known))
    white = {e for e in known if e.startswith("white")}
    others = known - white
    if white and len(others) == 1:
        other = next(iter(others))
        if other == Ethnicity.BLACK_CARIBBEAN:
            return Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN
        if other == Ethnicity.BLACK_AFRICAN:
            return Ethnicity.MIXED_WHITE_BLACK_AFRICAN
        if other.startswith("asian"):
            return Ethnicity.MIXED_WHITE_ASIAN
        if other.startswith("mixed"):
            return other
    if not others:
        return sorted(white)[0]
    return Ethnicity.MIXED_OTHER


def _activity(person: Person, age: int) -> tuple[str, int | None]:
    """An adult's activity and hours, drawn from their own id: a generator of its own, so adding
    this answer left every other draw of the demo register as it was."""
    rng = random.Random(person.id.int)  # noqa: S311 - demo data, not security
    weighted = _ACTIVITIES_PENSION_AGE if age >= 66 else _ACTIVITIES_WORKING_AGE
    if person.disabled and age < 66 and rng.random() < 0.5:
        return EconomicActivity.UNABLE_TO_WORK, None
    activity = rng.choices([a for a, _ in weighted], [w for _, w in weighted])[0]
    if activity not in ACTIVITIES_WITH_HOURS:
        return activity, None
    low, high = _HOURS[activity]
    return activity, rng.randint(low, high)
