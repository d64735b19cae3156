"""Reads for the application form: whose application the form is for, and what it holds so far.

The applicant fills in their own draft; an officer (assisted digital) works on any application
of their own council. Anything else is the same 404 as a record that does not exist.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, CouncilStatus, OrganisationKind
from hearth.core.models import Organisation, Scheme
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.document import ApplicationQuestion, PolicyDocument
from hearth.policy.selectors import policy_in_force
from hearth.register.models import Application, Household, Period, PeriodKind, Person, Relationship
from hearth.register.rules import apply_sections as routing
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import applications_visible


def application_open_of_applicant(*, actor: Actor) -> Application | None:
    """The signed-in applicant's application that is not closed (housed or cancelled)."""
    if not actor.is_applicant:
        return None
    return (
        applications_visible(actor=actor)
        .exclude(status__in=sorted(lifecycle.CLOSED))
        .order_by("-created_at")
        .first()
    )


def application_for_assisted(*, actor: Actor, pk: uuid.UUID | str) -> Application:
    """An application of the officer's own council they may complete for the applicant, or 404."""
    if not actor.can(Capability.ASSESS_APPLICATIONS):
        raise Http404
    try:
        return applications_visible(actor=actor).get(pk=pk)
    except (Application.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def councils_to_choose(*, scheme: Scheme | None) -> QuerySet[Organisation]:
    """The councils of the scheme that take applications (not those still onboarding)."""
    if scheme is None:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(scheme=scheme, kind=OrganisationKind.COUNCIL)
        .exclude(council_status=CouncilStatus.ONBOARDING)
        .order_by("name")
    )


def postcode_district(postcode: str) -> str:
    """The district of a UK postcode: "MV1 2AB" -> "MV1" (the outward code)."""
    compact = postcode.replace(" ", "").upper()
    return compact[:-3] if len(compact) > 3 else compact


def council_for_postcode(councils: list[Organisation], postcode: str) -> Organisation | None:
    """The council whose area has the postcode's district, if we know one."""
    district = postcode_district(postcode)
    if not district:
        return None
    return next(
        (c for c in councils if district in {d.upper() for d in c.postcode_districts}), None
    )


def council_document(council: Organisation, today: dt.date) -> PolicyDocument | None:
    """The council's policy in force today, for its own questions and its areas."""
    version = policy_in_force(council, today)
    return document_of(version) if version is not None else None


@dataclass(frozen=True)
class ApplyRecord:
    """One household and everything the form has saved for it, read in a few queries."""

    household: Household
    people: tuple[Person, ...]
    periods: tuple[Period, ...]
    document: PolicyDocument | None
    answers: routing.Answers

    @property
    def lead(self) -> Person | None:
        return next((p for p in self.people if p.relationship == Relationship.LEAD), None)

    @property
    def others(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.relationship != Relationship.LEAD)

    def person(self, pk: uuid.UUID | str) -> Person:
        found = next((p for p in self.people if str(p.pk) == str(pk)), None)
        if found is None:
            raise Http404
        return found

    def periods_of(self, kind: str) -> tuple[Period, ...]:
        return tuple(p for p in self.periods if p.kind == kind)

    def period(self, pk: uuid.UUID | str, kind: str) -> Period:
        found = next((p for p in self.periods_of(kind) if str(p.pk) == str(pk)), None)
        if found is None:
            raise Http404
        return found

    @property
    def questions(self) -> tuple[ApplicationQuestion, ...]:
        return self.document.application_questions if self.document else ()

    def question(self, code: str) -> ApplicationQuestion:
        found = next((q for q in self.questions if q.code == code), None)
        if found is None:
            raise Http404
        return found

    @property
    def areas(self) -> tuple[str, ...]:
        return self.document.areas if self.document else ()

    @property
    def current_residence(self) -> Period | None:
        return next((p for p in self.periods_of(PeriodKind.RESIDENCE) if p.end is None), None)

    @property
    def gaps(self) -> tuple[routing.Gap, ...]:
        return routing.address_gaps(self.answers.residence, self.answers.today)


def _person_answers(person: Person) -> routing.PersonAnswers:
    return routing.PersonAnswers(
        id=str(person.pk),
        relationship=person.relationship,
        sex=person.sex,
        date_of_birth=person.date_of_birth,
    )


def _started(
    household: Household, people: tuple[Person, ...], periods: tuple[Period, ...]
) -> frozenset[str]:
    kinds = {p.kind for p in periods}
    started = {
        routing.ABOUT_YOU: any(p.relationship == Relationship.LEAD for p in people),
        routing.PEOPLE: any(p.relationship != Relationship.LEAD for p in people),
        routing.HOME: bool(household.home_tenure or household.home_address),
        routing.ADDRESSES: PeriodKind.RESIDENCE in kinds,
        routing.ACTIVITY: any(p.economic_activity for p in people),
        routing.WORK: PeriodKind.WORK in kinds,
        routing.FAMILY: PeriodKind.FAMILY in kinds,
        routing.MONEY: bool(household.income_yearly or household.savings or household.benefits),
        routing.HEALTH: any(
            p.disabled or p.mobility or p.medical_needs or p.welfare_needs for p in people
        ),
        routing.SUPPORT: bool(household.support_needs),
        routing.ARMED_FORCES: bool(household.armed_forces),
        routing.BEHAVIOUR: household.unacceptable_behaviour,
        routing.AREAS: bool(household.preferred_areas),
        routing.COUNCIL: bool(household.extra_answers),
    }
    return frozenset(code for code, yes in started.items() if yes)


def apply_record(*, application: Application, today: dt.date) -> ApplyRecord:
    """The application's saved answers (the caller has already checked who may see it)."""
    return household_record(
        household=application.household,
        sections_done=frozenset(application.sections_done),
        today=today,
    )


def household_record(
    *, household: Household, sections_done: frozenset[str], today: dt.date
) -> ApplyRecord:
    """A household's saved answers, with the sections its owner (an application, or another
    case) counts as finished (the caller has already checked who may see it)."""
    people = tuple(Person.objects.filter(household=household))
    periods = tuple(Period.objects.filter(household=household).select_related("council"))
    document = council_document(household.council, today)
    lead = next((p for p in people if p.relationship == Relationship.LEAD), None)
    answers = routing.Answers(
        today=today,
        lead=_person_answers(lead) if lead else None,
        others=tuple(_person_answers(p) for p in people if p is not lead),
        home_tenure=household.home_tenure,
        home_address=household.home_address,
        owns_property=household.owns_property,
        residence=tuple((p.start, p.end) for p in periods if p.kind == PeriodKind.RESIDENCE),
        council_questions=tuple(q.code for q in document.application_questions) if document else (),
        sections_done=sections_done,
        started=_started(household, people, periods),
    )
    return ApplyRecord(
        household=household,
        people=people,
        periods=periods,
        document=document,
        answers=answers,
    )
