"""Access rules for the register's apply pages, merged into tests/test_access_matrix.py.

The records the URLs name come from tests/access_register_world.py (shared by every register
area, built once per matrix world), plus a few people and periods on the officer-started draft
for the assisted-digital pages.

The world applicant's application has been sent (it is active), so every step of the form
sends them on (302): to the start page, which sends them to their account. Officers who may
assess applications work on any open application of their own council; other staff get 403,
officers of the away council 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hearth.core.access.roles import Capability
from hearth.register.models import Period, PeriodKind, Person, Relationship, Sex
from hearth.register.tests.factories import PeriodFactory, PersonFactory
from tests.access_register_world import RegisterRecords, register_records
from tests.access_rules import (
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Principal,
    Rule,
    applicant,
)


@dataclass(frozen=True)
class ApplyRecords:
    records: RegisterRecords
    adult: Person  # on the draft: a woman aged 30, so her pregnancy page shows
    previous: Period  # on the draft: an earlier address
    work: Period
    family: Period


def objects(world: Any) -> ApplyRecords:
    found = getattr(world, "_apply_records", None)
    if found is None:
        records = register_records(world)
        household = records.draft.household
        PeriodFactory(household=household, start=dt.date(2023, 1, 1), end=None)
        found = ApplyRecords(
            records=records,
            adult=PersonFactory(
                household=household,
                relationship=Relationship.SIBLING,
                sex=Sex.FEMALE,
                date_of_birth=dt.date(1995, 1, 1),
            ),
            previous=PeriodFactory(
                household=household, start=dt.date(2018, 1, 1), end=dt.date(2022, 12, 31)
            ),
            work=PeriodFactory(household=household, kind=PeriodKind.WORK, detail="Bakery"),
            family=PeriodFactory(household=household, kind=PeriodKind.FAMILY, detail="Mother"),
        )
        world._apply_records = found
    return found


def applicant_sent_on(p: Principal) -> int:
    """Applicant pages of the form: the world applicant has already applied, so is sent on."""
    if p.name == "anonymous":
        return REDIRECT
    return REDIRECT if p.applicant else FORBIDDEN


def officer(ok: int = OK, *, scoped: bool = True) -> Rule:
    def rule(p: Principal) -> int:
        if p.name == "anonymous":
            return REDIRECT
        if not p.can(Capability.ASSESS_APPLICATIONS):
            return FORBIDDEN
        return NOT_FOUND if scoped and p.away else ok

    return rule


JOURNEY = (
    "tasks",
    "check",
    "declaration",
    "people",
    "people_add",
    "people_change",
    "people_pregnant",
    "people_remove",
    "addresses",
    "addresses_current",
    "addresses_add",
    "addresses_change",
    "addresses_remove",
    "addresses_area",
    "work",
    "work_add",
    "work_change",
    "work_remove",
    "work_area",
    "family",
    "family_add",
    "family_change",
    "family_remove",
    "family_area",
    "step",
)

RULES: dict[str, Rule] = {
    "register:apply_start": applicant_sent_on,
    "register:apply_postcode": applicant_sent_on,
    "register:apply_council": applicant_sent_on,
    "register:apply_sent": applicant,
    "register:assisted_start": officer(scoped=False),
    "register:assisted_sent": officer(),
    **{f"register:apply_{name}": applicant_sent_on for name in JOURNEY},
    **{f"register:assisted_{name}": officer() for name in JOURNEY},
    # The draft's sections are not finished: the declaration sends the officer to check answers.
    "register:assisted_declaration": officer(REDIRECT),
    # The home council's policy lists areas but has no local lettings plan, so there is no area
    # to ask about: the area pages send the officer back to the list.
    **{f"register:assisted_{s}_area": officer(REDIRECT) for s in ("addresses", "work", "family")},
}


def _journey_kwargs(found: ApplyRecords, name: str) -> dict[str, object]:
    if (
        name.endswith("people_change")
        or name.endswith("people_pregnant")
        or name.endswith("people_remove")
    ):
        return {"person": found.adult.pk}
    for section, period in (
        ("addresses", found.previous),
        ("work", found.work),
        ("family", found.family),
    ):
        if name.endswith((f"{section}_change", f"{section}_remove", f"{section}_area")):
            return {"period": period.pk}
    if name.endswith("_step"):
        return {"section": "about-you", "step": "details"}
    return {}


def url_kwargs(found: ApplyRecords, name: str, principal: Principal) -> dict[str, object] | None:
    if name not in RULES or name in {
        "register:apply_start",
        "register:apply_postcode",
        "register:apply_council",
        "register:apply_sent",
        "register:assisted_start",
    }:
        return None if name not in RULES else {}
    kwargs = _journey_kwargs(found, name)
    if name.startswith("register:assisted_"):
        application = found.records.application if name.endswith("_sent") else found.records.draft
        return {"pk": application.pk, **kwargs}
    return kwargs
