"""The household journey: the application form's pages, generic over what owns the household.

Every step view takes a `Journey`: who is filling it in, and its owner (a `JourneyOwner`), which
supplies the household the pages record, their URLs and layout, the `HouseholdEditContext` the
household services check, which sections are finished, and whether the record is still a draft
that can be sent. `ApplicationJourney` is the owner for an application to the register:
`for_applicant` finds the applicant's own draft; `for_officer` (assisted digital) finds an
application of the officer's council by its id in the URL.

A later case that records a household (homelessness) reuses the step views: it gives its own
owner (a frozen dataclass in the shape of `JourneyOwner`, with its own edit context and URL
names) and its own wrapper like `for_officer`, and maps its URLs to the same views. The pages
that send an application (declaration, confirmation) take a `Journey[ApplicationJourney]`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Generic, Protocol, TypedDict, TypeVar

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.permissions import applicant_only, capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.register.models import Application, Household
from hearth.register.rules import apply_sections as routing
from hearth.register.rules import lifecycle
from hearth.register.selectors.apply import (
    ApplyRecord,
    application_for_assisted,
    application_open_of_applicant,
    household_record,
)
from hearth.register.services.apply import ApplicationHouseholdContext, section_mark
from hearth.register.services.household import HouseholdEditContext

CHECK = "check"  # ?return=check: a change made from the check-answers page goes back there


class JourneyOwner(Protocol):
    """What the household belongs to, as the journey's pages need it."""

    @property
    def household(self) -> Household: ...

    @property
    def edit(self) -> HouseholdEditContext:
        """The context the household services check and audit with."""
        ...

    @property
    def staff(self) -> bool:
        """An officer fills the pages in (the staff layout, and a banner saying for whom)."""
        ...

    @property
    def layout(self) -> str: ...

    @property
    def is_draft(self) -> bool:
        """Still being filled in (check answers offers to send it)."""
        ...

    @property
    def sections_done(self) -> frozenset[str]: ...

    def url(self, name: str, **kwargs: Any) -> str:
        """The journey's page `name` ("tasks", "step", "people_change", ...) for this owner."""
        ...

    def section_mark(self, actor: Actor, section: str, *, done: bool) -> None:
        """Record that a section is finished (or, after a change, not yet)."""
        ...


OwnerT = TypeVar("OwnerT", bound=JourneyOwner, covariant=True)


class ServiceArgs(TypedDict):
    """What every household service (`hearth.register.services.household`) is called with."""

    actor: Actor
    household: Household
    context: HouseholdEditContext


@dataclass(frozen=True)
class ApplicationJourney:
    """An application's household: its applicant's own draft under /apply/, or any open
    application of an officer's council under /staff/register/applications/<id>/apply/."""

    application: Application
    staff: bool

    @property
    def household(self) -> Household:
        return self.application.household

    @property
    def edit(self) -> ApplicationHouseholdContext:
        return ApplicationHouseholdContext(self.application)

    @property
    def layout(self) -> str:
        return "layouts/staff.html" if self.staff else "layouts/applicant.html"

    @property
    def is_draft(self) -> bool:
        return self.application.status == lifecycle.DRAFT

    @property
    def sections_done(self) -> frozenset[str]:
        return frozenset(self.application.sections_done)

    def url(self, name: str, **kwargs: Any) -> str:
        if self.staff:
            return reverse(
                f"register:assisted_{name}", kwargs={"pk": self.application.pk, **kwargs}
            )
        return reverse(f"register:apply_{name}", kwargs=kwargs or None)

    def section_mark(self, actor: Actor, section: str, *, done: bool) -> None:
        section_mark(actor=actor, application=self.application, section=section, done=done)


class Journey(Generic[OwnerT]):
    """One request's way through the pages: who is filling them in, for which owner, and
    whether they came from check answers (`returning`)."""

    def __init__(self, actor: Actor, owner: OwnerT, *, returning: bool = False) -> None:
        self.actor = actor
        self._owner = owner
        self.returning = returning
        self._record: ApplyRecord | None = None

    @property
    def owner(self) -> OwnerT:
        return self._owner

    @property
    def household(self) -> Household:
        return self._owner.household

    @property
    def edit(self) -> HouseholdEditContext:
        return self._owner.edit

    @property
    def service_args(self) -> ServiceArgs:
        """Who is saving, to which household, checked in which context: a page saves with
        ``person_save(**journey.service_args, person=…, values=…)``."""
        return {"actor": self.actor, "household": self.household, "context": self.edit}

    @property
    def staff(self) -> bool:
        return self._owner.staff

    @property
    def layout(self) -> str:
        return self._owner.layout

    @property
    def is_draft(self) -> bool:
        return self._owner.is_draft

    def url(self, name: str, **kwargs: Any) -> str:
        return self._owner.url(name, **kwargs)

    def step_url(self, section: str, step: str) -> str:
        return self.url("step", section=section, step=step)

    def section_mark(self, section: str, *, done: bool) -> None:
        self._owner.section_mark(self.actor, section, done=done)

    @property
    def record(self) -> ApplyRecord:
        if self._record is None:
            self._record = household_record(
                household=self.household,
                sections_done=self._owner.sections_done,
                today=clock.today(),
            )
        return self._record

    def reload(self) -> ApplyRecord:
        self._record = None
        return self.record

    def done_url(self) -> str:
        """Where a finished section goes: back to check answers, or to the task list."""
        return self.url("check") if self.returning else self.url("tasks")

    def with_return(self, url: str) -> str:
        return f"{url}?return={CHECK}" if self.returning else url

    def render(self, request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
        return render(
            request,
            f"register/apply/{template}",
            {
                "journey": self,
                "layout": self.layout,
                "household": self.household,
                "tasks_url": self.url("tasks"),
                **context,
            },
        )

    def step_page(
        self,
        request: HttpRequest,
        form: forms.BaseForm,
        *,
        section: str,
        back_url: str,
        heading: str = "",
        summary: str = "",
    ) -> HttpResponse:
        """A page with one form (`step.html`), under its section's title: a heading where the
        form's own label is not the page's, and a line `summary` of what it is about."""
        return self.render(
            request,
            "step.html",
            {
                "form": form,
                "caption": routing.SECTION_TITLES[section],
                "heading": heading,
                "summary": summary,
                "back_url": back_url,
            },
        )


JourneyView = Callable[..., HttpResponseBase]


def _returning(request: HttpRequest) -> bool:
    return request.GET.get("return") == CHECK


def for_applicant(view: JourneyView) -> JourneyView:
    """An applicant's own draft; without one, back to the start page (which sends anyone with
    an application already sent to their account)."""

    @wraps(view)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        actor = request_actor(request)
        application = application_open_of_applicant(actor=actor)
        if application is None or application.status != lifecycle.DRAFT:
            return redirect("register:apply_start")
        owner = ApplicationJourney(application, staff=False)
        journey = Journey(actor, owner, returning=_returning(request))
        return view(request, journey, **kwargs)

    return applicant_only(wrapped)


def for_officer(view: JourneyView) -> JourneyView:
    """Any open application of the officer's own council (assisted digital)."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: Any, **kwargs: Any) -> HttpResponseBase:
        actor = request_actor(request)
        application = application_for_assisted(actor=actor, pk=pk)
        if application.status in lifecycle.CLOSED:
            raise Http404
        owner = ApplicationJourney(application, staff=True)
        journey = Journey(actor, owner, returning=_returning(request))
        return view(request, journey, **kwargs)

    return capability_required(Capability.ASSESS_APPLICATIONS)(wrapped)
