"""Writing a landlord's homes and their photos.

Only staff of the home's own landlord with MANAGE_HOMES change a home. Each function checks
that, validates what it was given (the same checks as the forms, for anything that did not come
through one), and records its audit event in its own transaction.

A home is saved once and advertised again each time it is empty. While an advert of it is with
the council, approved, live or being shortlisted, the home is what the advert promised, so it
cannot change until that advert ends or is withdrawn.

Photos are checked and written out again by `rules/photos.py` before they are stored (default
storage, under a random name). A file written for a transaction that then fails is deleted
again, and a removed photo's file is deleted once the removal commits, so storage holds only
the photos the database knows.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import OrganisationKind
from hearth.core.audit import audit_record, changes_of, snapshot
from hearth.core.models import Organisation
from hearth.lettings.models import Advert, Property, PropertyPhoto
from hearth.lettings.rules.adverts import HOME_LOCKED_STATUSES
from hearth.lettings.rules.homes import HomeDetails, home_problems
from hearth.lettings.rules.permissions import landlord_check, landlord_of
from hearth.lettings.rules.photos import alt_text_problem, photo_checked
from hearth.lettings.selectors.council_choices import council_choices

MAX_PHOTOS = 12
HOME_FIELDS = (
    "address",
    "postcode",
    "council_id",
    "area",
    "property_type",
    "bedrooms",
    "max_occupants",
    "floor",
    "has_lift",
    "step_free",
    "mobility",
    "older_persons",
    "weekly_rent",
    "weekly_service_charge",
    "tenancy_type",
    "epc_band",
)


def _council_of_scheme(actor: Actor, council_id: Any) -> Organisation:
    try:
        return Organisation.objects.get(
            pk=council_id, scheme=actor.active_scheme(), kind=OrganisationKind.COUNCIL
        )
    except (Organisation.DoesNotExist, ValidationError, ValueError, TypeError):
        raise ValidationError({"council": "Select the council whose area the home is in"}) from None


def _details_checked(actor: Actor, details: HomeDetails, *, current_area: str = "") -> None:
    council = _council_of_scheme(actor, details.council_id)
    areas = council_choices(council, clock.today()).areas
    problems = home_problems(details, areas=areas, current_area=current_area)
    if problems:
        raise ValidationError(problems)


def _audited(home: Property) -> dict[str, Any]:
    values = snapshot(home, HOME_FIELDS)
    values["council"] = values.pop("council_id")
    return values


def home_create(*, actor: Actor, details: HomeDetails) -> Property:
    """Save a new home of the actor's landlord."""
    landlord = landlord_of(actor)
    if landlord is None:
        raise PermissionDenied
    _details_checked(actor, details)
    fields = details.as_fields()
    fields["address"] = fields["address"].strip()
    with transaction.atomic():
        home = Property.objects.create(landlord=landlord, **fields)
        audit_record(
            actor=actor,
            verb="home.created",
            target=home,
            organisation=landlord,
            changes=changes_of(after=_audited(home)),
        )
    return home


def home_update(*, actor: Actor, home: Property, details: HomeDetails) -> Property:
    """Change a home's details, unless an advert of it is with the council or published."""
    landlord_check(actor, home.landlord_id)
    same_council = str(details.council_id) == str(home.council_id)
    _details_checked(actor, details, current_area=home.area if same_council else "")
    with transaction.atomic():
        # The home's row is the lock a submitted advert takes too: a change and a submission
        # of its advert never cross.
        locked = Property.objects.select_for_update().get(pk=home.pk)
        advert = (
            Advert.objects.filter(property=locked, status__in=HOME_LOCKED_STATUSES)
            .only("reference", "status")
            .first()
        )
        if advert is not None:
            raise ValidationError(
                f"You cannot change this home while its advert {advert.reference} is "
                f"{advert.get_status_display().lower()}. Change it once the advert has ended, "
                "or withdraw the advert first"
            )
        before = _audited(locked)
        for name, value in details.as_fields().items():
            setattr(locked, name, value.strip() if name == "address" else value)
        locked.save()
        changes = changes_of(before=before, after=_audited(locked))
        if changes:
            audit_record(
                actor=actor,
                verb="home.changed",
                target=locked,
                organisation=locked.landlord,
                changes=changes,
            )
    return locked


def home_photo_add(
    *, actor: Actor, home: Property, upload: UploadedFile[bytes], alt_text: str
) -> PropertyPhoto:
    """Add a photo to a home, with the words a screen reader says instead of it.

    A file that is not really a JPEG, PNG or WebP image, is empty or too big is refused with
    a ValidationError on "image"; missing words with one on "alt_text"."""
    landlord_check(actor, home.landlord_id)
    problems: dict[str, str] = {}
    alt_problem = alt_text_problem(alt_text)
    if alt_problem:
        problems["alt_text"] = alt_problem
    if home.photos.count() >= MAX_PHOTOS:
        problems["image"] = _too_many()
    else:
        try:
            checked = photo_checked(upload.file, size=upload.size or 0)  # type: ignore[arg-type]
        except ValidationError as refused:
            problems.update({k: v[0] for k, v in refused.message_dict.items()})
    if problems:
        raise ValidationError(problems)
    photo = PropertyPhoto(property=home, alt_text=alt_text.strip())
    photo.image.save(f"photo.{checked.format.extension}", ContentFile(checked.content), save=False)
    photo.width, photo.height = checked.width, checked.height
    try:
        with transaction.atomic():
            locked = Property.objects.select_for_update().get(pk=home.pk)
            photos = PropertyPhoto.objects.filter(property=locked)
            if photos.count() >= MAX_PHOTOS:
                raise ValidationError({"image": _too_many()})
            last = photos.aggregate(last=Max("position"))["last"]
            photo.position = 0 if last is None else last + 1
            photo.save()
            audit_record(
                actor=actor,
                verb="home.photo_added",
                target=photo,
                organisation=locked.landlord,
                changes=changes_of(
                    after={
                        "home": str(locked.pk),
                        "alt_text": photo.alt_text,
                        "content_type": checked.format.content_type,
                        "width": checked.width,
                        "height": checked.height,
                        "size": len(checked.content),
                    }
                ),
                label=f"Photo of {locked}",
            )
    except BaseException:
        if photo.image.name:
            photo.image.storage.delete(photo.image.name)
        raise
    return photo


def _too_many() -> str:
    return f"A home can have up to {MAX_PHOTOS} photos. Remove one before you add another"


def home_photo_remove(*, actor: Actor, photo: PropertyPhoto) -> None:
    """Remove a photo of a home (nothing happens if it was removed a moment ago)."""
    home = photo.property
    landlord_check(actor, home.landlord_id)
    with transaction.atomic():
        deleted, _rows = PropertyPhoto.objects.filter(pk=photo.pk).delete()
        if not deleted:
            return
        audit_record(
            actor=actor,
            verb="home.photo_removed",
            target=photo,
            organisation=home.landlord,
            changes=changes_of(before={"home": str(home.pk), "alt_text": photo.alt_text}),
            label=f"Photo of {home}",
        )
        name, storage = photo.image.name, photo.image.storage
        if name:
            transaction.on_commit(lambda: storage.delete(name))
