"""Reads about staff and invitations, scoped to the actor's organisation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import tokens
from hearth.accounts.models import Invitation, InvitationStatus, Membership, MembershipRole, User
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.models import Organisation


def _managed_organisation(actor: Actor) -> Organisation:
    if actor.organisation is None or not actor.can(Capability.MANAGE_STAFF):
        raise PermissionDenied
    return actor.organisation


def team_members_list(*, actor: Actor) -> QuerySet[Membership]:
    organisation = _managed_organisation(actor)
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .prefetch_related(Prefetch("roles", queryset=MembershipRole.objects.order_by("role")))
        .order_by("-is_active", "user__full_name", "user__email")
    )


def team_member_get(*, actor: Actor, pk: str) -> Membership:
    """A membership of the actor's organisation; the same 404 for missing and for elsewhere."""
    organisation = _managed_organisation(actor)
    try:
        return (
            Membership.objects.select_related("user", "organisation")
            .prefetch_related("roles")
            .get(pk=pk, organisation=organisation)
        )
    except (Membership.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def invitations_open_list(*, actor: Actor) -> QuerySet[Invitation]:
    organisation = _managed_organisation(actor)
    return (
        Invitation.objects.filter(organisation=organisation, status=InvitationStatus.OPEN)
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_get(*, actor: Actor, pk: str) -> Invitation:
    organisation = _managed_organisation(actor)
    try:
        return Invitation.objects.get(pk=pk, organisation=organisation)
    except (Invitation.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation a link refers to, whatever its state (the page explains closed ones)."""
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=tokens.invitation_token_hash(token))
        .first()
    )


def staff_memberships_list(*, actor: Actor) -> list[Membership]:
    """The organisations the signed-in staff user may act for."""
    if actor.user is None or not actor.is_staff:
        raise PermissionDenied
    memberships = (
        Membership.objects.filter(user=actor.user, is_active=True)
        .select_related("organisation")
        .prefetch_related("roles")
        .order_by("organisation__name")
    )
    return [m for m in memberships if m.role_names()]


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    """The authenticator this person signs in with, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()
