"""Match lists: the households on a council's register ranked for one of its homes, by the
council's policy in force, with the same engine and explanations as a shortlist.

Every active application on the council's register is a candidate (a `BidRow` whose bid is
the application), checked against the home's labels: those of its open advert, or for a home
with no advert the labels `rules.matches.labels_of_home` gives it. A register holds tens of
thousands of households, so the list ranks on each household's stored standing (one query for
them all) unless the policy needs full facts for this home; only the rows a page shows are read
in full (reference and lead applicant's name).

Officers read the match lists and homes to match of their own council only (404 otherwise).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.models import Organisation
from hearth.core.pages.pagination import CappedPaginator
from hearth.lettings.fetch import BidRow, advert_home, bidders_of
from hearth.lettings.models import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    Bid,
    LabelUse,
    MatchChoice,
    Offer,
    OfferStatus,
    Property,
)
from hearth.lettings.rules.matches import OpenAdvert, labels_of_home, match_blocker, reasons_counted
from hearth.lettings.selectors.councils import allocates_directly
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.rank import Excluded, Placed, ShortlistResult, Standing, rank
from hearth.policy.selectors import policy_in_force
from hearth.register.fetch import UUIDText
from hearth.register.models import Application, Household, Person, Relationship
from hearth.register.rules import lifecycle

PER_PAGE = 50
EXCLUDED_SHOWN = 50
# An advert is open from its draft until it is let or withdrawn (one open advert per home).
OPEN_ADVERT_STATUSES = (
    AdvertStatus.DRAFT,
    AdvertStatus.SUBMITTED,
    AdvertStatus.RETURNED,
    AdvertStatus.APPROVED,
    AdvertStatus.LIVE,
    AdvertStatus.CLOSED,
)
# A home with one of these offers is taken until the offer is answered (or, once accepted, let).
TAKING_OFFER_STATUSES = (OfferStatus.NOMINATED, OfferStatus.OFFERED, OfferStatus.ACCEPTED)
NO_ASSESSMENT = "no assessment on record"


NO_POLICY = gettext_lazy(
    "Your council has no allocation policy in force today, so there is no match list. "
    "Ask your policy admin to publish one."
)


def not_on_list(reference: str, reason: str) -> str:
    if reason:
        return _("%(reference)s is not on the match list for this home: %(reason)s.") % {
            "reference": reference,
            "reason": reason,
        }
    return _("%(reference)s is not on the match list for this home.") % {"reference": reference}


def already_chosen(reference: str) -> str:
    return _("%(reference)s has already been chosen for this home. Choose another household.") % {
        "reference": reference
    }


def _is_officer(actor: Actor) -> bool:
    return actor.organisation is not None and actor.can(Capability.MANAGE_LETTINGS)


def _homes_visible(actor: Actor) -> QuerySet[Property]:
    if not _is_officer(actor):
        return Property.objects.none()
    return Property.objects.filter(council=actor.organisation)


def match_home_get(*, actor: Actor, home_id: uuid.UUID) -> Property:
    """A home in the officer's council's area (404 for any other)."""
    found = _homes_visible(actor).select_related("council", "landlord").filter(pk=home_id).first()
    if found is None:
        raise Http404
    return found


def open_advert_of(home: Property, *, lock: bool = False) -> Advert | None:
    """The home's advert in progress, if it has one (a database constraint allows one); with
    `lock`, its row locked for the caller's transaction (a cycle opening may be publishing it)."""
    adverts = Advert.objects.select_for_update(of=("self",)) if lock else Advert.objects
    return (
        adverts.filter(property=home, status__in=OPEN_ADVERT_STATUSES)
        .select_related("property", "council", "cycle")
        .first()
    )


def open_advert_state(advert: Advert | None) -> OpenAdvert | None:
    if advert is None:
        return None
    return OpenAdvert(
        reference=advert.reference,
        status=advert.status,
        route=advert.route,
        offer_in_progress=Offer.objects.filter(
            advert=advert, status__in=TAKING_OFFER_STATUSES
        ).exists(),
    )


def labels_for(home: Property, advert: Advert | None) -> Advert:
    """The advert whose labels the home is matched on: its open advert, or (unsaved) the labels
    a home with no advert gets."""
    if advert is not None:
        return advert
    labels = labels_of_home(
        bedrooms=home.bedrooms, mobility=home.mobility, older_persons=home.older_persons
    )
    return Advert(
        property=home,
        council=home.council,
        route=AdvertRoute.DIRECT,
        min_bedroom_need=labels.min_bedroom_need,
        max_bedroom_need=labels.max_bedroom_need,
        minimum_age=labels.minimum_age,
        mobility_need=labels.mobility_need,
        # An accessible home let directly goes first to households assessed as needing it,
        # then to everyone else: nobody is left off a match list for a need not yet assessed.
        mobility_use=LabelUse.PRIORITY,
    )


@dataclass(frozen=True, slots=True)
class Ranked:
    """A match list: the engine's result (bid identifiers are application ids) under `version`,
    and each placed or excluded household's standing by application id."""

    version: PolicyVersion
    result: ShortlistResult
    standings: dict[str, Standing]
    as_at: dt.datetime

    def placed_of(self, application_id: str) -> Placed | None:
        return next((p for p in self.result.placed if p.bid_id == application_id), None)

    def excluded_of(self, application_id: str) -> Excluded | None:
        return next((e for e in self.result.excluded if e.bid_id == application_id), None)


def match_rank(*, home: Property, labels: Advert, as_at: dt.datetime) -> Ranked | None:
    """Rank the council's register for `home` on `labels`, under the council's policy in force
    on `as_at`'s day (None when it has none). Households under offer are excluded with the
    reason, as on a shortlist; a household never assessed has nothing to rank on."""
    council: Organisation = home.council
    day = as_at.astimezone(clock.LONDON).date()
    version = policy_in_force(council, day)
    if version is None:
        return None
    document = document_of(version)
    engine_home = advert_home(labels)
    found = (
        Application.objects.filter(council=council, status__in=lifecycle.ON_REGISTER)
        .order_by()
        .values_list(UUIDText("id"), UUIDText("household_id"), "status")
    )
    slug = council.slug
    under_offer = lifecycle.UNDER_OFFER
    rows = [
        BidRow(application_id, household_id, slug, status == under_offer)
        for application_id, household_id, status in found
    ]
    bidders = bidders_of(document, engine_home, rows, day)
    result = rank(document, engine_home, bidders, day, seed=str(home.pk))
    standings = {bidder.bid_id: bidder.standing for bidder in bidders}
    unranked = [row for row in rows if row.bid_id not in standings]
    if unranked:
        extra = tuple(Excluded(r.bid_id, r.household_id, NO_ASSESSMENT) for r in unranked)
        result = ShortlistResult(
            placed=result.placed,
            excluded=tuple(sorted((*result.excluded, *extra))),
            problems=result.problems,
            explanation=result.explanation,
        )
    return Ranked(version=version, result=result, standings=standings, as_at=as_at)


# --- The match list page -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchRow:
    application_id: str
    household_reference: str
    lead_name: str
    position: int | None = None  # placed households only
    keys: tuple[tuple[str, str], ...] = ()
    reason: str = ""  # excluded households only
    chosen: bool = False  # chosen for this home before (its offer was refused or withdrawn)


@dataclass(frozen=True, slots=True)
class MatchListView:
    home: Property
    advert: Advert | None  # the home's open advert, if any
    labels: Advert  # what the households are checked against
    blocker: str  # why the home cannot be let directly now ("" if it can)
    direct: bool  # the council allocates directly (never advertises)
    ranked: Ranked | None  # None: the council has no policy in force
    page: Page | None  # type: ignore[type-arg]
    rows: list[MatchRow]  # the page's placed households
    excluded: list[MatchRow]  # the first of those left off
    reasons: list[tuple[str, int]]
    looked_for: str
    found: MatchRow | None  # the household looked for, if it is on the register
    choices: list[MatchChoice]  # earlier choices for this home, oldest first

    @property
    def placed_count(self) -> int:
        return len(self.ranked.result.placed) if self.ranked is not None else 0

    @property
    def excluded_count(self) -> int:
        return len(self.ranked.result.excluded) if self.ranked is not None else 0


def _households_shown(application_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """(household reference, lead applicant's name) by application id, for the rows shown."""
    if not application_ids:
        return {}
    applications = Application.objects.filter(pk__in=list(application_ids)).values_list(
        "pk", "household_id", "household__reference"
    )
    by_household = {household_id: (str(pk), ref) for pk, household_id, ref in applications}
    leads = dict(
        Person.objects.filter(
            household_id__in=list(by_household), relationship=Relationship.LEAD
        ).values_list("household_id", "full_name")
    )
    return {
        pk: (reference, leads.get(household_id, ""))
        for household_id, (pk, reference) in by_household.items()
    }


def _placed_rows(placed: Sequence[Placed], chosen: set[str]) -> list[MatchRow]:
    shown = _households_shown([p.bid_id for p in placed])
    return [
        MatchRow(
            application_id=p.bid_id,
            household_reference=shown.get(p.bid_id, ("", ""))[0],
            lead_name=shown.get(p.bid_id, ("", ""))[1],
            position=p.position,
            keys=p.keys,
            chosen=p.bid_id in chosen,
        )
        for p in placed
    ]


def _excluded_rows(excluded: Sequence[Excluded]) -> list[MatchRow]:
    shown = _households_shown([e.bid_id for e in excluded])
    return [
        MatchRow(
            application_id=e.bid_id,
            household_reference=shown.get(e.bid_id, ("", ""))[0],
            lead_name=shown.get(e.bid_id, ("", ""))[1],
            reason=e.reason,
        )
        for e in excluded
    ]


def _looked_up(home: Property, ranked: Ranked, reference: str, chosen: set[str]) -> MatchRow | None:
    """The household with `reference` on the council's register, placed or with the reason it
    was left off (or a row saying it is not an active application)."""
    household = (
        Household.objects.filter(council=home.council_id, reference__iexact=reference.strip())
        .select_related("application")
        .first()
    )
    application = getattr(household, "application", None) if household is not None else None
    if household is None or application is None:
        return None
    application_id = str(application.pk)
    placed = ranked.placed_of(application_id)
    if placed is not None:
        return _placed_rows([placed], chosen)[0]
    excluded = ranked.excluded_of(application_id)
    if excluded is not None:
        return _excluded_rows([excluded])[0]
    status = lifecycle.STATUS_TEXT[application.status].label.lower()
    return MatchRow(
        application_id=application_id,
        household_reference=household.reference,
        lead_name="",
        reason=f"the application is {status}, not active on the register",
    )


def _chosen_before(advert: Advert | None) -> set[str]:
    if advert is None or advert.pk is None:
        return set()
    chosen = Bid.objects.filter(advert=advert).values_list("application_id", flat=True)
    return {str(pk) for pk in chosen}


def match_list_view(
    *, actor: Actor, home_id: uuid.UUID, number: str | None, looked_for: str = ""
) -> MatchListView:
    home = match_home_get(actor=actor, home_id=home_id)
    advert = open_advert_of(home)
    labels = labels_for(home, advert)
    now = clock.now()
    ranked = match_rank(home=home, labels=labels, as_at=now)
    chosen = _chosen_before(advert)
    page = None
    rows: list[MatchRow] = []
    excluded: list[MatchRow] = []
    reasons: list[tuple[str, int]] = []
    found = None
    if ranked is not None:
        page = Paginator(ranked.result.placed, PER_PAGE).get_page(number)
        rows = _placed_rows(list(page.object_list), chosen)
        excluded = _excluded_rows(ranked.result.excluded[:EXCLUDED_SHOWN])
        reasons = reasons_counted(e.reason for e in ranked.result.excluded)
        if looked_for.strip():
            found = _looked_up(home, ranked, looked_for, chosen)
    return MatchListView(
        home=home,
        advert=advert,
        labels=labels,
        blocker=match_blocker(open_advert_state(advert)),
        direct=allocates_directly(home.council, now.astimezone(clock.LONDON).date()),
        ranked=ranked,
        page=page,
        rows=rows,
        excluded=excluded,
        reasons=reasons,
        looked_for=looked_for.strip(),
        found=found,
        choices=_choices_of(advert),
    )


def _choices_of(advert: Advert | None) -> list[MatchChoice]:
    if advert is None:
        return []
    return list(
        MatchChoice.objects.filter(advert=advert)
        .select_related("entry__bid__application__household", "chosen_by")
        .order_by("as_at")
    )


# --- Choosing a household ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A household the officer is about to choose, and where the list puts it now."""

    home: Property
    application: Application
    advert: Advert | None
    blocker: str
    row: MatchRow | None  # None: not on the council's register as an active application
    ranked: Ranked | None

    @property
    def problem(self) -> str:
        """Why this household cannot be chosen for this home now ("" if it can)."""
        reference = self.application.household.reference
        if self.blocker:
            return self.blocker
        if self.ranked is None:
            return str(NO_POLICY)
        if self.row is None or self.row.position is None:
            return not_on_list(reference, self.row.reason if self.row is not None else "")
        if self.row.chosen:
            return already_chosen(reference)
        return ""


def match_candidate_get(
    *, actor: Actor, home_id: uuid.UUID, application_id: uuid.UUID
) -> Candidate:
    """The home and an application on the officer's council's register (404 for any other),
    with the household's place on the home's match list as it stands now."""
    home = match_home_get(actor=actor, home_id=home_id)
    application = (
        Application.objects.select_related("household")
        .filter(pk=application_id, council=home.council_id)
        .first()
    )
    if application is None:
        raise Http404
    advert = open_advert_of(home)
    ranked = match_rank(home=home, labels=labels_for(home, advert), as_at=clock.now())
    row = (
        _looked_up(home, ranked, application.household.reference, _chosen_before(advert))
        if ranked is not None
        else None
    )
    return Candidate(
        home=home,
        application=application,
        advert=advert,
        blocker=match_blocker(open_advert_state(advert)),
        row=row,
        ranked=ranked,
    )


# --- Homes to match ----------------------------------------------------------------------------

WAITING, MATCHING, OTHER = "waiting", "matching", "other"
LISTS = (WAITING, MATCHING, OTHER)


@dataclass(frozen=True, slots=True)
class HomesToMatch:
    show: str
    page: Page  # type: ignore[type-arg]
    waiting: int
    matching: int
    direct: bool  # the council allocates directly (never advertises)


def homes_to_match(*, actor: Actor, show: str, number: str | None) -> HomesToMatch:
    """The council's homes to match: approved adverts not in a cycle (for a council that
    allocates directly, they are never advertised), direct lets in progress, and its other homes
    (with no advert in progress) for a direct let of a home the landlord has not advertised."""
    council = actor.organisation if _is_officer(actor) else None
    show = show if show in LISTS else WAITING
    adverts = (
        Advert.objects.filter(council=council) if council is not None else Advert.objects.none()
    )
    waiting = adverts.filter(status=AdvertStatus.APPROVED, cycle__isnull=True)
    matching = adverts.filter(route=AdvertRoute.DIRECT, status=AdvertStatus.CLOSED)
    rows: QuerySet[Advert] | QuerySet[Property]
    if show == WAITING:
        rows = waiting.select_related("property__landlord").order_by("approved_at", "reference")
    elif show == MATCHING:
        rows = (
            matching.select_related("property__landlord")
            .annotate(
                in_progress=Count("offers", filter=Q(offers__status__in=TAKING_OFFER_STATUSES))
            )
            .order_by("-updated_at", "reference")
        )
    else:
        rows = (
            _homes_visible(actor)
            .exclude(adverts__status__in=OPEN_ADVERT_STATUSES)
            .select_related("landlord")
            .order_by("postcode", "address")
        )
    today = clock.today()
    return HomesToMatch(
        show=show,
        page=CappedPaginator(rows, PER_PAGE).get_page(number),
        waiting=waiting.count(),
        matching=matching.count(),
        direct=council is not None and allocates_directly(council, today),
    )


@dataclass(frozen=True, slots=True)
class MatchWork:
    """The council's match-list work, for its lettings officers' home page."""

    waiting: int  # approved homes not in a cycle, waiting for a household
    matching: int  # direct lets in progress
    direct: bool  # the council allocates directly (never advertises)


def match_work(*, actor: Actor) -> MatchWork | None:
    """How many of the council's homes wait to be matched and how many direct lets are in
    progress (one query, and the policy in force); None, without a query, for anyone but a
    council's lettings officers."""
    council = actor.organisation
    if council is None or not council.is_council or not _is_officer(actor):
        return None
    counts = Advert.objects.filter(council=council).aggregate(
        waiting=Count("pk", filter=Q(status=AdvertStatus.APPROVED, cycle__isnull=True)),
        matching=Count("pk", filter=Q(route=AdvertRoute.DIRECT, status=AdvertStatus.CLOSED)),
    )
    return MatchWork(
        counts["waiting"], counts["matching"], allocates_directly(council, clock.today())
    )
