"""The task list and the one-question steps of the application form.

Each step is one form and one page; `STEPS` says, per section, which form a step uses and which
service saves it. The routing (which steps this household sees, and what comes next) is in
`hearth.register.rules.apply_sections`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.apply import StepForm
from hearth.register.forms.apply_areas import AreasForm, CouncilQuestionForm
from hearth.register.forms.apply_home import (
    ArmedForcesForm,
    BedroomsForm,
    BehaviourForm,
    BenefitsForm,
    ConditionForm,
    FacilitiesForm,
    HomeAddressForm,
    IncomeForm,
    LandlordForm,
    PropertyForm,
    SavingsForm,
    SupportForm,
    TenureForm,
)
from hearth.register.forms.apply_people import (
    ActivityForm,
    ContactForm,
    HealthForm,
    LeadDetailsForm,
    NationalInsuranceForm,
    PregnantForm,
)
from hearth.register.models import Relationship
from hearth.register.rules import apply_sections as routing
from hearth.register.selectors.apply import ApplyRecord
from hearth.register.services.household import household_answers_save, person_save
from hearth.register.views.apply_journey import (
    Journey,
    JourneyOwner,
    for_applicant,
    for_officer,
)

Saver = Callable[[Journey[JourneyOwner], str, dict[str, Any]], None]


def _save_household(section: str) -> Saver:
    def save(journey: Journey[JourneyOwner], step: str, answers: dict[str, Any]) -> None:
        household_answers_save(**journey.service_args, section=section, changes=answers)

    return save


def _save_lead(journey: Journey[JourneyOwner], step: str, answers: dict[str, Any]) -> None:
    values = dict(answers)
    if step == "details":
        values["relationship"] = Relationship.LEAD
    person_save(**journey.service_args, person=journey.record.lead, values=values)


def _save_person(journey: Journey[JourneyOwner], step: str, answers: dict[str, Any]) -> None:
    """Save a step of a section with one page per person (the step is the person's id)."""
    person_save(**journey.service_args, person=journey.record.person(step), values=answers)


@dataclass(frozen=True)
class StepSpec:
    form: type[StepForm]
    save: Saver
    form_kwargs: Callable[[ApplyRecord, str], dict[str, Any]] | None = None
    initial: Callable[[ApplyRecord, str], dict[str, Any]] | None = None


def _person_kwargs(record: ApplyRecord, step: str) -> dict[str, Any]:
    person = record.person(step)
    return {"person": person, "is_lead": person.relationship == Relationship.LEAD}


STEPS: dict[str, dict[str, StepSpec]] = {
    routing.ABOUT_YOU: {
        "details": StepSpec(LeadDetailsForm, _save_lead),
        "pregnant": StepSpec(PregnantForm, _save_lead),
        "national-insurance": StepSpec(NationalInsuranceForm, _save_lead),
        "contact": StepSpec(ContactForm, _save_household(routing.ABOUT_YOU)),
    },
    routing.HOME: {
        "address": StepSpec(HomeAddressForm, _save_household(routing.HOME)),
        "tenure": StepSpec(TenureForm, _save_household(routing.HOME)),
        "landlord": StepSpec(LandlordForm, _save_household(routing.HOME)),
        "bedrooms": StepSpec(BedroomsForm, _save_household(routing.HOME)),
        "facilities": StepSpec(FacilitiesForm, _save_household(routing.HOME)),
        "condition": StepSpec(ConditionForm, _save_household(routing.HOME)),
    },
    routing.MONEY: {
        "income": StepSpec(IncomeForm, _save_household(routing.MONEY)),
        "savings": StepSpec(SavingsForm, _save_household(routing.MONEY)),
        "benefits": StepSpec(BenefitsForm, _save_household(routing.MONEY)),
        "property": StepSpec(PropertyForm, _save_household(routing.MONEY)),
    },
    routing.SUPPORT: {"support": StepSpec(SupportForm, _save_household(routing.SUPPORT))},
    routing.ARMED_FORCES: {
        "service": StepSpec(ArmedForcesForm, _save_household(routing.ARMED_FORCES))
    },
    routing.BEHAVIOUR: {"behaviour": StepSpec(BehaviourForm, _save_household(routing.BEHAVIOUR))},
    routing.AREAS: {"areas": StepSpec(AreasForm, _save_household(routing.AREAS))},
}
HEALTH_STEP = StepSpec(
    HealthForm,
    _save_person,
    form_kwargs=_person_kwargs,
    initial=lambda record, step: HealthForm.initial_of(record.person(step)),
)
ACTIVITY_STEP = StepSpec(
    ActivityForm,
    _save_person,
    form_kwargs=_person_kwargs,
    initial=lambda record, step: ActivityForm.initial_of(record.person(step)),
)
COUNCIL_STEP = StepSpec(
    CouncilQuestionForm,
    _save_household(routing.COUNCIL),
    form_kwargs=lambda record, step: {"question": record.question(step)},
    initial=lambda record, step: CouncilQuestionForm.initial_of(record, step),
)


def step_spec(section: str, step: str) -> StepSpec:
    if section == routing.HEALTH:
        return HEALTH_STEP
    if section == routing.ACTIVITY:
        return ACTIVITY_STEP
    if section == routing.COUNCIL:
        return COUNCIL_STEP
    try:
        return STEPS[section][step]
    except KeyError:
        raise Http404 from None


def first_url(journey: Journey[JourneyOwner], section: str) -> str:
    """Where a section starts: its list page, or its first step."""
    if section in routing.LIST_SECTIONS:
        return journey.url(section)
    found = routing.steps(section, journey.record.answers)
    return journey.step_url(section, found[0]) if found else journey.url("tasks")


def _tasks(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
    record = journey.record
    answers = record.answers
    items = []
    for section in routing.sections(answers):
        can_start = routing.section_can_start(section, answers)
        status = routing.section_status(section, answers) if can_start else "cannot_start"
        title = routing.SECTION_TITLES[section]
        if section == routing.COUNCIL:
            title = f"{journey.household.council.name}'s own questions"
        items.append(
            {
                "id": section,
                "title": title,
                "status": status,
                "status_label": routing.STATUS_LABELS.get(status, "Cannot start yet"),
                "url": first_url(journey, section) if can_start else "",
            }
        )
    incomplete = routing.sections_incomplete(answers)
    return journey.render(
        request,
        "tasks.html",
        {
            "items": items,
            "done_count": len(items) - len(incomplete),
            "ready": not incomplete,
            "check_url": journey.url("check"),
        },
    )


def _step(
    request: HttpRequest, journey: Journey[JourneyOwner], section: str, step: str
) -> HttpResponse:
    record = journey.record
    answers = record.answers
    if section not in routing.sections(answers) or section in routing.LIST_SECTIONS:
        raise Http404
    if not routing.section_can_start(section, answers):
        return redirect(journey.step_url(routing.ABOUT_YOU, "details"))
    if not routing.step_applies(section, step, answers):
        # Not a question for this household (any more): go to the section's first step.
        found = routing.steps(section, answers)
        if section in routing.PERSON_SECTIONS or not found or step not in STEPS.get(section, {}):
            raise Http404
        return redirect(journey.step_url(section, found[0]))
    spec = step_spec(section, step)
    kwargs = spec.form_kwargs(record, step) if spec.form_kwargs else {}
    initial = spec.initial(record, step) if spec.initial else spec.form.initial_for(record)
    form = spec.form(posted(request), initial=initial, record=record, **kwargs)
    if done := form_submit(
        request,
        form,
        lambda _data: spec.save(journey, step, form.answers()),
        success=lambda _saved: redirect(_after(journey, section, step)),
    ):
        return done
    previous = routing.previous_step(section, step, answers)
    back = journey.step_url(section, previous) if previous else journey.url("tasks")
    if journey.returning:
        back = journey.url("check")
    return journey.step_page(
        request, form, section=section, back_url=back, heading=getattr(form, "heading", "")
    )


def _after(journey: Journey[JourneyOwner], section: str, step: str) -> str:
    """The page after a saved step: the section's next step, or the end of the section.

    After a change made from check answers, go back there unless the answer brought in a new
    question (renting now, so who is the landlord?).
    """
    before = routing.steps(section, journey.record.answers)
    answers = journey.reload().answers
    following = routing.next_step(section, step, answers)
    if following is not None and (not journey.returning or following not in before):
        return journey.with_return(journey.step_url(section, following))
    journey.section_mark(section, done=True)
    return journey.done_url()


tasks = for_applicant(_tasks)
step = for_applicant(_step)
assisted_tasks = for_officer(_tasks)
assisted_step = for_officer(_step)
