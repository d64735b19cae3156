from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import factory

from hearth.accounts import tokens
from hearth.accounts.models import ApplicantProfile, Invitation, Membership, MembershipRole, User
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.models import Organisation
from hearth.core.tests.factories import OrganisationFactory

PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    email_verified_at = factory.LazyFunction(clock.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance: User, create: bool, results: Any = None) -> None:
        if create:
            instance.save()


class ApplicantFactory(UserFactory):
    is_applicant = True
    profile = factory.RelatedFactory(
        "hearth.accounts.tests.factories.ApplicantProfileFactory", factory_related_name="user"
    )


class ApplicantProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicantProfile

    user = factory.SubFactory(UserFactory, is_applicant=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def staff_member(
    organisation: Organisation | None = None, roles: Iterable[str] = (), **user_fields: Any
) -> Membership:
    """A staff user in `organisation` with `roles`."""
    membership = MembershipFactory(
        organisation=organisation or OrganisationFactory(), user=UserFactory(**user_fields)
    )
    for role in roles:
        MembershipRole.objects.create(membership=membership, role=role)
    return membership


def actor_for(membership: Membership) -> Actor:
    return Actor(
        user=membership.user,
        scheme=membership.organisation.scheme,
        organisation=membership.organisation,
        roles=membership.role_names(),
        ip_address="127.0.0.1",
    )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation
        exclude = ("token",)

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    full_name = "New Colleague"
    roles = factory.LazyFunction(lambda: ["register_officer"])
    token = factory.Sequence(lambda n: f"token-{n}")
    token_hash = factory.LazyAttribute(lambda o: tokens.invitation_token_hash(o.token))
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: clock.now() + dt.timedelta(days=7))
