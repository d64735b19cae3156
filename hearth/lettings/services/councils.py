"""A council's lettings settings and its go-live on choice-based lettings, changed by the
scheme's admins.

Going live needs no data to move: the council's status becomes "live on choice-based lettings"
(through the core service that owns council statuses) and its go-live date is kept here. From
that date the council's approved homes are advertised at the next cycle's opening
(`services.cycles` checks both), unless its allocation policy in force still has officers
match households to homes.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, CouncilStatus, OrganisationKind
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation
from hearth.core.services import council_status_set
from hearth.lettings.models import CouncilLettings, NominationRoute

OFFER_DAYS_MIN, OFFER_DAYS_MAX = 1, 10
SETTINGS_FIELDS = ("adverts_need_approval", "nomination_route", "offer_working_days")


def _check_scheme_admin(actor: Actor, council: Organisation) -> None:
    if not (
        actor.can(Capability.EDIT_SCHEME)
        and actor.scheme is not None
        and council.scheme_id == actor.scheme.pk
        and council.kind == OrganisationKind.COUNCIL
    ):
        raise PermissionDenied


def _locked_settings(council: Organisation) -> CouncilLettings:
    CouncilLettings.objects.get_or_create(council=council)
    return CouncilLettings.objects.select_for_update().get(council=council)


def _values(settings: CouncilLettings) -> dict[str, object]:
    return {
        "adverts_need_approval": settings.adverts_need_approval,
        "nomination_route": settings.nomination_route,
        "offer_working_days": settings.offer_working_days,
        "cbl_live_from": settings.cbl_live_from.isoformat() if settings.cbl_live_from else None,
    }


def council_lettings_save(
    *,
    actor: Actor,
    council: Organisation,
    adverts_need_approval: bool,
    nomination_route: str,
    offer_working_days: int,
) -> CouncilLettings:
    """Change how the council runs its lettings. Offers already made keep their deadlines;
    adverts already approved stay approved."""
    _check_scheme_admin(actor, council)
    errors: dict[str, str] = {}
    if nomination_route not in NominationRoute.values:
        errors["nomination_route"] = _("Select who works the shortlist")
    if not OFFER_DAYS_MIN <= offer_working_days <= OFFER_DAYS_MAX:
        errors["offer_working_days"] = _(
            "The working days to answer an offer must be between %(low)s and %(high)s"
        ) % {"low": OFFER_DAYS_MIN, "high": OFFER_DAYS_MAX}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        settings = _locked_settings(council)
        before = _values(settings)
        settings.adverts_need_approval = adverts_need_approval
        settings.nomination_route = nomination_route
        settings.offer_working_days = offer_working_days
        settings.save()
        audit_record(
            actor=actor,
            verb="council.lettings_settings_changed",
            target=settings,
            organisation=council,
            changes=changes_of(before=before, after=_values(settings), fields=SETTINGS_FIELDS),
        )
        return settings


def council_go_live(*, actor: Actor, council: Organisation, live_from: dt.date) -> CouncilLettings:
    """Switch the council to live choice-based lettings from `live_from` (today or later); for a
    council already live, move its go-live date."""
    _check_scheme_admin(actor, council)
    if live_from < clock.today():
        raise ValidationError({"live_from": _("The go-live date must be today or in the future")})
    with transaction.atomic():
        settings = _locked_settings(council)
        before = _values(settings)
        status_before = council.council_status
        live = council_status_set(actor=actor, organisation=council, status=CouncilStatus.LIVE_CBL)
        council.council_status = live.council_status
        settings.cbl_live_from = live_from
        settings.save()
        audit_record(
            actor=actor,
            verb="council.lettings_go_live",
            target=settings,
            organisation=council,
            changes=changes_of(
                before=before,
                after=_values(settings),
                fields=("cbl_live_from",),
                context={"council_status_before": status_before},
            ),
        )
        return settings
