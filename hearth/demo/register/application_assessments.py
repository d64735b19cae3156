"""The assessments the demo register's records rest on, with the events their service writes.

A decision rests on the assessment of its own day (`decision_day_assessments`); households the
register run does not assess (closed and refused ones) have one of today too
(`assess_the_rest`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any
from uuid import UUID

from hearth.core.models import Organisation
from hearth.demo.register.application_events import (
    assessment_changes,
)
from hearth.demo.register.application_rows import (
    BATCH,
    ApplicationRecords,
    london_date,
    model_label,
)
from hearth.demo.register.household_facts import facts_as_on
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.assess import assess
from hearth.policy.rules.facts import NeedAward as FactsNeedAward
from hearth.policy.selectors import policy_in_force
from hearth.register.fetch import household_facts
from hearth.register.models import (
    Application,
    Assessment,
    Household,
    NeedAward,
)
from hearth.register.rules import lifecycle
from hearth.register.selectors.households import ASSESSED_STATUSES
from hearth.register.services.assessment_reassess import assessment_row


def assess_the_rest(
    applications: list[Application],
    on_date: dt.date,
    records: ApplicationRecords,
    councils: list[Organisation],
) -> int:
    """Assess households the register run skipped (decided and closed ones) as
    `household_assess` does for the system, with its event: the not-qualifying ones get their
    not-qualifying assessment."""
    wanted = {
        app.household_id: app
        for app in applications
        if app.status not in ASSESSED_STATUSES and app.status != lifecycle.DRAFT
    }
    rows: list[Assessment] = []
    for council in councils:
        version = policy_in_force(council, on_date)
        if version is None:
            continue
        document = document_of(version)
        batch = Household.objects.filter(pk__in=list(wanted), council=council).order_by("reference")
        for facts in household_facts(batch, on_date=on_date):
            row = assessment_row(
                facts.household_id, version, on_date, assess(document, facts, on_date)
            )
            rows.append(row)
            app = wanted[uuid.UUID(facts.household_id)]
            records.audit(
                "register.assessed",
                target_type=model_label(Household),
                target_id=app.household_id,
                label=str(app.household),
                app=app,
                by=None,
                at=records.now,
                changes=assessment_changes(row, version.number),
            )
    Assessment.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def decision_day_assessments(
    applications: list[Application], records: ApplicationRecords, councils: list[Organisation]
) -> int:
    """The assessment each decision rests on (`assessment_for_decision`): made by the deciding
    officer on the day of the decision, under the policy in force that day, with the event
    `household_assess` writes. Returns how many it made."""
    decided = [app for app in applications if app.pk in records.decided_at]
    versions = _published_versions(councils)
    withdrawn = _withdrawn_awards([app.household_id for app in decided])
    rows: list[Assessment] = []
    for start in range(0, len(decided), BATCH):
        batch = {app.household_id: app for app in decided[start : start + BATCH]}
        households = Household.objects.filter(pk__in=list(batch)).order_by("reference")
        for facts in household_facts(households, on_date=records.on_date):
            app = batch[uuid.UUID(facts.household_id)]
            at = records.decided_at[app.pk]
            day = london_date(at)
            version = _in_force(versions.get(app.council_id, []), day)
            if version is None:
                continue
            as_then = facts_as_on(facts, day, withdrawn.get(facts.household_id, ()))
            row = assessment_row(
                facts.household_id, version, day, assess(document_of(version), as_then, day)
            )
            rows.append(row)
            records.day_assessments[app.pk] = row
            records.audit(
                "register.assessed",
                target_type=model_label(Household),
                target_id=app.household_id,
                label=str(app.household),
                app=app,
                by=records.officer(app),
                at=at,
                changes=assessment_changes(row, version.number),
            )
    Assessment.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _published_versions(councils: list[Organisation]) -> dict[Any, list[PolicyVersion]]:
    """Each demo council's published policy versions, latest in force first (as
    `policy_in_force` chooses)."""
    found: dict[Any, list[PolicyVersion]] = defaultdict(list)
    versions = PolicyVersion.objects.filter(
        council__in=councils, status=PolicyStatus.PUBLISHED
    ).order_by("-effective_from", "-number")
    for version in versions:
        found[version.council_id].append(version)
    return found


def _in_force(versions: list[PolicyVersion], day: dt.date) -> PolicyVersion | None:
    return next(
        (v for v in versions if v.effective_from is not None and v.effective_from <= day), None
    )


def _withdrawn_awards(
    household_ids: list[UUID],
) -> dict[str, list[tuple[FactsNeedAward, dt.date]]]:
    """The needs awarded and since withdrawn, by household: they counted before they went."""
    found: dict[str, list[tuple[FactsNeedAward, dt.date]]] = defaultdict(list)
    for start in range(0, len(household_ids), BATCH):
        rows = NeedAward.objects.filter(
            household_id__in=household_ids[start : start + BATCH], withdrawn_on__isnull=False
        ).values_list("household_id", "code", "awarded_on", "withdrawn_on")
        for household_id, code, awarded_on, withdrawn_on in rows:
            if withdrawn_on is not None:  # always, as filtered: for the type checker
                found[str(household_id)].append((FactsNeedAward(code, awarded_on), withdrawn_on))
    return found
