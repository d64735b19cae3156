"""Default deny, proven: every URL pattern x every kind of user gets the outcome written here.

A new URL with no rule below fails `test_every_url_has_a_rule`. Each rule is a function of the
principal: anonymous, an applicant, or a staff member holding one role in their own organisation
("home") or the same role in another organisation ("away"). Objects in URLs always belong to the
home organisation of the principal's kind, so "away" staff must get 404, never the object.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import (
    ApplicantFactory,
    InvitationFactory,
    staff_member,
)
from hearth.core.access.roles import ROLES_BY_KIND, Capability, OrganisationKind
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from tests import (
    access_lettings_bids,
    access_lettings_councils,
    access_lettings_homes,
    access_lettings_matches,
    access_lettings_offers,
    access_lettings_shortlists,
    access_policy_simulation,
    access_policy_versions,
    access_register_account,
    access_register_apply,
    access_register_assisted,
    access_register_decisions,
    access_register_evidence,
    access_register_staff,
)
from tests.access_rules import (
    NOT_FOUND,
    OK,
    REDIRECT,
    Principal,
    Rule,
    applicant,
    capability,
    landlord_home,
    post_only,
    principals,
    public,
    signed_in,
    signed_out_only,
    staff,
    staff_home,
    two_factor,
)

AREAS = (
    access_policy_versions,
    access_policy_simulation,
    access_register_apply,
    access_register_account,
    access_register_staff,
    access_register_evidence,
    access_register_decisions,
    access_register_assisted,
    access_lettings_homes,
    access_lettings_bids,
    access_lettings_shortlists,
    access_lettings_offers,
    access_lettings_matches,
    access_lettings_councils,
)

RULES: dict[str, Rule] = {
    "publishing:home": public,
    "publishing:accessibility": public,
    "publishing:privacy": public,
    "publishing:cookies": public,
    "publishing:brand_css": public,
    "publishing:brand_logo": lambda p: NOT_FOUND,  # the test scheme has no logo uploaded
    "publishing:health": public,
    "publishing:results": public,
    "accounts:sign_in": lambda p: OK if p.name == "anonymous" else REDIRECT,
    "accounts:sign_out": post_only,
    "accounts:landing": signed_in,
    "accounts:two_factor": two_factor,
    "accounts:two_factor_setup": staff(),
    "accounts:password_reset": public,
    "accounts:password_reset_sent": public,
    "accounts:password_reset_new": public,  # a wrong link shows "this link has expired"
    "accounts:password_reset_complete": public,
    "accounts:invitation_accept": public,
    "accounts:register": signed_out_only,
    "accounts:register_check_email": public,
    "accounts:email_unconfirmed": public,
    "accounts:email_verify": public,  # a wrong link explains itself
    "accounts:applicant_home": applicant,
    "accounts:staff_account": staff(),
    "accounts:organisation_switch": staff(),
    "accounts:team_list": capability(Capability.MANAGE_STAFF),
    "accounts:invitation_new": capability(Capability.MANAGE_STAFF),
    "accounts:invitation_withdraw": capability(Capability.MANAGE_STAFF, scoped=True),
    "accounts:team_member": capability(Capability.MANAGE_STAFF, scoped=True),
    "accounts:team_member_deactivate": capability(Capability.MANAGE_STAFF, scoped=True),
    "accounts:team_member_reactivate": capability(Capability.MANAGE_STAFF, scoped=True),
    "accounts:team_member_two_factor_reset": capability(Capability.MANAGE_STAFF, scoped=True),
    "accounts:organisation_invitation_new": capability(Capability.EDIT_SCHEME, scoped=True),
    "core:organisations": capability(Capability.EDIT_SCHEME),
    "core:staff_home": staff_home,
    "core:landlord_home": landlord_home,
    "core:audit_search": capability(Capability.VIEW_ORGANISATION_AUDIT),
    "core:scheme_settings": capability(Capability.EDIT_SCHEME),
    "core:council_status": capability(Capability.EDIT_SCHEME, scoped=True),
    # The principal's own (home) organisation; scheme admins also reach every other one in
    # their scheme (hearth/core/tests/test_organisation_contact.py).
    "core:organisation_contact": capability(Capability.EDIT_ORGANISATION_CONTACT, scoped=True),
}


for area in AREAS:
    RULES.update(area.RULES)


def url_names(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = ""
) -> Iterator[str]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from url_names(entry.url_patterns, namespace)
        elif entry.name:
            yield f"{prefix}{entry.name}"
        else:
            yield f"{prefix}<unnamed {entry.pattern}>"


def test_every_url_has_a_rule() -> None:
    missing = sorted(set(url_names()) - set(RULES))
    assert not missing, f"URLs with no access rule: {missing}"


def test_no_rule_for_a_url_that_does_not_exist() -> None:
    assert not sorted(set(RULES) - set(url_names()))


class World:
    """Two organisations of every kind, one staff member per role in each, and an applicant."""

    def __init__(self) -> None:
        scheme = SchemeFactory()
        other_scheme = SchemeFactory(slug="elsewhere", name="Elsewhere Homes")
        self.home = {
            OrganisationKind.PARTNERSHIP: OrganisationFactory(scheme=scheme, partnership=True),
            OrganisationKind.COUNCIL: OrganisationFactory(scheme=scheme),
            OrganisationKind.LANDLORD: OrganisationFactory(scheme=scheme, landlord=True),
            OrganisationKind.REFERRER: OrganisationFactory(scheme=scheme, referrer=True),
        }
        self.away = {
            # The only other partnership team is another scheme's.
            OrganisationKind.PARTNERSHIP: OrganisationFactory(
                scheme=other_scheme, partnership=True
            ),
            OrganisationKind.COUNCIL: OrganisationFactory(scheme=scheme),
            OrganisationKind.LANDLORD: OrganisationFactory(scheme=scheme, landlord=True),
            OrganisationKind.REFERRER: OrganisationFactory(scheme=scheme, referrer=True),
        }
        self.members: dict[str, Membership] = {}
        for principal in principals():
            if principal.is_staff:
                assert principal.kind is not None
                org = (self.away if principal.away else self.home)[principal.kind]
                self.members[principal.name] = staff_member(org, [principal.role])
        self.applicant = ApplicantFactory()
        # Objects named in URLs: one of each in every home organisation.
        self.colleague = {
            kind: staff_member(org, ROLES_BY_KIND[kind][:1]) for kind, org in self.home.items()
        }
        self.invitation = {
            kind: InvitationFactory(organisation=org) for kind, org in self.home.items()
        }
        self.open_invitation_token = "matrix-token"
        InvitationFactory(
            organisation=self.home[OrganisationKind.COUNCIL], token=self.open_invitation_token
        )

        self.areas = [area.objects(self) for area in AREAS]

    def client_for(self, principal: Principal) -> Client:
        client = Client()
        if principal.applicant:
            client.force_login(self.applicant)
        elif principal.is_staff:
            client.force_login(self.members[principal.name].user)
        return client

    def url(self, name: str, principal: Principal) -> str:
        kind = principal.kind or OrganisationKind.COUNCIL
        kwargs: dict[str, object] = {}
        for area, objects in zip(AREAS, self.areas, strict=True):
            found = area.url_kwargs(objects, name, principal)
            if found is not None:
                return reverse(name, kwargs=found)
        if name.startswith("accounts:team_member"):
            kwargs = {"pk": self.colleague[kind].pk}
        elif name == "accounts:invitation_withdraw":
            kwargs = {"pk": self.invitation[kind].pk}
        elif name == "accounts:organisation_invitation_new":
            kwargs = {"pk": self.home[OrganisationKind.LANDLORD].pk}
        elif name == "core:council_status":
            kwargs = {"pk": self.home[OrganisationKind.COUNCIL].pk}
        elif name == "core:organisation_contact":
            kwargs = {"pk": self.home[kind].pk}
        elif name == "accounts:invitation_accept":
            kwargs = {"token": self.open_invitation_token}
        elif name == "accounts:email_verify":
            kwargs = {"token": "not-a-real-token"}
        elif name == "accounts:password_reset_new":
            kwargs = {"uidb64": "MQ", "token": "set-password"}
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(RULES))
def test_access(name: str) -> None:
    world = World()
    wrong = []
    for principal in principals():
        expected = RULES[name](principal)
        response = world.client_for(principal).get(world.url(name, principal))
        if response.status_code != expected:
            wrong.append(f"{principal.name}: expected {expected}, got {response.status_code}")
    assert not wrong, f"{name}:\n  " + "\n  ".join(wrong)
