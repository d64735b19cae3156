"""What officers and the lettings rules record about a household's standing to bid: an
arrangement to repay housing debt, and a band lowered for a while after refused offers.

A council's policy can refuse bids from households in arrears with no repayment arrangement
(`bidding.refusals`) and lower a household's band for some months after refusals
(`refusals[].consequence: lower_band`); the rules read both from the household's facts.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.register.models import Application, Household
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import officer_check
from hearth.register.services.assessment_reassess import NoPolicyInForceError, household_assess


def repayment_arrangement_set(
    *, actor: Actor, household: Household, arranged: bool, note: str
) -> Household:
    """Record whether the household has agreed a plan to repay its housing debt and keeps to
    it (an assessing officer of its council). A note is needed when there is one: what was
    agreed, so the next officer can check it is kept to."""
    officer_check(actor, household, Capability.ASSESS_APPLICATIONS)
    note = note.strip()
    if arranged and not note:
        raise ValidationError({"note": _("Enter what was agreed, for example £20 a week")})
    with transaction.atomic():
        locked = Household.objects.select_for_update().get(pk=household.pk)
        before = {
            "repayment_arrangement": locked.repayment_arrangement,
            "repayment_arrangement_note": locked.repayment_arrangement_note,
        }
        locked.repayment_arrangement = arranged
        locked.repayment_arrangement_note = note if arranged else ""
        locked.save(
            update_fields=["repayment_arrangement", "repayment_arrangement_note", "updated_at"]
        )
        audit_record(
            actor=actor,
            verb="household.repayment_arrangement_set",
            target=locked,
            organisation=locked.council,
            changes=changes_of(
                before=before,
                after={
                    "repayment_arrangement": locked.repayment_arrangement,
                    "repayment_arrangement_note": locked.repayment_arrangement_note,
                },
            ),
            label=locked.reference,
        )
    return locked


def band_lower_until(
    *, actor: Actor, application: Application, until: dt.date, on_date: dt.date
) -> None:
    """Lower the household's band by one until `until` (a refusal rule's consequence), and
    assess it again so its band shows it. Runs inside the caller's transaction; the caller
    has checked permission (the lettings service applying the policy's refusal rules). A
    longer lowering already in force is kept."""
    household = Household.objects.select_for_update().get(pk=application.household_id)
    before = household.band_lowered_until
    if before is not None and before >= until:
        return
    household.band_lowered_until = until
    household.save(update_fields=["band_lowered_until", "updated_at"])
    audit_record(
        actor=actor,
        verb="household.band_lowered",
        target=household,
        organisation=household.council,
        changes=changes_of(
            before={"band_lowered_until": before}, after={"band_lowered_until": until}
        ),
        label=household.reference,
    )
    _reassess(actor, application, household, on_date)


def band_lowerings_end(*, on_date: dt.date) -> int:
    """Assess again every household whose lowered band ended by `on_date`, and clear it. Safe
    to run more than once a day. Returns how many ended."""
    due = Household.objects.filter(band_lowered_until__lte=on_date).values_list("pk", flat=True)
    ended = 0
    for pk in list(due):
        with transaction.atomic():
            household = Household.objects.select_for_update().get(pk=pk)
            until = household.band_lowered_until
            if until is None or until > on_date:
                continue
            household.band_lowered_until = None
            household.save(update_fields=["band_lowered_until", "updated_at"])
            audit_record(
                actor=SYSTEM,
                verb="household.band_lowering_ended",
                target=household,
                organisation=household.council,
                changes=changes_of(
                    before={"band_lowered_until": until}, after={"band_lowered_until": None}
                ),
                label=household.reference,
            )
            application = Application.objects.filter(household=household).first()
            if application is not None:
                _reassess(SYSTEM, application, household, on_date)
        ended += 1
    return ended


def _reassess(
    actor: Actor, application: Application, household: Household, on_date: dt.date
) -> None:
    """A household on the register is assessed again; one off it is assessed when it returns."""
    if application.status not in lifecycle.ON_REGISTER | {lifecycle.SUSPENDED}:
        return
    try:
        household_assess(actor=actor, household=household, on_date=on_date)
    except NoPolicyInForceError:
        return
