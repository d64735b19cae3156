"""Nomination → offer → acceptance or refusal → let.

The council nominates the highest-placed bidder still in the running to the landlord (or, where
the council lets the landlord work the shortlist, the landlord offers to that bidder itself).
The landlord makes the offer with a deadline in working days; the household is under offer (and
skipped on other shortlists) until it answers. Acceptance lets the home: the application is
housed, its other bids are withdrawn and the let is published. Refusal records who refused and
why; a refusal the officer judges to count applies the policy's refusal rules, and the next
bidder can be nominated. Only one offer of a home is in progress at a time: a database
constraint, so two officers offering at once get one offer and one clear refusal.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.lettings.models import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    BidChannel,
    BidStatus,
    CouncilLettings,
    EntryStatus,
    Let,
    LetRoute,
    NominationRoute,
    Offer,
    OfferStatus,
    RefusedBy,
    ShortlistEntry,
)
from hearth.lettings.models.bids import Bid
from hearth.lettings.rules.working_days import working_days_after
from hearth.lettings.services.bids_order import application_bids_rekey
from hearth.lettings.services.offers_messages import (
    offer_accepted_tell,
    offer_made_tell,
    offer_nominated_tell,
    offer_refused_tell,
    offer_withdrawn_tell,
)
from hearth.lettings.services.offers_refusals import refusal_consequence_apply
from hearth.policy.documents.loaded import document_of
from hearth.register.models import Application
from hearth.register.rules import lifecycle
from hearth.register.services.lifecycle import (
    application_status_move,
    household_refusal_count_add,
)

REASON_MAX = 2000


def council_settings(council_id: uuid.UUID) -> CouncilLettings:
    """The council's lettings settings, or the defaults if it has never changed them."""
    found = CouncilLettings.objects.filter(council_id=council_id).first()
    return found if found is not None else CouncilLettings(council_id=council_id)


def _is_council_officer(actor: Actor, entry: ShortlistEntry) -> bool:
    return (
        actor.organisation is not None
        and actor.organisation.pk == entry.shortlist.advert.council_id
        and actor.can(Capability.MANAGE_LETTINGS)
    )


def _is_landlord(actor: Actor, offer_or_entry: Offer | ShortlistEntry) -> bool:
    advert = (
        offer_or_entry.advert
        if isinstance(offer_or_entry, Offer)
        else offer_or_entry.shortlist.advert
    )
    return (
        actor.organisation is not None
        and actor.organisation.pk == advert.property.landlord_id
        and actor.can(Capability.MANAGE_HOMES)
    )


def _locked_entry(entry: ShortlistEntry) -> ShortlistEntry:
    return (
        ShortlistEntry.objects.select_for_update(of=("self",))
        .select_related(
            "shortlist__advert__property__landlord",
            "shortlist__advert__council",
            "bid__application__household",
        )
        .get(pk=entry.pk)
    )


def _locked_offer(offer: Offer) -> Offer:
    return (
        Offer.objects.select_for_update(of=("self",))
        .select_related(
            "advert__property__landlord",
            "advert__council",
            "application__household",
            "entry__shortlist__policy_version",
        )
        .get(pk=offer.pk)
    )


def next_in_line(entry: ShortlistEntry) -> ShortlistEntry | None:
    """The highest-placed bidder on the shortlist still in the running: placed, not bypassed,
    with no offer of this home refused or withdrawn."""
    passed = Offer.objects.filter(
        advert_id=entry.shortlist.advert_id,
        status__in=(OfferStatus.REFUSED, OfferStatus.WITHDRAWN),
    ).values_list("entry_id", flat=True)
    return (
        ShortlistEntry.objects.filter(shortlist_id=entry.shortlist_id, status=EntryStatus.PLACED)
        .exclude(pk__in=passed)
        .order_by("position")
        .first()
    )


IN_PROGRESS = (OfferStatus.NOMINATED, OfferStatus.OFFERED)


def _in_progress_message() -> str:
    return _("Someone else has just nominated or offered this home. Refresh the shortlist.")


def _check_next(entry: ShortlistEntry) -> None:
    if entry.shortlist.advert.status != AdvertStatus.CLOSED:
        raise ValidationError(_("This home is not waiting for an offer."))
    # Checked before the household's status: an officer who lost a race to offer the home must
    # be told that, not that the household is now under offer.
    if Offer.objects.filter(advert_id=entry.shortlist.advert_id, status__in=IN_PROGRESS).exists():
        raise ValidationError(_in_progress_message())
    if entry.status != EntryStatus.PLACED:
        raise ValidationError(_("Only a placed bidder who has not been bypassed can be offered."))
    first = next_in_line(entry)
    if first is not None and first.pk != entry.pk:
        raise ValidationError(
            _(
                "Position %(position)s is higher on the shortlist and still in the running: "
                "offer to them first, or bypass them with a reason."
            )
            % {"position": first.position}
        )
    if entry.bid.application.status != lifecycle.ACTIVE:
        raise ValidationError(
            _("This household's application is %(status)s, so it cannot be offered a home now.")
            % {"status": lifecycle.STATUS_TEXT[entry.bid.application.status].label.lower()}
        )


def _one_at_a_time(create: Offer) -> Offer:
    try:
        with transaction.atomic():
            create.save()
    except IntegrityError as clash:
        raise ValidationError(_in_progress_message()) from clash
    return create


def offer_nominate(*, actor: Actor, entry: ShortlistEntry) -> Offer:
    """The council puts the bidder forward to the landlord."""
    with transaction.atomic():
        locked = _locked_entry(entry)
        if not _is_council_officer(actor, locked):
            raise PermissionDenied
        _check_next(locked)
        offer = _one_at_a_time(
            Offer(
                advert=locked.shortlist.advert,
                entry=locked,
                application=locked.bid.application,
                status=OfferStatus.NOMINATED,
                nominated_at=clock.now(),
                nominated_by=actor.user,
            )
        )
        audit_record(
            actor=actor,
            verb="offer.nominated",
            target=offer,
            organisation=locked.shortlist.advert.council,
            changes=changes_of(
                after={"status": OfferStatus.NOMINATED},
                context={"advert": offer.advert.reference, "position": locked.position},
            ),
        )
        offer_nominated_tell(offer)
        application_bids_rekey(application_id=offer.application_id)
        return offer


def _put_under_offer(actor: Actor, offer: Offer, viewing_text: str) -> int:
    """Offer the home with its deadline; returns the working days the household has."""
    application = Application.objects.select_for_update().get(pk=offer.application_id)
    if application.status != lifecycle.ACTIVE:
        raise ValidationError(
            _("This household's application is %(status)s, so it cannot be offered a home now.")
            % {"status": lifecycle.STATUS_TEXT[application.status].label.lower()}
        )
    settings = council_settings(offer.advert.council_id)
    today = clock.today()
    offer.status = OfferStatus.OFFERED
    offer.offered_at = clock.now()
    offer.offered_by = actor.user
    offer.viewing_text = viewing_text.strip()
    offer.respond_by = working_days_after(today, settings.offer_working_days)
    application_status_move(
        actor=actor,
        application=application,
        to=lifecycle.UNDER_OFFER,
        reason=_("Offered %(home)s") % {"home": offer.advert.property},
    )
    return settings.offer_working_days


def offer_make(*, actor: Actor, offer: Offer, viewing_text: str) -> Offer:
    """The landlord offers the home to the nominated household."""
    with transaction.atomic():
        locked = _locked_offer(offer)
        if not _is_landlord(actor, locked):
            raise PermissionDenied
        if locked.status != OfferStatus.NOMINATED:
            raise ValidationError(_("This nomination has already been answered."))
        working_days = _put_under_offer(actor, locked, viewing_text)
        locked.save()
        _audit(actor, locked, "offer.made", OfferStatus.NOMINATED)
        offer_made_tell(locked, working_days=working_days)
        application_bids_rekey(application_id=locked.application_id)
        return locked


def offer_direct(*, actor: Actor, entry: ShortlistEntry, viewing_text: str) -> Offer:
    """The landlord offers the home straight from the shortlist (where the council lets the
    landlord work its shortlists)."""
    with transaction.atomic():
        locked = _locked_entry(entry)
        if not _is_landlord(actor, locked):
            raise PermissionDenied
        advert = locked.shortlist.advert
        if (
            council_settings(advert.council_id).nomination_route
            != NominationRoute.LANDLORD_WORKS_SHORTLIST
        ):
            raise PermissionDenied
        _check_next(locked)
        offer = Offer(
            advert=advert,
            entry=locked,
            application=locked.bid.application,
            status=OfferStatus.NOMINATED,
        )
        working_days = _put_under_offer(actor, offer, viewing_text)
        _one_at_a_time(offer)
        _audit(actor, offer, "offer.made", "")
        offer_made_tell(offer, working_days=working_days)
        application_bids_rekey(application_id=offer.application_id)
        return offer


def _audit(actor: Actor, offer: Offer, verb: str, before: str, **context: object) -> None:
    audit_record(
        actor=actor,
        verb=verb,
        target=offer,
        organisation=offer.advert.council,
        changes=changes_of(
            before={"status": before} if before else None,
            after={"status": offer.status},
            context={"advert": offer.advert.reference, **context},
        ),
    )


def _may_answer(actor: Actor, offer: Offer) -> bool:
    """The landlord records the household's answer; the council's officers may too."""
    return _is_landlord(actor, offer) or _is_council_officer(actor, offer.entry)


def _answered_late(offer: Offer) -> bool:
    return offer.respond_by is not None and clock.today() > offer.respond_by


def offer_accept(*, actor: Actor, offer: Offer, tenancy_starts_on: dt.date) -> Let:
    """The household accepts: the home is let from `tenancy_starts_on`, the application is
    housed, its other bids are withdrawn and the let is published in the lettings results."""
    with transaction.atomic():
        locked = _locked_offer(offer)
        if not _may_answer(actor, locked):
            raise PermissionDenied
        if locked.status != OfferStatus.OFFERED:
            raise ValidationError(_("This offer is not waiting for an answer."))
        today = clock.today()
        if tenancy_starts_on < today - dt.timedelta(days=31):
            raise ValidationError(
                {
                    "tenancy_starts_on": _(
                        "The tenancy start date must be in the last month or later"
                    )
                }
            )
        locked.answered_late = _answered_late(locked)
        locked.status = OfferStatus.ACCEPTED
        locked.responded_at = clock.now()
        locked.response_recorded_by = actor.user
        locked.tenancy_starts_on = tenancy_starts_on
        locked.save()
        application = Application.objects.select_for_update().get(pk=locked.application_id)
        application_status_move(
            actor=actor,
            application=application,
            to=lifecycle.HOUSED,
            reason=_("Accepted %(home)s") % {"home": locked.advert.property},
        )
        won = locked.entry.bid_id
        Bid.objects.filter(pk=won).update(status=BidStatus.SUCCESSFUL)
        Bid.objects.filter(advert=locked.advert, status=BidStatus.LIVE).exclude(pk=won).update(
            status=BidStatus.UNSUCCESSFUL
        )
        withdrawn = Bid.objects.filter(application=application, status=BidStatus.LIVE).update(
            status=BidStatus.WITHDRAWN, withdrawn_at=clock.now()
        )
        advert = locked.advert
        advert.status = AdvertStatus.LET
        advert.save(update_fields=["status", "updated_at"])
        entry = locked.entry
        let = Let.objects.create(
            advert=advert,
            offer=locked,
            route=_let_route(advert),
            let_on=today,
            tenancy_starts_on=tenancy_starts_on,
            bids=advert.bids.exclude(status=BidStatus.WITHDRAWN).count(),
            band=entry.band,
            points=entry.points,
            priority_date=entry.priority_date,
        )
        _audit(
            actor,
            locked,
            "offer.accepted",
            OfferStatus.OFFERED,
            tenancy_starts_on=tenancy_starts_on.isoformat(),
            other_bids_withdrawn=withdrawn,
            answered_late=locked.answered_late,
        )
        offer_accepted_tell(locked, other_bids=withdrawn)
        return let


def _let_route(advert: Advert) -> LetRoute:
    """How the home was let, as the lettings results say: a direct let from a match list,
    through a local lettings plan, or through bidding."""
    if advert.route == AdvertRoute.DIRECT:
        return LetRoute.DIRECT
    return LetRoute.PLAN if advert.lettings_plan else LetRoute.CBL


def offer_refuse(
    *, actor: Actor, offer: Offer, refused_by: str, reason: str, counts: bool
) -> Offer:
    """The household (or the landlord) refuses. A refusal the officer judges to count adds to
    the household's refusals and applies the policy's rule for that many, if it has one."""
    reason = reason.strip()
    errors: dict[str, str] = {}
    if refused_by not in RefusedBy.values:
        errors["refused_by"] = _("Select who refused the offer")
    if not reason:
        errors["reason"] = _("Enter why the offer was refused")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("The reason must be %(max)s characters or fewer") % {"max": REASON_MAX}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_offer(offer)
        if not _may_answer(actor, locked):
            raise PermissionDenied
        if locked.status != OfferStatus.OFFERED:
            raise ValidationError(_("This offer is not waiting for an answer."))
        locked.answered_late = _answered_late(locked)
        locked.status = OfferStatus.REFUSED
        locked.responded_at = clock.now()
        locked.response_recorded_by = actor.user
        locked.refused_by = refused_by
        locked.refusal_reason = reason
        # A landlord's refusal is never the household's: it never counts against them.
        locked.refusal_counts = counts and refused_by == RefusedBy.APPLICANT
        application = Application.objects.select_for_update().get(pk=locked.application_id)
        application_status_move(
            actor=actor,
            application=application,
            to=lifecycle.ACTIVE,
            reason=_("Refused %(home)s") % {"home": locked.advert.property},
        )
        # Saved first, so a rule counting refusals in a window counts this one.
        locked.save()
        _matched_bid_ended(locked)
        count, applied = 0, None
        if locked.refusal_counts:
            count = household_refusal_count_add(actor=actor, application=application, reason=reason)
            applied = refusal_consequence_apply(
                actor=actor,
                application=application,
                rules=document_of(locked.entry.shortlist.policy_version).refusals,
                count=count,
            )
            locked.consequence = applied.officer_text
            locked.save(update_fields=["consequence"])
        _audit(
            actor,
            locked,
            "offer.refused",
            OfferStatus.OFFERED,
            refused_by=refused_by,
            counts=locked.refusal_counts,
            consequence=locked.consequence,
            answered_late=locked.answered_late,
        )
        offer_refused_tell(
            locked,
            by_landlord=refused_by == RefusedBy.LANDLORD,
            count=count,
            rule=applied.rule if applied else None,
            next_rule=applied.next_rule if applied else None,
            suspended_until=applied.suspended_until if applied else None,
            band_lowered_until=applied.band_lowered_until if applied else None,
        )
        # No longer under offer, and perhaps a band lower: where its other bids stand now.
        application_bids_rekey(application_id=locked.application_id)
        return locked


def offer_withdraw(*, actor: Actor, offer: Offer, reason: str) -> Offer:
    """The council or landlord withdraws a nomination or an offer (say, the home is no longer
    available); a household under offer goes back to bidding."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why the offer is withdrawn")})
    with transaction.atomic():
        locked = _locked_offer(offer)
        if not _may_answer(actor, locked):
            raise PermissionDenied
        if locked.status not in (OfferStatus.NOMINATED, OfferStatus.OFFERED):
            raise ValidationError(_("This offer has already been answered."))
        before = locked.status
        if before == OfferStatus.OFFERED:
            application = Application.objects.select_for_update().get(pk=locked.application_id)
            application_status_move(
                actor=actor,
                application=application,
                to=lifecycle.ACTIVE,
                reason=_("Offer of %(home)s withdrawn") % {"home": locked.advert.property},
            )
        locked.status = OfferStatus.WITHDRAWN
        locked.withdrawn_reason = reason
        locked.save()
        _matched_bid_ended(locked)
        _audit(actor, locked, "offer.withdrawn", before, reason=reason)
        application_bids_rekey(application_id=locked.application_id)
        offer_withdrawn_tell(locked, was_offered=before == OfferStatus.OFFERED)
        return locked


def _matched_bid_ended(offer: Offer) -> None:
    """A household chosen from a match list is out of the running for the home once its offer
    is refused or withdrawn: the bid that stood for the officer's choice is no longer live, so
    it stops counting against the household's live bids (`ApplicationBidding.counts`). A bid of
    the household's own stays live on its closed advert until the home is let."""
    Bid.objects.filter(
        pk=offer.entry.bid_id, channel=BidChannel.MATCH, status=BidStatus.LIVE
    ).update(status=BidStatus.UNSUCCESSFUL)
