"""What each staff role is for and where it starts, shown on the staff home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, Role


@dataclass(frozen=True)
class Task:
    label: str | Promise
    url: str
    description: str | Promise


ROLE_PURPOSE: dict[str, Promise] = {
    Role.SCHEME_ADMIN: _(
        "You look after the partnership as a whole: its brand, which councils are live, "
        "and the audit log across every organisation."
    ),
    Role.REGISTER_OFFICER: _(
        "You assess housing register applications against your council's allocation policy."
    ),
    Role.LETTINGS_OFFICER: _(
        "You advertise homes, check shortlists and nominate applicants to landlords."
    ),
    Role.HOMELESSNESS_OFFICER: _(
        "You run homelessness cases: assessments, personalised housing plans and duty decisions."
    ),
    Role.TEAM_LEADER: _(
        "You approve officer overrides and decide reviews of your team's decisions."
    ),
    Role.POLICY_ADMIN: _(
        "You maintain your council's allocation policy: qualification, banding and shortlist order."
    ),
    Role.COUNCIL_ADMIN: _(
        "You manage your organisation's staff accounts and contact details, "
        "and can read its audit log."
    ),
    Role.REPORTING_ANALYST: _("You prepare your council's reports and statutory returns."),
    Role.LANDLORD_LETTINGS_OFFICER: _(
        "You advertise your organisation's empty homes, receive nominations and make offers."
    ),
    Role.LANDLORD_ADMIN: _(
        "You manage your organisation's staff accounts and contact details, "
        "and can read its audit log."
    ),
    Role.REFERRER: _(
        "You refer people who may be homeless or threatened with homelessness to a council."
    ),
}


def tasks_for(actor: Actor) -> list[Task]:
    """The things this actor can do in Hearth today, in the order they are most often needed."""
    tasks: list[Task] = []
    if actor.can(Capability.MANAGE_STAFF):
        tasks.append(
            Task(
                _("Manage your team"),
                reverse("accounts:team_list"),
                _("Invite colleagues, change their roles, or remove their access."),
            )
        )
    if (
        actor.can(Capability.EDIT_ORGANISATION_CONTACT)
        and not actor.can(Capability.EDIT_SCHEME)
        and actor.organisation is not None
    ):
        tasks.append(
            Task(
                _("Contact details"),
                reverse("core:organisation_contact", args=[actor.organisation.pk]),
                _(
                    "Your organisation's postal address, phone number, email address and "
                    "opening hours, as printed on letters to applicants."
                ),
            )
        )
    if actor.can(Capability.VIEW_SCHEME_AUDIT):
        tasks.append(
            Task(
                _("Search the audit log"),
                reverse("core:audit_search"),
                _("See who did what, across every organisation in the partnership."),
            )
        )
    elif actor.can(Capability.VIEW_ORGANISATION_AUDIT):
        tasks.append(
            Task(
                _("Search the audit log"),
                reverse("core:audit_search"),
                _("See who did what in your organisation."),
            )
        )
    if actor.can(Capability.EDIT_SCHEME):
        tasks.append(
            Task(
                _("Scheme settings"),
                reverse("core:scheme_settings"),
                _(
                    "Change the partnership's name, logo, colour and contact details, "
                    "and each council's status."
                ),
            )
        )
        tasks.append(
            Task(
                _("Organisations"),
                reverse("core:organisations"),
                _(
                    "See every organisation in the partnership, invite their first staff and "
                    "set their contact details."
                ),
            )
        )
    if actor.can(Capability.VIEW_POLICY):
        own = actor.organisation if actor.organisation and actor.organisation.is_council else None
        tasks.append(
            Task(
                _("Allocation policy"),
                reverse("policy:versions", args=[own.slug]) if own else reverse("policy:councils"),
                _("Start a draft, preview it on real households and publish it.")
                if actor.can(Capability.EDIT_POLICY)
                else _("Read the rules for qualification, banding and shortlist order."),
            )
        )
    tasks.append(
        Task(
            _("Your account"),
            reverse("accounts:staff_account"),
            _("Your details, the organisations you work for, and your roles."),
        )
    )
    return tasks
