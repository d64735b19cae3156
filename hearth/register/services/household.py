"""Recording a household: its answers, the people who will live in it, and the places where
it has lived, worked and has close family (and which area each is in). Any case that owns a
household can use these services: today an application to the register, later a
homelessness case.

Every service is keyword-only and takes the `household` it changes and a
`HouseholdEditContext` the caller supplies for the case that owns it. The context decides who
may change the household (`check`), who the audit records (`acting_actor`: an officer, on
behalf of an applicant), whose audit log it goes in (`organisation`), and what the case needs
after its people change (`people_changed`). Each write checks the context first, then saves
and records its audit event in one transaction, with the context's hook inside it.

What belongs to the household itself stays here, whatever owns it: a new tenure drops answers
it makes irrelevant, a couple share a bedroom, and the current address in the history follows
the home the household says it lives in.

An application's context is `hearth.register.services.apply.ApplicationHouseholdContext`. A
later app gives its own case a context in the same shape (a frozen dataclass is enough)::

    @dataclass(frozen=True)
    class CaseHouseholdContext:
        case: HomelessnessCase

        @property
        def household(self) -> Household:
            return self.case.household

        @property
        def organisation(self) -> Organisation:
            return self.case.council

        def check(self, actor: Actor) -> None:
            if not case_officer(actor, self.case):
                raise PermissionDenied

        def acting_actor(self, actor: Actor) -> Actor:
            return actor

        def people_changed(self) -> None:
            pass  # nothing of the case's own follows who is in the household

    person_save(actor=actor, household=case.household, context=CaseHouseholdContext(case),
                person=None, values={...})
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import CouncilStatus, OrganisationKind
from hearth.core.audit import audit_record, changes_of, snapshot
from hearth.core.models import Organisation
from hearth.register.models import (
    ACTIVITIES_WITH_HOURS,
    Household,
    Period,
    PeriodKind,
    Person,
    Relationship,
    Tenure,
)
from hearth.register.rules import apply_sections as routing
from hearth.register.selectors.apply import council_for_postcode
from hearth.register.selectors.apply_areas import council_areas_asked


class HouseholdEditContext(Protocol):
    """The case a household is recorded for: who may change it, and what follows a change."""

    @property
    def household(self) -> Household:
        """The household the case owns (a service refuses to change any other)."""
        ...

    @property
    def organisation(self) -> Organisation:
        """The organisation whose audit log records the change."""
        ...

    def check(self, actor: Actor) -> None:
        """Raise PermissionDenied unless `actor` may change the household now."""
        ...

    def acting_actor(self, actor: Actor) -> Actor:
        """The actor the audit records (an officer, on behalf of someone, for example)."""
        ...

    def people_changed(self) -> None:
        """Called inside the transaction after someone is added, changed or removed."""
        ...


def _edit_check(actor: Actor, household: Household, context: HouseholdEditContext) -> None:
    context.check(actor)
    if context.household.pk != household.pk:
        raise PermissionDenied


# The household fields each section of the form may change.
HOUSEHOLD_FIELDS: dict[str, frozenset[str]] = {
    routing.ABOUT_YOU: frozenset({"contact_phone", "contact_email"}),
    routing.HOME: frozenset(
        {
            "home_address",
            "home_postcode",
            "home_tenure",
            "home_landlord",
            "home_bedrooms",
            "home_shares_facilities",
            "home_disrepair",
            "home_condition",
        }
    ),
    routing.MONEY: frozenset(
        {"income_yearly", "savings", "benefits", "owns_property", "owns_property_details"}
    ),
    routing.SUPPORT: frozenset({"support_needs"}),
    routing.ARMED_FORCES: frozenset({"armed_forces"}),
    routing.BEHAVIOUR: frozenset({"unacceptable_behaviour", "unacceptable_behaviour_details"}),
    routing.AREAS: frozenset({"preferred_areas"}),
    routing.COUNCIL: frozenset({"extra_answers"}),
}
PERSON_FIELDS = frozenset(
    {
        "full_name",
        "date_of_birth",
        "sex",
        "relationship",
        "national_insurance_number",
        "pregnant",
        "disabled",
        "needs_overnight_carer",
        "medical_needs",
        "welfare_needs",
        "mobility",
        "economic_activity",
        "hours_per_week",
    }
)
PERIOD_FIELDS = (
    "start",
    "end",
    "address",
    "postcode",
    "detail",
    "hours_per_week",
    "supported_placement",
)
COUPLE = frozenset({Relationship.JOINT, Relationship.PARTNER})
OLDEST_AGE = 125


def _tenure_consequences(changes: dict[str, Any]) -> None:
    """Drop answers a new tenure makes irrelevant (no landlord for owners; nothing about the
    home for people with no settled home), and note a social tenant's transfer."""
    tenure = changes.get("home_tenure")
    if tenure is None:
        return
    if tenure not in routing.RENTING:
        changes["home_landlord"] = ""
    if tenure in routing.NO_HOME:
        changes.update(
            home_bedrooms=0, home_shares_facilities=False, home_disrepair=False, home_condition=""
        )
    changes["is_transfer"] = tenure == Tenure.SOCIAL_RENTED


def household_answers_save(
    *,
    actor: Actor,
    household: Household,
    context: HouseholdEditContext,
    section: str,
    changes: Mapping[str, Any],
) -> None:
    """Save answers about the household from one step of `section`."""
    _edit_check(actor, household, context)
    allowed = HOUSEHOLD_FIELDS.get(section, frozenset())
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"{sorted(unknown)} are not answers of section {section!r}")
    values = dict(changes)
    for money in ("income_yearly", "savings"):
        if money in values and values[money] < 0:
            raise ValidationError({money: "Enter an amount of £0 or more"})
    if section == routing.HOME:
        _tenure_consequences(values)
    if "extra_answers" in values:
        merged = dict(household.extra_answers)
        merged.update(values["extra_answers"])
        values["extra_answers"] = merged
    before = snapshot(household, values)
    with transaction.atomic():
        for name, value in values.items():
            setattr(household, name, value)
        household.save(update_fields=[*values, "updated_at"])
        diff = changes_of(before=before, after=values, context={"section": section})
        if diff.fields:
            audit_record(
                actor=context.acting_actor(actor),
                verb="household.answers_saved",
                target=household,
                organisation=context.organisation,
                changes=diff,
            )
        if diff.fields.keys() & {"home_address", "home_postcode"}:
            _current_residence_follow(actor, household, context)


def _current_residence_follow(
    actor: Actor, household: Household, context: HouseholdEditContext
) -> None:
    """Keep the current address in the address history the same as the home the household
    says it lives in now (letters go to it; local connection is worked out from it)."""
    current = (
        Period.objects.filter(household=household, kind=PeriodKind.RESIDENCE, end__isnull=True)
        .order_by("-start")
        .first()
    )
    if current is None:
        return
    period_save(
        actor=actor,
        household=household,
        context=context,
        kind=PeriodKind.RESIDENCE,
        period=current,
        values={
            "start": current.start,
            "end": None,
            "address": household.home_address,
            "postcode": household.home_postcode,
        },
    )


def _person_check(household: Household, person: Person | None, values: Mapping[str, Any]) -> None:
    """Impossible combinations, explained."""
    today = clock.today()
    dob = values.get("date_of_birth", person.date_of_birth if person else None)
    relationship = values.get("relationship", person.relationship if person else "")
    problems: dict[str, str] = {}
    if dob is not None:
        if dob > today:
            problems["date_of_birth"] = "Date of birth must be in the past"
        elif routing.age_on(dob, today) > OLDEST_AGE:
            problems["date_of_birth"] = "Check the year of birth: it is more than 125 years ago"
        elif (
            relationship in COUPLE and routing.age_on(dob, today) < routing.JOINT_APPLICANT_MIN_AGE
        ):
            problems["relationship"] = (
                "A joint applicant or partner must be 16 or over. Check the date of birth, or "
                "choose a different relationship"
            )
        elif relationship == Relationship.LEAD and routing.age_on(dob, today) < 16:
            problems["date_of_birth"] = "You must be 16 or over to apply"
    if relationship in COUPLE and "relationship" not in problems:
        others = Person.objects.filter(household=household, relationship__in=sorted(COUPLE))
        if person is not None:
            others = others.exclude(pk=person.pk)
        if others.exists():
            problems["relationship"] = (
                "You have already added a partner or joint applicant. Only one person can be "
                "your partner or joint applicant"
            )
    if problems:
        raise ValidationError(problems)


def _couple_link(household: Household) -> None:
    """Couples share a bedroom: link the lead and their partner or joint applicant."""
    people = list(Person.objects.filter(household=household))
    lead = next((p for p in people if p.relationship == Relationship.LEAD), None)
    partner = next((p for p in people if p.relationship in COUPLE), None)
    for person in people:
        wanted = None
        if lead is not None and partner is not None:
            if person.pk == lead.pk:
                wanted = partner.pk
            elif person.pk == partner.pk:
                wanted = lead.pk
        if person.partner_id != wanted:
            person.partner_id = wanted
            person.save(update_fields=["partner", "updated_at"])


def person_save(
    *,
    actor: Actor,
    household: Household,
    context: HouseholdEditContext,
    person: Person | None,
    values: Mapping[str, Any],
) -> Person:
    """Add someone to the household (`person` None) or change what we know about them."""
    _edit_check(actor, household, context)
    unknown = set(values) - PERSON_FIELDS
    if unknown:
        raise ValueError(f"{sorted(unknown)} are not answers about a person")
    if person is not None and person.household_id != household.pk:
        raise PermissionDenied
    if person is not None and person.relationship == Relationship.LEAD:
        values = {**values, "relationship": Relationship.LEAD}
    activity = values.get("economic_activity")
    if activity is not None and activity not in ACTIVITIES_WITH_HOURS:
        values = {**values, "hours_per_week": None}  # retired, ...: no hours to keep
    _person_check(household, person, values)
    with transaction.atomic():
        if person is None:
            if (
                values.get("relationship") == Relationship.LEAD
                and Person.objects.filter(
                    household=household, relationship=Relationship.LEAD
                ).exists()
            ):
                raise ValidationError("The household already has a lead applicant")
            person = Person(household=household)
            before: dict[str, Any] = {}
            verb = "person.added"
        else:
            before = snapshot(person, values)
            verb = "person.changed"
        for name, value in values.items():
            setattr(person, name, value)
        if not routing.may_be_pregnant(person.sex, person.date_of_birth, clock.today()):
            person.pregnant = False
        person.full_clean(exclude=["household", "partner"])
        person.save()
        _couple_link(household)
        context.people_changed()
        audit_record(
            actor=context.acting_actor(actor),
            verb=verb,
            target=person,
            organisation=context.organisation,
            changes=changes_of(before=before, after=values),
            label=f"{household.reference}: {person.full_name}",
        )
    return person


def person_remove(
    *, actor: Actor, household: Household, context: HouseholdEditContext, person: Person
) -> None:
    """Take someone off the household (never the lead applicant)."""
    _edit_check(actor, household, context)
    if person.household_id != household.pk:
        raise PermissionDenied
    if person.relationship == Relationship.LEAD:
        raise ValidationError("You cannot remove the lead applicant")
    with transaction.atomic():
        audit_record(
            actor=context.acting_actor(actor),
            verb="person.removed",
            target=person,
            organisation=context.organisation,
            label=f"{household.reference}: {person.full_name}",
        )
        person.delete()
        _couple_link(household)
        context.people_changed()


def _scheme_councils(household: Household) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            scheme_id=household.council.scheme_id, kind=OrganisationKind.COUNCIL
        ).exclude(council_status=CouncilStatus.ONBOARDING)
    )


def _period_check(
    household: Household, kind: str, period: Period | None, values: Mapping[str, Any]
) -> None:
    today = clock.today()
    start: dt.date = values["start"]
    end: dt.date | None = values.get("end")
    problems: dict[str, str] = {}
    if start > today:
        problems["start"] = "The date you started must be today or in the past"
    if end is not None and end > today:
        problems["end"] = "The date this ended must be today or in the past"
    elif end is not None and end < start:
        problems["end"] = "The date this ended must be the same as or after the date it started"
    if kind == PeriodKind.RESIDENCE and not problems:
        others = Period.objects.filter(household=household, kind=kind)
        if period is not None:
            others = others.exclude(pk=period.pk)
        if end is None and any(o.end is None for o in others):
            problems["end"] = (
                "You have already told us your current address. Enter the date you left this one"
            )
        elif routing.periods_overlap(start, end, tuple((o.start, o.end) for o in others)):
            problems["start"] = (
                "These dates overlap another address you have given. Check the dates, "
                "or change the other address first"
            )
    if values.get("supported_placement") and not problems:
        problems.update(_placement_problems(household, kind, period, start))
    if problems:
        raise ValidationError(problems)


def _placement_problems(
    household: Household, kind: str, period: Period | None, start: dt.date
) -> dict[str, str]:
    """A placement in supported housing counts as residence in the area lived in before it, so
    that earlier address must be on record first."""
    if kind != PeriodKind.RESIDENCE:
        return {"supported_placement": "Only an address can be a placement in supported housing"}
    earlier = Period.objects.filter(household=household, kind=kind, start__lt=start)
    if period is not None:
        earlier = earlier.exclude(pk=period.pk)
    if not earlier.exists():
        return {
            "supported_placement": "Add the address you lived at before this placement first: "
            "time in the placement counts as living in the area you lived in before it"
        }
    return {}


def period_save(
    *,
    actor: Actor,
    household: Household,
    context: HouseholdEditContext,
    kind: str,
    period: Period | None,
    values: Mapping[str, Any],
) -> Period:
    """Add or change a period of living, working or close family somewhere (for local
    connection); the council is worked out from the postcode where we know it.

    A different address, or one in another council, loses its area (and an answer of "not
    sure"): the old answer may be wrong, and a wrong parish would give priority under a local
    lettings plan that the household does not have. The area is then asked again."""
    _edit_check(actor, household, context)
    if kind not in PeriodKind.values:
        raise ValueError(f"{kind!r} is not a kind of period")
    unknown = set(values) - set(PERIOD_FIELDS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} are not answers about a period")
    if period is not None and (period.household_id != household.pk or period.kind != kind):
        raise PermissionDenied
    _period_check(household, kind, period, values)
    with transaction.atomic():
        before = snapshot(period, values) if period is not None else {}
        if period is None:
            period = Period(household=household, kind=kind)
        for name, value in values.items():
            setattr(period, name, value)
        period.postcode = period.postcode.strip().upper()
        council = council_for_postcode(_scheme_councils(household), period.postcode)
        area_before = {"parish": period.parish, "parish_not_known": period.parish_not_known}
        moved = "address" in before and before["address"] != period.address
        if moved or period.council_id != (council.pk if council is not None else None):
            period.parish = ""
            period.parish_not_known = False
        period.council = council
        period.save()
        audit_record(
            actor=context.acting_actor(actor),
            verb="period.saved",
            target=period,
            organisation=context.organisation,
            changes=changes_of(before=before, after=values, context={"kind": kind})
            | changes_of(
                before=area_before,
                after={"parish": period.parish, "parish_not_known": period.parish_not_known},
            ),
            label=f"{household.reference}: {period.get_kind_display()}",
        )
    return period


def period_remove(
    *, actor: Actor, household: Household, context: HouseholdEditContext, period: Period
) -> None:
    _edit_check(actor, household, context)
    if period.household_id != household.pk:
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=context.acting_actor(actor),
            verb="period.removed",
            target=period,
            organisation=context.organisation,
            label=f"{household.reference}: {period.get_kind_display()}",
        )
        period.delete()


def period_area_set(
    *,
    actor: Actor,
    household: Household,
    context: HouseholdEditContext,
    period: Period,
    area: str,
) -> Period:
    """Save which area (parish, town or neighbourhood) of the period's council the place is in.

    A council's local lettings plan can give homes in a village first to people with a
    connection to that parish; the area saved here is what the rules compare with the
    advertised home's parish. "" means somewhere else, or the person is not sure, which is
    remembered as `parish_not_known` so that it is not mistaken for a question never answered.
    """
    _edit_check(actor, household, context)
    if period.household_id != household.pk:
        raise PermissionDenied
    area = area.strip()
    if area and area not in council_areas_asked(period.council, clock.today()):
        raise ValidationError(
            {
                "area": _(
                    "Select one of the areas in the list, or select "
                    "'Somewhere else, or I'm not sure'"
                )
            }
        )
    with transaction.atomic():
        before = {"parish": period.parish, "parish_not_known": period.parish_not_known}
        period.parish = area
        period.parish_not_known = not area
        period.save(update_fields=["parish", "parish_not_known", "updated_at"])
        after = {"parish": period.parish, "parish_not_known": period.parish_not_known}
        audit_record(
            actor=context.acting_actor(actor),
            verb="period.area_set",
            target=period,
            organisation=context.organisation,
            changes=changes_of(before=before, after=after, context={"kind": period.kind}),
            label=f"{household.reference}: {period.get_kind_display()}",
        )
    return period
