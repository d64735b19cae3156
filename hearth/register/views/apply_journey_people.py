"""The people who will live with the applicant: a list to add to, change and remove from."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.apply import YES, AddAnotherForm, ConfirmRemoveForm
from hearth.register.forms.apply_people import PersonAddForm, PersonForm, PregnantForm
from hearth.register.models import Person, Relationship
from hearth.register.rules import apply_sections as routing
from hearth.register.services.household import person_remove, person_save
from hearth.register.views.apply_journey import (
    Journey,
    JourneyOwner,
    for_applicant,
    for_officer,
)

SECTION = routing.PEOPLE


def _other(journey: Journey[JourneyOwner], person: uuid.UUID) -> Person:
    found = journey.record.person(person)
    if found.relationship == Relationship.LEAD:
        raise Http404
    return found


def _list(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
    record = journey.record
    if record.lead is None:
        return redirect(journey.step_url(routing.ABOUT_YOU, "details"))
    others = record.others
    question = (
        "Do you need to add anyone else who will live with you?"
        if others
        else "Will anyone else live with you?"
    )
    form = AddAnotherForm(
        posted(request),
        question=question,
        required_message="Select yes if anyone else will live with you",
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["another"] == YES:
            return redirect(journey.with_return(journey.url("people_add")))
        journey.section_mark(SECTION, done=True)
        return redirect(journey.done_url())
    rows = [
        {
            "person": person,
            "relationship": person.get_relationship_display(),
            "age": routing.age_on(person.date_of_birth, clock.today()),
            "change_url": journey.with_return(journey.url("people_change", person=person.pk)),
            "remove_url": journey.with_return(journey.url("people_remove", person=person.pk)),
        }
        for person in others
    ]
    return journey.render(
        request,
        "people_list.html",
        {"form": form, "rows": rows, "lead": record.lead, "back_url": journey.url("tasks")},
    )


def _after_person(journey: Journey[JourneyOwner], person: Person) -> str:
    if routing.may_be_pregnant(person.sex, person.date_of_birth, clock.today()):
        return journey.with_return(journey.url("people_pregnant", person=person.pk))
    return journey.with_return(journey.url("people"))


def _person_form(
    request: HttpRequest, journey: Journey[JourneyOwner], person: Person | None
) -> HttpResponse:
    if journey.record.lead is None:
        return redirect(journey.step_url(routing.ABOUT_YOU, "details"))
    if person is None:
        form: PersonForm = PersonAddForm(posted(request))
    else:
        form = PersonForm(posted(request), initial=PersonForm.initial_of(person))

    def after(saved: Person) -> HttpResponse:
        # A new person means the list (and health questions) must be looked at again, and
        # anyone now old enough to be asked what they do must be asked.
        reopen = [SECTION, routing.HEALTH] if person is None else []
        if not saved.economic_activity and str(saved.pk) in routing.steps(
            routing.ACTIVITY, journey.reload().answers
        ):
            reopen.append(routing.ACTIVITY)
        for section in reopen:
            journey.section_mark(section, done=False)
        return redirect(_after_person(journey, saved))

    if done := form_submit(
        request,
        form,
        lambda _data: person_save(**journey.service_args, person=person, values=form.answers()),
        success=after,
        once=_("This person was already added, and is listed once."),
    ):
        return done
    heading = (
        f"Change the details of {person.full_name}"
        if person
        else "Add someone who will live with you"
    )
    return journey.step_page(
        request,
        form,
        section=SECTION,
        back_url=journey.with_return(journey.url("people")),
        heading=heading,
    )


def _add(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
    return _person_form(request, journey, None)


def _change(
    request: HttpRequest, journey: Journey[JourneyOwner], person: uuid.UUID
) -> HttpResponse:
    return _person_form(request, journey, _other(journey, person))


def _pregnant(
    request: HttpRequest, journey: Journey[JourneyOwner], person: uuid.UUID
) -> HttpResponse:
    found = _other(journey, person)
    if not routing.may_be_pregnant(found.sex, found.date_of_birth, clock.today()):
        return redirect(journey.url("people"))
    initial = {"pregnant": YES if found.pregnant else None} if found.pregnant else {}
    form = PregnantForm(posted(request), initial=initial, person_name=found.full_name)
    if request.method == "POST" and form.is_valid():
        person_save(**journey.service_args, person=found, values=form.answers())
        return redirect(journey.with_return(journey.url("people")))
    return journey.step_page(
        request,
        form,
        section=SECTION,
        back_url=journey.with_return(journey.url("people_change", person=found.pk)),
    )


def _remove(
    request: HttpRequest, journey: Journey[JourneyOwner], person: uuid.UUID
) -> HttpResponse:
    found = _other(journey, person)
    form = ConfirmRemoveForm(
        posted(request), question=f"Are you sure you want to remove {found.full_name}?"
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] == YES:
            person_remove(**journey.service_args, person=found)
        return redirect(journey.with_return(journey.url("people")))
    return journey.step_page(
        request, form, section=SECTION, back_url=journey.with_return(journey.url("people"))
    )


people = for_applicant(_list)
people_add = for_applicant(_add)
people_change = for_applicant(_change)
people_pregnant = for_applicant(_pregnant)
people_remove = for_applicant(_remove)
assisted_people = for_officer(_list)
assisted_people_add = for_officer(_add)
assisted_people_change = for_officer(_change)
assisted_people_pregnant = for_officer(_pregnant)
assisted_people_remove = for_officer(_remove)
