"""Who is asking: the signed-in user, the organisation they act for now, and their roles there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from hearth.core.access.roles import Capability, OrganisationKind, capabilities_for

if TYPE_CHECKING:
    # The model settings.AUTH_USER_MODEL names (accounts' User), as django-stubs resolves it:
    # the shared kernel refers to users without importing the app that defines them.
    from django.contrib.auth.models import _User as User

    from hearth.core.models import Organisation, Scheme


@dataclass(frozen=True)
class Actor:
    user: User | None
    scheme: Scheme | None
    organisation: Organisation | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    ip_address: str | None = None
    # Set when an officer acts for an applicant (assisted digital).
    on_behalf_of: User | None = None
    # Hearth itself, setting a deployment up (`SYSTEM`). Never set for a request, so a service
    # that lets the system do what otherwise needs a capability cannot be reached from a page.
    system: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def is_staff(self) -> bool:
        return self.organisation is not None and bool(self.roles)

    @property
    def is_applicant(self) -> bool:
        return self.user is not None and self.organisation is None and self.user.is_applicant

    @property
    def is_landlord(self) -> bool:
        return self.organisation is not None and self.organisation.kind == OrganisationKind.LANDLORD

    @property
    def capabilities(self) -> frozenset[Capability]:
        return capabilities_for(self.roles)

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def signed_in_user(self) -> User:
        """The user, for code that only runs behind a signed-in check."""
        if self.user is None:
            raise PermissionDenied
        return self.user

    def active_organisation(self) -> Organisation:
        """The organisation a staff member acts for, for code behind a staff check."""
        if self.organisation is None:
            raise PermissionDenied
        return self.organisation

    def active_scheme(self) -> Scheme:
        if self.scheme is None:
            raise PermissionDenied
        return self.scheme


SYSTEM = Actor(user=None, scheme=None, system=True)
"""Hearth itself: the actor of commands that set up a scheme (`scheme_bootstrap`, the demo seed)."""
