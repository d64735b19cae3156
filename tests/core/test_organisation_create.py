"""Creating a scheme and its organisations: who may, what is checked, and what is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.actor import SYSTEM, Actor
from hearth.core.access.roles import CouncilStatus, OrganisationKind, Role
from hearth.core.models import AuditEvent, Organisation, Scheme
from hearth.core.services import organisation_create, scheme_create
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def council(**changes: Any) -> dict[str, Any]:
    return {
        "name": "Fenland  District Council",
        "slug": "fenland",
        "kind": OrganisationKind.COUNCIL,
        "council_status": CouncilStatus.ONBOARDING,
        "postcode_districts": ["fe1", " FE2 "],
        **changes,
    }


def scheme_admin(scheme: Scheme) -> Actor:
    team = OrganisationFactory(scheme=scheme, partnership=True)
    return actor_for(staff_member(team, [Role.SCHEME_ADMIN]))


# --- Schemes -----------------------------------------------------------------------------------


def test_the_system_creates_a_scheme_and_the_creation_is_audited() -> None:
    # When Hearth itself sets a deployment up
    scheme = scheme_create(
        actor=SYSTEM, name=" Fenland Homes ", slug="fenland", colour="#0B5E55", contact_text=""
    )
    # Then the scheme is stored, tidied, and its creation recorded by nobody in particular
    assert (scheme.name, scheme.slug, scheme.colour) == ("Fenland Homes", "fenland", "#0b5e55")
    event = AuditEvent.objects.get(verb="scheme.created")
    assert (event.object_id, event.actor_id, event.organisation_id) == (str(scheme.pk), None, None)
    assert event.changes == {
        "slug": {"before": None, "after": "fenland"},
        "name": {"before": None, "after": "Fenland Homes"},
        "colour": {"before": None, "after": "#0b5e55"},
    }


def test_only_the_system_creates_a_scheme() -> None:
    # Given a scheme admin, and someone not signed in
    admin = scheme_admin(SchemeFactory())
    visitor = Actor(user=None, scheme=None)
    for actor in (admin, visitor):
        # When either tries to create a scheme, then they are refused and nothing is written
        with pytest.raises(PermissionDenied):
            scheme_create(actor=actor, name="Second", slug="second", colour="#0b5e55")
    assert not Scheme.objects.filter(slug="second").exists()
    assert not AuditEvent.objects.filter(verb="scheme.created").exists()


def test_a_scheme_needs_a_colour_and_a_free_slug() -> None:
    SchemeFactory(slug="fenland")
    with pytest.raises(ValidationError) as refused:
        scheme_create(actor=SYSTEM, name="Fenland", slug="fenland", colour="green")
    assert set(refused.value.message_dict) == {"slug", "colour"}


# --- Organisations -----------------------------------------------------------------------------


def test_a_scheme_admin_adds_a_council_and_it_is_audited_in_its_own_log() -> None:
    # Given a scheme admin
    scheme = SchemeFactory()
    admin = scheme_admin(scheme)
    # When they add a council
    created = organisation_create(actor=admin, scheme=scheme, **council())
    # Then it is stored, tidied, with its status
    organisation = Organisation.objects.get(slug="fenland")
    assert created.pk == organisation.pk
    assert organisation.name == "Fenland District Council"
    assert organisation.council_status == CouncilStatus.ONBOARDING
    assert organisation.postcode_districts == ["FE1", "FE2"]
    # And its creation is recorded, by the admin, with what it was given (nothing left empty)
    event = AuditEvent.objects.get(verb="organisation.created")
    assert (event.object_id, event.actor_id, event.organisation_id) == (
        str(organisation.pk),
        admin.user.pk if admin.user else None,
        organisation.pk,
    )
    assert event.changes == {
        "name": {"before": None, "after": "Fenland District Council"},
        "slug": {"before": None, "after": "fenland"},
        "kind": {"before": None, "after": "council"},
        "council_status": {"before": None, "after": "onboarding"},
        "postcode_districts": {"before": None, "after": ["FE1", "FE2"]},
    }


def test_the_system_adds_an_organisation_with_its_contact_details() -> None:
    # Given a scheme being set up, with nobody in it yet
    scheme = SchemeFactory()
    # When the system adds a landlord with its contact details
    organisation_create(
        actor=SYSTEM,
        scheme=scheme,
        name="Heronsgate Housing Association",
        slug="heronsgate",
        kind=OrganisationKind.LANDLORD,
        postal_address="Heronsgate House\n\n  22 Riverside Walk\nMarshvale MV3 5EG",
        contact_phone="01632 960 505",
        contact_email="housing@heronsgate.example",
        contact_hours="Monday to Friday",
    )
    # Then the details are tidied as `organisation_contact_set` tidies them, and it is audited
    landlord = Organisation.objects.get(slug="heronsgate")
    assert landlord.postal_address_lines == [
        "Heronsgate House",
        "22 Riverside Walk",
        "Marshvale MV3 5EG",
    ]
    assert landlord.council_status == ""
    event = AuditEvent.objects.get(verb="organisation.created")
    assert event.actor_id is None
    assert event.changes["contact_phone"] == {"before": None, "after": "01632 960 505"}
    assert "council_status" not in event.changes


def test_others_may_not_add_organisations() -> None:
    # Given a council admin, a scheme admin of another scheme, and an actor like the system's
    # but not it (a visitor not signed in)
    scheme = SchemeFactory()
    own_council = OrganisationFactory(scheme=scheme)
    council_admin = actor_for(staff_member(own_council, [Role.COUNCIL_ADMIN]))
    elsewhere = scheme_admin(SchemeFactory(slug="elsewhere"))
    visitor = Actor(user=None, scheme=None)
    for actor in (council_admin, elsewhere, visitor):
        # When they try to add a council, then they are refused
        with pytest.raises(PermissionDenied):
            organisation_create(actor=actor, scheme=scheme, **council())
    assert not Organisation.objects.filter(slug="fenland").exists()
    assert not AuditEvent.objects.filter(verb="organisation.created").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"council_status": ""}, "council_status"),
        ({"kind": OrganisationKind.LANDLORD}, "council_status"),
        ({"kind": "shop"}, "kind"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"name": ""}, "name"),
    ],
)
def test_an_organisation_that_does_not_make_sense_is_refused(
    changes: dict[str, Any], field: str
) -> None:
    scheme = SchemeFactory()
    with pytest.raises(ValidationError) as refused:
        organisation_create(actor=SYSTEM, scheme=scheme, **council(**changes))
    assert field in refused.value.message_dict
    assert not Organisation.objects.exists()


def test_a_slug_is_used_once_in_a_scheme() -> None:
    # Given a council already using the slug
    scheme = SchemeFactory()
    OrganisationFactory(scheme=scheme, slug="fenland")
    # When another organisation is added with it, then it is refused and nothing is audited
    with pytest.raises(ValidationError) as refused:
        organisation_create(actor=SYSTEM, scheme=scheme, **council())
    assert "slug" in refused.value.message_dict
    assert Organisation.objects.filter(slug="fenland").count() == 1
    assert not AuditEvent.objects.filter(verb="organisation.created").exists()
    # And another scheme may use it
    organisation_create(actor=SYSTEM, scheme=SchemeFactory(slug="elsewhere"), **council())
