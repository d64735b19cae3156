"""Which demo households bid, and their assessments as they stood before the bidding began.

The demo register is assessed as of today when it is seeded; bids placed earlier in the week
(and last week's) are checked, and last week's shortlists ranked, on each household's
assessment as it stood then. So each household chosen to bid is assessed again, on the day
before last week's cycle opened, as `household_assess` assesses one household for the system,
with the event it records; here in one pass over each council's households, which costs a
tenth of assessing them one by one (`demo/tests/test_lettings.py` checks rows and events).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hearth.core import clock
from hearth.core.access.actor import SYSTEM
from hearth.core.audit import AuditChanges, audit_record, changes_of
from hearth.core.clock import clock_frozen_at
from hearth.core.models import Organisation
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.assess import assess
from hearth.policy.selectors import policy_in_force
from hearth.register.fetch import household_facts
from hearth.register.models import Application, Assessment, Household
from hearth.register.rules import lifecycle
from hearth.register.services.assessment_reassess import assessment_row


@dataclass(frozen=True)
class Candidate:
    """An active application whose household qualifies, as its latest assessment says."""

    application: Application
    council: str  # the slug of the council whose register it is on
    need: int  # bedrooms
    connected: bool  # a local connection to its own council


def candidates(
    councils: Sequence[str], before: dt.datetime, rng: random.Random
) -> dict[str, list[Candidate]]:
    """By council, in a shuffled order: households on the councils' registers whose
    applications are active and have been since before `before`, that qualify and have no
    demo sign-in (those bid for themselves)."""
    rows = (
        Assessment.objects.filter(
            household__council__slug__in=councils,
            household__applicant__isnull=True,
            household__application__status=lifecycle.ACTIVE,
            household__application__status_changed_at__lt=before,
        )
        .order_by("household__reference", "-assessed_on", "-created_at")
        .values_list("household_id", "status", "bedroom_need", "local_connection")
    )
    latest: dict[object, tuple[str, int | None, bool]] = {}
    for household_id, status, need, connected in rows:
        latest.setdefault(household_id, (status, need, connected))
    qualifying = {h: v for h, v in latest.items() if v[0] == "qualifies" and v[1]}
    applications = Application.objects.filter(household_id__in=list(qualifying)).select_related(
        "household__council"
    )
    found: dict[str, list[Candidate]] = {slug: [] for slug in councils}
    for application in sorted(applications, key=lambda a: a.household.reference):
        _status, bedrooms, connected = qualifying[application.household_id]
        slug = application.household.council.slug
        found[slug].append(Candidate(application, slug, bedrooms or 1, connected))
    for pool in found.values():
        rng.shuffle(pool)
    return found


def signed_in_application(email: str) -> Application | None:
    """The application of the household of a demo applicant sign-in, if it is active."""
    return (
        Application.objects.select_related("household__council")
        .filter(household__applicant__email=email, status=lifecycle.ACTIVE)
        .first()
    )


def assessed_before_bidding(applications: Iterable[Application], at: dt.datetime) -> int:
    """Assess each application's household under its council's policy in force on `at`'s day,
    as the system, at `at`. Returns how many were assessed."""
    on_date = at.astimezone(clock.LONDON).date()
    by_council: dict[Organisation, list[Household]] = {}
    for application in applications:
        household = application.household
        by_council.setdefault(household.council, []).append(household)
    rows: list[Assessment] = []
    with clock_frozen_at(at):
        for council, households in by_council.items():
            version = policy_in_force(council, on_date)
            if version is None:
                continue
            document = document_of(version)
            named = {str(h.pk): h for h in households}
            for facts in household_facts(
                Household.objects.filter(pk__in=list(named)), on_date=on_date
            ):
                row = assessment_row(
                    facts.household_id, version, on_date, assess(document, facts, on_date)
                )
                rows.append(row)
                audit_record(
                    actor=SYSTEM,
                    verb="register.assessed",
                    target=named[facts.household_id],
                    organisation=council,
                    changes=assessed_changes(row, version.number),
                )
        Assessment.objects.bulk_create(rows)
    return len(rows)


def assessed_changes(row: Assessment, version_number: int) -> AuditChanges:
    """What `household_assess` records of an assessment."""
    return changes_of(
        after={
            "policy_version": version_number,
            "status": row.status,
            "band": row.band,
            "points": row.points,
            "priority_date": row.priority_date,
            "bedroom_need": row.bedroom_need,
        }
    )
