"""The application form's routing: which steps each household sees, and address-history gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.register.rules import apply_sections as routing
from hearth.register.rules.apply_sections import Answers, Gap, PersonAnswers

TODAY = dt.date(2026, 6, 15)
MAN = PersonAnswers("lead", "lead", "male", dt.date(1990, 1, 1))
WOMAN = PersonAnswers("lead", "lead", "female", dt.date(1990, 1, 1))
GIRL = PersonAnswers("kid", "child", "female", dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("answers", "section", "expected"),
    [
        (Answers(TODAY, lead=MAN), routing.ABOUT_YOU, ("details", "national-insurance", "contact")),
        (
            Answers(TODAY, lead=WOMAN),
            routing.ABOUT_YOU,
            ("details", "pregnant", "national-insurance", "contact"),
        ),
        (Answers(TODAY), routing.ABOUT_YOU, ("details", "national-insurance", "contact")),
        (Answers(TODAY), routing.HOME, ("address", "tenure")),
        (
            Answers(TODAY, home_tenure="private_rented"),
            routing.HOME,
            ("address", "tenure", "landlord", "bedrooms", "facilities", "condition"),
        ),
        (
            Answers(TODAY, home_tenure="owner"),
            routing.HOME,
            ("address", "tenure", "bedrooms", "facilities", "condition"),
        ),
        (Answers(TODAY, home_tenure="none"), routing.HOME, ("address", "tenure")),
        (
            Answers(TODAY, home_tenure="temporary"),
            routing.HOME,
            ("address", "tenure", "landlord", "bedrooms", "facilities", "condition"),
        ),
        (Answers(TODAY, lead=MAN, others=(GIRL,)), routing.HEALTH, ("lead", "kid")),
        (Answers(TODAY, council_questions=("a", "b")), routing.COUNCIL, ("a", "b")),
        (Answers(TODAY), routing.PEOPLE, ()),
    ],
)
def test_steps_asked(answers: Answers, section: str, expected: tuple[str, ...]) -> None:
    assert routing.steps(section, answers) == expected


@pytest.mark.parametrize(
    ("sex", "born", "asked"),
    [
        ("female", dt.date(1990, 1, 1), True),
        ("female", dt.date(2014, 6, 15), True),  # 12 today
        ("female", dt.date(2014, 6, 16), False),  # 11 until tomorrow
        ("male", dt.date(1990, 1, 1), False),
    ],
)
def test_pregnancy_asked_only_of_women_and_girls_12_or_over(
    sex: str, born: dt.date, asked: bool
) -> None:
    assert routing.may_be_pregnant(sex, born, TODAY) is asked


def test_council_questions_section_only_when_the_council_has_questions() -> None:
    assert routing.COUNCIL not in routing.sections(Answers(TODAY))
    assert routing.sections(Answers(TODAY, council_questions=("x",)))[-1] == routing.COUNCIL


@pytest.mark.parametrize(
    ("step", "tenure", "expected"),
    [
        ("tenure", "private_rented", "landlord"),
        ("tenure", "owner", "bedrooms"),
        ("tenure", "none", None),
        ("condition", "owner", None),
        ("unknown", "owner", "address"),
    ],
)
def test_next_step(step: str, tenure: str, expected: str | None) -> None:
    assert routing.next_step(routing.HOME, step, Answers(TODAY, home_tenure=tenure)) == expected


def test_section_status() -> None:
    answers = Answers(
        TODAY, sections_done=frozenset({routing.HOME}), started=frozenset({routing.MONEY})
    )
    assert routing.section_status(routing.HOME, answers) == routing.COMPLETED
    assert routing.section_status(routing.MONEY, answers) == routing.IN_PROGRESS
    assert routing.section_status(routing.WORK, answers) == routing.NOT_STARTED
    assert routing.HOME not in routing.sections_incomplete(answers)
    assert not routing.section_can_start(routing.HOME, answers)
    assert routing.section_can_start(routing.ABOUT_YOU, answers)


@pytest.mark.parametrize(
    ("periods", "gaps"),
    [
        ((), (Gap(dt.date(2021, 6, 15), TODAY),)),
        (((dt.date(2010, 1, 1), None),), ()),
        (((dt.date(2023, 6, 1), None),), (Gap(dt.date(2021, 6, 15), dt.date(2023, 5, 31)),)),
        (
            ((dt.date(2023, 6, 1), None), (dt.date(2019, 1, 1), dt.date(2023, 5, 31))),
            (),
        ),
        (  # moved out and in on the same day
            ((dt.date(2023, 6, 1), None), (dt.date(2019, 1, 1), dt.date(2023, 6, 1))),
            (),
        ),
        (  # a gap in the middle
            ((dt.date(2023, 6, 1), None), (dt.date(2019, 1, 1), dt.date(2022, 12, 31))),
            (Gap(dt.date(2023, 1, 1), dt.date(2023, 5, 31)),),
        ),
        (  # no current address: the gap runs to today
            ((dt.date(2019, 1, 1), dt.date(2025, 12, 31)),),
            (Gap(dt.date(2026, 1, 1), TODAY),),
        ),
    ],
)
def test_address_gaps(
    periods: tuple[tuple[dt.date, dt.date | None], ...], gaps: tuple[Gap, ...]
) -> None:
    assert routing.address_gaps(periods, TODAY) == gaps


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (dt.date(2019, 1, 1), dt.date(2023, 6, 1), False),  # leaves the day the next starts
        (dt.date(2019, 1, 1), dt.date(2023, 7, 1), True),
        (dt.date(2024, 1, 1), None, True),
        (dt.date(2015, 1, 1), dt.date(2016, 1, 1), False),
    ],
)
def test_periods_overlap(start: dt.date, end: dt.date | None, overlaps: bool) -> None:
    assert routing.periods_overlap(start, end, ((dt.date(2023, 6, 1), None),)) is overlaps


def test_history_start_on_29_february() -> None:
    assert routing.history_start(dt.date(2028, 2, 29)) == dt.date(2023, 2, 28)
