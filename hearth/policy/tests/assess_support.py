"""Household builders shared by the assessment, ranking and demo-policy tests: a household on
Marshvale's register, its members and the places they lived, and the demo policies.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hearth.policy.rules.assess import Assessment
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_data, document_from_text, document_read
from hearth.policy.rules.facts import HomeFacts, HouseholdFacts, NeedAward, Period, PersonFacts
from hearth.policy.tests.documents import example_policy_texts

ON = dt.date(2026, 6, 15)
MARSHVALE = "marshvale-city"
DAY = dt.timedelta(days=1)

# --- Builders ----------------------------------------------------------------------------------


def demo(council: str) -> PolicyDocument:
    return document_from_text(example_policy_texts()[council])


def demo_changed(council: str, change: Callable[[dict[str, Any]], object]) -> PolicyDocument:
    """A demo policy with one change made to its data, read again (so it is still valid)."""
    data = copy.deepcopy(document_data(demo(council)))
    change(data)
    return document_read(data)


def birthday(age: int, on: dt.date = ON) -> dt.date:
    """The date of birth of someone who turns `age` on `on`."""
    return on.replace(year=on.year - age)


def person(
    pid: str, age: int, sex: str = "female", relationship: str = "other", **extra: Any
) -> PersonFacts:
    return PersonFacts(pid, birthday(age) - DAY, sex, relationship, **extra)


def lead(age: int = 30, sex: str = "female", **extra: Any) -> PersonFacts:
    return person("lead", age, sex, "lead", **extra)


def family(*children: tuple[int, str]) -> tuple[PersonFacts, ...]:
    """A couple aged 35 and 36 with children of the given (age, sex)."""
    return (
        person("lead", 35, "female", "lead", partner_id="partner"),
        person("partner", 36, "male", "partner", partner_id="lead"),
        *(person(f"child{i}", age, sex, "child") for i, (age, sex) in enumerate(children)),
    )


def lived(council: str, since: dt.date, until: dt.date | None = None, parish: str = "") -> Period:
    return Period(council, since, until, parish)


def household(
    *members: PersonFacts,
    council: str = MARSHVALE,
    registered: dt.date = dt.date(2024, 1, 10),
    home: HomeFacts | None = None,
    residence: tuple[Period, ...] | None = None,
    awards: dict[str, dt.date] | None = None,
    household_id: str = "h1",
    **extra: Any,
) -> HouseholdFacts:
    """A household on `council`'s register that has lived there for years, in a private let
    just big enough for a single person, unless told otherwise."""
    return HouseholdFacts(
        household_id=household_id,
        council=council,
        registration_date=registered,
        members=members or (lead(),),
        home=home or HomeFacts("private_rented", bedrooms=1),
        residence=(lived(council, dt.date(2015, 1, 1)),) if residence is None else residence,
        need_awards=tuple(NeedAward(code, on) for code, on in (awards or {}).items()),
        **extra,
    )


def codes(assessment: Assessment) -> list[str]:
    return [n.code for n in assessment.needs]


def cites(assessment: Assessment, *parts: str) -> bool:
    """Whether one sentence of the explanation holds every part (a rule's text may lose its
    closing full stop inside a sentence)."""
    wanted = [part.rstrip(".") for part in parts]
    return any(all(part in line for part in wanted) for line in assessment.trace)


@pytest.fixture(scope="module")
def marshvale() -> PolicyDocument:
    return demo(MARSHVALE)


# --- Used by the band and explanation tests ----------------------------------------------------

# a family needing 3 bedrooms in a 2-bedroom home
TEENAGERS = family((12, "male"), (14, "female"))
TWO_BEDROOMS = HomeFacts("private_rented", 2)
CUMULATIVE_TEXT = "Two or more Band B reasons give Band A."
