"""The officer's workspace: home with the work queues, each queue, and register search."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.register.forms.workspace import RegisterSearchForm
from hearth.register.selectors import workspace
from hearth.register.selectors.workspace import Queue


def queue_url(queue: Queue, actor: Actor) -> str:
    """Where a queue's work is done: team leaders decide reviews and overrides on pages of
    their own; other officers see the reviews waiting in the plain queue."""
    if queue.slug == "reviews" and actor.can(Capability.APPROVE_DECISIONS):
        return reverse("register:review_queue")
    if queue.slug == "overrides":
        return reverse("register:override_queue")
    return reverse("register:queue", kwargs={"queue": queue.slug})


@capability_required(Capability.VIEW_REGISTER)
def workspace_home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    counts = workspace.queue_counts(actor=actor, today=clock.today())
    return render(
        request,
        "register/workspace/workspace.html",
        {
            "queues": [(c, queue_url(c.queue, actor)) for c in counts],
            "count_up_to": f"{workspace.COUNT_UP_TO:,}",
            "form": RegisterSearchForm(),
            "can_assess": actor.can(Capability.ASSESS_APPLICATIONS),
        },
    )


def _queue_page(request: HttpRequest, queue: Queue) -> HttpResponse:
    actor = request_actor(request)
    page, rows = workspace.queue_page(
        actor=actor, queue=queue, today=clock.today(), number=request.GET.get("page")
    )
    return render(
        request,
        "register/workspace/queue.html",
        {
            "queue": queue,
            "page": page,
            "rows": rows,
            "can_assess": actor.can(Capability.ASSESS_APPLICATIONS),
            "can_review": actor.can(Capability.APPROVE_DECISIONS),
        },
    )


@capability_required(Capability.VIEW_REGISTER)
def queue(request: HttpRequest, queue: str) -> HttpResponse:
    actor = request_actor(request)
    try:
        found = workspace.queue_get(actor=actor, slug=queue)
    except LookupError as missing:
        raise Http404 from missing
    if found.slug == "overrides":
        return redirect("register:override_queue")
    return _queue_page(request, found)


@capability_required(Capability.APPROVE_DECISIONS)
def override_queue(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return _queue_page(request, workspace.queue_get(actor=actor, slug="overrides"))


@capability_required(Capability.VIEW_REGISTER)
def search(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = RegisterSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid() and form.search is not None:
        page = workspace.search_page(
            actor=actor, search=form.search, number=request.GET.get("page")
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "register/workspace/search.html",
        {"form": form, "page": page, "query_string": params.urlencode()},
    )
