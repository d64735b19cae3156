"""Writing adverts: a landlord drafts, changes, submits and withdraws one; the advertising
council's lettings officers approve it or return it with a reason.

The statuses an advert moves through here (the cycles part moves approved adverts to live when
a cycle opens, and closes them):

    draft ──submit──▶ submitted ──approve──▶ approved ──(cycle opens)──▶ live
      ▲                  │
      │               return
      └── change ◀── returned ──submit──▶ …

A council that does not approve adverts (`CouncilLettings.adverts_need_approval` off) takes a
submitted advert straight to approved. The landlord may withdraw an advert at any stage up to
its cycle's close, with a reason.

Every move is a conditional update of the advert's row from the status it must be in, so two
people pressing buttons at once (or the same button twice) move it once; the loser is told
where it stands now. A home has at most one open advert: the database's
lettings_advert_one_open_per_home refuses a second, and the service says so.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation
from hearth.lettings.models import Advert, AdvertStatus, Property
from hearth.lettings.models.adverts import EDITABLE_STATUSES
from hearth.lettings.rules.adverts import (
    OPEN_STATUSES,
    REASON_MAX,
    WITHDRAWABLE_STATUSES,
    AdvertLabels,
    HomeFacts,
    advert_reference,
    label_problems,
    reference_number,
    reference_prefix,
)
from hearth.lettings.rules.permissions import council_check, landlord_check
from hearth.lettings.selectors.adverts import adverts_need_approval
from hearth.lettings.selectors.council_choices import council_choices

logger = logging.getLogger(__name__)

LABEL_FIELDS = (
    "min_bedroom_need",
    "max_bedroom_need",
    "minimum_age",
    "maximum_age",
    "age_applies_to",
    "mobility_need",
    "mobility_use",
    "connection_scope",
    "lettings_plan",
    "preference_text",
    "pets",
    "viewing_text",
    "description",
    "available_from",
)


def _labels_checked(labels: AdvertLabels, *, home: Property, council: Organisation) -> None:
    choices = council_choices(council, clock.today())
    if not choices.advertises:
        raise ValidationError(
            f"{council.name} does not advertise homes through choice-based lettings: its "
            "lettings officers match its homes to households directly. Contact the council "
            "about letting this home"
        )
    problems = label_problems(
        labels,
        home=HomeFacts(
            bedrooms=home.bedrooms, older_persons=home.older_persons, mobility=home.mobility
        ),
        plans=choices.plan_codes,
        today=clock.today(),
        mobility_uses=choices.mobility_uses,
    )
    if problems:
        raise ValidationError(problems)


def _cleaned(labels: AdvertLabels) -> dict[str, object]:
    fields = labels.as_fields()
    for name in ("lettings_plan", "preference_text", "viewing_text", "description"):
        fields[name] = str(fields[name]).strip()
    return fields


def _next_reference(prefix: str) -> str:
    # The longest, then highest, reference is the newest: numbers may outgrow five digits.
    latest = (
        Advert.objects.filter(reference__startswith=f"{prefix}-A")
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = (reference_number(latest) or 0) + 1 if latest else 1
    return advert_reference(prefix, number)


def _open_advert_refusal(home: Property) -> ValidationError:
    open_one = (
        Advert.objects.filter(property=home, status__in=OPEN_STATUSES).only("reference").first()
    )
    reference = open_one.reference if open_one is not None else ""
    return ValidationError(
        f"This home already has an open advert ({reference}). You can advertise it again "
        "once that advert has been let or withdrawn"
    )


def advert_create(*, actor: Actor, home: Property, labels: AdvertLabels) -> Advert:
    """Start an advert of a home (a draft), with a new reference: the council's letters and the
    next number. The home must have no open advert."""
    landlord_check(actor, home.landlord_id)
    council = home.council
    _labels_checked(labels, home=home, council=council)
    prefix = reference_prefix(council.slug)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                locked = Property.objects.select_for_update().get(pk=home.pk)
                if Advert.objects.filter(property=locked, status__in=OPEN_STATUSES).exists():
                    raise _open_advert_refusal(locked)
                # One advert numbered at a time per council, so two landlords advertising at
                # the same moment never pick the same number (the retry below is a fallback).
                Organisation.objects.select_for_update().values_list("pk", flat=True).get(
                    pk=council.pk
                )
                advert = Advert.objects.create(
                    reference=_next_reference(prefix),
                    property=locked,
                    council=council,
                    status=AdvertStatus.DRAFT,
                    created_by=actor.signed_in_user(),
                    **_cleaned(labels),
                )
                audit_record(
                    actor=actor,
                    verb="advert.created",
                    target=advert,
                    organisation=actor.organisation,
                    changes=changes_of(
                        after={
                            "home": str(locked.pk),
                            "council": str(council.pk),
                            "reference": advert.reference,
                            "status": advert.status,
                            **labels.as_fields(),
                        }
                    ),
                )
                return advert
        except IntegrityError:
            if Advert.objects.filter(property=home, status__in=OPEN_STATUSES).exists():
                # Someone advertised the home at the same moment.
                raise _open_advert_refusal(home) from None
            # Someone took the same reference at the same moment: take the next one.
            logger.info("advert reference clash under %s; retrying", prefix)
    raise RuntimeError("could not find a free advert reference")


def _moved(advert: Advert, *, allowed: tuple[str, ...], refusal: str, **changes: object) -> Advert:
    """Move `advert` with `changes` if it is still in one of `allowed`, else refuse saying
    where it stands now. Returns the advert as it is after the move."""
    done = Advert.objects.filter(pk=advert.pk, status__in=allowed).update(
        updated_at=clock.now(), **changes
    )
    if not done:
        now = Advert.objects.get(pk=advert.pk)
        raise ValidationError(refusal.format(status=now.get_status_display().lower()))
    return Advert.objects.select_related("property", "council").get(pk=advert.pk)


def advert_update(*, actor: Actor, advert: Advert, labels: AdvertLabels) -> Advert:
    """Change a draft or returned advert's labels."""
    landlord_check(actor, advert.property.landlord_id)
    _labels_checked(labels, home=advert.property, council=advert.council)
    with transaction.atomic():
        before = {name: getattr(advert, name) for name in LABEL_FIELDS}
        changed = _moved(
            advert,
            allowed=EDITABLE_STATUSES,
            refusal="This advert can no longer be changed: it is {status}",
            **_cleaned(labels),
        )
        changes = changes_of(
            before=before, after={name: getattr(changed, name) for name in LABEL_FIELDS}
        )
        if changes:
            audit_record(
                actor=actor,
                verb="advert.changed",
                target=changed,
                organisation=actor.organisation,
                changes=changes,
            )
    return changed


def advert_submit(*, actor: Actor, advert: Advert) -> Advert:
    """Send a draft or returned advert to the council: to wait for a lettings officer's
    approval, or (for a council that does not approve adverts) approved at once.

    The labels are checked again against the home and today's date, since either may have
    changed since the advert was saved."""
    landlord_check(actor, advert.property.landlord_id)
    now = clock.now()
    with transaction.atomic():
        # Lock the home: its details must not change between this check and the submission.
        home = Property.objects.select_for_update().get(pk=advert.property_id)
        labels = AdvertLabels(**{name: getattr(advert, name) for name in LABEL_FIELDS})
        _labels_checked(labels, home=home, council=advert.council)
        needs_approval = adverts_need_approval(advert.council_id)
        to = AdvertStatus.SUBMITTED if needs_approval else AdvertStatus.APPROVED
        changes: dict[str, object] = {"status": to, "submitted_at": now}
        if not needs_approval:
            changes.update(approved_at=now, approved_by=None)
        moved = _moved(
            advert,
            allowed=EDITABLE_STATUSES,
            refusal="This advert has already been sent: it is {status}",
            **changes,
        )
        audit_record(
            actor=actor,
            verb="advert.submitted",
            target=moved,
            organisation=actor.organisation,
            changes=changes_of(
                before={"status": advert.status},
                after={"status": to},
                context={"approval_needed": needs_approval},
            ),
        )
    return moved


def _reason_checked(reason: str, field: str, missing: str) -> str:
    text = reason.strip()
    if not text:
        raise ValidationError({field: missing})
    if len(text) > REASON_MAX:
        raise ValidationError({field: f"The reason must be {REASON_MAX} characters or fewer"})
    return text


def advert_withdraw(*, actor: Actor, advert: Advert, reason: str) -> Advert:
    """Take an advert down, at any stage before its cycle closes, saying why. The home can
    then be advertised again."""
    landlord_check(actor, advert.property.landlord_id)
    why = _reason_checked(reason, "reason", "Enter why you are withdrawing the advert")
    with transaction.atomic():
        moved = _moved(
            advert,
            allowed=WITHDRAWABLE_STATUSES,
            refusal="This advert cannot be withdrawn: it is {status}",
            status=AdvertStatus.WITHDRAWN,
            withdrawn_at=clock.now(),
            withdrawn_reason=why,
        )
        audit_record(
            actor=actor,
            verb="advert.withdrawn",
            target=moved,
            organisation=actor.organisation,
            changes=changes_of(
                before={"status": advert.status},
                after={"status": AdvertStatus.WITHDRAWN},
                context={"reason": why},
            ),
        )
    return moved


def advert_approve(*, actor: Actor, advert: Advert) -> Advert:
    """A lettings officer of the advertising council approves a submitted advert: it goes live
    when the next cycle opens."""
    council_check(actor, advert.council_id)
    with transaction.atomic():
        moved = _moved(
            advert,
            allowed=(AdvertStatus.SUBMITTED,),
            refusal="This advert is no longer waiting for approval: it is {status}",
            status=AdvertStatus.APPROVED,
            approved_at=clock.now(),
            approved_by=actor.signed_in_user(),
        )
        audit_record(
            actor=actor,
            verb="advert.approved",
            target=moved,
            changes=changes_of(
                before={"status": AdvertStatus.SUBMITTED}, after={"status": AdvertStatus.APPROVED}
            ),
        )
    return moved


def advert_return(*, actor: Actor, advert: Advert, reason: str) -> Advert:
    """A lettings officer of the advertising council sends a submitted advert back to the
    landlord, saying what to change; the landlord changes it and sends it again."""
    council_check(actor, advert.council_id)
    why = _reason_checked(reason, "returned_reason", "Enter what the landlord needs to change")
    with transaction.atomic():
        moved = _moved(
            advert,
            allowed=(AdvertStatus.SUBMITTED,),
            refusal="This advert is no longer waiting for approval: it is {status}",
            status=AdvertStatus.RETURNED,
            returned_reason=why,
        )
        audit_record(
            actor=actor,
            verb="advert.returned",
            target=moved,
            changes=changes_of(
                before={"status": AdvertStatus.SUBMITTED},
                after={"status": AdvertStatus.RETURNED},
                context={"reason": why},
            ),
        )
    return moved
