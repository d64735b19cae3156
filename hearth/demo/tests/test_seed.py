"""The demo seed: the partnership it builds, once, and only in demo mode."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from hearth.accounts.models import User
from hearth.core.access.roles import CouncilStatus, OrganisationKind
from hearth.core.models import AuditEvent, Organisation, Scheme
from hearth.demo.partnership import demo_accounts


@pytest.mark.django_db
def test_demo_seed_builds_the_partnership_once() -> None:
    call_command("demo_seed")
    counts = (Scheme.objects.count(), Organisation.objects.count(), User.objects.count())
    events = AuditEvent.objects.count()
    call_command("demo_seed")
    assert (Scheme.objects.count(), Organisation.objects.count(), User.objects.count()) == counts
    assert AuditEvent.objects.count() == events  # the second run changed nothing at all
    councils = dict(
        Organisation.objects.filter(kind=OrganisationKind.COUNCIL).values_list(
            "name", "council_status"
        )
    )
    assert councils == {
        "Marshvale City Council": CouncilStatus.LIVE_CBL,
        "Eastmere District Council": CouncilStatus.LIVE_CBL,
        "Northfen District Council": CouncilStatus.LIVE_CBL,
        "Kingsbarrow Borough Council": CouncilStatus.ONBOARDING,
    }
    assert Organisation.objects.filter(kind=OrganisationKind.LANDLORD).count() == 3
    assert User.objects.count() == len(demo_accounts())
    # Every council and landlord has a postal address and contact details for its letters.
    for organisation in Organisation.objects.filter(
        kind__in=[OrganisationKind.COUNCIL, OrganisationKind.LANDLORD]
    ):
        assert organisation.contact_email == f"housing@{organisation.slug}.example"
        assert organisation.contact_phone.startswith("01632 960 ")  # Ofcom's drama range
        assert organisation.contact_hours
        assert len(organisation.postal_address_lines) >= 4


@pytest.mark.django_db
def test_demo_seed_fills_in_contact_details_missing_from_an_older_seed() -> None:
    # Given a demo partnership seeded before organisations had contact details
    call_command("demo_seed")
    Organisation.objects.filter(slug="eastmere").update(
        postal_address="", contact_phone="", contact_email="", contact_hours=""
    )
    # When the seed runs again
    call_command("demo_seed")
    # Then the council has its details back, and a third run changes nothing
    eastmere = Organisation.objects.get(slug="eastmere")
    assert eastmere.postal_address_lines[-1] == "EM1 2BD"
    assert eastmere.contact_phone == "01632 960 202"
    # ...set by the system through the contact service, which audits it
    (filled,) = AuditEvent.objects.filter(verb="organisation.contact_changed")
    assert (filled.object_id, filled.actor_id) == (str(eastmere.pk), None)
    assert filled.changes["contact_phone"] == {"before": "", "after": "01632 960 202"}
    events = AuditEvent.objects.count()
    call_command("demo_seed")
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_demo_seed_is_refused_outside_demo_mode(settings) -> None:
    settings.HEARTH_DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("demo_seed")
    assert not Scheme.objects.exists()
