"""The officer's view of one application: the whole household record, and its history.

Both read a fixed number of queries whatever the household's size or history: one per kind of
record shown (and one for the policy in force of each council the household's places are in,
to know which ask for an area), and for the history one query of audit events (with subqueries
for the ids of the household's records) plus one of status changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet

from hearth.core.access.actor import Actor
from hearth.core.audit import EventRow, event_rows
from hearth.core.models import AuditEvent
from hearth.register.fetch import UUIDText
from hearth.register.models import (
    Application,
    ArmedForces,
    Assessment,
    AssessmentOverride,
    Benefit,
    CircumstanceChange,
    CircumstanceChangeStatus,
    Decision,
    DuplicateFlag,
    EvidenceDocument,
    EvidenceRequest,
    Exemption,
    Household,
    Message,
    NeedAward,
    Period,
    PeriodKind,
    Person,
    ReviewRequest,
    StatusChange,
)
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import application_get
from hearth.register.selectors.apply_areas import councils_areas_asked
from hearth.register.selectors.assessment import (
    AwardLine,
    Catalogue,
    DuplicateView,
    assessment_latest,
    duplicate_views,
    need_awards_list,
    need_catalogue,
    overrides_of,
)

HISTORY_LIMIT = 1000


@dataclass(frozen=True)
class ApplicationRecord:
    application: Application
    household: Household
    status_label: str
    status_meaning: str
    people: list[Person]
    homes: list[Period]  # residence periods, newest first; the current home has no end
    work: list[Period]
    family: list[Period]
    assessment: Assessment | None
    catalogue: Catalogue
    awards: list[AwardLine]
    overrides: list[AssessmentOverride]
    duplicates: list[DuplicateView]
    open_changes: list[CircumstanceChange]
    benefits: list[str]
    exemptions: list[str]
    armed_forces: str
    extra_answers: list[tuple[str, Any]] = field(default_factory=list)
    # The councils (ids) whose policy asks which area a place is in (see selectors.apply_areas).
    area_councils: frozenset[Any] = frozenset()

    @property
    def current_home(self) -> Period | None:
        return next((p for p in self.homes if p.end is None), None)

    @property
    def awards_in_force(self) -> list[AwardLine]:
        return [line for line in self.awards if line.award.withdrawn_on is None]


def application_record(*, actor: Actor, pk: Any, today: dt.date) -> ApplicationRecord:
    """Everything the officer's application page shows about the household (404 if the
    application is not on the officer's council's register)."""
    application = application_get(actor=actor, pk=pk)
    household = application.household
    text = lifecycle.STATUS_TEXT[application.status]
    periods = list(
        Period.objects.filter(household=household)
        .select_related("council")
        .order_by("-start", "id")
    )
    catalogue = need_catalogue(household=household, on_date=today)
    return ApplicationRecord(
        application=application,
        household=household,
        status_label=text.label,
        status_meaning=text.meaning,
        people=list(Person.objects.filter(household=household)),
        homes=[p for p in periods if p.kind == PeriodKind.RESIDENCE],
        work=[p for p in periods if p.kind == PeriodKind.WORK],
        family=[p for p in periods if p.kind == PeriodKind.FAMILY],
        assessment=assessment_latest(household),
        catalogue=catalogue,
        awards=need_awards_list(actor=actor, household=household, catalogue=catalogue),
        overrides=overrides_of(application=application),
        duplicates=duplicate_views(actor=actor, application=application),
        open_changes=list(
            CircumstanceChange.objects.filter(
                application=application, status=CircumstanceChangeStatus.OPEN
            ).order_by("reported_at")
        ),
        benefits=[str(Benefit(code).label) for code in household.benefits if code in Benefit],
        exemptions=[
            str(Exemption(code).label) for code in household.exemptions if code in Exemption
        ],
        armed_forces=str(ArmedForces(household.armed_forces).label)
        if household.armed_forces in ArmedForces
        else "",
        extra_answers=sorted((household.extra_answers or {}).items()),
        area_councils=frozenset(
            pk
            for pk, areas in councils_areas_asked((p.council for p in periods), today).items()
            if areas
        ),
    )


# --- History ----------------------------------------------------------------------------------


def _ids(model: type[Model], **where: Any) -> QuerySet[Any]:
    return model._default_manager.filter(**where).order_by().values_list(UUIDText("id"))


def _audit_scope(application: Application) -> Q:
    household = application.household
    scope = Q(object_type="register.application", object_id=str(application.pk)) | Q(
        object_type="register.household", object_id=str(household.pk)
    )
    by_household: tuple[type[Model], ...] = (Person, Period, NeedAward, Assessment)
    by_application: tuple[type[Model], ...] = (
        EvidenceRequest,
        EvidenceDocument,
        Decision,
        ReviewRequest,
        Message,
        CircumstanceChange,
        AssessmentOverride,
        DuplicateFlag,
    )
    for model in by_household:
        scope |= Q(
            object_type=model._meta.label_lower, object_id__in=_ids(model, household=household)
        )
    for model in by_application:
        scope |= Q(
            object_type=model._meta.label_lower,
            object_id__in=_ids(model, application=application),
        )
    return scope


def _name(user: Any) -> str:
    return user.full_name if user is not None else ""


def application_history(
    *, actor: Actor, application: Application, include_views: bool
) -> list[EventRow]:
    """Status changes and audit events of the application and its household's records,
    newest first (the latest `HISTORY_LIMIT` of each)."""
    events = AuditEvent.objects.filter(_audit_scope(application)).exclude(
        verb="application.status_changed"  # shown from the status change, with its reason
    )
    if not include_views:
        events = events.exclude(verb="viewed")
    entries = event_rows(
        events.select_related("actor", "on_behalf_of").order_by("-occurred_at", "-id")[
            :HISTORY_LIMIT
        ]
    )
    for change in StatusChange.objects.filter(application=application).select_related(
        "changed_by", "on_behalf_of"
    )[:HISTORY_LIMIT]:
        before = lifecycle.STATUS_TEXT[change.from_status].label if change.from_status else "New"
        entries.append(
            EventRow(
                occurred_at=change.occurred_at,
                who=_name(change.changed_by),
                on_behalf_of=_name(change.on_behalf_of),
                what=f"Status: {before} → {lifecycle.STATUS_TEXT[change.to_status].label}",
                details=[change.reason] if change.reason else [],
            )
        )
    entries.sort(key=lambda entry: entry.occurred_at, reverse=True)
    return entries
