"""Writes to the shared kernel: the scheme's brand, council statuses and organisations' contact
details."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, CouncilStatus, OrganisationKind
from hearth.core.audit import audit_record, changes_of, snapshot
from hearth.core.forms.person_details import PHONE_INVALID, uk_phone_number
from hearth.core.models import Organisation, Scheme

SCHEME_FIELDS = ("name", "colour", "contact_text")
CONTACT_FIELDS = ("postal_address", "contact_phone", "contact_email", "contact_hours")
POSTAL_ADDRESS_MAX_LINES = 8
POSTAL_ADDRESS_MAX = 500
CONTACT_PHONE_MAX = 40
CONTACT_EMAIL_MAX = 254
CONTACT_HOURS_MAX = 200
PHONE_CHARACTERS = re.compile(r"^[0-9 +()]+$")
PHONE_DIGITS_MIN = 6


def scheme_update(
    *,
    actor: Actor,
    scheme: Scheme,
    name: str,
    colour: str,
    contact_text: str,
    logo: UploadedFile[bytes] | None = None,
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
            changes=changes_of(before=before, after=after),
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
            changes=changes_of(before={"council_status": before}, after={"council_status": status}),
        )
    return locked


def _contact_editable_by(actor: Actor, organisation: Organisation) -> bool:
    """Scheme admins change any organisation's contact details in their scheme; organisation
    admins their own organisation's."""
    if actor.scheme is None or organisation.scheme_id != actor.scheme.pk:
        return False
    if actor.can(Capability.EDIT_SCHEME):
        return True
    return (
        actor.can(Capability.EDIT_ORGANISATION_CONTACT)
        and actor.organisation is not None
        and actor.organisation.pk == organisation.pk
    )


def _contact_cleaned(
    *, postal_address: str, contact_phone: str, contact_email: str, contact_hours: str
) -> dict[str, str]:
    """The contact details tidied up (blank lines and extra spaces removed), or the errors."""
    lines = [" ".join(line.split()) for line in postal_address.splitlines()]
    cleaned = {
        "postal_address": "\n".join(line for line in lines if line),
        "contact_phone": " ".join(contact_phone.split()),
        "contact_email": contact_email.strip(),
        "contact_hours": " ".join(contact_hours.split()),
    }
    errors: dict[str, str] = {}
    address = cleaned["postal_address"]
    if len(address) > POSTAL_ADDRESS_MAX:
        errors["postal_address"] = _("The postal address must be %(max)s characters or fewer") % {
            "max": POSTAL_ADDRESS_MAX
        }
    elif address.count("\n") + 1 > POSTAL_ADDRESS_MAX_LINES:
        errors["postal_address"] = _("The postal address must be %(max)s lines or fewer") % {
            "max": POSTAL_ADDRESS_MAX_LINES
        }
    phone = cleaned["contact_phone"]
    if len(phone) > CONTACT_PHONE_MAX:
        errors["contact_phone"] = _("The phone number must be %(max)s characters or fewer") % {
            "max": CONTACT_PHONE_MAX
        }
    elif phone and not PHONE_CHARACTERS.match(phone):
        errors["contact_phone"] = _(
            "Enter a phone number using only numbers, spaces, + and brackets, like 01632 960 001"
        )
    elif phone and sum(character.isdigit() for character in phone) < PHONE_DIGITS_MIN:
        errors["contact_phone"] = _("Enter a phone number, like 01632 960 001")
    elif phone and uk_phone_number(phone) is None:
        # Letters print it as typed, so it is kept so; it must still be a UK number.
        errors["contact_phone"] = str(PHONE_INVALID)
    email = cleaned["contact_email"]
    if len(email) > CONTACT_EMAIL_MAX:
        errors["contact_email"] = _("The email address must be %(max)s characters or fewer") % {
            "max": CONTACT_EMAIL_MAX
        }
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = _(
                "Enter an email address in the correct format, like housing@example.org"
            )
    if len(cleaned["contact_hours"]) > CONTACT_HOURS_MAX:
        errors["contact_hours"] = _("The opening hours must be %(max)s characters or fewer") % {
            "max": CONTACT_HOURS_MAX
        }
    if errors:
        raise ValidationError(errors)
    return cleaned


def organisation_contact_set(
    *,
    actor: Actor,
    organisation: Organisation,
    postal_address: str,
    contact_phone: str,
    contact_email: str,
    contact_hours: str,
) -> Organisation:
    """Set the postal address, phone, email and opening hours an organisation's letters and
    applicants' pages show. Any of them may be left empty."""
    if not _contact_editable_by(actor, organisation):
        raise PermissionDenied
    cleaned = _contact_cleaned(
        postal_address=postal_address,
        contact_phone=contact_phone,
        contact_email=contact_email,
        contact_hours=contact_hours,
    )
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = snapshot(locked, CONTACT_FIELDS)
        changes = changes_of(before=before, after=cleaned)
        if not changes:
            return locked
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*CONTACT_FIELDS, "updated_at"])
        audit_record(
            actor=actor,
            verb="organisation.contact_changed",
            target=locked,
            organisation=locked,
            changes=changes,
        )
    return locked
