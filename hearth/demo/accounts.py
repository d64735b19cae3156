"""The demo sign-ins: staff who joined through invitations, and applicants who registered.

Staff join the way real staff do. The scheme admin is invited by the system (as
`scheme_bootstrap` invites a new deployment's first admin), everyone else by the scheme admin,
and each invitation is accepted through `invitation_accept`, which creates the account, checks
and hashes the password, confirms the address, gives the membership its role and audits it.
Only the invitation itself is written here, as `invitation_create` writes it and with its audit
event: that service emails the link, the one copy of the token, and the seed must neither email
made-up addresses nor lose the token it needs to accept.

Applicants are registered as `applicant_register` registers them (the account, its applicant
profile and the `applicant.registered` event) without its confirmation email, then confirm
their address through `email_verify`, with the token that email would have carried.

Every demo account has the one published demo password, and it is hashed once for them all
(`_DemoPasswordHasher`, in place only while the seed makes accounts): an Argon2 hash takes a
fifth of a second or more by design, and three dozen of them cost `make run` more than the
whole register. The hash is a real one, checked at sign-in like any other.

Called by `manage.py demo_seed`; running it again changes nothing.
`demo/tests/test_seed_invariants.py` proves the accounts keep the account services' promises.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.hashers import BasePasswordHasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.test.utils import override_settings

from hearth.accounts import tokens
from hearth.accounts.models import (
    ApplicantProfile,
    Invitation,
    Membership,
    MembershipRole,
    User,
    email_normal,
)
from hearth.accounts.services import email_verify, invitation_accept
from hearth.core import clock
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import OrganisationKind, Role
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation, Scheme
from hearth.demo import partnership
from hearth.demo.partnership import DemoAccount


class _DemoPasswordHasher(BasePasswordHasher):
    """Gives the hash the configured hasher made once of the published demo password
    (`_demo_password_hashed_once`): a real hash of it, which sign-in checks like any other."""

    algorithm = "hearth_demo_once"
    hashed = ""

    def salt(self) -> str:
        return ""

    def encode(self, password: str, salt: str) -> str:
        if password != partnership.DEMO_PASSWORD or not self.hashed:
            raise ValueError("Only the demo password is hashed while the demo seeds accounts")
        return self.hashed


@contextlib.contextmanager
def _demo_password_hashed_once() -> Iterator[str]:
    """While the seed makes accounts, every demo password is hashed the once."""
    _DemoPasswordHasher.hashed = make_password(partnership.DEMO_PASSWORD)
    hashers = [f"{__name__}._DemoPasswordHasher", *settings.PASSWORD_HASHERS]
    try:
        with override_settings(PASSWORD_HASHERS=hashers):
            yield _DemoPasswordHasher.hashed
    finally:
        _DemoPasswordHasher.hashed = ""


def demo_accounts_seed(*, scheme: Scheme, organisations: dict[str, Organisation]) -> int:
    """Make each demo account that is missing (`partnership.demo_accounts`), by organisation
    name; returns how many rows it made."""
    made = 0
    with transaction.atomic(), _demo_password_hashed_once() as hashed:
        for account in partnership.demo_accounts():
            if account.organisation_name is None:
                made += _applicant_registered(account, hashed)
            else:
                organisation = organisations[account.organisation_name]
                made += _staff_joined(scheme, organisation, account)
    return made


def _staff_joined(scheme: Scheme, organisation: Organisation, account: DemoAccount) -> int:
    email = email_normal(account.email)
    user = User.objects.filter(email=email).first()
    if (
        user is not None
        and MembershipRole.objects.filter(
            membership__user=user,
            membership__organisation=organisation,
            membership__is_active=True,
            role=account.role,
        ).exists()
    ):
        return 0
    token = _invitation_sent(
        inviter=_scheme_admin(scheme) or SYSTEM,
        organisation=organisation,
        email=email,
        full_name=account.full_name,
        roles=[account.role],
    )
    invitation_accept(
        token=token,
        user=user,
        full_name=account.full_name,
        password=partnership.DEMO_PASSWORD,
        ip_address=None,
    )
    # The invitation, the membership and its role, and the account if it was new.
    return 3 + (user is None)


def _scheme_admin(scheme: Scheme) -> Actor | None:
    """The demo scheme admin acting for the partnership team, once they have joined."""
    membership = (
        Membership.objects.filter(
            organisation__scheme=scheme,
            organisation__kind=OrganisationKind.PARTNERSHIP,
            is_active=True,
            roles__role=Role.SCHEME_ADMIN,
        )
        .select_related("user", "organisation")
        .order_by("created_at")
        .first()
    )
    if membership is None:
        return None
    return Actor(
        user=membership.user,
        scheme=scheme,
        organisation=membership.organisation,
        roles=membership.role_names(),
    )


def _invitation_sent(
    *, inviter: Actor, organisation: Organisation, email: str, full_name: str, roles: list[str]
) -> str:
    """The invitation `invitation_create` writes, with its audit event; returns the token its
    email would carry."""
    chosen = sorted(set(roles))
    token, token_hash = tokens.invitation_token_new()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        full_name=full_name.strip(),
        roles=chosen,
        token_hash=token_hash,
        invited_by=inviter.user,
        expires_at=clock.now() + dt.timedelta(days=settings.HEARTH_INVITATION_DAYS),
    )
    audit_record(
        actor=inviter,
        verb="invitation.created",
        target=invitation,
        organisation=organisation,
        changes=changes_of(before={"roles": []}, after={"email": email, "roles": chosen}),
    )
    return token


def _applicant_registered(account: DemoAccount, password_hash: str) -> int:
    email = email_normal(account.email)
    user = User.objects.filter(email=email).first()
    if user is not None:
        # Seeded before applicants had profiles: give them one.
        _profile, made = ApplicantProfile.objects.get_or_create(user=user)
        return int(made)
    # What `applicant_register` writes, but for its confirmation email.
    user = User(email=email, full_name=account.full_name.strip(), is_applicant=True)
    validate_password(partnership.DEMO_PASSWORD, user=user)
    user.password = password_hash
    user.save()
    ApplicantProfile.objects.create(user=user)
    audit_record(actor=Actor(user=user, scheme=None), verb="applicant.registered", target=user)
    # Following the link in that email.
    email_verify(token=tokens.email_verification_token(str(user.pk), email), ip_address=None)
    return 2
