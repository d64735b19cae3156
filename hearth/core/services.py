"""Writes to the shared kernel: the scheme and its brand, its organisations, council statuses
and organisations' contact details."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, CouncilStatus, OrganisationKind
from hearth.core.audit import audit_record, changes_of, snapshot
from hearth.core.forms.person_details import PHONE_INVALID, uk_phone_number
from hearth.core.models import Organisation, Scheme

SCHEME_FIELDS = ("name", "colour", "contact_text")
ORGANISATION_FIELDS = ("name", "slug", "kind", "council_status", "postcode_districts")
CONTACT_FIELDS = ("postal_address", "contact_phone", "contact_email", "contact_hours")
POSTAL_ADDRESS_MAX_LINES = 8
POSTAL_ADDRESS_MAX = 500
CONTACT_PHONE_MAX = 40
CONTACT_EMAIL_MAX = 254
CONTACT_HOURS_MAX = 200
PHONE_CHARACTERS = re.compile(r"^[0-9 +()]+$")
PHONE_DIGITS_MIN = 6


def scheme_create(
    *, actor: Actor, name: str, slug: str, colour: str, contact_text: str = ""
) -> Scheme:
    """Create a partnership. Only Hearth itself does this, setting a deployment up: nobody can
    hold a capability in a scheme before it exists."""
    if not actor.system:
        raise PermissionDenied
    scheme = Scheme(
        name=name.strip(), slug=slug, colour=colour.lower(), contact_text=contact_text.strip()
    )
    scheme.full_clean()
    with transaction.atomic():
        scheme.save()
        given = snapshot(scheme, ("slug", *SCHEME_FIELDS))
        audit_record(
            actor=actor,
            verb="scheme.created",
            target=scheme,
            changes=changes_of(after={field: value for field, value in given.items() if value}),
        )
    return scheme


def _organisations_creatable_by(actor: Actor, scheme: Scheme) -> bool:
    """Scheme admins add organisations to their own scheme; Hearth itself to any scheme it is
    setting up (the partnership team of a new deployment, before anyone can sign in)."""
    if actor.system:
        return True
    return (
        actor.can(Capability.EDIT_SCHEME)
        and actor.scheme is not None
        and (actor.scheme.pk == scheme.pk)
    )


def organisation_create(
    *,
    actor: Actor,
    scheme: Scheme,
    name: str,
    slug: str,
    kind: str,
    council_status: str = "",
    postcode_districts: Iterable[str] = (),
    postal_address: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    contact_hours: str = "",
) -> Organisation:
    """Add a council, landlord, referring body or partnership team to `scheme`.

    A council needs its status (onboarding, traditional allocations or live choice-based
    lettings); nobody else has one. Contact details are checked as `organisation_contact_set`
    checks them. Raises `ValidationError` (by field) for anything the user can correct.
    """
    if not _organisations_creatable_by(actor, scheme):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if kind not in OrganisationKind.values:
        errors["kind"] = _("Select the type of organisation")
    elif kind == OrganisationKind.COUNCIL and council_status not in CouncilStatus.values:
        errors["council_status"] = _("Select the council's status")
    elif kind != OrganisationKind.COUNCIL and council_status:
        errors["council_status"] = _("Only a council has a status")
    try:
        contact = _contact_cleaned(
            postal_address=postal_address,
            contact_phone=contact_phone,
            contact_email=contact_email,
            contact_hours=contact_hours,
        )
    except ValidationError as problems:
        errors.update({field: messages[0] for field, messages in problems.message_dict.items()})
        contact = {}
    if errors:
        raise ValidationError(errors)
    organisation = Organisation(
        scheme=scheme,
        name=" ".join(name.split()),
        slug=slug,
        kind=kind,
        council_status=council_status,
        postcode_districts=[district.strip().upper() for district in postcode_districts],
        **contact,
    )
    # The slug's uniqueness in the scheme is left to the database (below): checking it here
    # first would race a second request.
    organisation.full_clean(exclude=["scheme"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            organisation.save()
            given = snapshot(organisation, (*ORGANISATION_FIELDS, *CONTACT_FIELDS))
            audit_record(
                actor=actor,
                verb="organisation.created",
                target=organisation,
                organisation=organisation,
                # Only what it was given: an empty field is nothing that changed.
                changes=changes_of(after={field: value for field, value in given.items() if value}),
            )
    except IntegrityError as clash:
        raise ValidationError(
            {"slug": _("The scheme already has an organisation with this short name")}
        ) from clash
    return organisation


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
    admins their own organisation's. Hearth itself sets them for organisations it sets up."""
    if actor.system:
        return True
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
