"""People who sign in: staff (through memberships of organisations) and applicants."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from hearth.core.access.roles import Role
from hearth.core.models import Organisation


def email_normal(email: str | None) -> str:
    """An email address as stored and looked up: without surrounding spaces, in lower case.

    Sign-in, the sign-in lock-out and account creation all key on this form, so an address
    typed in any case reaches (and counts against) the same account."""
    return (email or "").strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=email_normal(self.normalize_email(email)), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        # Addresses are stored lower-case; people type them however they like. Compare the
        # normal forms exactly (not `iexact`, whose folding differs from Python's by database),
        # so the account found is always the one the lock-out counted (hearth/accounts/lockout.py).
        return self.annotate(email_lower=Lower("email")).get(email_lower=email_normal(username))

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        # No Django admin site here: a new deployment starts with `manage.py scheme_bootstrap`.
        raise NotImplementedError("Start a deployment with `manage.py scheme_bootstrap`.")


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=150)
    is_active = models.BooleanField(default=True)
    is_applicant = models.BooleanField(default=False)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        # Django's admin flag; Hearth has no admin site, and staff-ness comes from memberships.
        return False


class Membership(models.Model):
    """A user's place in one organisation, with the roles they hold there."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"

    def role_names(self) -> frozenset[str]:
        return frozenset(r.role for r in self.roles.all())


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=40, choices=Role.choices)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="membership_role_unique")
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Waiting to be accepted")
    ACCEPTED = "accepted", _("Accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class Invitation(models.Model):
    """An organisation admin's invitation for someone to join as staff."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=150)
    roles = models.JSONField(default=list)
    # Only a hash is stored: the token itself exists only in the email.
    token_hash = models.CharField(max_length=64, unique=True)
    # Empty only for the first scheme admin's invitation, made by `manage.py scheme_bootstrap`.
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.OPEN


class ApplicantProfile(models.Model):
    """What makes a user an applicant. The household record hangs off this in the register."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="applicant_profile"
    )
    phone = models.CharField(_("mobile phone number"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Applicant {self.user}"
