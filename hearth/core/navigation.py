"""Service navigation for each audience, built from what the actor may do."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.core.actor import Actor
from hearth.core.roles import Capability


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


def _item(
    request: HttpRequest, label: str | Promise, url_name: str, *, exact: bool = False
) -> NavItem:
    url = reverse(url_name)
    active = request.path == url if exact else request.path.startswith(url)
    return NavItem(label=label, url=url, active=active)


def service_navigation(request: HttpRequest, actor: Actor) -> list[NavItem]:
    if actor.is_staff:
        home = "core:landlord_home" if actor.is_landlord else "core:staff_home"
        items = [_item(request, _("Home"), home, exact=True)]
        if actor.can(Capability.VIEW_REGISTER):
            items.append(_item(request, _("Housing register"), "register:workspace"))
        if actor.can(Capability.VIEW_POLICY):
            items.append(_item(request, _("Allocation policy"), "policy:councils"))
        if actor.can(Capability.MANAGE_STAFF):
            items.append(_item(request, _("Team"), "accounts:team_list"))
        if actor.can(Capability.VIEW_ORGANISATION_AUDIT):
            items.append(_item(request, _("Audit log"), "core:audit_search"))
        if actor.can(Capability.EDIT_SCHEME):
            items.append(_item(request, _("Scheme settings"), "core:scheme_settings"))
        return items
    if actor.is_applicant:
        return [
            _item(request, _("Your application"), "accounts:applicant_home", exact=True),
            _item(request, _("Messages"), "register:messages"),
            _item(request, _("Documents"), "register:documents"),
        ]
    return [_item(request, _("Home"), "publishing:home", exact=True)]
