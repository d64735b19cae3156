"""Rules for the access matrix: who is asking (a Principal) and what they should get.

Shared by tests/test_access_matrix.py and the per-area rule modules (tests/access_*.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hearth.core.access.roles import (
    CAPABILITIES_BY_ROLE,
    ROLES_BY_KIND,
    Capability,
    OrganisationKind,
    Role,
)

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


@dataclass(frozen=True)
class Principal:
    name: str
    role: str | None = None  # None: anonymous or applicant
    away: bool = False
    applicant: bool = False

    @property
    def is_staff(self) -> bool:
        return self.role is not None

    @property
    def kind(self) -> str | None:
        if self.role is None:
            return None
        return next(kind for kind, roles in ROLES_BY_KIND.items() if Role(self.role) in roles)

    def can(self, capability: Capability) -> bool:
        return self.role is not None and capability in CAPABILITIES_BY_ROLE.get(
            Role(self.role), frozenset()
        )

    @property
    def is_landlord(self) -> bool:
        return self.kind == OrganisationKind.LANDLORD


def principals() -> list[Principal]:
    found = [Principal("anonymous"), Principal("applicant", applicant=True)]
    for role in Role:
        found.append(Principal(f"{role.value}@home", role=role.value))
        found.append(Principal(f"{role.value}@away", role=role.value, away=True))
    return found


Rule = Callable[[Principal], int]


def public(_: Principal) -> int:
    return OK


def signed_out_only(p: Principal) -> int:
    """Pages for people not yet signed in; signed-in people are sent on to their home."""
    return OK if p.name == "anonymous" else REDIRECT


def post_only(_: Principal) -> int:
    return NOT_ALLOWED


def signed_in(p: Principal) -> int:
    return REDIRECT  # anonymous to sign in; everyone else on to their own home page


def staff(ok: int = OK) -> Rule:
    def rule(p: Principal) -> int:
        if p.name == "anonymous":
            return REDIRECT
        return ok if p.is_staff else FORBIDDEN

    return rule


def applicant(p: Principal) -> int:
    if p.name == "anonymous":
        return REDIRECT
    return OK if p.applicant else FORBIDDEN


def staff_home(p: Principal) -> int:
    if not p.is_staff:
        return staff()(p)
    return REDIRECT if p.is_landlord else OK


def landlord_home(p: Principal) -> int:
    if not p.is_staff:
        return staff()(p)
    return OK if p.is_landlord else REDIRECT


def capability(cap: Capability, *, scoped: bool = False) -> Rule:
    """Needs `cap`; when `scoped` the URL names a home-organisation object: away staff get 404."""

    def rule(p: Principal) -> int:
        if p.name == "anonymous":
            return REDIRECT
        if not p.can(cap):
            return FORBIDDEN
        return NOT_FOUND if scoped and p.away else OK

    return rule


def two_factor(p: Principal) -> int:
    # Two-factor is off in tests; a staff member with no authenticator is sent to set one up.
    return staff(REDIRECT)(p)
