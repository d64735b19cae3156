"""Service navigation for each audience, built from what the actor may do.

An item can carry a count of things waiting behind it (say, unread messages). The app that
owns the page registers the counter when it loads (`navigation_counter_register`), so the
shared kernel never imports it. Counts are worked out only when a page shows them, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability

NavCounter = Callable[[Actor], int]

# URL name -> how many things wait behind that item for an actor.
_COUNTERS: dict[str, NavCounter] = {}


def navigation_counter_register(url_name: str, counter: NavCounter) -> None:
    """Show `counter(actor)` beside the navigation item that links to `url_name`."""
    _COUNTERS[url_name] = counter


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool
    actor: Actor | None = field(default=None, compare=False, repr=False)
    counter: NavCounter | None = field(default=None, compare=False, repr=False)

    @cached_property
    def count(self) -> int:
        """How many things wait behind the item (0 when nothing is counted)."""
        if self.counter is None or self.actor is None:
            return 0
        return self.counter(self.actor)


def _item(
    request: HttpRequest,
    actor: Actor,
    label: str | Promise,
    url_name: str,
    *,
    exact: bool = False,
) -> NavItem:
    url = reverse(url_name)
    active = request.path == url if exact else request.path.startswith(url)
    return NavItem(
        label=label, url=url, active=active, actor=actor, counter=_COUNTERS.get(url_name)
    )


def service_navigation(request: HttpRequest, actor: Actor) -> list[NavItem]:
    if actor.is_staff:
        home = "core:landlord_home" if actor.is_landlord else "core:staff_home"
        items = [_item(request, actor, _("Home"), home, exact=True)]
        if actor.can(Capability.VIEW_REGISTER):
            items.append(_item(request, actor, _("Housing register"), "register:workspace"))
        if actor.can(Capability.MANAGE_HOMES):
            items.append(_item(request, actor, _("Homes"), "lettings:homes"))
            items.append(_item(request, actor, _("Offers"), "lettings:landlord_offers"))
        if actor.can(Capability.MANAGE_LETTINGS):
            items.append(
                _item(request, actor, _("Adverts to approve"), "lettings:advert_approvals")
            )
            items.append(_item(request, actor, _("Shortlists"), "lettings:shortlists"))
            items.append(_item(request, actor, _("Homes to match"), "lettings:homes_to_match"))
        if actor.can(Capability.VIEW_POLICY):
            items.append(_item(request, actor, _("Allocation policy"), "policy:councils"))
        if actor.can(Capability.MANAGE_STAFF):
            items.append(_item(request, actor, _("Team"), "accounts:team_list"))
        if actor.can(Capability.VIEW_ORGANISATION_AUDIT):
            items.append(_item(request, actor, _("Audit log"), "core:audit_search"))
        if actor.can(Capability.EDIT_SCHEME):
            items.append(_item(request, actor, _("Bidding cycles"), "lettings:cycles"))
            items.append(_item(request, actor, _("Scheme settings"), "core:scheme_settings"))
            items.append(_item(request, actor, _("Council lettings"), "lettings:councils"))
        return items
    if actor.is_applicant:
        return [
            _item(request, actor, _("Your application"), "accounts:applicant_home", exact=True),
            _item(request, actor, _("Messages"), "register:messages"),
            _item(request, actor, _("Documents"), "register:documents"),
            _item(request, actor, _("Find a home"), "lettings:find_home"),
            _item(request, actor, _("My bids"), "lettings:bids"),
        ]
    return [
        _item(request, actor, _("Home"), "publishing:home", exact=True),
        _item(request, actor, _("Find a home"), "lettings:find_home"),
    ]
