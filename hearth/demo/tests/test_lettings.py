"""The demo lettings week, seeded once for the module (over the small test register): last
week's cycle let with its results public, this week's open with bids, an offer waiting for an
answer, a bypass, a cross-partner bid, Kingsbarrow's match lists, and the applicant sign-in's
live bids with their places; every row with the event its service records."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import User
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.models import AuditEvent
from hearth.demo.lettings.bidders import assessed_changes
from hearth.demo.lettings.moments import DemoWeek
from hearth.demo.lettings.week import demo_lettings_seed
from hearth.demo.tests.seed_support import Event, event_of, events_found, london_date
from hearth.lettings.models import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    Bid,
    BidChannel,
    BidStatus,
    ConnectionScope,
    Cycle,
    CycleStatus,
    EntryStatus,
    Let,
    LetRoute,
    MatchChoice,
    Offer,
    OfferStatus,
    Property,
    Shortlist,
    ShortlistEntry,
)
from hearth.lettings.selectors.bids_position import bid_position_get
from hearth.lettings.selectors.matches import OPEN_ADVERT_STATUSES
from hearth.policy.documents.loaded import document_of
from hearth.register.models import Assessment

pytestmark = pytest.mark.django_db

APPLICANT = "applicant@marshvale.example"


def _cycles() -> tuple[Cycle, Cycle]:
    past, current = Cycle.objects.order_by("opens_at")
    return past, current


def test_last_weeks_cycle_is_closed_and_every_home_in_it_let(seeded: None) -> None:
    # Given last week's cycle
    past, _current = _cycles()
    assert past.status == CycleStatus.CLOSED
    assert past.closes_at < clock.now()
    adverts = list(Advert.objects.filter(cycle=past).select_related("council"))
    # Then it had homes in each council on choice-based lettings, each shortlisted and let
    assert {a.council.slug for a in adverts} == {"marshvale-city", "eastmere", "northfen"}
    assert {a.status for a in adverts} == {AdvertStatus.LET}
    assert Shortlist.objects.filter(advert__in=adverts).count() == len(adverts)
    lets = Let.objects.filter(advert__in=adverts)
    assert lets.count() == len(adverts)
    assert {let.route for let in lets} == {LetRoute.CBL}


def test_the_public_lettings_results_show_last_weeks_lets(seeded: None) -> None:
    # Given last week's lets
    past, _current = _cycles()
    let = Let.objects.filter(advert__cycle=past).select_related("advert__property").first()
    assert let is not None
    # When anyone opens the lettings results
    page = Client().get(reverse("publishing:results"))
    # Then they are listed, with how many households bid
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{Let.objects.count()} lets" in text
    assert let.advert.property.area in text


def test_this_weeks_cycle_is_open_with_homes_from_three_landlords_in_three_councils(
    seeded: None,
) -> None:
    # Given this week's cycle
    _past, current = _cycles()
    # Then it takes bids now...
    assert current.accepts_bids_at(clock.now())
    adverts = Advert.objects.filter(cycle=current, status=AdvertStatus.LIVE)
    # ...for homes of the three demo landlords in the three councils on choice-based lettings
    # (never Kingsbarrow, which matches households to homes directly)
    assert {a.property.landlord.slug for a in adverts} == {
        "heronsgate",
        "stonebridge",
        "marshvale-homes",
    }
    assert {a.council.slug for a in adverts} == {"marshvale-city", "eastmere", "northfen"}
    assert 20 <= adverts.count() <= 30
    # ...and households have bid for most of them
    bids = Bid.objects.filter(advert__cycle=current, status=BidStatus.LIVE)
    assert bids.count() >= 50
    assert bids.values("advert").distinct().count() >= 15


def test_one_offer_waits_for_the_households_answer(seeded: None) -> None:
    # Given the offers made
    waiting = Offer.objects.filter(status=OfferStatus.OFFERED).select_related("application")
    # Then one is out, due in the coming working days, its household under offer
    (offer,) = waiting
    assert offer.respond_by is not None
    assert offer.respond_by >= clock.today()
    assert offer.application.status == "under_offer"


def test_a_bidder_was_bypassed_for_one_of_the_policys_reasons_with_a_note(seeded: None) -> None:
    # Given the bypassed bidders
    (entry,) = ShortlistEntry.objects.filter(status=EntryStatus.BYPASSED).select_related(
        "shortlist__policy_version"
    )
    # Then the reason is one the policy lists, with a note and who recorded it
    reasons = {r.code for r in document_of(entry.shortlist.policy_version).shortlist.bypass_reasons}
    assert entry.bypass_reason in reasons
    assert entry.bypass_note
    assert entry.bypassed_by is not None
    # ...and the home went to the next bidder
    let = Let.objects.get(advert=entry.shortlist.advert)
    assert entry.position is not None
    assert let.offer.entry.position == entry.position + 1


def test_a_refused_offer_went_to_the_next_bidder(seeded: None) -> None:
    (refused,) = Offer.objects.filter(status=OfferStatus.REFUSED)
    assert refused.refusal_counts
    assert refused.consequence
    let = Let.objects.get(advert=refused.advert)
    assert (let.offer.entry.position or 0) > (refused.entry.position or 0) > 0


def test_households_on_other_councils_registers_bid_for_homes_open_to_partners(
    seeded: None,
) -> None:
    # Given the cross-partner bids
    crossing = Bid.objects.filter(cross_partner=True).select_related("advert", "application")
    assert crossing.exists()
    # Then each is for a home open to any partner's households, from another register
    for bid in crossing:
        assert bid.advert.connection_scope == ConnectionScope.PARTNERS
        assert bid.application.council_id != bid.advert.council_id


def test_kingsbarrow_works_its_match_lists(seeded: None) -> None:
    # Given Kingsbarrow's homes
    homes = Property.objects.filter(council__slug="kingsbarrow")
    assert homes.count() == 3
    # Then none was ever advertised for bids...
    assert not Advert.objects.filter(council__slug="kingsbarrow", route=AdvertRoute.CBL).exists()
    # ...one was let directly from its match list, one is offered from it, one waits to match
    choices = MatchChoice.objects.filter(advert__council__slug="kingsbarrow")
    assert choices.count() == 2
    assert all(choice.reason and choice.position >= 1 for choice in choices)
    assert (
        Let.objects.filter(advert__council__slug="kingsbarrow", route=LetRoute.DIRECT).count() == 1
    )
    assert Offer.objects.filter(
        advert__council__slug="kingsbarrow", status=OfferStatus.OFFERED
    ).exists()
    assert (
        homes.exclude(adverts__status__in=OPEN_ADVERT_STATUSES)
        .exclude(adverts__status=AdvertStatus.LET)
        .count()
        == 1
    )


def test_the_applicant_sign_in_has_live_bids_with_their_places(seeded: None) -> None:
    # Given the demo applicant, and this week's cycle
    user = User.objects.get(email=APPLICANT)
    _past, current = _cycles()
    bids = list(Bid.objects.filter(application__household__applicant=user, advert__cycle=current))
    live = [bid for bid in bids if bid.status == BidStatus.LIVE]
    # Then they bid online for three homes (and withdrew one bid on the way)...
    assert len(live) == 3
    assert {bid.channel for bid in bids} == {BidChannel.ONLINE}
    assert any(bid.status == BidStatus.WITHDRAWN for bid in bids)
    # ...each with a place in the queue so far
    actor = Actor(user=user, scheme=current.scheme)
    for bid in live:
        position = bid_position_get(actor=actor, bid=bid)
        assert position is not None
        assert position.position is not None
        assert position.total >= position.position
    # ...which "My bids" shows them
    client = Client()
    client.force_login(user)
    page = client.get(reverse("lettings:bids"))
    assert page.status_code == 200
    assert "so far" in page.content.decode()


def test_every_lettings_row_has_the_event_its_service_records(seeded: None) -> None:
    # Given the events recorded, by the record each is about
    recorded = set(AuditEvent.objects.values_list("verb", "object_type", "object_id"))

    def missing(verb: str, rows: object) -> list[str]:
        return [
            str(row.pk)
            for row in rows  # type: ignore[attr-defined]
            if (verb, row._meta.label_lower, str(row.pk)) not in recorded
        ]

    # Then each row has the event of the service that wrote it
    assert missing("home.created", Property.objects.all()) == []
    assert missing("advert.created", Advert.objects.filter(route=AdvertRoute.CBL)) == []
    assert (
        missing("advert.made_for_direct_let", Advert.objects.filter(route=AdvertRoute.DIRECT)) == []
    )
    assert missing("cycle.scheduled", Cycle.objects.all()) == []
    assert missing("bid.placed", Bid.objects.exclude(channel=BidChannel.MATCH)) == []
    assert missing("shortlist.made", Shortlist.objects.filter(advert__route=AdvertRoute.CBL)) == []
    assert missing("match.chosen", MatchChoice.objects.all()) == []
    assert missing("offer.nominated", Offer.objects.all()) == []
    assert (
        missing("offer.accepted", [let.offer for let in Let.objects.select_related("offer")]) == []
    )
    assert missing("advert.published", Advert.objects.filter(cycle__isnull=False)) == []


def test_the_bidders_assessed_before_bidding_have_the_event_household_assess_records(
    seeded: None,
) -> None:
    # Given the assessments made as of the day before last week's cycle opened
    day = DemoWeek.at(clock.now()).before_past(1, 0).date()
    assessed = list(
        Assessment.objects.filter(assessed_on=day).select_related("household", "policy_version")
    )
    assert assessed
    expected: Counter[Event] = Counter(
        event_of(
            "register.assessed",
            a.household,
            a.household.reference,
            a.household.council_id,
            None,
            a.assessed_on,
            assessed_changes(a, a.policy_version.number),
        )
        for a in assessed
    )
    # Then each has the event `household_assess` records for the system, on that day
    found = events_found("register.assessed", when=london_date)
    assert expected - found == Counter()


def test_seeding_the_lettings_week_again_makes_nothing(seeded: None) -> None:
    assert demo_lettings_seed() == 0
