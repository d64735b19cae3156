"""The application journey, shared by the applicant and by an officer applying with them.

Every step view takes a `Journey`: whose application it is, who is filling it in, and which
URLs and layout to use. `for_applicant` finds the applicant's own draft; `for_officer` (assisted
digital) finds an application of the officer's council by its id in the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from hearth.core import clock
from hearth.core.access import applicant_only, capability_required, request_actor
from hearth.core.actor import Actor
from hearth.core.roles import Capability
from hearth.register.models import Application
from hearth.register.rules import lifecycle
from hearth.register.selectors.apply import (
    ApplyRecord,
    application_for_assisted,
    application_open_of_applicant,
    apply_record,
)

CHECK = "check"  # ?return=check: a change made from the check-answers page goes back there


@dataclass
class Journey:
    actor: Actor
    application: Application
    staff: bool
    returning: bool = False
    _record: ApplyRecord | None = field(default=None, repr=False)

    @property
    def layout(self) -> str:
        return "layouts/staff.html" if self.staff else "layouts/applicant.html"

    def url(self, name: str, **kwargs: Any) -> str:
        if self.staff:
            return reverse(
                f"register:assisted_{name}", kwargs={"pk": self.application.pk, **kwargs}
            )
        return reverse(f"register:apply_{name}", kwargs=kwargs or None)

    def step_url(self, section: str, step: str) -> str:
        return self.url("step", section=section, step=step)

    @property
    def record(self) -> ApplyRecord:
        if self._record is None:
            self._record = apply_record(application=self.application, today=clock.today())
        return self._record

    def reload(self) -> ApplyRecord:
        self._record = None
        return self.record

    @property
    def is_draft(self) -> bool:
        return self.application.status == lifecycle.DRAFT

    def done_url(self) -> str:
        """Where a finished section goes: back to check answers, or to the task list."""
        return self.url("check") if self.returning else self.url("tasks")

    def with_return(self, url: str) -> str:
        return f"{url}?return={CHECK}" if self.returning else url

    def render(self, request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
        household = self.application.household
        return render(
            request,
            f"register/apply/{template}",
            {
                "journey": self,
                "layout": self.layout,
                "household": household,
                "tasks_url": self.url("tasks"),
                **context,
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
        journey = Journey(actor, application, staff=False, returning=_returning(request))
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
        journey = Journey(actor, application, staff=True, returning=_returning(request))
        return view(request, journey, **kwargs)

    return capability_required(Capability.ASSESS_APPLICATIONS)(wrapped)


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even when nothing was chosen), else None: an unbound form."""
    return request.POST if request.method == "POST" else None
