"""Writes about people who sign in: applicant accounts, staff invitations, roles, deactivation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import emails, tokens
from hearth.accounts.models import (
    ApplicantProfile,
    Invitation,
    InvitationStatus,
    Membership,
    MembershipRole,
    User,
    email_normal,
)
from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import (
    Capability,
    OrganisationKind,
    Role,
    capabilities_for,
    roles_for_kind,
)
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation, Scheme
from hearth.core.pages.colour import AA_NORMAL_TEXT, contrast_ratio
from hearth.core.services import organisation_create, scheme_create


def _self_actor(user: User, ip_address: str | None) -> Actor:
    """The actor for a person acting on their own account before a session exists."""
    return Actor(user=user, scheme=None, ip_address=ip_address)


# --- Applicants ----------------------------------------------------------------------------------


def applicant_register(
    *, email: str, full_name: str, password: str, ip_address: str | None, scheme_name: str
) -> User:
    """Create an applicant account and email a link to confirm the address."""
    email = email_normal(email)
    candidate = User(email=email, full_name=full_name.strip(), is_applicant=True)
    validate_password(password, user=candidate)
    try:
        with transaction.atomic():
            candidate.set_password(password)
            candidate.save()
            ApplicantProfile.objects.create(user=candidate)
            audit_record(
                actor=_self_actor(candidate, ip_address),
                verb="applicant.registered",
                target=candidate,
            )
            token = tokens.email_verification_token(str(candidate.pk), email)
            transaction.on_commit(
                lambda: emails.verification_email_send(
                    to=email, name=candidate.full_name, scheme_name=scheme_name, token=token
                )
            )
    except IntegrityError as clash:
        raise ValidationError(
            {"email": _("An account already exists for this email address. Sign in instead.")}
        ) from clash
    return candidate


def applicant_verification_resend(*, user_id: str, scheme_name: str) -> None:
    """Send a fresh confirmation link to an applicant who has not confirmed yet."""
    user = User.objects.filter(
        pk=user_id, is_applicant=True, email_verified_at__isnull=True
    ).first()
    if user is None:
        return
    token = tokens.email_verification_token(str(user.pk), user.email)
    emails.verification_email_send(
        to=user.email, name=user.full_name, scheme_name=scheme_name, token=token
    )


def email_verify(*, token: str, ip_address: str | None) -> User | None:
    """Confirm the address the token was sent to. None if the link is wrong or stale."""
    found = tokens.email_verification_read(token)
    if found is None:
        return None
    user_id, email = found
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, email=email).first()
        if user is None:
            return None
        if user.email_verified_at is None:
            user.email_verified_at = clock.now()
            user.save(update_fields=["email_verified_at", "updated_at"])
            audit_record(
                actor=_self_actor(user, ip_address), verb="user.email_verified", target=user
            )
    return user


def password_set(*, user: User, password: str, ip_address: str | None, reason: str) -> User:
    """Set a new password (after a reset link, or by the user). Audited; the hash is not logged."""
    validate_password(password, user=user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password", "updated_at"])
        audit_record(
            actor=_self_actor(user, ip_address),
            verb="user.password_changed",
            target=user,
            changes=changes_of(context={"reason": reason}),
        )
    return user


def sign_in_record(*, actor: Actor, user: User) -> None:
    with transaction.atomic():
        audit_record(actor=actor, verb="user.signed_in", target=user)


# --- Staff: invitations -------------------------------------------------------------------------


def _require_staff_manager(actor: Actor) -> Organisation:
    if actor.organisation is None or not actor.can(Capability.MANAGE_STAFF):
        raise PermissionDenied
    return actor.organisation


def _roles_checked(organisation: Organisation, roles: Iterable[str]) -> list[str]:
    chosen = sorted(set(roles))
    allowed = {r.value for r in roles_for_kind(organisation.kind)}
    if not chosen:
        raise ValidationError({"roles": _("Select at least one role")})
    if not set(chosen) <= allowed:
        raise ValidationError({"roles": _("Select only roles this organisation can give")})
    return chosen


def _invitation_target(actor: Actor, organisation: Organisation | None) -> Organisation:
    """Admins invite into their own organisation; scheme admins into any in their scheme."""
    if organisation is None or organisation == actor.organisation:
        return _require_staff_manager(actor)
    if not actor.can(Capability.EDIT_SCHEME) or organisation.scheme_id != actor.active_scheme().pk:
        raise PermissionDenied
    return organisation


def invitation_create(
    *,
    actor: Actor,
    email: str,
    full_name: str,
    roles: Iterable[str],
    organisation: Organisation | None = None,
) -> Invitation:
    """Invite someone to join an organisation (the actor's own unless given) with `roles`."""
    organisation = _invitation_target(actor, organisation)
    inviter = actor.signed_in_user()
    email = email_normal(email)
    chosen = _roles_checked(organisation, roles)
    with transaction.atomic():
        already = Membership.objects.filter(
            organisation=organisation, user__email__iexact=email, is_active=True
        ).exists()
        if already:
            raise ValidationError(
                {"email": _("This person is already a member of this organisation")}
            )
        # A new invitation replaces any open one for the same person.
        superseded = list(
            Invitation.objects.select_for_update().filter(
                organisation=organisation, email__iexact=email, status=InvitationStatus.OPEN
            )
        )
        for old in superseded:
            _invitation_close(actor, old, InvitationStatus.WITHDRAWN, verb="invitation.superseded")
        token, token_hash = tokens.invitation_token_new()
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            full_name=full_name.strip(),
            roles=chosen,
            token_hash=token_hash,
            invited_by=inviter,
            expires_at=clock.now() + dt.timedelta(days=settings.HEARTH_INVITATION_DAYS),
        )
        audit_record(
            actor=actor,
            verb="invitation.created",
            target=invitation,
            organisation=organisation,
            changes=changes_of(before={"roles": []}, after={"email": email, "roles": chosen}),
        )
        scheme_name = organisation.scheme.name
        transaction.on_commit(
            lambda: emails.invitation_email_send(
                to=email,
                name=invitation.full_name,
                organisation=organisation.name,
                inviter=inviter.full_name,
                scheme_name=scheme_name,
                token=token,
            )
        )
    return invitation


def _invitation_close(actor: Actor, invitation: Invitation, status: str, *, verb: str) -> None:
    before = invitation.status
    invitation.status = status
    invitation.closed_at = clock.now()
    invitation.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        verb=verb,
        target=invitation,
        organisation=invitation.organisation,
        changes=changes_of(before={"status": before}, after={"status": status}),
    )


def invitation_withdraw(*, actor: Actor, invitation: Invitation) -> Invitation:
    organisation = _require_staff_manager(actor)
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(
            pk=invitation.pk, organisation=organisation
        )
        if locked.status != InvitationStatus.OPEN:
            raise ValidationError(_("This invitation has already been closed"))
        _invitation_close(actor, locked, InvitationStatus.WITHDRAWN, verb="invitation.withdrawn")
    return locked


def invitation_accept(
    *,
    token: str,
    user: User | None,
    full_name: str = "",
    password: str = "",
    ip_address: str | None,
) -> Membership:
    """Join the organisation. A new person sets a name and password; a signed-in one just joins."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .filter(token_hash=tokens.invitation_token_hash(token))
            .first()
        )
        if invitation is None or invitation.status != InvitationStatus.OPEN:
            raise ValidationError(_("This invitation link is not valid. Ask for a new invitation."))
        if invitation.expires_at <= clock.now():
            raise ValidationError(_("This invitation has expired. Ask for a new invitation."))
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise ValidationError(
                    _("You already have an account. Sign in first, then open the link again.")
                )
            user = User(email=invitation.email, full_name=full_name.strip() or invitation.full_name)
            validate_password(password, user=user)
            user.set_password(password)
            user.email_verified_at = clock.now()  # they followed a link sent to this address
            user.save()
        elif user.email.lower() != invitation.email.lower():
            raise ValidationError(
                _("This invitation was sent to a different email address. Sign out and try again.")
            )
        membership, _created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation
        )
        if not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active", "updated_at"])
        for role in invitation.roles:
            MembershipRole.objects.get_or_create(membership=membership, role=role)
        invitation.status = InvitationStatus.ACCEPTED
        invitation.closed_at = clock.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["status", "closed_at", "accepted_by"])
        joined_actor = Actor(
            user=user,
            scheme=invitation.organisation.scheme,
            organisation=invitation.organisation,
            ip_address=ip_address,
        )
        audit_record(
            actor=joined_actor,
            verb="invitation.accepted",
            target=membership,
            label=f"{user} at {invitation.organisation}",
            changes=changes_of(before={"roles": []}, after={"roles": sorted(invitation.roles)}),
        )
    return membership


def invitations_expire() -> int:
    """Close open invitations past their expiry. Run on a schedule."""
    count = 0
    with transaction.atomic():
        stale = list(
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .filter(status=InvitationStatus.OPEN, expires_at__lte=clock.now())
        )
        system = SYSTEM
        for invitation in stale:
            _invitation_close(
                system, invitation, InvitationStatus.EXPIRED, verb="invitation.expired"
            )
            count += 1
    return count


# --- Staff: roles and deactivation --------------------------------------------------------------


def _admins_left(organisation: Organisation, without: Membership) -> int:
    """How many other active members could still manage staff."""
    others = (
        Membership.objects.filter(organisation=organisation, is_active=True)
        .exclude(pk=without.pk)
        .prefetch_related("roles")
    )
    return sum(1 for m in others if Capability.MANAGE_STAFF in capabilities_for(m.role_names()))


def _lock_member(actor: Actor, membership: Membership) -> tuple[Organisation, Membership]:
    organisation = _require_staff_manager(actor)
    locked = (
        Membership.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=membership.pk, organisation=organisation)
    )
    return organisation, locked


def membership_roles_set(
    *, actor: Actor, membership: Membership, roles: Iterable[str]
) -> Membership:
    with transaction.atomic():
        organisation, locked = _lock_member(actor, membership)
        chosen = _roles_checked(organisation, roles)
        before = sorted(locked.role_names())
        keeps_admin = Capability.MANAGE_STAFF in capabilities_for(frozenset(chosen))
        if not keeps_admin and locked.is_active and _admins_left(organisation, locked) == 0:
            raise ValidationError(
                {"roles": _("Your organisation must keep at least one organisation admin")}
            )
        MembershipRole.objects.filter(membership=locked).exclude(role__in=chosen).delete()
        for role in chosen:
            MembershipRole.objects.get_or_create(membership=locked, role=role)
        if before != chosen:
            audit_record(
                actor=actor,
                verb="membership.roles_changed",
                target=locked,
                label=str(locked.user),
                changes=changes_of(before={"roles": before}, after={"roles": chosen}),
            )
    return locked


def membership_active_set(*, actor: Actor, membership: Membership, active: bool) -> Membership:
    """Deactivate (or reactivate) someone's access to this organisation. Their history stays."""
    with transaction.atomic():
        organisation, locked = _lock_member(actor, membership)
        if locked.is_active == active:
            return locked
        if not active:
            if actor.user is not None and locked.user_id == actor.user.pk:
                raise ValidationError(_("You cannot deactivate your own account"))
            is_admin = Capability.MANAGE_STAFF in capabilities_for(locked.role_names())
            if is_admin and _admins_left(organisation, locked) == 0:
                raise ValidationError(
                    _("Your organisation must keep at least one organisation admin")
                )
        locked.is_active = active
        locked.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            verb="membership.reactivated" if active else "membership.deactivated",
            target=locked,
            label=str(locked.user),
            changes=changes_of(before={"is_active": not active}, after={"is_active": active}),
        )
    return locked


def active_organisation_record(*, actor: Actor, organisation: Organisation) -> None:
    """Note that a staff user switched the organisation they act for."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb="organisation.switched",
            target=organisation,
            organisation=organisation,
        )


# --- Staff: two-factor devices -------------------------------------------------------------------


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up, created if needed (one at a time)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
            audit_record(
                actor=_self_actor(user, None), verb="two_factor.setup_started", target=user
            )
    return device


def totp_device_confirm(*, actor: Actor, device: TOTPDevice, code: str) -> bool:
    """Confirm a new authenticator with a code from it. False if the code is wrong."""
    user = actor.signed_in_user()
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not locked.verify_token(code):
            return False
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        # Only one confirmed authenticator: older ones stop working.
        TOTPDevice.objects.filter(user=user).exclude(pk=locked.pk).delete()
        audit_record(actor=actor, verb="two_factor.device_confirmed", target=user)
    return True


def two_factor_reset(*, actor: Actor, membership: Membership) -> Membership:
    """Remove a colleague's authenticator (lost phone); they set up a new one at next sign-in."""
    with transaction.atomic():
        _organisation, locked = _lock_member(actor, membership)
        if locked.user_id == actor.signed_in_user().pk:
            raise ValidationError(_("Ask another admin to reset your own two-factor sign-in"))
        removed, _by_model = TOTPDevice.objects.filter(user=locked.user).delete()
        audit_record(
            actor=actor,
            verb="two_factor.reset",
            target=locked.user,
            changes=changes_of(context={"authenticators_removed": removed}),
        )
    return locked


# --- A new deployment --------------------------------------------------------------------------


def scheme_bootstrap(
    *, scheme_name: str, slug: str, colour: str, admin_email: str, admin_name: str
) -> tuple[Scheme, str]:
    """Create the partnership, its team, and an invitation for the first scheme admin.

    Returns the scheme and the invitation token (shown once to the operator, never stored).
    """
    if Scheme.objects.exists():
        raise ValidationError(_("This deployment already has a scheme"))
    if contrast_ratio(colour, "#ffffff") < AA_NORMAL_TEXT:
        raise ValidationError(_("Choose a darker colour: white text on it would be hard to read"))
    with transaction.atomic():
        scheme = scheme_create(actor=SYSTEM, name=scheme_name, slug=slug, colour=colour)
        team = organisation_create(
            actor=SYSTEM,
            scheme=scheme,
            name=f"{scheme.name} partnership team",
            slug="partnership",
            kind=OrganisationKind.PARTNERSHIP,
        )
        token, token_hash = tokens.invitation_token_new()
        email = email_normal(admin_email)
        invitation = Invitation.objects.create(
            organisation=team,
            email=email,
            full_name=admin_name.strip(),
            roles=[Role.SCHEME_ADMIN.value],
            token_hash=token_hash,
            invited_by=None,
            expires_at=clock.now() + dt.timedelta(days=settings.HEARTH_INVITATION_DAYS),
        )
        audit_record(actor=SYSTEM, verb="scheme.bootstrapped", target=scheme, organisation=team)
        audit_record(
            actor=SYSTEM,
            verb="invitation.created",
            target=invitation,
            organisation=team,
            changes=changes_of(after={"email": email}),
        )
    return scheme, token
