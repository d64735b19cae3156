"""Reads for bidding: who may bid for an application and see its bids, and "Can I bid?".

Who may bid for an application (`may_bid_for`): the applicant whose household it is, and
officers with MANAGE_LETTINGS of the council whose register it is on (on the applicant's
behalf). Bids are visible to the same people (`bids_visible`); anything else is a 404.

"Can I bid?" (`bid_answer_get`, `bid_answers_list`) reads what `rules.bid_check.BidQuestion`
needs, under the advertising council's policy version in force today: for a household on that
council's register, its stored standing; for one on another council's register (a
cross-partner bid), a standing worked out now by assessing its facts under the advertising
council's policy. `bid_place` asks the same question again under a lock (`bid_question_read`).

Live queue positions and the lists of an applicant's bids are in `selectors/bids_position.py`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import Organisation, Scheme
from hearth.lettings.models import (
    OPEN_OFFER_STATUSES,
    Advert,
    AdvertStatus,
    AutoBid,
    Bid,
    BidChannel,
    BidStatus,
    Cycle,
    Offer,
)
from hearth.lettings.rules.bid_check import BidAnswer, BidQuestion, bid_answer
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts
from hearth.policy.rules.rank import (
    Bidder,
    Home,
    Standing,
    needs_full_facts,
)
from hearth.register.fetch import (
    IdIn,
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
        maximum_age=advert.maximum_age or 0,
        age_applies_to=advert.age_applies_to,
        mobility="" if home.mobility == "general" else home.mobility,
        mobility_need=advert.mobility_need,
        mobility_use=advert.mobility_use,
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

    @cached_property
    def offers_open(self) -> set[object]:
        """The adverts it is nominated for or offered, awaiting a decision or its answer."""
        return set(
            Offer.objects.filter(
                application_id=self.application.pk, status__in=OPEN_OFFER_STATUSES
            ).values_list("advert_id", flat=True)
        )

    def bidder(
        self, policy: PolicyDocument, home: Home, bid_id: str = "", advert_id: object = None
    ) -> Bidder | None:
        """The application as a bidder for `home` (advert `advert_id`) under the advertising
        council's `policy`: on that council's register, its stored standing (with its facts
        where ranking needs them); on another's, its facts assessed now under `policy` (a
        cross-partner bid). Under offer: waiting to answer an offer, or nominated for another
        home and awaiting the decision."""
        under_offer = self.application.status == lifecycle.UNDER_OFFER or bool(
            self.offers_open - {advert_id}
        )
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
        """Bids placed in each cycle and not withdrawn, by cycle id; and live bids now.

        A live bid counts while its advert is still advertised (a bid on a closed advert waits
        for its outcome), and so does a household's live choice from a match list: it has been
        put forward for that home, as good as a bid that won, until the offer is answered or
        withdrawn (`services.offers` then ends it). A match choice is the officer's, not a bid
        the household placed in a cycle, so it never uses up a cycle's bids."""
        matched = Q(channel=BidChannel.MATCH)
        rows = (
            Bid.objects.filter(application_id=self.application.pk)
            .exclude(status=BidStatus.WITHDRAWN)
            .values("advert__cycle_id")
            .annotate(
                placed=Count("id", filter=~matched),
                live=Count(
                    "id",
                    filter=Q(status=BidStatus.LIVE)
                    & (Q(advert__status=AdvertStatus.LIVE) | matched),
                ),
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
        bidder=bidding.bidder(policy, home, advert_id=advert.pk) if policy is not None else None,
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


class QuestionRead(NamedTuple):
    question: BidQuestion
    # The advertising council's policy version the question was asked under (None: none).
    policy_version: PolicyVersion | None


def bid_question_read(
    *, advert: Advert, application: Application, now: dt.datetime
) -> QuestionRead:
    """The question read afresh (for `bid_place`, under its lock on the application)."""
    advert = Advert.objects.select_related("property", "council", "cycle").get(pk=advert.pk)
    if advert.cycle is None:
        raise ValidationError(_("This home is not advertised."))
    today = now.astimezone(clock.LONDON).date()
    advertisers = Advertisers.read(advert.council.scheme_id, today)
    question = bid_question(
        advert=advert,
        cycle=advert.cycle,
        bidding=ApplicationBidding(application, today),
        advertisers=advertisers,
        now=now,
    )
    return QuestionRead(question, advertisers.versions.get(advert.council_id))


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
