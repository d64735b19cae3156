"""The application form's routing: which sections and steps this household sees, and what is done.

Pure: no ORM. `hearth.register.selectors.apply.household_record` turns a household into `Answers`;
the views ask here which step comes next, and the task list asks which sections are complete.
Only the questions relevant to the household are asked (no landlord question for owners, no
pregnancy question for men or children, health questions for each person who will live there,
and what they do (work, training, ...) for the lead applicant and everyone else aged 16 or over).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    COMPLETED: "Completed",
}

ABOUT_YOU = "about-you"
PEOPLE = "people"
HOME = "home"
ADDRESSES = "addresses"
ACTIVITY = "activity"
WORK = "work"
FAMILY = "family"
MONEY = "money"
HEALTH = "health"
SUPPORT = "support"
ARMED_FORCES = "armed-forces"
BEHAVIOUR = "behaviour"
AREAS = "areas"
COUNCIL = "council"

SECTION_TITLES: dict[str, str] = {
    ABOUT_YOU: "About you",
    PEOPLE: "People who will live with you",
    HOME: "Your current home",
    ADDRESSES: "Where you have lived",
    ACTIVITY: "Employment and training",
    WORK: "Work",
    FAMILY: "Close family nearby",
    MONEY: "Money",
    HEALTH: "Health and wellbeing",
    SUPPORT: "Support needs",
    ARMED_FORCES: "Armed forces service",
    BEHAVIOUR: "Rent arrears and behaviour",
    AREAS: "Where you want to live",
    COUNCIL: "The council's own questions",
}
# Sections that are lists (add, change, remove): their first page is the list.
LIST_SECTIONS = frozenset({PEOPLE, ADDRESSES, WORK, FAMILY})
# Sections with one page per person: their steps are people's ids.
PERSON_SECTIONS = frozenset({HEALTH, ACTIVITY})

ADDRESS_HISTORY_YEARS = 5
JOINT_APPLICANT_MIN_AGE = 16
PREGNANCY_MIN_AGE = 12
# Everyone this age or over is asked what they do (work, training, ...); the lead always is.
ACTIVITY_MIN_AGE = 16
# Tenures with a landlord to name.
RENTING = frozenset({"social_rented", "private_rented", "temporary"})
# No settled home: no bedrooms, facilities or condition to ask about.
NO_HOME = frozenset({"none"})


@dataclass(frozen=True)
class PersonAnswers:
    id: str
    relationship: str
    sex: str
    date_of_birth: dt.date

    def age_on(self, day: dt.date) -> int:
        return age_on(self.date_of_birth, day)


@dataclass(frozen=True)
class Answers:
    """What the household has told us so far, as the routing needs it."""

    today: dt.date
    lead: PersonAnswers | None = None
    others: tuple[PersonAnswers, ...] = ()
    home_tenure: str = ""
    home_address: str = ""
    owns_property: bool = False
    residence: tuple[tuple[dt.date, dt.date | None], ...] = ()
    council_questions: tuple[str, ...] = ()
    sections_done: frozenset[str] = frozenset()
    # Sections with at least one answer saved (for "In progress").
    started: frozenset[str] = field(default_factory=frozenset)

    @property
    def people(self) -> tuple[PersonAnswers, ...]:
        return ((self.lead,) if self.lead else ()) + self.others


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def may_be_pregnant(sex: str, date_of_birth: dt.date, today: dt.date) -> bool:
    """Whether to ask if this person is pregnant."""
    return sex == "female" and age_on(date_of_birth, today) >= PREGNANCY_MIN_AGE


def sections(answers: Answers) -> tuple[str, ...]:
    """The sections of the form for this household, in order."""
    found = [
        ABOUT_YOU,
        PEOPLE,
        HOME,
        ADDRESSES,
        ACTIVITY,
        WORK,
        FAMILY,
        MONEY,
        HEALTH,
        SUPPORT,
        ARMED_FORCES,
        BEHAVIOUR,
        AREAS,
    ]
    if answers.council_questions:
        found.append(COUNCIL)
    return tuple(found)


def steps(section: str, answers: Answers) -> tuple[str, ...]:
    """The steps (pages) of a section that are not lists, in order, for this household."""
    if section == ABOUT_YOU:
        lead = answers.lead
        pregnant = lead is not None and may_be_pregnant(lead.sex, lead.date_of_birth, answers.today)
        return ("details", *(("pregnant",) if pregnant else ()), "national-insurance", "contact")
    if section == HOME:
        tenure = answers.home_tenure
        found = ["address", "tenure"]
        if tenure in RENTING:
            found.append("landlord")
        if tenure and tenure not in NO_HOME:
            found += ["bedrooms", "facilities", "condition"]
        return tuple(found)
    if section == MONEY:
        return ("income", "savings", "benefits", "property")
    if section == HEALTH:
        return tuple(person.id for person in answers.people)
    if section == ACTIVITY:
        return tuple(
            person.id
            for person in answers.people
            if person is answers.lead or person.age_on(answers.today) >= ACTIVITY_MIN_AGE
        )
    if section == SUPPORT:
        return ("support",)
    if section == ARMED_FORCES:
        return ("service",)
    if section == BEHAVIOUR:
        return ("behaviour",)
    if section == AREAS:
        return ("areas",)
    if section == COUNCIL:
        return answers.council_questions
    return ()


def step_applies(section: str, step: str, answers: Answers) -> bool:
    return step in steps(section, answers)


def next_step(section: str, step: str, answers: Answers) -> str | None:
    """The step after `step` in its section, or None at the end of the section."""
    found = steps(section, answers)
    if step not in found:
        return found[0] if found else None
    index = found.index(step)
    return found[index + 1] if index + 1 < len(found) else None


def previous_step(section: str, step: str, answers: Answers) -> str | None:
    found = steps(section, answers)
    if step not in found:
        return None
    index = found.index(step)
    return found[index - 1] if index > 0 else None


def section_status(section: str, answers: Answers) -> str:
    if section in answers.sections_done:
        return COMPLETED
    if section in answers.started:
        return IN_PROGRESS
    return NOT_STARTED


def sections_incomplete(answers: Answers) -> tuple[str, ...]:
    """Sections still to finish before the application can be sent."""
    return tuple(s for s in sections(answers) if section_status(s, answers) != COMPLETED)


def section_can_start(section: str, answers: Answers) -> bool:
    """Everything after "About you" needs the lead applicant first (ages, names, health)."""
    return section == ABOUT_YOU or answers.lead is not None


# --- Address history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """A stretch of the last five years with no address."""

    start: dt.date
    end: dt.date


def history_start(today: dt.date) -> dt.date:
    """The first day the address history must cover (five years ago)."""
    try:
        return today.replace(year=today.year - ADDRESS_HISTORY_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - ADDRESS_HISTORY_YEARS, day=28)


def address_gaps(
    periods: tuple[tuple[dt.date, dt.date | None], ...], today: dt.date
) -> tuple[Gap, ...]:
    """The stretches of the last five years (up to today) that no residence period covers."""
    start = history_start(today)
    gaps: list[Gap] = []
    cursor = start  # the first day not yet covered
    for begin, end in sorted(periods, key=lambda p: p[0]):
        finish = end or today
        if finish < cursor:
            continue
        if begin > cursor:
            gaps.append(
                Gap(cursor, min(begin, today + dt.timedelta(days=1)) - dt.timedelta(days=1))
            )
        cursor = max(cursor, finish + dt.timedelta(days=1))
        if cursor > today:
            break
    if cursor <= today:
        gaps.append(Gap(cursor, today))
    return tuple(gaps)


def periods_overlap(
    start: dt.date,
    end: dt.date | None,
    others: tuple[tuple[dt.date, dt.date | None], ...],
) -> bool:
    """Whether [start, end] overlaps any of `others` by more than a day (an open end means
    "until now"; moving out and in on the same day is not an overlap)."""
    far = dt.date.max
    return any(
        start < (other_end or far) and other_start < (end or far)
        for other_start, other_end in others
    )
