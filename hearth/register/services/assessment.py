"""Assessing an application: need awards, the household's assessed mobility need, running the
policy engine, officer overrides (with a team leader's approval) and resolving possible
duplicates.

Each function checks permission, runs in one transaction and records its audit event there.
Contended changes (deciding an override, resolving a flag) are conditional updates, so two
team leaders deciding at once cannot both win.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.policy.documents.loaded import document_of
from hearth.register.models import (
    Application,
    AssessedMobility,
    Assessment,
    AssessmentOverride,
    DuplicateFlag,
    DuplicateFlagStatus,
    Household,
    MobilityAssessment,
    NeedAward,
    OverrideStatus,
)
from hearth.register.rules.permissions import officer_check
from hearth.register.selectors.assessment import need_catalogue
from hearth.register.services.assessment_reassess import NoPolicyInForceError, household_assess

NOTE_MAX = 2000


# --- Need awards ------------------------------------------------------------------------------


def need_award_create(
    *,
    actor: Actor,
    application: Application,
    code: str,
    awarded_on: dt.date,
    notes: str = "",
) -> NeedAward:
    """Award one of the policy's officer-awarded need reasons to the household, from a date."""
    household = application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    today = clock.today()
    catalogue = need_catalogue(household=household, on_date=today)
    if catalogue.reason(code) is None:
        raise ValidationError(
            {"code": _("Choose a need reason from the council's allocation policy")}
        )
    if awarded_on > today:
        raise ValidationError({"awarded_on": _("The award date must be today or in the past")})
    with transaction.atomic():
        try:
            # The database keeps one active award of a code per household (checking first and
            # then inserting would let two officers awarding at the same moment both succeed);
            # the savepoint leaves the transaction usable after a refusal.
            with transaction.atomic():
                award = NeedAward.objects.create(
                    household=household,
                    code=code,
                    awarded_on=awarded_on,
                    awarded_by=actor.user,
                    notes=notes.strip(),
                )
        except IntegrityError as taken:
            raise ValidationError({"code": _("This need is already awarded")}) from taken
        audit_record(
            actor=actor,
            verb="need.awarded",
            target=award,
            organisation=household.council,
            label=f"{household.reference}: {code}",
            changes=changes_of(
                after={"code": code, "awarded_on": awarded_on, "notes": award.notes}
            ),
        )
    return award


def need_award_withdraw(
    *, actor: Actor, application: Application, award: NeedAward, withdrawn_on: dt.date
) -> NeedAward:
    """End a need award from a date (kept in the record: assessments before it still used it)."""
    household = application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    if award.household_id != household.pk:
        raise PermissionDenied
    if withdrawn_on < award.awarded_on:
        raise ValidationError(
            {"withdrawn_on": _("The date must be the same as or after the award date")}
        )
    if withdrawn_on > clock.today():
        raise ValidationError({"withdrawn_on": _("The date must be today or in the past")})
    with transaction.atomic():
        changed = NeedAward.objects.filter(pk=award.pk, withdrawn_on__isnull=True).update(
            withdrawn_on=withdrawn_on, updated_at=clock.now()
        )
        if not changed:
            raise ValidationError(_("This need reason has already been withdrawn"))
        award.withdrawn_on = withdrawn_on
        audit_record(
            actor=actor,
            verb="need.withdrawn",
            target=award,
            organisation=household.council,
            label=f"{household.reference}: {award.code}",
            changes=changes_of(after={"withdrawn_on": withdrawn_on}),
        )
    return award


# --- The assessed mobility need ----------------------------------------------------------------

_MOBILITY_FIELDS = ("assessed_mobility", "assessed_adaptations", "mobility_assessed_on")


def household_mobility_assess(
    *,
    actor: Actor,
    application: Application,
    assessed_mobility: str,
    adaptations: str,
    assessed_on: dt.date,
) -> Household:
    """Record the home an officer assessed the household as needing, and the adaptations, as
    such: not as a need reason. Each assessment is kept, dated `assessed_on`
    (`MobilityAssessment`): ranking on a day reads the one made by then, and the household
    record holds the newest, which adverts' labels read today."""
    household = application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    errors: dict[str, str] = {}
    if assessed_mobility not in AssessedMobility.values:
        errors["assessed_mobility"] = _("Select the home the household needs")
    if len(adaptations) > NOTE_MAX:
        errors["adaptations"] = _("Write the adaptations in %(max)d characters or fewer") % {
            "max": NOTE_MAX
        }
    if assessed_on > clock.today():
        errors["assessed_on"] = _("The date must be today or in the past")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Locked, so the record's "before" is what this change replaced.
        locked = Household.objects.select_for_update().get(pk=household.pk)
        before = {name: getattr(locked, name) for name in _MOBILITY_FIELDS}
        after = {
            "assessed_mobility": assessed_mobility,
            "assessed_adaptations": adaptations.strip(),
            "mobility_assessed_on": assessed_on,
        }
        officer = actor.signed_in_user()
        MobilityAssessment.objects.create(
            household=locked,
            assessed_mobility=assessed_mobility,
            adaptations=adaptations.strip(),
            assessed_on=assessed_on,
            assessed_by=officer,
        )
        # One dated before the newest corrects the past; the record keeps the newest.
        if locked.mobility_assessed_on is None or assessed_on >= locked.mobility_assessed_on:
            for name, value in after.items():
                setattr(household, name, value)
            household.mobility_assessed_by = officer
            household.save(update_fields=[*_MOBILITY_FIELDS, "mobility_assessed_by", "updated_at"])
        audit_record(
            actor=actor,
            verb="household.mobility_assessed",
            target=household,
            organisation=household.council,
            label=f"{household.reference}: mobility need",
            changes=changes_of(before=before, after=after),
        )
    return household


# --- Assessing --------------------------------------------------------------------------------


def application_assess(
    *, actor: Actor, application: Application, on_date: dt.date | None = None
) -> Assessment:
    """Run the council's policy engine on the household and record the assessment."""
    officer_check(actor, application.household, Capability.ASSESS_APPLICATIONS)
    try:
        with transaction.atomic():
            return household_assess(
                actor=actor, household=application.household, on_date=on_date or clock.today()
            )
    except NoPolicyInForceError as missing:
        raise ValidationError(
            _("The council has no allocation policy in force, so nobody can be assessed yet")
        ) from missing


# --- Overrides --------------------------------------------------------------------------------


def override_request(
    *,
    actor: Actor,
    application: Application,
    assessment: Assessment,
    band: str = "",
    points: int | None = None,
    reason: str,
) -> AssessmentOverride:
    """An officer asks to set a band (banded schemes) or points (points schemes) other than
    the engine's; a team leader decides."""
    household = application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    if assessment.household_id != household.pk:
        raise PermissionDenied
    document = document_of(assessment.policy_version)
    errors: dict[str, str] = {}
    if document.scheme == "points":
        band = ""
        if points is None:
            errors["points"] = _("Enter the points to set")
        elif points == assessment.points:
            errors["points"] = _("Enter points different from the assessment's")
    else:
        points = None
        if band not in {b.code for b in document.bands}:
            errors["band"] = _("Choose a band from the council's allocation policy")
        elif band == assessment.band:
            errors["band"] = _("Choose a band different from the assessment's")
    if not reason.strip():
        errors["reason"] = _("Enter the reason for the override")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            # The database keeps one pending override per application (checking first and then
            # inserting would let two officers asking at the same moment both succeed); the
            # savepoint leaves the transaction usable after a refusal.
            with transaction.atomic():
                override = AssessmentOverride.objects.create(
                    application=application,
                    council_id=application.council_id,
                    assessment=assessment,
                    band=band,
                    points=points,
                    reason=reason.strip(),
                    requested_by=actor.signed_in_user(),
                    requested_at=clock.now(),
                )
        except IntegrityError as waiting:
            raise ValidationError(
                _("An override is already waiting for a team leader on this application")
            ) from waiting
        audit_record(
            actor=actor,
            verb="override.requested",
            target=override,
            organisation=household.council,
            label=f"{household.reference}: override",
            changes=changes_of(after={"band": band, "points": points, "reason": override.reason}),
        )
    return override


def _override_decide_check(actor: Actor, override: AssessmentOverride) -> None:
    officer_check(actor, override.application.household, Capability.APPROVE_DECISIONS)
    if actor.user is None or override.requested_by_id == actor.user.pk:
        raise ValidationError(_("Another team leader must decide on an override you asked for"))


def _override_close(
    actor: Actor, override: AssessmentOverride, status: str, note: str
) -> AssessmentOverride:
    now = clock.now()
    closed = AssessmentOverride.objects.filter(
        pk=override.pk, status=OverrideStatus.PENDING
    ).update(status=status, decided_by=actor.user, decided_at=now, decision_note=note)
    if not closed:
        raise ValidationError(_("Someone has already decided on this override"))
    override.status, override.decided_by, override.decided_at = status, actor.user, now
    override.decision_note = note
    return override


def override_approve(
    *, actor: Actor, override: AssessmentOverride, note: str = ""
) -> AssessmentOverride:
    """A team leader (not the officer who asked) approves: a new assessment records the
    officer's band or points, saying why and who approved it."""
    _override_decide_check(actor, override)
    base = override.assessment
    approver = actor.signed_in_user().full_name
    what = _("Band") if override.band else _("Points")
    line = _("%(what)s set by officer override: %(reason)s, approved by %(name)s") % {
        "what": what,
        "reason": override.reason,
        "name": approver,
    }
    household = override.application.household
    with transaction.atomic():
        result = Assessment.objects.create(
            household=household,
            policy_version=base.policy_version,
            assessed_on=clock.today(),
            qualifies=base.qualifies,
            status=base.status,
            band=override.band or base.band,
            points=override.points if override.points is not None else base.points,
            priority_date=base.priority_date,
            bedroom_need=base.bedroom_need,
            local_connection=base.local_connection,
            ranked_below=base.ranked_below,
            explanation=[line, *base.explanation],
        )
        _override_close(actor, override, OverrideStatus.APPROVED, note.strip())
        AssessmentOverride.objects.filter(pk=override.pk).update(result=result)
        override.result = result
        audit_record(
            actor=actor,
            verb="override.approved",
            target=override,
            organisation=household.council,
            label=f"{household.reference}: override",
            changes=changes_of(
                before={
                    "status": OverrideStatus.PENDING,
                    "band": base.band,
                    "points": base.points,
                },
                after={
                    "status": OverrideStatus.APPROVED,
                    "band": result.band,
                    "points": result.points,
                },
                context={"note": note.strip()},
            ),
        )
    return override


def override_refuse(*, actor: Actor, override: AssessmentOverride, note: str) -> AssessmentOverride:
    """A team leader refuses, saying why; the engine's assessment stands."""
    _override_decide_check(actor, override)
    if not note.strip():
        raise ValidationError({"note": _("Enter why you are refusing the override")})
    household = override.application.household
    with transaction.atomic():
        _override_close(actor, override, OverrideStatus.REFUSED, note.strip())
        audit_record(
            actor=actor,
            verb="override.refused",
            target=override,
            organisation=household.council,
            label=f"{household.reference}: override",
            changes=changes_of(
                before={"status": OverrideStatus.PENDING},
                after={"status": OverrideStatus.REFUSED},
                context={"note": note.strip()},
            ),
        )
    return override


# --- Possible duplicates ----------------------------------------------------------------------


DUPLICATE_OUTCOMES = frozenset({DuplicateFlagStatus.NOT_DUPLICATE, DuplicateFlagStatus.CONFIRMED})


def duplicate_resolve(
    *, actor: Actor, flag: DuplicateFlag, outcome: str, note: str
) -> DuplicateFlag:
    """An officer records whether a possible duplicate is the same household, with a note.
    Nothing is merged: a confirmed duplicate is for the officer to act on."""
    household = flag.application.household
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    if outcome not in DUPLICATE_OUTCOMES:
        raise ValidationError({"outcome": _("Choose whether this is the same household")})
    if not note.strip():
        raise ValidationError({"note": _("Enter a note saying how you checked")})
    now = clock.now()
    with transaction.atomic():
        resolved = DuplicateFlag.objects.filter(pk=flag.pk, status=DuplicateFlagStatus.OPEN).update(
            status=outcome, resolved_at=now, resolved_by=actor.user, note=note.strip()
        )
        if not resolved:
            raise ValidationError(_("Someone has already resolved this possible duplicate"))
        flag.status, flag.resolved_at, flag.resolved_by = outcome, now, actor.user
        flag.note = note.strip()
        audit_record(
            actor=actor,
            verb="duplicate.resolved",
            target=flag,
            organisation=household.council,
            label=f"{household.reference}: possible duplicate",
            changes=changes_of(
                before={"status": DuplicateFlagStatus.OPEN},
                after={"status": outcome},
                context={"note": flag.note},
            ),
        )
    return flag
