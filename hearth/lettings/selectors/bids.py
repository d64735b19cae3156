"""Reads for bidding: "Can I bid?", the bids an actor may see, and live queue positions.

Who may bid for an application (`may_bid_for`): the applicant whose household it is, and
officers with MANAGE_LETTINGS of the council whose register it is on (on the applicant's
behalf). Bids are visible to the same people (`bids_visible`); anything else is a 404.

"Can I bid?" (`bid_answer_get`, `bid_answers_list`) reads what `rules.bid_check.BidQuestion`
needs, under the advertising council's policy version in force today: for a household on that
council's register, its stored standing; for one on another council's register (a
cross-partner bid), a standing worked out now by assessing its facts under the advertising
council's policy. `bid_place` asks the same question again under a lock (`bid_question_read`).

A live queue position (`queue_positions`) ranks the advert's live bids now, with the engine
that makes the shortlist at the close (`rank`, under the policy in force today, every bidder's
standing as it is now), so "You are 4th of 37 so far" can change until bidding closes. Any
number of adverts are ranked with the same few queries.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import Organisation, Scheme
from hearth.lettings.models import Advert, AdvertStatus, AutoBid, Bid, BidStatus, Cycle
from hearth.lettings.rules.bid_check import STATUS_REASONS, BidAnswer, BidQuestion, bid_answer
from hearth.lettings.rules.bid_outcome import ShortlistPlace, bid_outcome_text
from hearth.lettings.rules.labels_text import date_time_text, moment_text, ordinal
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import (
    Bidder,
    Home,
    ShortlistResult,
    Standing,
    eligibility_check,
    needs_full_facts,
    rank,
)
from hearth.register.fetch import (
    IdIn,
    UUIDText,
    bidders_standing,
    household_facts,
)
from hearth.register.models import Application, Household, Relationship
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import is_council_officer, is_owner

# --- Who may bid, and see bids -----------------------------------------------------------------


def may_bid_for(actor: Actor, application: Application) -> bool:
    """The applicant themselves, or a lettings officer of the application's council."""
    household = application.household
    return is_owner(actor, household) or is_council_officer(
        actor, household, Capability.MANAGE_LETTINGS
    )


def bid_access_check(actor: Actor, application: Application) -> None:
    if not may_bid_for(actor, application):
        raise PermissionDenied


def bids_visible(*, actor: Actor) -> QuerySet[Bid]:
    """The bids `actor` may see: an applicant's own; a lettings officer's council's
    applications'."""
    base = Bid.objects.select_related(
        "advert__property", "advert__council", "advert__cycle", "application__household"
    )
    if actor.is_applicant and actor.user is not None:
        return base.filter(application__household__applicant=actor.user)
    if actor.organisation is not None and actor.can(Capability.MANAGE_LETTINGS):
        return base.filter(application__council=actor.organisation)
    return base.none()


def bid_get(*, actor: Actor, pk: uuid.UUID | str) -> Bid:
    """One bid `actor` may see, or 404."""
    try:
        return bids_visible(actor=actor).get(pk=pk)
    except (Bid.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404 from missing


def lead_applicant_name(application: Application) -> str:
    """The lead applicant's name, to say whose bids an officer is looking at."""
    lead = application.household.members.filter(relationship=Relationship.LEAD).first()
    return lead.full_name if lead is not None else ""


def auto_bid_of(*, actor: Actor, application: Application) -> AutoBid | None:
    """The application's automatic bidding, if an officer switched it on."""
    bid_access_check(actor, application)
    return AutoBid.objects.select_related("switched_on_by").filter(application=application).first()


# --- The advertising council, its partners and its policy --------------------------------------


def scheme_councils(scheme: Scheme | uuid.UUID) -> list[Organisation]:
    return list(Organisation.objects.filter(scheme=scheme, kind=OrganisationKind.COUNCIL))


def council_names(councils: Iterable[Organisation]) -> dict[str, str]:
    """Each council's name by the code the engine knows it by."""
    return {council.slug: council.name for council in councils}


def policies_in_force(
    councils: Iterable[Organisation], on_date: dt.date
) -> dict[object, PolicyVersion]:
    """`policy_in_force` for several councils at once, by council id: one query."""
    ids = [council.pk for council in councils]
    found: dict[object, PolicyVersion] = {}
    versions = (
        PolicyVersion.objects.filter(
            council_id__in=ids, status=PolicyStatus.PUBLISHED, effective_from__lte=on_date
        )
        .order_by("council_id", "-effective_from", "-number")
        # A version's document is read once per process (`document_of`): most requests need
        # none of these large columns.
        .defer("document", "source_text")
    )
    for version in versions:
        found.setdefault(version.council_id, version)
    return found


def advert_home(advert: Advert, partners: Sequence[str]) -> Home:
    """The advert's labels as the engine reads them. `partners`: the codes of every council of
    the scheme (the advertising council's own is left out)."""
    home = advert.property
    council = advert.council.slug
    return Home(
        bedrooms=home.bedrooms,
        council=council,
        parish=home.area,
        property_type=home.property_type,
        min_bedroom_need=advert.min_bedroom_need,
        max_bedroom_need=advert.max_bedroom_need,
        minimum_age=advert.minimum_age or 0,
        mobility=advert.mobility_need,
        local_connection_scope=advert.connection_scope,
        partner_councils=tuple(code for code in partners if code != council),
        lettings_plan=advert.lettings_plan,
    )


@dataclass(frozen=True)
class Advertisers:
    """The councils of a scheme and their policies in force on a date, read once."""

    councils: list[Organisation]
    versions: dict[object, PolicyVersion]

    @classmethod
    def read(cls, scheme_id: uuid.UUID, on_date: dt.date) -> Advertisers:
        councils = scheme_councils(scheme_id)
        return cls(councils, policies_in_force(councils, on_date))

    @cached_property
    def names(self) -> dict[str, str]:
        return council_names(self.councils)

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(council.slug for council in self.councils)

    def policy(self, council_id: object) -> PolicyDocument | None:
        version = self.versions.get(council_id)
        return document_of(version) if version is not None else None

    def home(self, advert: Advert) -> Home:
        return advert_home(advert, self.codes)


# --- One application's standing, under any advertising council's policy ------------------------


class ApplicationBidding:
    """One application as a bidder, read once however many adverts it is asked about: its
    stored standing, its full facts (read only if some advert needs them) and its bids."""

    def __init__(self, application: Application, on_date: dt.date) -> None:
        self.application = application
        self.on_date = on_date
        self.household_id = str(application.household_id)
        self._under: dict[str, Standing] = {}

    @cached_property
    def standing(self) -> Standing | None:
        """Its latest assessment on its own council's register (None: not assessed)."""
        found = bidders_standing([self.household_id], self.on_date)
        return found[0] if found else None

    @cached_property
    def facts(self) -> HouseholdFacts:
        households = Household.objects.filter(IdIn("id", [self.household_id])).order_by()
        (found,) = household_facts(households, on_date=self.on_date)
        return found

    @property
    def council(self) -> str:
        return self.application.household.council.slug

    def bidder(self, policy: PolicyDocument, home: Home, bid_id: str = "") -> Bidder | None:
        """The application as a bidder for `home` under the advertising council's `policy`:
        on that council's register, its stored standing (with its facts where ranking needs
        them); on another's, its facts assessed now under `policy` (a cross-partner bid)."""
        under_offer = self.application.status == lifecycle.UNDER_OFFER
        if self.council == home.council:
            if self.standing is None:
                return None
            facts = self.facts if needs_full_facts(policy, home, self.council) else None
            return Bidder(bid_id, self.standing, facts, under_offer)
        standing = self._under.get(home.council)
        if standing is None:
            standing = Standing.of(self.facts, assess(policy, self.facts, self.on_date))
            self._under[home.council] = standing
        return Bidder(bid_id, standing, self.facts, under_offer)

    @cached_property
    def counts(self) -> tuple[dict[object, int], int]:
        """Bids placed in each cycle and not withdrawn, by cycle id; and live bids now (on
        adverts still advertised: a bid on a closed advert waits for its outcome)."""
        rows = (
            Bid.objects.filter(application_id=self.application.pk)
            .exclude(status=BidStatus.WITHDRAWN)
            .values("advert__cycle_id")
            .annotate(
                placed=Count("id"),
                live=Count("id", filter=Q(status=BidStatus.LIVE, advert__status=AdvertStatus.LIVE)),
            )
            .order_by()
        )
        per_cycle: dict[object, int] = {}
        live = 0
        for row in rows:
            per_cycle[row["advert__cycle_id"]] = row["placed"]
            live += row["live"]
        return per_cycle, live

    @cached_property
    def live_adverts(self) -> set[object]:
        """The adverts it has a live bid on."""
        return set(
            Bid.objects.filter(
                application_id=self.application.pk, status=BidStatus.LIVE
            ).values_list("advert_id", flat=True)
        )


def bid_question(
    *,
    advert: Advert,
    cycle: Cycle,
    bidding: ApplicationBidding,
    advertisers: Advertisers,
    now: dt.datetime,
) -> BidQuestion:
    """What "Can I bid?" depends on for `advert`, from what was read."""
    policy = advertisers.policy(advert.council_id)
    home = advertisers.home(advert)
    per_cycle, live = bidding.counts
    return BidQuestion(
        home=home,
        policy=policy,
        bidder=bidding.bidder(policy, home) if policy is not None else None,
        application_status=bidding.application.status,
        advert_live=advert.status == AdvertStatus.LIVE,
        cycle_status=cycle.status,
        opens_at=cycle.opens_at,
        closes_at=cycle.closes_at,
        now=now,
        bids_this_cycle=per_cycle.get(cycle.pk, 0),
        live_bids=live,
        already_bid=advert.pk in bidding.live_adverts,
        council_names=advertisers.names,
    )


def bid_question_read(*, advert: Advert, application: Application, now: dt.datetime) -> BidQuestion:
    """The question read afresh (for `bid_place`, under its lock on the application)."""
    advert = Advert.objects.select_related("property", "council", "cycle").get(pk=advert.pk)
    if advert.cycle is None:
        raise ValidationError(_("This home is not advertised."))
    today = now.astimezone(clock.LONDON).date()
    return bid_question(
        advert=advert,
        cycle=advert.cycle,
        bidding=ApplicationBidding(application, today),
        advertisers=Advertisers.read(advert.council.scheme_id, today),
        now=now,
    )


def bid_answer_get(*, actor: Actor, advert: Advert, application: Application) -> BidAnswer:
    """May `application` bid for `advert` now, and if not, why (see `rules.bid_check`)."""
    return bid_answers_list(actor=actor, adverts=[advert], application=application)[advert.pk]


def bid_answers_list(
    *,
    actor: Actor,
    adverts: Sequence[Advert],
    application: Application,
    advertisers: Advertisers | None = None,
) -> dict[object, BidAnswer]:
    """The answer to "Can I bid?" for each advert (with its property, council and cycle), by
    advert id: a fixed number of queries however many adverts. `advertisers`: already read."""
    bid_access_check(actor, application)
    if not adverts:
        return {}
    now = clock.now()
    today = now.astimezone(clock.LONDON).date()
    bidding = ApplicationBidding(application, today)
    if advertisers is None:
        advertisers = Advertisers.read(adverts[0].council.scheme_id, today)
    answers: dict[object, BidAnswer] = {}
    for advert in adverts:
        if advert.cycle is None:
            continue
        question = bid_question(
            advert=advert, cycle=advert.cycle, bidding=bidding, advertisers=advertisers, now=now
        )
        answers[advert.pk] = bid_answer(question)
    return answers


# --- Live queue positions ----------------------------------------------------------------------


@dataclass(frozen=True)
class QueuePosition:
    """Where a live bid stands among the advert's live bids, ranked now."""

    position: int | None  # None: the bid would not be shortlisted now
    total: int  # bids placed in the order now
    reason: str = ""  # why it would not be shortlisted now, in plain English
    # The values that placed it, in the order compared: (what, value).
    keys: tuple[tuple[str, str], ...] = ()
    explanation: tuple[str, ...] = field(default_factory=tuple)  # how the order was made

    @property
    def summary(self) -> str:
        """Where the bid stands, as the applicant reads it."""
        if self.position is None:
            return _("You would not be shortlisted for this home now.")
        return _("You are %(position)s of %(total)d so far.") % {
            "position": ordinal(self.position),
            "total": self.total,
        }

    @property
    def officer_summary(self) -> str:
        """Where the bid stands, as an officer bidding for the applicant reads it."""
        if self.position is None:
            return _("The applicant would not be shortlisted for this home now.")
        return _("The applicant is %(position)s of %(total)d so far.") % {
            "position": ordinal(self.position),
            "total": self.total,
        }


def queue_positions(bids: Sequence[Bid], *, on_date: dt.date) -> dict[object, QueuePosition]:
    """The live queue position of each live bid in `bids` (with their adverts, councils and
    properties), by bid id; bids no longer live, or on an advert whose council has no policy
    in force, have none. The caller has checked the actor may see `bids`."""
    live = [bid for bid in bids if bid.status == BidStatus.LIVE]
    if not live:
        return {}
    adverts = {bid.advert_id: bid.advert for bid in live}
    advertisers = Advertisers.read(live[0].advert.council.scheme_id, on_date)
    rankings = adverts_ranked(adverts.values(), advertisers, on_date)
    found: dict[object, QueuePosition] = {}
    for bid in live:
        ranking = rankings.get(bid.advert_id)
        if ranking is None:
            continue
        status = bid.application.status
        if status not in lifecycle.ON_REGISTER:
            # Not ranked while the application cannot bid (suspended, say): its bid waits.
            reason = str(STATUS_REASONS.get(status, STATUS_REASONS[lifecycle.SUSPENDED]))
            found[bid.pk] = QueuePosition(None, len(ranking.result.placed), reason)
            continue
        found[bid.pk] = ranking.position_of(str(bid.pk))
    return found


@dataclass(frozen=True)
class AdvertRanking:
    """An advert's live bids ranked now, and how (for the positions it gives)."""

    advert: Advert
    council_name: str
    policy: PolicyDocument
    home: Home
    result: ShortlistResult
    bidders: dict[str, Bidder]  # by bid id
    council_names: Mapping[str, str]
    on_date: dt.date

    def position_of(self, bid_id: str) -> QueuePosition:
        placed = self.result.placed
        total = len(placed)
        explanation = (
            _(
                "Bids are put in order under %(council)s's allocation policy, with each "
                "bidder's band and dates as they are today. The order can change until bidding "
                "closes; the shortlist is made then."
            )
            % {"council": self.council_name},
            *self.result.explanation,
        )
        for entry in placed:
            if entry.bid_id == bid_id:
                return QueuePosition(entry.position, total, "", entry.keys, explanation)
        bidder = self.bidders.get(bid_id)
        refusal = (
            eligibility_check(self.policy, self.home, self.on_date)(bidder)
            if bidder is not None
            else None
        )
        reason = (
            refusal.applicant(self.council_names)
            if refusal is not None
            else _("Your application has no assessment we can rank.")
        )
        return QueuePosition(None, total, reason, (), explanation)


_ON_REGISTER = sorted(lifecycle.ON_REGISTER)


def adverts_ranked(
    adverts: Iterable[Advert], advertisers: Advertisers, on_date: dt.date
) -> dict[object, AdvertRanking]:
    """Each advert's live bids ranked now under its council's policy in force, by advert id.

    A fixed number of queries: the adverts' live bids; the standings of bidders on each
    advertising council's own register; the full facts of bidders whose ranking needs them and
    of cross-partner bidders, who are assessed now under the advertising council's policy."""
    policies: dict[object, PolicyDocument] = {}
    for advert in adverts:
        if (policy := advertisers.policy(advert.council_id)) is not None:
            policies[advert.pk] = policy
    wanted = [advert for advert in adverts if advert.pk in policies]
    if not wanted:
        return {}
    by_id = {advert.pk: advert for advert in wanted}
    rows = list(
        Bid.objects.filter(
            advert_id__in=list(by_id),
            status=BidStatus.LIVE,
            application__status__in=_ON_REGISTER,
        )
        .order_by()
        .values_list(
            "advert_id",
            UUIDText("id"),
            UUIDText("application__household_id"),
            "application__household__council__slug",
            "application__status",
        )
    )
    homes = {advert.pk: advertisers.home(advert) for advert in wanted}
    own: set[str] = set()  # bidders on the advertising council's register
    full: set[str] = set()  # bidders whose full facts are needed
    for advert_id, _bid, household, council, _status in rows:
        home, policy = homes[advert_id], policies[advert_id]
        if council == home.council:
            own.add(household)
            if needs_full_facts(policy, home, council):
                full.add(household)
        else:
            full.add(household)
    standings = {s.household_id: s for s in bidders_standing(sorted(own), on_date)}
    facts: dict[str, HouseholdFacts] = {}
    if full:
        households = Household.objects.filter(IdIn("id", sorted(full))).order_by()
        facts = {f.household_id: f for f in household_facts(households, on_date=on_date)}
    bidders: dict[object, dict[str, Bidder]] = defaultdict(dict)
    assessed: dict[tuple[str, str], Standing] = {}
    for advert_id, bid_id, household, council, status in rows:
        home, policy = homes[advert_id], policies[advert_id]
        under_offer = status == lifecycle.UNDER_OFFER
        if council == home.council:
            standing = standings.get(household)
            if standing is None:
                continue  # never assessed: nothing to rank on
            bidders[advert_id][bid_id] = Bidder(bid_id, standing, facts.get(household), under_offer)
            continue
        household_facts_found = facts.get(household)
        if household_facts_found is None:
            continue
        key = (household, home.council)
        if key not in assessed:
            assessment = assess(policy, household_facts_found, on_date)
            assessed[key] = Standing.of(household_facts_found, assessment)
        bidders[advert_id][bid_id] = Bidder(
            bid_id, assessed[key], household_facts_found, under_offer
        )
    names = advertisers.names
    rankings: dict[object, AdvertRanking] = {}
    for advert in wanted:
        home, policy = homes[advert.pk], policies[advert.pk]
        mine = bidders.get(advert.pk, {})
        ranked = rank(policy, home, list(mine.values()), on_date, seed=str(advert.pk))
        rankings[advert.pk] = AdvertRanking(
            advert, advert.council.name, policy, home, ranked, mine, names, on_date
        )
    return rankings


def bid_position_get(*, actor: Actor, bid: Bid) -> QueuePosition | None:
    """The live queue position of a bid `actor` may see (None once it is not live)."""
    if not bids_visible(actor=actor).filter(pk=bid.pk).exists():
        raise Http404
    return queue_positions([bid], on_date=clock.today()).get(bid.pk)


# --- An applicant's bids -----------------------------------------------------------------------


@dataclass(frozen=True)
class BidRow:
    """One bid as "My bids" (or the officer's list of an applicant's bids) shows it."""

    bid: Bid
    taking_bids: bool  # its cycle takes bids now: it can be withdrawn
    position: QueuePosition | None  # while bidding is open
    outcome: str  # once closed or withdrawn, the outcome so far
    placed: str  # when it was placed, in words
    closes: str  # when bidding closes, in words

    @property
    def can_withdraw(self) -> bool:
        return self.taking_bids and self.bid.status == BidStatus.LIVE


def bid_rows(bids: Sequence[Bid], *, now: dt.datetime) -> list[BidRow]:
    """Rows for bids read through `bids_visible` (with their shortlist entries)."""
    today = now.astimezone(clock.LONDON).date()
    open_bids = [bid for bid in bids if _taking_bids(bid, now)]
    positions = queue_positions(open_bids, on_date=today)
    rows = []
    for bid in bids:
        taking = _taking_bids(bid, now)
        entry = getattr(bid, "entry", None)
        place = (
            ShortlistPlace(entry.status, entry.position, entry.reason, entry.bypass_reason)
            if entry is not None
            else None
        )
        outcome = bid_outcome_text(
            status=bid.status, taking_bids=taking, withdrawn_at=bid.withdrawn_at, place=place
        )
        cycle = bid.advert.cycle
        rows.append(
            BidRow(
                bid,
                taking,
                positions.get(bid.pk) if taking else None,
                outcome,
                placed=date_time_text(bid.placed_at),
                closes=moment_text(cycle.closes_at, now) if cycle is not None else "",
            )
        )
    return rows


def _taking_bids(bid: Bid, now: dt.datetime) -> bool:
    cycle = bid.advert.cycle
    return cycle is not None and cycle.accepts_bids_at(now)


def my_bids_list(*, actor: Actor) -> list[BidRow]:
    """Every bid of the signed-in applicant, newest first, with positions and outcomes."""
    if not actor.is_applicant:
        raise PermissionDenied
    bids = list(bids_visible(actor=actor).select_related("entry").order_by("-placed_at", "id"))
    return bid_rows(bids, now=clock.now())


def application_bids_list(*, actor: Actor, application: Application) -> list[BidRow]:
    """Every bid of an application, for a lettings officer of its council."""
    bid_access_check(actor, application)
    bids = list(
        bids_visible(actor=actor)
        .filter(application=application)
        .select_related("entry")
        .order_by("-placed_at", "id")
    )
    return bid_rows(bids, now=clock.now())


def bid_live_on(*, actor: Actor, advert: Advert, application: Application) -> Bid | None:
    """The application's live bid on `advert`, if it has one."""
    bid_access_check(actor, application)
    return (
        bids_visible(actor=actor)
        .filter(advert=advert, application=application, status=BidStatus.LIVE)
        .first()
    )
