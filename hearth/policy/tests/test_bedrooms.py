from __future__ import annotations

import datetime as dt
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.bedrooms import BedroomStandard, bedroom_need
from hearth.policy.rules.facts import HouseholdFacts, NeedAward, PersonFacts, age_on, ages_on

ON = dt.date(2026, 11, 23)
STATUTORY = BedroomStandard()
ADULTS_18 = BedroomStandard(adult_age=18)


def person(n: int, age: int, sex: str = "female", **extra: object) -> PersonFacts:
    born = dt.date(ON.year - age, ON.month, ON.day) - dt.timedelta(days=1)
    return PersonFacts(
        person_id=f"p{n}",
        date_of_birth=born,
        sex=sex,
        relationship="lead" if n == 0 else "other",
        **extra,  # type: ignore[arg-type]
    )


def household(*members: PersonFacts, awards: tuple[NeedAward, ...] = ()) -> HouseholdFacts:
    return HouseholdFacts(
        household_id="h", council="c", registration_date=ON, members=members, need_awards=awards
    )


def couple(first: int, second: int) -> tuple[PersonFacts, PersonFacts]:
    return (
        person(first, 35, "female", partner_id=f"p{second}"),
        person(second, 36, "male", partner_id=f"p{first}"),
    )


@pytest.mark.parametrize(
    ("members", "standard", "rooms"),
    [
        ((person(0, 30),), STATUTORY, 1),
        (couple(0, 1), STATUTORY, 1),
        ((*couple(0, 1), person(2, 4, "male"), person(3, 6, "female")), STATUTORY, 2),
        ((*couple(0, 1), person(2, 12, "male"), person(3, 14, "female")), STATUTORY, 3),
        ((*couple(0, 1), person(2, 12, "male"), person(3, 15, "male")), STATUTORY, 2),
        # an older boy shares with a younger boy
        ((*couple(0, 1), person(2, 12, "male"), person(3, 5, "male")), STATUTORY, 2),
        ((*couple(0, 1), person(2, 12, "male"), person(3, 5, "female")), STATUTORY, 3),
        # 19-year-olds: pair under the statutory standard, rooms of their own from 18
        ((person(0, 45), person(1, 19, "male"), person(2, 19, "male")), STATUTORY, 2),
        ((person(0, 45), person(1, 19, "male"), person(2, 19, "male")), ADULTS_18, 3),
        ((person(0, 45), person(1, 21, "male"), person(2, 20, "male")), STATUTORY, 3),
        # a pregnancy counts as a child under 10
        ((person(0, 25, pregnant=True),), STATUTORY, 2),
        ((person(0, 25, pregnant=True), person(1, 3, "male")), STATUTORY, 2),
        # overnight carer
        ((person(0, 70, needs_overnight_carer=True),), STATUTORY, 2),
    ],
)
def test_bedroom_standard(
    members: tuple[PersonFacts, ...], standard: BedroomStandard, rooms: int
) -> None:
    assert bedroom_need(household(*members), standard, ON).bedrooms == rooms


def test_age_boundaries_are_inclusive_on_the_birthday() -> None:
    nine_today = PersonFacts("p1", dt.date(2016, 11, 23), "male", "child")
    ten_today = PersonFacts("p2", dt.date(2016, 11, 22), "male", "child")
    assert age_on(nine_today.date_of_birth, ON) == 10
    assert age_on(dt.date(2016, 11, 24), ON) == 9
    assert age_on(ten_today.date_of_birth, ON) == 10
    assert age_on(dt.date(2004, 2, 29), dt.date(2025, 2, 28)) == 20
    assert age_on(dt.date(2004, 2, 29), dt.date(2025, 3, 1)) == 21


@settings(max_examples=300)
@given(
    born=st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31)), max_size=8),
    on=st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
)
def test_ages_of_all_members_agree_with_one_age_at_a_time(born: list[dt.date], on: dt.date) -> None:
    # Given members born on any dates, when their ages are worked out together on any date
    people = [PersonFacts(f"p{i}", day, "female", "other") for i, day in enumerate(born)]
    # then each is the age worked out for that member alone, as a whole number
    ages = ages_on(people, on)
    assert ages == [age_on(day, on) for day in born]
    assert all(type(age) is int for age in ages)


def test_medical_extra_room_only_when_the_reason_is_awarded() -> None:
    standard = BedroomStandard(extra_room_reasons=frozenset({"medical_extra_room"}))
    alone = household(person(0, 40))
    with_award = household(person(0, 40), awards=(NeedAward("medical_extra_room", ON),))
    assert bedroom_need(alone, standard, ON).bedrooms == 1
    assert bedroom_need(with_award, standard, ON).bedrooms == 2


def _optimum(people: tuple[tuple[int, str], ...], standard: BedroomStandard) -> int:
    """Fewest rooms by trying every way of pairing (singles only: no couples)."""

    def can_share(a: tuple[int, str], b: tuple[int, str]) -> bool:
        if a[0] >= standard.adult_age or b[0] >= standard.adult_age:
            return False
        if a[0] < standard.pairing_age and b[0] < standard.pairing_age:
            return True
        return a[1] == b[1]

    @functools.cache
    def best(remaining: tuple[tuple[int, str], ...]) -> int:
        if not remaining:
            return 0
        first, rest = remaining[0], remaining[1:]
        options = [1 + best(rest)]
        for i, other in enumerate(rest):
            if can_share(first, other):
                options.append(1 + best(rest[:i] + rest[i + 1 :]))
        return min(options)

    return best(tuple(sorted(people)))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.sampled_from(["female", "male"])), min_size=1, max_size=7
    ),
    st.sampled_from([STATUTORY, ADULTS_18]),
)
def test_greedy_pairing_finds_the_fewest_rooms(
    people: list[tuple[int, str]], standard: BedroomStandard
) -> None:
    members = tuple(person(n, age, sex) for n, (age, sex) in enumerate(people))
    assert bedroom_need(household(*members), standard, ON).bedrooms == _optimum(
        tuple(people), standard
    )


def test_the_explanation_counts_rooms_in_plain_english() -> None:
    # given a couple, one other adult and three young children
    members = (
        *couple(0, 1),
        person(2, 30),
        person(3, 4, "male"),
        person(4, 6, "female"),
        person(5, 2, "female"),
    )
    # when the bedroom need is worked out
    need = bedroom_need(household(*members), STATUTORY, ON)
    # then each line says "room" or "rooms" as an applicant would
    explained = " ".join(need.explanation)
    assert "1 room for couples" in explained
    assert "1 room for people aged 21 or over" in explained
    assert "2 rooms for children under 10" in explained
    assert "(s)" not in explained
