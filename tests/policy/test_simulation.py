"""What-if simulations end to end: starting, the background run, the pages and the downloads.

Tasks run eagerly in tests (no Redis), so a simulation started in a request has finished by the
time the request returns, as in the embedded default.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.forms.submissions import FIELD
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.core.tests.submission_support import with_token
from hearth.policy.models import PolicyStatus, PolicyVersion, SimulationRun, SimulationStatus
from hearth.policy.rules.document_read import document_data, document_from_text, document_read
from hearth.policy.simulation import selectors, services
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Tenure
from hearth.register.tests.factories import HouseholdFactory, PeriodFactory, PersonFactory

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=clock.LONDON)


# --- Builders ----------------------------------------------------------------------------------


def policy_data(*, draft: bool) -> dict[str, Any]:
    """The Marshvale demo policy; as a draft, overcrowding by one bedroom is Band A (was B), the
    income limit is £30,000 (was £60,000), and a new rule divides by the home's bedrooms (which
    fails for a household with none)."""
    data: dict[str, Any] = copy.deepcopy(
        document_data(document_from_text(example_policy_texts()["marshvale-city"]))
    )
    if draft:
        for reason in data["need_reasons"]:
            if reason["code"] == "overcrowded_1":
                reason["band"] = "A"
        for rule in data["qualification"]:
            if rule["code"] == "income_over_limit":
                rule["when"] = "household.income_yearly > 30000.0"
                rule["text"] = "Your household income is over £30,000 a year."
        data["need_reasons"].append(
            {
                "code": "crowded_rooms",
                "label": "Many people per bedroom",
                "awarded": "derived",
                "when": "household.size / household.home_bedrooms > 5",
                "band": "B",
                "text": "Test.",
            }
        )
    document_read(data)  # still a valid document
    return data


def version(council: Organisation, number: int, *, draft: bool) -> PolicyVersion:
    return PolicyVersion.objects.create(
        council=council,
        number=number,
        status=PolicyStatus.DRAFT if draft else PolicyStatus.PUBLISHED,
        title=f"Allocation scheme {number}",
        document=policy_data(draft=draft),
        source_text="(test)",
        effective_from=None if draft else dt.date(2025, 4, 1),
        published_at=None if draft else NOW - dt.timedelta(days=400),
    )


def local(household: Any) -> Any:
    """The household has lived in its council's area for years (a local connection)."""
    PeriodFactory(household=household, start=dt.date(2015, 1, 1))
    return household


def overcrowded(council: Organisation, reference: str) -> Any:
    """A lone parent and a 5-year-old in a one-bedroom flat: Band B now, Band A in the draft."""
    household = local(HouseholdFactory(council=council, reference=reference, home_bedrooms=1))
    PersonFactory(household=household, date_of_birth=dt.date(2021, 1, 1))
    return household


def register(council: Organisation, prefix: str = "TS", extra: int = 0) -> None:
    """Two overcrowded households, one on £40,000 (qualifies now but not under the draft), one
    with nothing changing, one with no bedrooms (the draft's new rule fails for it), and
    `extra` more with nothing changing."""
    overcrowded(council, f"{prefix}-000001")
    overcrowded(council, f"{prefix}-000002")
    local(HouseholdFactory(council=council, reference=f"{prefix}-000003", income_yearly=40_000))
    local(HouseholdFactory(council=council, reference=f"{prefix}-000004"))
    local(
        HouseholdFactory(
            council=council,
            reference=f"{prefix}-000005",
            home_bedrooms=0,
            home_tenure=Tenure.FAMILY,
        )
    )
    for n in range(extra):
        local(HouseholdFactory(council=council, reference=f"{prefix}-1{n:05d}"))


@pytest.fixture
def council() -> Organisation:
    return OrganisationFactory(slug="marshvale-city", name="Marshvale City Council")


@pytest.fixture
def admin(council: Organisation) -> Membership:
    return staff_member(council, [Role.POLICY_ADMIN])


@pytest.fixture
def draft(council: Organisation) -> PolicyVersion:
    version(council, 1, draft=False)
    return version(council, 2, draft=True)


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def started(
    admin: Membership, draft: PolicyVersion, django_capture_on_commit_callbacks: Any
) -> SimulationRun:
    with clock.clock_frozen_at(NOW), django_capture_on_commit_callbacks(execute=True):
        run = services.simulation_start(actor=actor_for(admin), draft=draft)
    run.refresh_from_db()
    return run


def cell(run: SimulationRun, row: str, column: str) -> int:
    matrix = run.results["register_movement"]["matrix"]
    return int(matrix["counts"][matrix["rows"].index(row)][matrix["columns"].index(column)])


# --- Starting and running -------------------------------------------------------------------------


def test_a_run_compares_the_whole_register_and_reports_the_household_it_cannot_assess(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a register of five households, and another council's household
    register(council)
    HouseholdFactory(council=OrganisationFactory(), reference="XX-000001")
    # when the policy admin starts a simulation (the task runs when the start commits)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    # then it ran over this council's five households, against the version in force
    assert run.status == SimulationStatus.DONE
    assert (run.total, run.done, run.percent) == (5, 5, 100)
    assert run.baseline is not None and run.baseline.number == 1
    assert run.on_date == ON and run.finished_at is not None
    # and the matrix holds the moves
    assert cell(run, "band:B", "band:A") == 2
    assert cell(run, "band:D", "not_qualifying") == 1
    assert cell(run, "band:D", "band:D") == 1
    movement = run.results["register_movement"]
    assert movement["directions"] == {"up": 2, "down": 1, "changed": 0, "same": 1}
    assert [m["reference"] for m in movement["movers"]] == ["TS-000001", "TS-000002", "TS-000003"]
    # and the household the draft's rule failed for is reported, while the rest completed
    (problem,) = run.problems
    assert problem["reference"] == "TS-000005"
    assert problem["problems"][0]["under"] == "draft"
    # and both the start and the finish are in the audit log
    verbs = list(
        AuditEvent.objects.filter(object_id=str(run.pk))
        .order_by("occurred_at", "id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["simulation.started", "simulation.finished"]


def test_progress_is_recorded_after_each_batch(
    council: Organisation, admin: Membership, draft: PolicyVersion, monkeypatch: Any
) -> None:
    # given a queued run over five households
    register(council)
    with clock.clock_frozen_at(NOW):
        run = services.simulation_start(
            actor=actor_for(admin), draft=draft
        )  # not committed: not run
    seen: list[tuple[str, int, int]] = []
    fetch = selectors.simulation_register_facts

    def watching(**kwargs: Any) -> Any:
        # what another request would read while the batch is fetched
        now = SimulationRun.objects.values_list("status", "done", "total").get(pk=run.pk)
        seen.append(now)
        return fetch(**kwargs)

    monkeypatch.setattr(selectors, "simulation_register_facts", watching)
    # when it runs in batches of two
    services.simulation_execute(run_id=str(run.pk), batch_size=2)
    # then progress moved on after every batch
    assert seen == [("running", 0, 5), ("running", 2, 5), ("running", 4, 5)]
    run.refresh_from_db()
    assert (run.status, run.done) == (SimulationStatus.DONE, 5)


def test_running_a_finished_run_again_changes_nothing(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    events = AuditEvent.objects.count()
    again = services.simulation_execute(run_id=str(run.pk))
    assert again.status == SimulationStatus.DONE
    assert again.results == run.results and again.finished_at == run.finished_at
    assert AuditEvent.objects.count() == events


def test_a_failing_run_is_marked_failed_and_keeps_its_progress(
    council: Organisation, admin: Membership, draft: PolicyVersion, monkeypatch: Any
) -> None:
    # given a register whose second batch cannot be read
    register(council)
    with clock.clock_frozen_at(NOW):
        run = services.simulation_start(actor=actor_for(admin), draft=draft)
    fetch = selectors.simulation_register_facts
    calls: list[int] = []

    def failing(**kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return fetch(**kwargs)

    monkeypatch.setattr(selectors, "simulation_register_facts", failing)
    # when it runs
    services.simulation_execute(run_id=str(run.pk), batch_size=3)
    # then it is failed, with the error and what it found in the first batch
    run.refresh_from_db()
    assert run.status == SimulationStatus.FAILED
    assert run.done == 3 and run.total == 5
    assert run.results["error"] == "the database went away"
    assert run.results["register_movement"]["households"] == 3
    assert AuditEvent.objects.filter(verb="simulation.failed", object_id=str(run.pk)).exists()


def test_with_no_policy_in_force_everyone_starts_from_no_policy(
    council: Organisation, admin: Membership, django_capture_on_commit_callbacks: Any
) -> None:
    register(council)
    draft = version(council, 1, draft=True)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    assert run.baseline is None and run.status == SimulationStatus.DONE
    assert run.results["register_movement"]["matrix"]["rows"] == ["no_policy"]


def test_only_the_councils_policy_admins_start_a_run(
    council: Organisation, draft: PolicyVersion
) -> None:
    elsewhere = staff_member(OrganisationFactory(), [Role.POLICY_ADMIN])
    officer = staff_member(council, [Role.REGISTER_OFFICER])
    for member in (elsewhere, officer):
        with pytest.raises(PermissionDenied):
            services.simulation_start(actor=actor_for(member), draft=draft)
    assert not SimulationRun.objects.exists()


def test_a_published_version_cannot_be_simulated(council: Organisation, admin: Membership) -> None:
    published = version(council, 1, draft=False)
    with pytest.raises(ValidationError):
        services.simulation_start(actor=actor_for(admin), draft=published)


# --- Pages ----------------------------------------------------------------------------------------


def test_the_start_page_explains_then_the_button_runs_the_simulation(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    client = client_for(admin)
    url = reverse("policy:simulation_start", kwargs={"pk": draft.pk})
    # given the start page
    page = client.get(url)
    assert page.status_code == 200
    assert "5 households on the register" in page.content.decode()
    assert "Version 1, in force since 1 April 2025" in page.content.decode()
    # when the admin presses "Run simulation" (the task runs as the request commits)
    with clock.clock_frozen_at(NOW), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, with_token({}))
    # then they go to the run's page, asking it to update itself
    run = SimulationRun.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("policy:simulation_detail", kwargs={"pk": run.pk}) + "?auto=1"
    )
    assert run.status == SimulationStatus.DONE


def test_pressing_run_twice_with_one_page_starts_one_run(
    council: Organisation, admin: Membership, draft: PolicyVersion
) -> None:
    # Given a run started from the start page
    register(council)
    client = client_for(admin)
    url = reverse("policy:simulation_start", kwargs={"pk": draft.pk})
    page = client.get(url).content.decode()
    token = page.split(f'name="{FIELD}" value="')[1].split('"')[0]
    with clock.clock_frozen_at(NOW):
        first = client.post(url, with_token({}, token))
        # When the same page is sent again (the back button, a double click)
        again = client.post(url, with_token({}, token), follow=True)
    # Then there is still one run, and the second press leads to it with a notice
    run = SimulationRun.objects.get()
    assert first["Location"].startswith(reverse("policy:simulation_detail", kwargs={"pk": run.pk}))
    assert again.redirect_chain[-1][0] == reverse("policy:simulation_detail", kwargs={"pk": run.pk})
    assert "This simulation was already started" in again.content.decode()


def test_a_start_without_a_token_is_refused_with_a_fresh_page(
    council: Organisation, admin: Membership, draft: PolicyVersion
) -> None:
    response = client_for(admin).post(reverse("policy:simulation_start", kwargs={"pk": draft.pk}))
    assert "This page was out of date" in response.content.decode()
    assert f'name="{FIELD}"' in response.content.decode()
    assert not SimulationRun.objects.exists()


def test_a_run_in_progress_updates_itself_only_when_asked(
    council: Organisation, admin: Membership, draft: PolicyVersion
) -> None:
    run = SimulationRun.objects.create(
        council=council,
        draft=draft,
        on_date=ON,
        status=SimulationStatus.RUNNING,
        total=2000,
        done=500,
    )
    client = client_for(admin)
    url = reverse("policy:simulation_detail", kwargs={"pk": run.pk})
    still = client.get(url).content.decode()
    assert "25% complete: 500 of 2,000 households assessed" in still
    assert 'http-equiv="refresh"' not in still
    assert "Update this page automatically" in still
    moving = client.get(url + "?auto=1").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in moving
    assert "Stop updating this page automatically" in moving


def test_the_results_page_shows_the_findings_and_records_the_viewing(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    page = client_for(admin).get(reverse("policy:simulation_detail", kwargs={"pk": run.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 households move up" in html and "1 household moves down" in html
    assert 'role="img"' in html and "<title id=" in html
    assert "TS-000001" in html
    assert "Overcrowded by 1 bedroom: Band A (was Band B)" in html
    assert "Could not be assessed under the draft:" in html and "TS-000005" in html
    assert "Household type" in html and "Lone parent" in html
    assert AuditEvent.objects.filter(
        verb="viewed", object_id=str(run.pk), actor=admin.user, organisation=council
    ).exists()


def test_movers_can_be_shown_by_direction(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    url = reverse("policy:simulation_detail", kwargs={"pk": run.pk})
    page = client_for(admin).get(url + "?direction=down")
    assert [r.reference for r in page.context["mover_rows"]] == ["TS-000003"]


def test_the_results_page_makes_the_same_queries_however_large_the_register(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
) -> None:
    # given a small register's results, and a larger register's
    register(council)
    small = started(admin, draft, django_capture_on_commit_callbacks)
    register(council, prefix="TT", extra=60)
    large = started(admin, draft, django_capture_on_commit_callbacks)
    client = client_for(admin)
    client.get("/")  # the session and the actor's memberships are read once either way

    def queries(run: SimulationRun) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(reverse("policy:simulation_detail", kwargs={"pk": run.pk})).status_code
                == 200
            )
        return len(captured)

    # then both pages cost the same few queries
    assert queries(small) == queries(large) <= 12


def test_the_list_of_runs_makes_the_same_few_queries_however_many_runs(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(admin)
    client.get("/")

    def listed(runs: int) -> int:
        for _ in range(runs):
            SimulationRun.objects.create(
                council=council, draft=draft, on_date=ON, started_by=admin.user
            )
        # the session, the actor (3), the count, the drafts, the page of runs, saving the session
        with django_assert_max_num_queries(10) as captured:
            page = client.get(reverse("policy:simulation_list"))
        assert page.status_code == 200
        return len(captured)

    assert listed(2) == listed(10)


def test_another_councils_admin_gets_not_found(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    other = client_for(staff_member(OrganisationFactory(), [Role.POLICY_ADMIN]))
    for name in ("simulation_detail", "simulation_movers_csv", "simulation_matrix_csv"):
        assert other.get(reverse(f"policy:{name}", kwargs={"pk": run.pk})).status_code == 404
    assert other.get(reverse("policy:simulation_start", kwargs={"pk": draft.pk})).status_code == 404
    assert run.pk not in [
        r.pk for r in other.get(reverse("policy:simulation_list")).context["page"]
    ]


def test_scheme_admins_read_any_councils_results_but_start_none(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    partnership = OrganisationFactory(partnership=True, scheme=council.scheme)
    scheme_admin = client_for(staff_member(partnership, [Role.SCHEME_ADMIN]))
    assert (
        scheme_admin.get(reverse("policy:simulation_detail", kwargs={"pk": run.pk})).status_code
        == 200
    )
    listed = scheme_admin.get(reverse("policy:simulation_list"))
    assert [r.pk for r in listed.context["page"]] == [run.pk]
    assert (
        scheme_admin.get(reverse("policy:simulation_start", kwargs={"pk": draft.pk})).status_code
        == 403
    )


# --- Downloads ------------------------------------------------------------------------------------


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_movers_csv_lists_each_move_and_why(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    response = client_for(admin).get(reverse("policy:simulation_movers_csv", kwargs={"pk": run.pk}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="simulation-marshvale-city-v2-2026-06-15-movers.csv"'
    )
    header, *rows = csv_rows(response)
    assert header[:4] == [
        "Household reference",
        "Movement",
        "Under the policy in force",
        "Under the draft",
    ]
    assert rows[0][:7] == [
        "TS-000001",
        "Moves up",
        "Band B",
        "Band A",
        "",
        "",
        "Overcrowded by 1 bedroom: Band A (was Band B)",
    ]
    assert rows[2][:4] == ["TS-000003", "Moves down", "Band D", "Not qualifying"]
    assert rows[2][7] == "Your household income is over £30,000 a year."
    assert len(rows) == 3
    assert AuditEvent.objects.filter(verb="simulation.downloaded", object_id=str(run.pk)).exists()


def test_the_matrix_csv_has_a_row_per_band(
    council: Organisation,
    admin: Membership,
    draft: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    register(council)
    run = started(admin, draft, django_capture_on_commit_callbacks)
    response = client_for(admin).get(reverse("policy:simulation_matrix_csv", kwargs={"pk": run.pk}))
    assert response["Content-Disposition"].startswith("attachment; ")
    header, *rows = csv_rows(response)
    assert header[1:] == ["Band A", "Band B", "Band C", "Band D", "Not qualifying", "Ineligible"]
    by_label = {row[0]: [int(c) for c in row[1:]] for row in rows}
    assert by_label["Band B"] == [2, 0, 0, 0, 0, 0]
    assert by_label["Band D"] == [0, 0, 0, 1, 1, 0]


def test_no_download_before_the_run_has_finished(
    council: Organisation, admin: Membership, draft: PolicyVersion
) -> None:
    run = SimulationRun.objects.create(council=council, draft=draft, on_date=ON)
    client = client_for(admin)
    assert (
        client.get(reverse("policy:simulation_movers_csv", kwargs={"pk": run.pk})).status_code
        == 404
    )


def test_a_failed_run_says_what_went_wrong(
    council: Organisation, admin: Membership, draft: PolicyVersion
) -> None:
    run = SimulationRun.objects.create(
        council=council,
        draft=draft,
        on_date=ON,
        status=SimulationStatus.FAILED,
        total=900,
        done=500,
        results={"error": "the database went away"},
    )
    page = client_for(admin).get(reverse("policy:simulation_detail", kwargs={"pk": run.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "The simulation stopped after 500 of 900 households." in html
    assert "What went wrong: the database went away" in html


def test_runs_whose_worker_stopped_are_closed(council: Organisation, draft: PolicyVersion) -> None:
    # Given a run left "running" three hours ago, and one queued a minute ago
    stopped = SimulationRun.objects.create(
        council=council,
        draft=draft,
        on_date=clock.today(),
        status=SimulationStatus.RUNNING,
        total=10,
        done=4,
    )
    fresh = SimulationRun.objects.create(
        council=council, draft=stopped.draft, on_date=clock.today()
    )
    later = clock.now() + services.STALE_AFTER + dt.timedelta(hours=1)
    SimulationRun.objects.filter(pk=fresh.pk).update(created_at=later - dt.timedelta(minutes=1))
    # When the scheduled job runs
    assert services.simulations_stale_fail(now=later) == 1
    # Then only the stopped run is failed, with a message, and the progress it made kept
    stopped.refresh_from_db()
    fresh.refresh_from_db()
    assert stopped.status == SimulationStatus.FAILED
    assert (stopped.done, "Start it again" in stopped.results["error"]) == (4, True)
    assert fresh.status == SimulationStatus.QUEUED
    assert AuditEvent.objects.filter(verb="simulation.failed", object_id=str(stopped.pk)).exists()
