"""What the policy engine knows about a household: frozen facts, fetched once, no ORM.

`hearth/register/fetch.py` builds these from database rows; tests and simulations build them
directly. Everything the policy rules can look at is here, so a rule can never reach further.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

# What each adult mostly does, as the application form asks it. "" means not answered (people
# on applications made before the question was asked), which is none of these.
ECONOMIC_ACTIVITIES = (
    "employed",
    "self_employed",
    "training",
    "volunteering",
    "unemployed",
    "looking_after_home",
    "retired",
    "unable_to_work",
)
# The activities done for some hours a week (the form asks how many).
ACTIVITIES_WITH_HOURS = frozenset({"employed", "self_employed", "training", "volunteering"})
# Work or training, for the household's summaries (`work_or_training_hours_max`, ...).
WORK_OR_TRAINING = frozenset({"employed", "self_employed", "training"})
# An officer's assessment of the home a household needs, on the scheme's mobility scale: "1" a
# wheelchair home, "2" partly wheelchair accessible, "3" step-free or few steps; "" none assessed.
ASSESSED_MOBILITY = ("1", "2", "3")


@dataclass(frozen=True, slots=True)
class PersonFacts:
    person_id: str
    date_of_birth: dt.date
    sex: str  # "female" or "male": the bedroom standard pairs people by sex
    relationship: str  # "lead", "joint", "partner", "child", "parent", "sibling", "other"
    # Couples share a room under every bedroom standard; this names the other half.
    partner_id: str | None = None
    pregnant: bool = False
    disabled: bool = False
    needs_overnight_carer: bool = False
    ethnicity: str = ""  # equality monitoring only; never used by rules
    economic_activity: str = ""  # one of ECONOMIC_ACTIVITIES, or "" when not answered
    hours_per_week: int = 0  # for ACTIVITIES_WITH_HOURS; 0 otherwise


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time somewhere: living, working, or a relative living there."""

    council: str  # organisation slug of the council area
    start: dt.date
    end: dt.date | None = None  # None: still going
    parish: str = ""
    hours_per_week: int = 0  # for work
    # Residence in supported housing the household was placed in: it counts as residence in
    # the council area it lived in before (`placed_from`; "" if that was outside the
    # partnership), never in the placement's own area.
    placement: bool = False
    placed_from: str = ""


@dataclass(frozen=True, slots=True)
class HomeFacts:
    tenure: str = "private_rented"  # social_rented, private_rented, owner, family, temporary, none
    bedrooms: int = 0
    shares_facilities: bool = False
    disrepair: bool = False


@dataclass(frozen=True, slots=True)
class NeedAward:
    """A need reason an officer awarded, with the date it applies from."""

    code: str
    awarded_on: dt.date


@dataclass(frozen=True, slots=True)
class PreviousOutcome:
    """The household's last assessment, for priority-date rules."""

    band: str
    band_since: dt.date
    points: int = 0


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    household_id: str
    council: str  # the council whose register the household is on
    registration_date: dt.date
    members: tuple[PersonFacts, ...]
    home: HomeFacts = field(default_factory=HomeFacts)
    residence: tuple[Period, ...] = ()
    work: tuple[Period, ...] = ()
    family: tuple[Period, ...] = ()  # close relatives living in an area, since `start`
    exemptions: frozenset[str] = frozenset()  # armed_forces, domestic_abuse, care_leaver, ...
    homelessness_duty: str = ""  # "", "prevention", "relief", "main"
    is_transfer: bool = False
    eligible: bool = True  # immigration eligibility (Part 6, s160ZA)
    income_yearly: Decimal = Decimal(0)
    savings: Decimal = Decimal(0)
    owns_property: bool = False
    unacceptable_behaviour: bool = False
    housing_debt: Decimal = Decimal(0)
    # An officer recorded an arrangement to repay the housing debt that is being kept to.
    repayment_arrangement: bool = False
    reasonable_refusals: int = 0
    # A refusal rule's "lower band" consequence, in force until (not including) this day.
    band_lowered_until: dt.date | None = None
    need_awards: tuple[NeedAward, ...] = ()
    previous: PreviousOutcome | None = None
    # What an officer assessed, not what the household said of itself (one of ASSESSED_MOBILITY).
    assessed_mobility: str = ""

    @property
    def lead(self) -> PersonFacts:
        return next((m for m in self.members if m.relationship == "lead"), self.members[0])


def age_on(date_of_birth: dt.date, on_date: dt.date) -> int:
    """Completed years of age on `on_date` (someone born on 29 February turns a year older on
    1 March in non-leap years)."""
    years = on_date.year - date_of_birth.year
    if (on_date.month, on_date.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def ages_on(people: Sequence[PersonFacts], on_date: dt.date) -> list[int]:
    """`age_on` for each of `people`, in order (worked out inline: it runs for every member of
    every household assessed)."""
    year, day = on_date.year, (on_date.month, on_date.day)
    return [
        year - (born := person.date_of_birth).year - (day < (born.month, born.day))
        for person in people
    ]
