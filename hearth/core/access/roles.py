"""Staff roles, which organisations may hold them, and what each role may do.

Views and services ask for a capability, never a role name, so a council can later
reshape its roles without touching access checks.
"""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership team")
    COUNCIL = "council", _("Council")
    LANDLORD = "landlord", _("Landlord")
    REFERRER = "referrer", _("Referring public body")


class CouncilStatus(models.TextChoices):
    ONBOARDING = "onboarding", _("Onboarding")
    TRADITIONAL = "traditional", _("Traditional allocations")
    LIVE_CBL = "live_cbl", _("Live on choice-based lettings")


class Role(models.TextChoices):
    SCHEME_ADMIN = "scheme_admin", _("Scheme admin")
    REGISTER_OFFICER = "register_officer", _("Register officer")
    LETTINGS_OFFICER = "lettings_officer", _("Lettings officer")
    HOMELESSNESS_OFFICER = "homelessness_officer", _("Homelessness officer")
    TEAM_LEADER = "team_leader", _("Team leader")
    POLICY_ADMIN = "policy_admin", _("Policy admin")
    COUNCIL_ADMIN = "council_admin", _("Organisation admin")
    REPORTING_ANALYST = "reporting_analyst", _("Reporting analyst")
    LANDLORD_LETTINGS_OFFICER = "landlord_lettings_officer", _("Landlord lettings officer")
    LANDLORD_ADMIN = "landlord_admin", _("Landlord organisation admin")
    REFERRER = "referrer", _("Referrer")


class Capability(enum.StrEnum):
    EDIT_SCHEME = "edit_scheme"
    VIEW_SCHEME_AUDIT = "view_scheme_audit"
    VIEW_ORGANISATION_AUDIT = "view_organisation_audit"
    MANAGE_STAFF = "manage_staff"
    # An organisation's postal address, phone, email and opening hours (its own, or with
    # EDIT_SCHEME any organisation's in the scheme).
    EDIT_ORGANISATION_CONTACT = "edit_organisation_contact"
    # Allocation policy: read a council's versions; draft, preview and publish new ones.
    VIEW_POLICY = "view_policy"
    EDIT_POLICY = "edit_policy"
    # Housing register: read the council's applications; assess them, ask for documents, decide,
    # message applicants and act for them; approve overrides and decide reviews.
    VIEW_REGISTER = "view_register"
    ASSESS_APPLICATIONS = "assess_applications"
    APPROVE_DECISIONS = "approve_decisions"
    # Lettings: a landlord's homes, adverts and offers (its own only); a council's lettings work
    # (approving adverts, shortlists, bypasses, nominations, bids for applicants, direct lets).
    MANAGE_HOMES = "manage_homes"
    MANAGE_LETTINGS = "manage_lettings"


ROLES_BY_KIND: dict[str, tuple[Role, ...]] = {
    OrganisationKind.PARTNERSHIP: (Role.SCHEME_ADMIN,),
    OrganisationKind.COUNCIL: (
        Role.REGISTER_OFFICER,
        Role.LETTINGS_OFFICER,
        Role.HOMELESSNESS_OFFICER,
        Role.TEAM_LEADER,
        Role.POLICY_ADMIN,
        Role.COUNCIL_ADMIN,
        Role.REPORTING_ANALYST,
    ),
    OrganisationKind.LANDLORD: (Role.LANDLORD_LETTINGS_OFFICER, Role.LANDLORD_ADMIN),
    OrganisationKind.REFERRER: (Role.REFERRER,),
}

CAPABILITIES_BY_ROLE: dict[Role, frozenset[Capability]] = {
    Role.SCHEME_ADMIN: frozenset(
        {
            Capability.EDIT_SCHEME,
            Capability.VIEW_SCHEME_AUDIT,
            Capability.VIEW_ORGANISATION_AUDIT,
            Capability.MANAGE_STAFF,
            Capability.EDIT_ORGANISATION_CONTACT,
            # Reads every council's allocation policy; never changes one.
            Capability.VIEW_POLICY,
        }
    ),
    Role.POLICY_ADMIN: frozenset({Capability.VIEW_POLICY, Capability.EDIT_POLICY}),
    Role.TEAM_LEADER: frozenset(
        {
            Capability.VIEW_POLICY,
            Capability.VIEW_REGISTER,
            Capability.ASSESS_APPLICATIONS,
            Capability.APPROVE_DECISIONS,
            Capability.MANAGE_LETTINGS,
        }
    ),
    Role.REGISTER_OFFICER: frozenset(
        {Capability.VIEW_POLICY, Capability.VIEW_REGISTER, Capability.ASSESS_APPLICATIONS}
    ),
    Role.LETTINGS_OFFICER: frozenset(
        {Capability.VIEW_POLICY, Capability.VIEW_REGISTER, Capability.MANAGE_LETTINGS}
    ),
    Role.HOMELESSNESS_OFFICER: frozenset({Capability.VIEW_REGISTER}),
    Role.COUNCIL_ADMIN: frozenset(
        {
            Capability.MANAGE_STAFF,
            Capability.EDIT_ORGANISATION_CONTACT,
            Capability.VIEW_ORGANISATION_AUDIT,
        }
    ),
    Role.LANDLORD_LETTINGS_OFFICER: frozenset({Capability.MANAGE_HOMES}),
    Role.LANDLORD_ADMIN: frozenset(
        {
            Capability.MANAGE_HOMES,
            Capability.MANAGE_STAFF,
            Capability.EDIT_ORGANISATION_CONTACT,
            Capability.VIEW_ORGANISATION_AUDIT,
        }
    ),
}


def roles_for_kind(kind: str) -> tuple[Role, ...]:
    return ROLES_BY_KIND.get(kind, ())


def capabilities_for(roles: frozenset[str]) -> frozenset[Capability]:
    found: set[Capability] = set()
    for role in roles:
        found |= CAPABILITIES_BY_ROLE.get(Role(role), frozenset())
    return frozenset(found)
