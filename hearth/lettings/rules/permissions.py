"""Who may manage a home and its adverts (staff of its own landlord with MANAGE_HOMES), and who
may approve or return an advert (lettings officers of the advertising council). Selectors and
services ask here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import Organisation


def landlord_of(actor: Actor) -> Organisation | None:
    """The landlord whose homes `actor` manages, or None if they manage none."""
    organisation = actor.organisation
    if (
        organisation is None
        or organisation.kind != OrganisationKind.LANDLORD
        or not actor.can(Capability.MANAGE_HOMES)
    ):
        return None
    return organisation


def council_of(actor: Actor) -> Organisation | None:
    """The council whose adverts `actor` approves, or None if they approve none."""
    organisation = actor.organisation
    if (
        organisation is None
        or organisation.kind != OrganisationKind.COUNCIL
        or not actor.can(Capability.MANAGE_LETTINGS)
    ):
        return None
    return organisation


def manages_homes_of(actor: Actor, landlord_id: Any) -> bool:
    landlord = landlord_of(actor)
    return landlord is not None and landlord.pk == landlord_id


def approves_adverts_of(actor: Actor, council_id: Any) -> bool:
    council = council_of(actor)
    return council is not None and council.pk == council_id


def landlord_check(actor: Actor, landlord_id: Any) -> None:
    if not manages_homes_of(actor, landlord_id):
        raise PermissionDenied


def council_check(actor: Actor, council_id: Any) -> None:
    if not approves_adverts_of(actor, council_id):
        raise PermissionDenied
