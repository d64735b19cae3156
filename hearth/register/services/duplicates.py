"""Finding likely duplicates: someone on this application who is already on another household's
record, in any council of the scheme. Matches are flagged for an officer, never merged.

A likely duplicate is the same National Insurance number, or the same name and date of birth.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import Application, DuplicateFlag, Person
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import applicant_or_officer_check


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def matches_find(application: Application) -> dict[str, set[str]]:
    """Other households with a likely duplicate of someone on `application`, and what matched
    ({household id: {"name", "date_of_birth", "national_insurance_number"}}). Two queries."""
    household = application.household
    people = list(Person.objects.filter(household=household))
    query = Q()
    for person in people:
        # Everyone born that day (a handful, by index); names are compared below, ignoring case
        # and spacing, which a database comparison would not.
        query |= Q(date_of_birth=person.date_of_birth)
        if person.national_insurance_number:
            query |= Q(national_insurance_number=person.national_insurance_number)
    if not people:
        return {}
    found: dict[str, set[str]] = {}
    candidates = (
        Person.objects.filter(query)
        .exclude(household=household)
        .only("household_id", "full_name", "date_of_birth", "national_insurance_number")
    )
    for other in candidates:
        for person in people:
            matched: set[str] = set()
            if _same_name(person.full_name, other.full_name):
                matched.add("name")
            if person.date_of_birth == other.date_of_birth:
                matched.add("date_of_birth")
            nino = person.national_insurance_number
            if nino and nino == other.national_insurance_number:
                matched.add("national_insurance_number")
            if "national_insurance_number" in matched or {"name", "date_of_birth"} <= matched:
                found.setdefault(str(other.household_id), set()).update(matched)
    return found


def duplicate_flags_raise(*, actor: Actor, application: Application) -> list[DuplicateFlag]:
    """Flag each likely duplicate of a sent `application` not flagged already, with an audit
    event for each new flag; returns the new flags.

    `actor` is whoever sends the application: the applicant, or an officer of its council acting
    for them. A draft is never checked: its people may still change.
    """
    applicant_or_officer_check(actor, application)
    with transaction.atomic():
        # Locked, so two checks of one application cannot both flag the same household (the
        # unique constraint on application and household would refuse the second).
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status == lifecycle.DRAFT:
            raise ValidationError("Send the application before checking it for duplicates")
        matches = matches_find(locked)
        already = {
            str(pk)
            for pk in DuplicateFlag.objects.filter(application=locked).values_list(
                "other_household_id", flat=True
            )
        }
        now = clock.now()
        new = DuplicateFlag.objects.bulk_create(
            DuplicateFlag(
                application=locked,
                council_id=locked.council_id,
                other_household_id=household_id,
                matched_on=sorted(matched),
                flagged_at=now,
            )
            for household_id, matched in sorted(matches.items())
            if household_id not in already
        )
        household = locked.household
        for flag in new:
            audit_record(
                actor=actor,
                verb="duplicate.flagged",
                target=flag,
                organisation=household.council,
                label=f"{household.reference}: possible duplicate",
                changes=changes_of(after={"status": flag.status, "matched_on": flag.matched_on}),
            )
    return new
