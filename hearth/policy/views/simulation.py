"""Staff pages for what-if simulations: start one, watch it run, read and download the results.

Progress pages refresh themselves with `<meta http-equiv="refresh">` (no JavaScript) only when
the person asked for it: straight after they start a run, or by choosing "update this page
automatically". Anyone arriving another way gets a still page with a link to check again, so
nobody's screen reader is interrupted every few seconds without warning (WCAG 2.2.1).
"""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.permissions import capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.core.audit import record_viewed
from hearth.core.forms.submit import form_submit, posted, refusal
from hearth.policy.forms import SimulationStartForm
from hearth.policy.models import SimulationRun, SimulationStatus
from hearth.policy.register_source import register_source
from hearth.policy.selectors import policy_in_force
from hearth.policy.simulation import chart, presentation, replay, results, selectors, services

MOVERS_PAGE_SIZE = 50
REPLAY_PAGE_SIZE = 50
# The replay table's own query parameters, so it pages apart from the list of movers.
REPLAY_SHOW, REPLAY_ALL, REPLAY_PAGE = "replay", "all", "replay_page"
RUNS_PAGE_SIZE = 25
PROBLEM_REFERENCES_SHOWN = 50
REFRESH_SECONDS = 3
AUTO = "auto"

run_simulations = capability_required(Capability.EDIT_POLICY)
read_simulations = capability_required(Capability.VIEW_POLICY)


def _detail_url(run: SimulationRun) -> str:
    return reverse("policy:simulation_detail", kwargs={"pk": run.pk})


@run_simulations
def simulation_start(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    draft = selectors.simulation_draft_get(actor=actor, pk=str(pk))
    # A one-time form: a repeated post (back button, double click) does not queue a second run.
    form = SimulationStartForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: services.simulation_start(actor=actor, draft=draft),
        # Straight after starting, the progress page refreshes itself; a repeat just shows it.
        success=lambda run: redirect(_detail_url(run) + f"?{AUTO}=1"),
        repeat_to=_detail_url,
        once=_("This simulation was already started. It runs once."),
    ):
        return done
    problem = refusal(form)
    today = clock.today()
    return render(
        request,
        "policy/simulation_start.html",
        {
            "draft": draft,
            "baseline": policy_in_force(draft.council, today),
            "households": selectors.simulation_register_size(council=draft.council),
            "past_cycles": selectors.simulation_past_cycles(
                council=draft.council, until=today, limit=replay.REPLAY_CYCLES
            ),
            "past_cycles_limit": replay.REPLAY_CYCLES,
            "today": today,
            "problem": problem,
        },
    )


@read_simulations
def simulation_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    page = Paginator(selectors.simulations_list(actor=actor), RUNS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "policy/simulation_list.html",
        {
            "page": page,
            "drafts": selectors.simulation_drafts_list(actor=actor),
            "every_council": selectors.simulations_read_all(actor),
        },
    )


@read_simulations
def simulation_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    run = selectors.simulation_get(actor=actor, pk=str(pk))
    if run.status in (SimulationStatus.QUEUED, SimulationStatus.RUNNING):
        auto = request.GET.get(AUTO) == "1"
        return render(
            request,
            "policy/simulation_progress.html",
            {"run": run, "auto": auto, "refresh_seconds": REFRESH_SECONDS},
        )
    movement: dict[str, Any] = run.results.get("register_movement") or {}
    context: dict[str, Any] = {
        "run": run,
        "error": run.results.get("error", ""),
        "draft_changed": run.draft.updated_at > run.created_at,
        "problem_groups": _problem_groups(run.problems),
        "problem_households": len(run.problems),
    }
    if movement:
        context.update(_movement_context(request, movement))
    replayed: dict[str, Any] = run.results.get(replay.REPLAY_KEY) or {}
    if replayed:
        context.update(_replay_context(request, replayed))
    record_viewed(actor=actor, target=run, organisation=run.council)
    return render(request, "policy/simulation_results.html", context)


def _movement_context(request: HttpRequest, movement: dict[str, Any]) -> dict[str, Any]:
    labels = movement.get("band_labels", {})
    matrix = presentation.matrix_view(movement["matrix"], labels)
    rows = presentation.distribution(matrix)
    showing = request.GET.get("direction", "")
    if showing not in results.DIRECTIONS:
        showing = ""
    movers = [m for m in movement["movers"] if not showing or m["direction"] == showing]
    page = Paginator(movers, MOVERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "movement": movement,
        "matrix": matrix,
        "distribution": rows,
        "chart": chart.bar_chart(
            [(row.label, (row.now, row.draft)) for row in rows], series=(_("Now"), _("Draft"))
        ),
        "equality": presentation.equality_tables(
            movement["equality"], ethnicity_labels=dict(register_source().ethnicity_choices())
        ),
        "unrecognised_awards": presentation.unrecognised_rows(
            movement.get("unrecognised_awards", {})
        ),
        "order_changes": presentation.shortlist_order_changes(movement.get("shortlist_orders", [])),
        "movers_page": page,
        "mover_rows": presentation.mover_rows(page.object_list, labels),
        "showing": showing,
        "direction_filters": [
            ("", _("All")),
            (results.UP, _("Moving up")),
            (results.DOWN, _("Moving down")),
            (results.CHANGED, _("Cannot be compared")),
        ],
        "query_string": f"direction={showing}" if showing else "",
    }


def _replay_context(request: HttpRequest, replayed: dict[str, Any]) -> dict[str, Any]:
    """The replay of past shortlists: adverts whose first place would change (or every advert,
    when asked), a page at a time, and its equality tables."""
    showing = REPLAY_ALL if request.GET.get(REPLAY_SHOW) == REPLAY_ALL else ""
    rows = [r for r in replayed["rows"] if showing or r["changed"]]
    page = Paginator(rows, REPLAY_PAGE_SIZE).get_page(request.GET.get(REPLAY_PAGE))
    closed = sorted(c["closed"] for c in replayed["cycles"])
    return {
        "replayed": replayed,
        "replay_first_closed": dt.date.fromisoformat(closed[0]) if closed else None,
        "replay_last_closed": dt.date.fromisoformat(closed[-1]) if closed else None,
        "replay_page": page,
        "replay_rows": presentation.replay_rows(page.object_list, replayed.get("band_labels", {})),
        "replay_showing": showing,
        "replay_query": f"{REPLAY_SHOW}={REPLAY_ALL}&" if showing else "",
        "replay_equality": presentation.equality_tables(
            replayed["equality"],
            ethnicity_labels=dict(register_source().ethnicity_choices()),
            groups=(replay.BIDS, replay.GAIN, replay.LOSE),
        ),
    }


def _problem_groups(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "group": group,
            "shown": group.references[:PROBLEM_REFERENCES_SHOWN],
            "more": max(group.count - PROBLEM_REFERENCES_SHOWN, 0),
        }
        for group in presentation.problems_grouped(problems)
    ]


def _finished(request: HttpRequest, pk: uuid.UUID) -> tuple[SimulationRun, dict[str, Any]]:
    run = selectors.simulation_get(actor=request_actor(request), pk=str(pk))
    movement = run.results.get("register_movement") if run.results else None
    if not movement:
        raise Http404
    return run, movement


def _csv_response(run: SimulationRun, name: str, rows: Any) -> HttpResponse:
    filename = f"simulation-{run.council.slug}-v{run.draft.number}-{run.on_date}-{name}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheets read £ and accents as UTF-8
    csv.writer(response).writerows(rows)
    return response


@read_simulations
def simulation_movers_csv(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    run, movement = _finished(request, pk)
    services.simulation_download_record(actor=request_actor(request), run=run, file="movers.csv")
    rows = presentation.movers_csv_rows(movement["movers"], movement.get("band_labels", {}))
    return _csv_response(run, "movers", rows)


@read_simulations
def simulation_matrix_csv(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    run, movement = _finished(request, pk)
    matrix = presentation.matrix_view(movement["matrix"], movement.get("band_labels", {}))
    return _csv_response(run, "matrix", presentation.matrix_csv_rows(matrix))
