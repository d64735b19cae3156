"""Who does each thing in the demo lettings week: the demo staff, signed in as themselves, and
applicants with their own accounts. Built as a request builds them (`actor_for_request`): the
member's organisation and its roles there."""

from __future__ import annotations

from hearth.accounts.models import Membership, User
from hearth.core.access.actor import Actor
from hearth.core.models import Organisation, Scheme
from hearth.demo import partnership


class Staff:
    """The demo's staff as actors, and its organisations, each read once per seed."""

    def __init__(self) -> None:
        self.scheme = Scheme.objects.get(slug=partnership.SCHEME_SLUG)
        self.organisations = {o.slug: o for o in Organisation.objects.filter(scheme=self.scheme)}
        self._actors: dict[str, Actor] = {}

    def actor(self, role: str, organisation_slug: str) -> Actor:
        """The demo account holding `role` (as its email writes it, say "lettings-officer") at
        the organisation, acting for it."""
        email = f"{role}@{organisation_slug}.example"
        if email not in self._actors:
            membership = (
                Membership.objects.filter(user__email=email, is_active=True)
                .select_related("user")
                .prefetch_related("roles")
                .get()
            )
            self._actors[email] = Actor(
                user=membership.user,
                scheme=self.scheme,
                organisation=self.organisations[organisation_slug],
                roles=membership.role_names(),
            )
        return self._actors[email]

    def lettings_officer(self, council_slug: str) -> Actor:
        return self.actor("lettings-officer", council_slug)

    def landlord_officer(self, landlord_slug: str) -> Actor:
        return self.actor("landlord-lettings-officer", landlord_slug)

    def scheme_admin(self) -> Actor:
        return self.actor("scheme-admin", "partnership")

    def applicant(self, user: User) -> Actor:
        """An applicant signed in to their own account."""
        return Actor(user=user, scheme=self.scheme)
