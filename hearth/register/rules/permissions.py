"""Who may see and change an application: the applicant who owns it, and officers of the
council whose register it is on (with the right capability). Selectors and services ask here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.register.models import Application, Household


def is_council_officer(actor: Actor, household: Household, capability: Capability) -> bool:
    """`actor` works for the household's council and holds `capability` there."""
    return (
        actor.organisation is not None
        and actor.organisation.pk == household.council_id
        and actor.can(capability)
    )


def is_owner(actor: Actor, household: Household) -> bool:
    """`actor` is the applicant whose household this is."""
    return (
        actor.is_applicant
        and actor.user is not None
        and household.applicant_id is not None
        and household.applicant_id == actor.user.pk
    )


def may_view(actor: Actor, application: Application) -> bool:
    household = application.household
    return is_owner(actor, household) or is_council_officer(
        actor, household, Capability.VIEW_REGISTER
    )


def may_act_for_applicant(actor: Actor, application: Application) -> bool:
    """The applicant themselves, or an officer completing the journey for them (assisted
    digital: the audit records the officer, on behalf of the applicant)."""
    household = application.household
    return is_owner(actor, household) or is_council_officer(
        actor, household, Capability.ASSESS_APPLICATIONS
    )


def officer_check(actor: Actor, household: Household, capability: Capability) -> None:
    if not is_council_officer(actor, household, capability):
        raise PermissionDenied


def applicant_or_officer_check(actor: Actor, application: Application) -> None:
    if not may_act_for_applicant(actor, application):
        raise PermissionDenied
