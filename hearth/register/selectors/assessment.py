"""Reads for assessing an application: the need reasons an officer may award, the awards made,
overrides, and possible duplicates, only in the officer's council.

A duplicate flag naming a household on another council's register shows only that a match
exists and which details matched: never that council's record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document import NeedReason, PolicyDocument
from hearth.policy.selectors import policy_in_force
from hearth.register.models import (
    ASSESSMENT_NEWEST_FIRST,
    Application,
    Assessment,
    AssessmentOverride,
    DuplicateFlag,
    DuplicateFlagStatus,
    Household,
    MobilityAssessment,
    NeedAward,
    OverrideStatus,
)
from hearth.register.rules.permissions import is_council_officer


def assessment_latest(household: Household, *, on_date: dt.date | None = None) -> Assessment | None:
    """The household's current assessment: its newest (`ASSESSMENT_NEWEST_FIRST`), or its newest
    made for a date on or before `on_date`. None if it has never been assessed.

    For many households at once, `fetch` uses the same order in one query."""
    assessments = Assessment.objects.filter(household=household)
    if on_date is not None:
        assessments = assessments.filter(assessed_on__lte=on_date)
    return assessments.select_related("policy_version").order_by(*ASSESSMENT_NEWEST_FIRST).first()


@dataclass(frozen=True)
class Catalogue:
    """The need reasons of the council's policy in force that officers award."""

    version: PolicyVersion | None
    reasons: tuple[NeedReason, ...]

    def reason(self, code: str) -> NeedReason | None:
        return next((r for r in self.reasons if r.code == code), None)


def _document(
    household: Household, on_date: dt.date
) -> tuple[PolicyVersion | None, PolicyDocument | None]:
    version = policy_in_force(household.council, on_date)
    return version, (document_of(version) if version is not None else None)


def need_catalogue(*, household: Household, on_date: dt.date) -> Catalogue:
    """The officer-awarded need reasons of the policy in force for the household's council."""
    version, document = _document(household, on_date)
    if document is None:
        return Catalogue(version=None, reasons=())
    reasons = tuple(r for r in document.need_reasons if r.awarded == "officer")
    return Catalogue(version=version, reasons=reasons)


@dataclass(frozen=True)
class AwardLine:
    award: NeedAward
    label: str
    band: str
    points: int


def need_awards_list(
    *, actor: Actor, household: Household, catalogue: Catalogue
) -> list[AwardLine]:
    """Every need award of the household (withdrawn ones too), labelled from the catalogue."""
    if not is_council_officer(actor, household, Capability.VIEW_REGISTER):
        raise Http404
    lines = []
    for award in NeedAward.objects.filter(household=household).select_related("awarded_by"):
        reason = catalogue.reason(award.code)
        lines.append(
            AwardLine(
                award=award,
                label=reason.label if reason else award.code,
                band=reason.band if reason else "",
                points=reason.points if reason else 0,
            )
        )
    return lines


def need_award_get(*, actor: Actor, application: Application, pk: uuid.UUID | str) -> NeedAward:
    """One need award of the application's household, or 404."""
    try:
        return NeedAward.objects.get(pk=pk, household_id=application.household_id)
    except (NeedAward.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def overrides_of(*, application: Application) -> list[AssessmentOverride]:
    return list(
        AssessmentOverride.objects.filter(application=application)
        .select_related("requested_by", "decided_by")
        .order_by("-requested_at", "id")
    )


def override_get(*, actor: Actor, pk: uuid.UUID | str) -> AssessmentOverride:
    """An override on the officer's council's register, or 404."""
    if not actor.can(Capability.VIEW_REGISTER) or actor.organisation is None:
        raise Http404
    try:
        return AssessmentOverride.objects.select_related(
            "application__household__council", "assessment", "requested_by", "decided_by"
        ).get(pk=pk, council=actor.organisation)
    except (AssessmentOverride.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def override_pending(*, application: Application) -> AssessmentOverride | None:
    return (
        AssessmentOverride.objects.filter(application=application, status=OverrideStatus.PENDING)
        .order_by("-requested_at")
        .first()
    )


@dataclass(frozen=True)
class DuplicateView:
    """What an officer may know about a possible duplicate."""

    flag: DuplicateFlag
    matched: str
    same_council: bool
    # Only when the other household is on the officer's own council's register.
    other_application: Application | None
    other_reference: str


def duplicate_views(*, actor: Actor, application: Application) -> list[DuplicateView]:
    from hearth.register.selectors.workspace import matched_text

    flags = list(
        DuplicateFlag.objects.filter(application=application).select_related(
            "other_household", "resolved_by"
        )
    )
    council_id = application.household.council_id
    ours = {f.other_household_id for f in flags if f.other_household.council_id == council_id}
    others = {a.household_id: a for a in Application.objects.filter(household_id__in=ours)}
    found = []
    for flag in flags:
        other = flag.other_household
        same = other.council_id == council_id
        other_application = others.get(other.pk) if same else None
        found.append(
            DuplicateView(
                flag=flag,
                matched=matched_text(flag.matched_on),
                same_council=same,
                other_application=other_application,
                other_reference=other.reference if same else "",
            )
        )
    return found


def duplicate_flag_get(*, actor: Actor, pk: uuid.UUID | str) -> DuplicateFlag:
    """A duplicate flag on the officer's council's register, or 404."""
    if not actor.can(Capability.VIEW_REGISTER) or actor.organisation is None:
        raise Http404
    try:
        return DuplicateFlag.objects.select_related("application__household__council").get(
            pk=pk, council=actor.organisation
        )
    except (DuplicateFlag.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def open_duplicate(flag: DuplicateFlag) -> bool:
    return flag.status == DuplicateFlagStatus.OPEN


def mobility_panel(*, actor: Actor, application: Application) -> dict[str, object]:
    """The earlier mobility assessments the officer's application page lists under the one in
    force (the household record holds that), newest first: one query, in the officer's council."""
    household = application.household
    if not is_council_officer(actor, household, Capability.VIEW_REGISTER):
        return {"mobility_earlier": []}
    made = list(
        MobilityAssessment.objects.filter(household=household).select_related("assessed_by")
    )
    # The newest by date is the record's own; the rest are earlier, or corrected the past.
    return {"mobility_earlier": made[1:]}
