"""Check your answers, the declaration, and the confirmation with the reference number."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.core.forms.govuk import govuk_date
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.apply import DeclarationForm
from hearth.register.forms.apply_history import PeriodAreaForm
from hearth.register.forms.apply_home import TENURE_CHOICES
from hearth.register.models import ArmedForces, Benefit, Mobility, Period, PeriodKind, Person
from hearth.register.rules import apply_sections as routing
from hearth.register.rules import lifecycle
from hearth.register.selectors.apply import ApplyRecord
from hearth.register.selectors.apply_areas import councils_areas_asked
from hearth.register.services.apply import application_submit
from hearth.register.views.apply_journey import (
    ApplicationJourney,
    Journey,
    JourneyOwner,
    for_applicant,
    for_officer,
)
from hearth.register.views.apply_journey_steps import first_url

TENURE_TEXT: dict[str, str] = {str(value): text for value, text in TENURE_CHOICES}


def _money(value: Any) -> str:
    return f"£{value:,.2f}"


def _yes_no(value: bool, details: str = "") -> str:
    return f"Yes: {details}" if value and details else ("Yes" if value else "No")


def _activity_text(person: Person) -> str:
    """What someone does, with their hours a week where there are any ("" if not answered)."""
    if not person.economic_activity:
        return ""
    text = str(person.get_economic_activity_display())
    hours = person.hours_per_week
    if hours:
        text += ", " + ngettext("%(n)s hour a week", "%(n)s hours a week", hours) % {"n": hours}
    return text


def _job_text(job: Period) -> str:
    return f"{job.hours_per_week} hours a week since {govuk_date(job.start)}, {job.address}"


def _relative_text(relative: Period) -> str:
    return f"{relative.address}, since {govuk_date(relative.start)}"


def _row(key: str, value: Any, url: str, what: str) -> dict[str, str]:
    return {
        "key": key,
        "value": str(value) if value not in (None, "") else "Not given",
        "url": url,
        "what": what,
    }


def _sections(journey: Journey[JourneyOwner], record: ApplyRecord) -> list[dict[str, Any]]:
    """The answers, section by section, each with a link back to change it."""
    household = journey.household
    answers = record.answers

    def step(section: str, name: str) -> str:
        return journey.step_url(section, name) + "?return=check"

    def listing(name: str) -> str:
        return journey.url(name) + "?return=check"

    found: dict[str, list[dict[str, str]]] = {}
    lead = record.lead
    if lead is not None:
        about = [
            _row("Name", lead.full_name, step(routing.ABOUT_YOU, "details"), "your name"),
            _row(
                "Date of birth",
                govuk_date(lead.date_of_birth),
                step(routing.ABOUT_YOU, "details"),
                "your date of birth",
            ),
            _row("Sex", lead.get_sex_display(), step(routing.ABOUT_YOU, "details"), "your sex"),
        ]
        if routing.step_applies(routing.ABOUT_YOU, "pregnant", answers):
            about.append(
                _row(
                    "Pregnant",
                    _yes_no(lead.pregnant),
                    step(routing.ABOUT_YOU, "pregnant"),
                    "whether you are pregnant",
                )
            )
        about += [
            _row(
                "National Insurance number",
                lead.national_insurance_number,
                step(routing.ABOUT_YOU, "national-insurance"),
                "your National Insurance number",
            ),
            _row(
                "Phone number",
                household.contact_phone,
                step(routing.ABOUT_YOU, "contact"),
                "your phone number",
            ),
        ]
        found[routing.ABOUT_YOU] = about
    found[routing.PEOPLE] = [
        _row(
            person.full_name,
            f"{person.get_relationship_display()}, born {govuk_date(person.date_of_birth)}"
            + (", pregnant" if person.pregnant else ""),
            listing("people"),
            person.full_name,
        )
        for person in record.others
    ] or [
        _row(
            "Anyone else",
            "No one else will live with you",
            listing("people"),
            "who will live with you",
        )
    ]
    home = [
        _row(
            "Address",
            f"{household.home_address}, {household.home_postcode}",
            step(routing.HOME, "address"),
            "your address",
        ),
        _row(
            "Where you live",
            TENURE_TEXT.get(household.home_tenure, ""),
            step(routing.HOME, "tenure"),
            "where you live",
        ),
    ]
    for name, key, value in (
        ("landlord", "Landlord", household.home_landlord),
        ("bedrooms", "Bedrooms", household.home_bedrooms),
        (
            "facilities",
            "Shares a kitchen, bathroom or toilet",
            _yes_no(household.home_shares_facilities),
        ),
        (
            "condition",
            "Serious disrepair",
            _yes_no(household.home_disrepair, household.home_condition),
        ),
    ):
        if routing.step_applies(routing.HOME, name, answers):
            home.append(_row(key, value, step(routing.HOME, name), key.lower()))
    found[routing.HOME] = home
    asked = councils_areas_asked((p.council for p in record.periods), answers.today)

    def area(section: str, period: Period, what: str) -> list[dict[str, str]]:
        """The row for which area a place is in, where its council asks."""
        if not asked.get(period.council_id):
            return []
        url = journey.url(f"{section}_area", period=period.pk) + "?return=check"
        return [
            _row(
                _("Area"),
                PeriodAreaForm.answer_text(period),
                url,
                _("area of %(what)s") % {"what": what},
            )
        ]

    found[routing.ADDRESSES] = [
        row
        for p in sorted(
            record.periods_of(PeriodKind.RESIDENCE), key=lambda p: p.start, reverse=True
        )
        for row in [
            _row(
                f"{govuk_date(p.start)} to {govuk_date(p.end) if p.end else 'now'}",
                f"{p.address}{', ' + p.postcode if p.postcode else ''}",
                listing("addresses"),
                "your addresses",
            ),
            *area(routing.ADDRESSES, p, p.address.splitlines()[0] if p.address else ""),
        ]
    ]
    found[routing.ACTIVITY] = [
        _row(
            person.full_name,
            _activity_text(person),
            step(routing.ACTIVITY, str(person.pk)),
            f"what {person.full_name} does",
        )
        for person in record.people
        if routing.step_applies(routing.ACTIVITY, str(person.pk), answers)
    ]
    # Jobs and close family: a row for each (with which area it is in), or one saying none.
    for section, kind, describe, what, if_none in (
        (routing.WORK, PeriodKind.WORK, _job_text, "work", ("Work", "No one has a paid job")),
        (
            routing.FAMILY,
            PeriodKind.FAMILY,
            _relative_text,
            "close family",
            ("Close family", "No close family nearby"),
        ),
    ):
        found[section] = [
            row
            for p in record.periods_of(kind)
            for row in [
                _row(p.detail, describe(p), listing(section), what),
                *area(section, p, p.detail),
            ]
        ] or [_row(*if_none, listing(section), what)]
    benefits = dict(Benefit.choices)
    found[routing.MONEY] = [
        _row(
            "Income a year",
            _money(household.income_yearly),
            step(routing.MONEY, "income"),
            "income",
        ),
        _row("Savings", _money(household.savings), step(routing.MONEY, "savings"), "savings"),
        _row(
            "Benefits",
            ", ".join(str(benefits.get(b, b)) for b in household.benefits) or "None",
            step(routing.MONEY, "benefits"),
            "benefits",
        ),
        _row(
            "Owns a home or land",
            _yes_no(household.owns_property, household.owns_property_details),
            step(routing.MONEY, "property"),
            "property",
        ),
    ]
    mobility = dict(Mobility.choices)
    found[routing.HEALTH] = [
        _row(
            person.full_name,
            "; ".join(
                part
                for part in (
                    "Disability or long-term condition" if person.disabled else "No disability",
                    str(mobility.get(person.mobility, "")),
                    "Needs a carer overnight" if person.needs_overnight_carer else "",
                    person.medical_needs,
                    person.welfare_needs,
                )
                if part
            ),
            step(routing.HEALTH, str(person.pk)),
            f"health of {person.full_name}",
        )
        for person in record.people
    ]
    found[routing.SUPPORT] = [
        _row(
            "Support needs",
            household.support_needs or "None",
            step(routing.SUPPORT, "support"),
            "support needs",
        )
    ]
    found[routing.ARMED_FORCES] = [
        _row(
            "Armed forces",
            dict(ArmedForces.choices).get(household.armed_forces, "No"),
            step(routing.ARMED_FORCES, "service"),
            "armed forces service",
        )
    ]
    found[routing.BEHAVIOUR] = [
        _row(
            "Rent arrears, eviction or anti-social behaviour",
            _yes_no(household.unacceptable_behaviour, household.unacceptable_behaviour_details),
            step(routing.BEHAVIOUR, "behaviour"),
            "rent arrears and behaviour",
        )
    ]
    found[routing.AREAS] = [
        _row("Areas", ", ".join(household.preferred_areas), step(routing.AREAS, "areas"), "areas")
    ]
    if record.questions:
        found[routing.COUNCIL] = [
            _row(
                q.text,
                {"yes": "Yes", "no": "No"}.get(
                    str(household.extra_answers.get(q.code, "")),
                    household.extra_answers.get(q.code, ""),
                ),
                step(routing.COUNCIL, q.code),
                q.text,
            )
            for q in record.questions
        ]
    return [
        {
            "code": code,
            "title": routing.SECTION_TITLES[code],
            "rows": rows,
            "start_url": first_url(journey, code),
        }
        for code, rows in found.items()
        if code in routing.sections(answers)
    ]


def _check(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
    record = journey.record
    incomplete = routing.sections_incomplete(record.answers)
    return journey.render(
        request,
        "check.html",
        {
            "sections": _sections(journey, record),
            "incomplete": [routing.SECTION_TITLES[s] for s in incomplete],
            "declaration_url": journey.url("declaration"),
            "back_url": journey.url("tasks"),
        },
    )


def _declaration(request: HttpRequest, journey: Journey[ApplicationJourney]) -> HttpResponse:
    if not journey.is_draft:
        return redirect(journey.url("check"))
    incomplete = routing.sections_incomplete(journey.record.answers)
    if incomplete:
        return redirect(journey.url("check"))
    form = DeclarationForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: application_submit(
            actor=journey.actor,
            application=journey.owner.application,
            incomplete=incomplete,
            consent_to_share=data["consent"],
        ),
        success=journey.url("sent"),
        plain_field="consent",
    ):
        return done
    return journey.render(
        request, "declaration.html", {"form": form, "back_url": journey.url("check")}
    )


def sent_page(request: HttpRequest, journey: Journey[ApplicationJourney]) -> HttpResponse:
    if journey.is_draft:
        return redirect(journey.url("tasks"))
    return journey.render(
        request,
        "sent.html",
        {"status": lifecycle.STATUS_TEXT[journey.owner.application.status]},
    )


check = for_applicant(_check)
declaration = for_applicant(_declaration)
assisted_check = for_officer(_check)
assisted_declaration = for_officer(_declaration)
assisted_sent = for_officer(sent_page)
