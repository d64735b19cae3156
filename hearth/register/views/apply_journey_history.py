"""Where the household has lived (five years, no gaps), worked, and has close family: lists of
periods to add to, change and remove from. They show a local connection to a council."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.forms.govuk import govuk_date
from hearth.core.forms.submit import form_submit, posted
from hearth.register.forms.apply import YES, AddAnotherForm, ConfirmRemoveForm
from hearth.register.forms.apply_history import (
    AddressAddForm,
    AddressForm,
    FamilyAddForm,
    FamilyForm,
    JobAddForm,
    JobForm,
    MovedInForm,
    PeriodAreaForm,
    PeriodForm,
)
from hearth.register.models import Period, PeriodKind
from hearth.register.rules import apply_sections as routing
from hearth.register.selectors.apply_areas import council_areas_asked, councils_areas_asked
from hearth.register.services.household import period_area_set, period_remove, period_save
from hearth.register.views.apply_journey import (
    Journey,
    JourneyOwner,
    JourneyView,
    for_applicant,
    for_officer,
)


@dataclass(frozen=True)
class Collection:
    section: str
    kind: str
    form: type[PeriodForm]
    add_form: type[PeriodForm]  # the same questions with a one-time token (docs/adr/0014)
    add_heading: str
    first_question: str
    another_question: str
    required_message: str
    item_name: str


COLLECTIONS: dict[str, Collection] = {
    routing.ADDRESSES: Collection(
        routing.ADDRESSES,
        PeriodKind.RESIDENCE,
        AddressForm,
        AddressAddForm,
        "Where did you live before?",
        "",
        "",
        "",
        "this address",
    ),
    routing.WORK: Collection(
        routing.WORK,
        PeriodKind.WORK,
        JobForm,
        JobAddForm,
        "Add a job",
        "Does anyone who will live with you have a paid job?",
        "Do you need to add another job?",
        "Select yes if anyone who will live with you has a paid job",
        "this job",
    ),
    routing.FAMILY: Collection(
        routing.FAMILY,
        PeriodKind.FAMILY,
        FamilyForm,
        FamilyAddForm,
        "Add a close relative",
        "Do you have close family (parents, children, brothers or sisters) living nearby?",
        "Do you need to add another relative?",
        "Select yes if you have close family living nearby",
        "this relative",
    ),
}


def _area_text(period: Period, asked: bool) -> str:
    """The area a place is in, as the form's lists show it ("" where no area is asked)."""
    return PeriodAreaForm.answer_text(period) or (_("Not given") if asked else "")


def _period_rows(journey: Journey[JourneyOwner], collection: Collection) -> list[dict[str, object]]:
    section = collection.section
    periods = sorted(
        journey.record.periods_of(collection.kind), key=lambda p: p.start, reverse=True
    )
    asked = councils_areas_asked((p.council for p in periods), journey.record.answers.today)
    return [
        {
            "period": period,
            # An employer or relative names the row; an address is named by its dates.
            "name": period.detail if collection.kind != PeriodKind.RESIDENCE else "",
            "area": _area_text(period, bool(asked.get(period.council_id))),
            "change_url": journey.with_return(
                journey.url("addresses_current")
                if period.end is None and collection.kind == PeriodKind.RESIDENCE
                else journey.url(f"{section}_change", period=period.pk)
            ),
            "remove_url": journey.with_return(journey.url(f"{section}_remove", period=period.pk))
            if not (period.end is None and collection.kind == PeriodKind.RESIDENCE)
            else "",
        }
        for period in periods
    ]


def _needs_lead(journey: Journey[JourneyOwner]) -> HttpResponse | None:
    if journey.record.lead is None:
        return redirect(journey.step_url(routing.ABOUT_YOU, "details"))
    return None


def _period_submit(
    request: HttpRequest,
    journey: Journey[JourneyOwner],
    form: PeriodForm,
    collection: Collection,
    period: Period | None,
    values: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    plain_field: str | None = None,
) -> HttpResponse | None:
    """Save the place the form describes (`period`, or a new one when None) with the `values`
    made from its answers; then ask which area it is in, where its council asks."""
    return form_submit(
        request,
        form,
        lambda data: period_save(
            **journey.service_args, kind=collection.kind, period=period, values=values(data)
        ),
        success=lambda saved: redirect(_after_save(journey, collection, saved)),
        plain_field=plain_field,
        once=_("%(item)s was already added, and is listed once.")
        % {"item": collection.item_name.capitalize()},
    )


# --- Addresses ---------------------------------------------------------------------------------


def _addresses(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
    if (sent := _needs_lead(journey)) is not None:
        return sent
    record = journey.record
    if record.current_residence is None:
        return redirect(journey.with_return(journey.url("addresses_current")))
    gaps = [
        {
            "start": gap.start,
            "end": gap.end,
            "add_url": journey.with_return(journey.url("addresses_add"))
            + ("&" if journey.returning else "?")
            + f"until={gap.end.isoformat()}",
        }
        for gap in record.gaps
    ]
    problem = ""
    if request.method == "POST":
        if not gaps:
            journey.section_mark(routing.ADDRESSES, done=True)
            return redirect(journey.done_url())
        first = record.gaps[0]
        problem = (
            "Your address history must cover the last 5 years with no gaps. Tell us where you "
            f"lived from {govuk_date(first.start)} to {govuk_date(first.end)}"
        )
    return journey.render(
        request,
        "addresses_list.html",
        {
            "rows": _period_rows(journey, COLLECTIONS[routing.ADDRESSES]),
            "gaps": gaps,
            "problem": problem,
            "history_start": routing.history_start(record.answers.today),
            "back_url": journey.url("tasks"),
        },
    )


def _current(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
    if (sent := _needs_lead(journey)) is not None:
        return sent
    record = journey.record
    household = journey.household
    current = record.current_residence
    form = MovedInForm(posted(request), initial=MovedInForm.initial_of(current))
    if household.home_address:
        form.fields[
            "start"
        ].label = f"When did you move to {household.home_address.splitlines()[0]}?"
    # The current address is the home address given earlier: only the date is asked here.
    if done := _period_submit(
        request,
        journey,
        form,
        COLLECTIONS[routing.ADDRESSES],
        current,
        lambda data: {
            "start": data["start"],
            "end": None,
            "address": household.home_address,
            "postcode": household.home_postcode,
            **form.placement(),
        },
        plain_field="start",
    ):
        return done
    return journey.step_page(
        request, form, section=routing.ADDRESSES, back_url=journey.url("tasks")
    )


# --- Lists of work and family ------------------------------------------------------------------


def _collection_list(
    request: HttpRequest, journey: Journey[JourneyOwner], collection: Collection
) -> HttpResponse:
    if (sent := _needs_lead(journey)) is not None:
        return sent
    rows = _period_rows(journey, collection)
    form = AddAnotherForm(
        posted(request),
        question=collection.another_question if rows else collection.first_question,
        required_message=collection.required_message,
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["another"] == YES:
            return redirect(journey.with_return(journey.url(f"{collection.section}_add")))
        journey.section_mark(collection.section, done=True)
        return redirect(journey.done_url())
    return journey.render(
        request,
        "periods_list.html",
        {
            "form": form,
            "rows": rows,
            "kind": collection.kind,
            "caption": routing.SECTION_TITLES[collection.section],
            "back_url": journey.url("tasks"),
        },
    )


def _period_form(
    request: HttpRequest,
    journey: Journey[JourneyOwner],
    collection: Collection,
    period: Period | None,
) -> HttpResponse:
    if (sent := _needs_lead(journey)) is not None:
        return sent
    initial = collection.form.initial_of(period)
    until = request.GET.get("until")
    if period is None and until and collection.kind == PeriodKind.RESIDENCE:
        try:
            initial = {"end": dt.date.fromisoformat(until)}
        except ValueError:
            initial = {}
    form_class = collection.add_form if period is None else collection.form
    form = form_class(posted(request), initial=initial)
    if done := _period_submit(
        request, journey, form, collection, period, lambda _data: form.answers()
    ):
        return done
    return journey.step_page(
        request,
        form,
        section=collection.section,
        back_url=journey.with_return(journey.url(collection.section)),
        heading=collection.add_heading if period is None else "Change the details",
    )


def _find(journey: Journey[JourneyOwner], collection: Collection, period: uuid.UUID) -> Period:
    found = journey.record.period(period, collection.kind)
    if found.end is None and collection.kind == PeriodKind.RESIDENCE:
        raise Http404  # the current address is changed on its own page
    return found


def _remove(
    request: HttpRequest, journey: Journey[JourneyOwner], collection: Collection, period: uuid.UUID
) -> HttpResponse:
    found = _find(journey, collection, period)
    form = ConfirmRemoveForm(
        posted(request), question=f"Are you sure you want to remove {collection.item_name}?"
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] == YES:
            period_remove(**journey.service_args, period=found)
            journey.section_mark(collection.section, done=False)
        return redirect(journey.with_return(journey.url(collection.section)))
    return journey.step_page(
        request,
        form,
        section=collection.section,
        back_url=journey.with_return(journey.url(collection.section)),
        summary=found.address or found.detail,
    )


# --- Which area a place is in --------------------------------------------------------------------


def _after_save(journey: Journey[JourneyOwner], collection: Collection, period: Period) -> str:
    """After a place is saved: which of its council's areas it is in, if the council asks."""
    if council_areas_asked(period.council, clock.today()):
        return journey.with_return(journey.url(f"{collection.section}_area", period=period.pk))
    return journey.with_return(journey.url(collection.section))


def _area_question(period: Period) -> tuple[str, str]:
    """The question, and the message when nothing is chosen."""
    if period.kind == PeriodKind.WORK:
        return _("Which area is the job in?"), _("Select which area the job is in")
    if period.kind == PeriodKind.FAMILY:
        return _("Which area do they live in?"), _("Select which area they live in")
    lines = [line.strip().rstrip(",") for line in period.address.splitlines() if line.strip()]
    if not lines:
        return _("Which area is this address in?"), _("Select which area the address is in")
    return (
        _("Which area is %(address)s in?") % {"address": lines[0]},
        _("Select which area %(address)s is in") % {"address": lines[0]},
    )


def _area(
    request: HttpRequest, journey: Journey[JourneyOwner], collection: Collection, period: uuid.UUID
) -> HttpResponse:
    found = journey.record.period(period, collection.kind)
    areas = council_areas_asked(found.council, clock.today())
    if not areas:
        return redirect(journey.with_return(journey.url(collection.section)))
    current = found.end is None and collection.kind == PeriodKind.RESIDENCE
    question, required_message = _area_question(found)
    form = PeriodAreaForm(
        posted(request),
        initial=PeriodAreaForm.initial_of(found, areas),
        areas=areas,
        question=question,
        required_message=required_message,
    )
    if done := form_submit(
        request,
        form,
        lambda _data: period_area_set(**journey.service_args, period=found, area=form.answer()),
        success=journey.with_return(journey.url(collection.section)),
        plain_field="area",
    ):
        return done
    return journey.render(
        request,
        "area.html",
        {
            "form": form,
            "caption": routing.SECTION_TITLES[collection.section],
            "summary": found.detail,
            "back_url": journey.with_return(
                journey.url("addresses_current")
                if current
                else journey.url(f"{collection.section}_change", period=found.pk)
            ),
        },
    )


def _views(section: str) -> dict[str, JourneyView]:
    collection = COLLECTIONS[section]

    def add(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
        return _period_form(request, journey, collection, None)

    def change(
        request: HttpRequest, journey: Journey[JourneyOwner], period: uuid.UUID
    ) -> HttpResponse:
        return _period_form(request, journey, collection, _find(journey, collection, period))

    def remove(
        request: HttpRequest, journey: Journey[JourneyOwner], period: uuid.UUID
    ) -> HttpResponse:
        return _remove(request, journey, collection, period)

    def area(
        request: HttpRequest, journey: Journey[JourneyOwner], period: uuid.UUID
    ) -> HttpResponse:
        return _area(request, journey, collection, period)

    def listing(request: HttpRequest, journey: Journey[JourneyOwner]) -> HttpResponse:
        if section == routing.ADDRESSES:
            return _addresses(request, journey)
        return _collection_list(request, journey, collection)

    found: dict[str, JourneyView] = {}
    for suffix, view in (
        ("", listing),
        ("_add", add),
        ("_change", change),
        ("_remove", remove),
        ("_area", area),
    ):
        found[f"{section}{suffix}"] = for_applicant(view)
        found[f"assisted_{section}{suffix}"] = for_officer(view)
    return found


PERIOD_VIEWS: dict[str, JourneyView] = {
    **_views(routing.ADDRESSES),
    **_views(routing.WORK),
    **_views(routing.FAMILY),
    "addresses_current": for_applicant(_current),
    "assisted_addresses_current": for_officer(_current),
}
