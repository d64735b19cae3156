"""Load the Marshvale Home Choice demo partnership. Running it twice changes nothing."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hearth.core import clock
from hearth.core.access.actor import SYSTEM
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation, Scheme
from hearth.core.services import organisation_contact_set, organisation_create, scheme_create
from hearth.demo import partnership
from hearth.demo.accounts import demo_accounts_seed
from hearth.demo.lettings.week import demo_lettings_seed
from hearth.demo.policy_versions import demo_policies_seed
from hearth.demo.register.application_records import demo_application_records_seed
from hearth.demo.register.households import demo_households_seed
from hearth.policy.models import PolicyVersion
from hearth.register.models import Assessment
from hearth.register.services import register_reassess


class Command(BaseCommand):
    help = "Load the Marshvale Home Choice demo partnership (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HEARTH_DEMO_MODE:
            raise CommandError("Demo data is refused when DEBUG is off.")
        with transaction.atomic():
            created = self._seed()
            created += demo_policies_seed()
            # A register of fictional households for the demo councils (once: none if any
            # exist), each where its council's policy puts it. HEARTH_DEMO_HOUSEHOLDS makes a
            # smaller register for quick test runs.
            created += demo_households_seed(
                count=int(os.environ.get("HEARTH_DEMO_HOUSEHOLDS", 2000))
            )
            created += self._assess_register()
            # What each application's state implies (history, decisions, documents, messages).
            created += demo_application_records_seed()
            # A week of choice-based lettings on that register (once: none if it has homes).
            created += demo_lettings_seed()
            if created:
                system = SYSTEM
                scheme = Scheme.objects.get(slug=partnership.SCHEME_SLUG)
                audit_record(
                    actor=system,
                    verb="demo.seeded",
                    target=scheme,
                    changes=changes_of(context={"created": created}),
                )
        self.stdout.write(f"Demo partnership ready ({created} records created).")

    def _assess_register(self) -> int:
        """Assess each demo council's households under its policy, once."""
        if Assessment.objects.filter(
            household__council__scheme__slug=partnership.SCHEME_SLUG
        ).exists():
            return 0
        system = SYSTEM
        assessed = 0
        for version in PolicyVersion.objects.filter(
            council__scheme__slug=partnership.SCHEME_SLUG, number=1
        ).select_related("council"):
            assessed += register_reassess(
                actor=system, council=version.council, version=version, on_date=clock.today()
            )
        return assessed

    def _seed(self) -> int:
        created = 0
        # The scheme and its organisations are set up by Hearth itself, through the services
        # that audit them, as `scheme_bootstrap` sets up a new deployment's.
        scheme = Scheme.objects.filter(slug=partnership.SCHEME_SLUG).first()
        if scheme is None:
            scheme = scheme_create(
                actor=SYSTEM,
                name=partnership.SCHEME_NAME,
                slug=partnership.SCHEME_SLUG,
                colour=partnership.SCHEME_COLOUR,
                contact_text=partnership.SCHEME_CONTACT,
            )
            created += 1
        organisations: dict[str, Organisation] = {}
        for spec in partnership.ORGANISATIONS:
            org = Organisation.objects.filter(scheme=scheme, slug=spec.slug).first()
            contact = spec.contact.as_fields() if spec.contact else {}
            if org is None:
                org = organisation_create(
                    actor=SYSTEM,
                    scheme=scheme,
                    name=spec.name,
                    slug=spec.slug,
                    kind=spec.kind,
                    council_status=spec.council_status,
                    postcode_districts=spec.postcode_districts,
                    **contact,
                )
                created += 1
            elif contact and not org.has_contact_details:
                # Seeded before organisations had contact details: fill them in once.
                org = organisation_contact_set(actor=SYSTEM, organisation=org, **contact)
                created += 1
            organisations[spec.name] = org
        # Staff join through invitations and applicants register, as real ones do.
        created += demo_accounts_seed(scheme=scheme, organisations=organisations)
        return created
