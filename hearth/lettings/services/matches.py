"""Direct lets: an officer chooses a household from a home's match list, with a reason, and the
household is nominated to the landlord.

The let is recorded as a let through bidding is, so everything after the choice is the offer
flow every let uses (`services.offers`): the home's advert takes the direct route (a home with
no advert in progress gets one; a landlord's approved or submitted advert is switched), its
shortlist records the list as it stood (the policy version, the instant, the chosen household's
place and keys), a bid with the "match" channel stands for the officer's choice, and the
nomination goes to the landlord, who makes the offer. A refusal puts the home back in the
officer's hands: they choose again from the list as it stands then (each choice is kept, with
its reason and the top of its list, as a `MatchChoice`). Acceptance lets the home by the direct
route.

Everything is checked again here, under a lock on the home, so two officers choosing at once
get one nomination and one clear refusal.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.lettings.models import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    Bid,
    BidChannel,
    BidStatus,
    EntryStatus,
    MatchChoice,
    Offer,
    Property,
    Shortlist,
    ShortlistEntry,
)
from hearth.lettings.rules.matches import (
    REASON_MAX,
    SWITCHABLE,
    TOP_KEPT,
    direct_reference,
    match_blocker,
    reference_number,
    reference_prefix,
)
from hearth.lettings.selectors.matches import (
    NO_POLICY,
    Ranked,
    already_chosen,
    labels_for,
    match_rank,
    not_on_list,
    open_advert_of,
    open_advert_state,
)
from hearth.lettings.services.offers import offer_nominate
from hearth.register.models import Application, Household

PLACE_KEY = "Place on the match list"


def _officer(actor: Actor, home: Property) -> User:
    """The officer making the choice: one of the council's lettings officers."""
    if not (
        actor.user is not None
        and actor.organisation is not None
        and actor.organisation.pk == home.council_id
        and actor.can(Capability.MANAGE_LETTINGS)
    ):
        raise PermissionDenied
    return actor.user


def _reason_checked(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why you chose this household")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("The reason must be %(max)s characters or fewer") % {"max": REASON_MAX}}
        )
    return reason


def direct_let(*, actor: Actor, home: Property, application: Application, reason: str) -> Offer:
    """Choose `application`'s household for `home` from the home's match list as it stands now,
    for `reason`, and nominate it to the landlord. Returns the nomination."""
    reason = _reason_checked(reason)
    with transaction.atomic():
        # The home's row is the lock every direct let of it takes first.
        locked = (
            Property.objects.select_for_update(of=("self",))
            .select_related("council", "landlord")
            .get(pk=home.pk)
        )
        officer = _officer(actor, locked)
        advert = open_advert_of(locked, lock=True)
        blocker = match_blocker(open_advert_state(advert))
        if blocker:
            raise ValidationError(blocker)
        reference = (
            Household.objects.filter(pk=application.household_id)
            .values_list("reference", flat=True)
            .first()
            or ""
        )
        if application.council_id != locked.council_id:
            raise ValidationError(not_on_list(reference, ""))
        now = clock.now()
        labels = labels_for(locked, advert)
        ranked = match_rank(home=locked, labels=labels, as_at=now)
        if ranked is None:
            raise ValidationError(str(NO_POLICY))
        application_id = str(application.pk)
        placed = ranked.placed_of(application_id)
        if placed is None:
            excluded = ranked.excluded_of(application_id)
            raise ValidationError(
                not_on_list(
                    reference,
                    excluded.reason if excluded is not None else _("the application is not active"),
                )
            )
        chosen = Bid.objects.filter(advert=advert, application=application)
        if advert is not None and chosen.exists():
            raise ValidationError(already_chosen(reference))
        advert = _advert_for_direct_let(actor, officer, locked, advert, labels)
        shortlist = _shortlist_recorded(advert, ranked)
        bid = Bid.objects.create(
            advert=advert,
            application=application,
            status=BidStatus.LIVE,
            channel=BidChannel.MATCH,
            placed_at=now,
            placed_by=officer,
        )
        standing = ranked.standings[application_id]
        placed_count = len(ranked.result.placed)
        entry = ShortlistEntry.objects.create(
            shortlist=shortlist,
            bid=bid,
            status=EntryStatus.PLACED,
            # The officer's choices in order: the first household chosen for the home is 1.
            position=shortlist.entries.count() + 1,
            keys=[
                [PLACE_KEY, f"{placed.position} of {placed_count}"],
                *([what, value] for what, value in placed.keys),
            ],
            band=standing.band,
            points=standing.points,
            priority_date=standing.priority_date,
        )
        choice = MatchChoice.objects.create(
            advert=advert,
            entry=entry,
            policy_version=ranked.version,
            as_at=now,
            position=placed.position,
            placed=placed_count,
            excluded=len(ranked.result.excluded),
            reason=reason,
            chosen_by=officer,
            top=_top(ranked),
        )
        audit_record(
            actor=actor,
            verb="match.chosen",
            target=choice,
            organisation=locked.council,
            changes=changes_of(
                after={"household": reference, "position": placed.position},
                context={
                    "advert": advert.reference,
                    "reason": reason,
                    "placed": placed_count,
                    "excluded": choice.excluded,
                    "policy_version": ranked.version.number,
                    "choice": entry.position,
                },
            ),
        )
        return offer_nominate(actor=actor, entry=entry)


def _top(ranked: Ranked) -> list[list[object]]:
    top = ranked.result.placed[:TOP_KEPT]
    references = dict(
        Application.objects.filter(pk__in=[p.bid_id for p in top]).values_list(
            "pk", "household__reference"
        )
    )
    by_id = {str(pk): reference for pk, reference in references.items()}
    return [
        [p.position, p.bid_id, by_id.get(p.bid_id, ""), [[w, v] for w, v in p.keys]] for p in top
    ]


def _advert_for_direct_let(
    actor: Actor, officer: User, home: Property, advert: Advert | None, labels: Advert
) -> Advert:
    """The home's advert, on the direct route and closed to bids: made for the let when the home
    had none, switched when the landlord's was approved or waiting for approval."""
    now = clock.now()
    if advert is None:
        made = _advert_made(officer, home, labels)
        audit_record(
            actor=actor,
            verb="advert.made_for_direct_let",
            target=made,
            organisation=home.council,
            changes=changes_of(
                after={
                    "route": made.route,
                    "status": made.status,
                    "min_bedroom_need": made.min_bedroom_need,
                    "max_bedroom_need": made.max_bedroom_need,
                    "minimum_age": made.minimum_age,
                },
                context={"home": str(home)},
            ),
        )
        return made
    if advert.status == AdvertStatus.CLOSED:
        return advert  # a direct let already: choosing again after a refusal
    if advert.status not in SWITCHABLE:  # match_blocker refused the rest already
        raise ValidationError(_("This home's advert cannot be let directly."))
    before = {"route": advert.route, "status": advert.status}
    advert.route = AdvertRoute.DIRECT
    advert.status = AdvertStatus.CLOSED
    if advert.approved_at is None:
        advert.approved_at, advert.approved_by = now, officer
    advert.save(update_fields=["route", "status", "approved_at", "approved_by", "updated_at"])
    audit_record(
        actor=actor,
        verb="advert.switched_to_direct_let",
        target=advert,
        organisation=home.council,
        changes=changes_of(before=before, after={"route": advert.route, "status": advert.status}),
    )
    return advert


def _advert_made(officer: User, home: Property, labels: Advert) -> Advert:
    prefix = reference_prefix(home.council.slug)
    now = clock.now()
    labels.route = AdvertRoute.DIRECT
    labels.status = AdvertStatus.CLOSED
    labels.created_by = officer
    labels.approved_at, labels.approved_by = now, officer
    for _attempt in range(5):
        labels.reference = _next_reference(prefix)
        try:
            with transaction.atomic():
                labels.save(force_insert=True)
        except IntegrityError:
            # Another direct let took the same reference at the same moment: take the next.
            labels._state.adding = True
            continue
        return labels
    raise ValidationError(_("Could not give the advert a reference. Try again."))


def _next_reference(prefix: str) -> str:
    # The longest, then highest, reference is the newest: numbers may outgrow five digits.
    latest = (
        Advert.objects.filter(reference__startswith=f"{prefix}-D")
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = (reference_number(latest) or 0) + 1 if latest else 1
    return direct_reference(prefix, number)


def _shortlist_recorded(advert: Advert, ranked: Ranked) -> Shortlist:
    """The advert's shortlist, made at the first choice and brought up to each later one: the
    policy version and instant of the list the latest household was chosen from."""
    result = ranked.result
    shortlist = Shortlist.objects.select_for_update().filter(advert=advert).first()
    if shortlist is None:
        return Shortlist.objects.create(
            advert=advert,
            policy_version=ranked.version,
            as_at=ranked.as_at,
            ranked_at=ranked.as_at,
            explanation=list(result.explanation),
            problems=list(result.problems),
        )
    shortlist.policy_version = ranked.version
    shortlist.as_at = shortlist.ranked_at = ranked.as_at
    shortlist.explanation = list(result.explanation)
    shortlist.problems = list(result.problems)
    shortlist.save(
        update_fields=["policy_version", "as_at", "ranked_at", "explanation", "problems"]
    )
    return shortlist
