"""Recording assessments under the policy version in force: one household, or a whole register."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.assess import Assessment as EngineAssessment
from hearth.policy.rules.assess import assess
from hearth.register.fetch import household_facts
from hearth.register.models import Assessment, Household
from hearth.register.selectors.households import households_on_register

BATCH = 500


def assessment_row(
    household_id: str, version: PolicyVersion, on_date: dt.date, result: EngineAssessment
) -> Assessment:
    return Assessment(
        household_id=household_id,
        policy_version=version,
        assessed_on=on_date,
        qualifies=result.qualifies,
        status=result.status,
        band=result.band,
        points=result.points,
        priority_date=result.priority_date,
        bedroom_need=result.bedroom_need,
        local_connection=result.local_connection,
        ranked_below=result.ranked_below,
        explanation=list(result.trace),
    )


def register_reassess(
    *, actor: Actor, council: Organisation, version: PolicyVersion, on_date: dt.date
) -> int:
    """Assess every household on `council`'s register under `version` and record the results.

    Used when a new version comes into force and to load a register; one audit event for the
    run (each row records the version it used). Returns how many households were assessed.
    """
    if version.council_id != council.pk:
        raise ValueError("the policy version belongs to another council")
    document = document_of(version)
    ids = list(households_on_register(council).values_list("pk", flat=True))
    done = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            batch = Household.objects.filter(pk__in=ids[start : start + BATCH])
            facts = household_facts(batch, on_date=on_date)
            Assessment.objects.bulk_create(
                assessment_row(f.household_id, version, on_date, assess(document, f, on_date))
                for f in facts
            )
            done += len(facts)
        audit_record(
            actor=actor,
            verb="register.reassessed",
            target=version,
            organisation=council,
            changes=changes_of(context={"households": done, "assessed_on": on_date}),
        )
    return done


def register_reassess_due(*, on_date: dt.date) -> int:
    """Reassess each council's register under the version in force on `on_date`, if its
    register has not been assessed under that version yet (run daily, so a published version
    is applied to everyone from the day it takes effect). Returns households assessed."""
    from hearth.policy.selectors import policy_in_force

    system = SYSTEM
    assessed = 0
    councils = Organisation.objects.filter(policy_versions__isnull=False).distinct()
    for council in councils:
        version = policy_in_force(council, on_date)
        if version is None or Assessment.objects.filter(policy_version=version).exists():
            continue
        assessed += register_reassess(
            actor=system, council=council, version=version, on_date=on_date
        )
    return assessed


class NoPolicyInForceError(Exception):
    """The council has no published allocation policy in force on the date."""


def household_assess(*, actor: Actor, household: Household, on_date: dt.date) -> Assessment:
    """Assess one household under its council's policy in force on `on_date` and record it.

    The caller checks that `actor` may assess; this runs inside the caller's transaction when
    there is one, and records the audit event there.
    """
    from hearth.policy.selectors import policy_in_force

    version = policy_in_force(household.council, on_date)
    if version is None:
        raise NoPolicyInForceError(f"{household.council} has no allocation policy in force")
    (facts,) = household_facts(Household.objects.filter(pk=household.pk), on_date=on_date)
    result = assess(document_of(version), facts, on_date)
    with transaction.atomic():
        row = assessment_row(str(household.pk), version, on_date, result)
        row.save()
        audit_record(
            actor=actor,
            verb="register.assessed",
            target=household,
            organisation=household.council,
            changes=changes_of(
                after={
                    "policy_version": version.number,
                    "status": row.status,
                    "band": row.band,
                    "points": row.points,
                    "priority_date": row.priority_date,
                    "bedroom_need": row.bedroom_need,
                }
            ),
        )
    return row
