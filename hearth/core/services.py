"""Writes to the shared kernel: the scheme's brand and council statuses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hearth.core.actor import Actor
from hearth.core.audit import audit_record, changes_between, snapshot
from hearth.core.models import Organisation, Scheme
from hearth.core.roles import Capability, CouncilStatus, OrganisationKind

SCHEME_FIELDS = ("name", "colour", "contact_text")


def scheme_update(
    *,
    actor: Actor,
    scheme: Scheme,
    name: str,
    colour: str,
    contact_text: str,
    logo: UploadedFile | None = None,
    logo_remove: bool = False,
) -> Scheme:
    if (
        not actor.can(Capability.EDIT_SCHEME)
        or actor.scheme is None
        or actor.scheme.pk != scheme.pk
    ):
        raise PermissionDenied
    with transaction.atomic():
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        before = snapshot(locked, SCHEME_FIELDS)
        before["logo"] = locked.logo.name or ""
        locked.name, locked.colour, locked.contact_text = name, colour.lower(), contact_text
        if logo is not None:
            locked.logo.save(f"logo-{locked.slug}.png", logo, save=False)
        elif logo_remove:
            locked.logo = ""
        # Only these fields change, so only they need checking (no uniqueness queries).
        locked.clean_fields(exclude=["id", "slug", "created_at", "updated_at"])
        locked.save(update_fields=[*SCHEME_FIELDS, "logo", "updated_at"])
        after = snapshot(locked, SCHEME_FIELDS)
        after["logo"] = locked.logo.name or ""
        audit_record(
            actor=actor,
            verb="scheme.updated",
            target=locked,
            changes=changes_between(before, after),
        )
    return locked


def council_status_set(*, actor: Actor, organisation: Organisation, status: str) -> Organisation:
    """Move a council between onboarding, traditional allocations and live choice-based lettings."""
    if not actor.can(Capability.EDIT_SCHEME) or actor.scheme is None:
        raise PermissionDenied
    if status not in CouncilStatus.values:
        raise ValueError(f"unknown council status {status!r}")
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(
            pk=organisation.pk, scheme=actor.scheme, kind=OrganisationKind.COUNCIL
        )
        before = locked.council_status
        if before == status:
            return locked
        locked.council_status = status
        locked.save(update_fields=["council_status", "updated_at"])
        audit_record(
            actor=actor,
            verb="council.status_changed",
            target=locked,
            organisation=locked,
            changes={"council_status": {"before": before, "after": status}},
        )
    return locked
