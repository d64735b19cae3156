"""Direct lets: an officer chooses a household from a home's match list with a reason; the home
gets (or switches to) a direct-let advert with a shortlist recording the list as it stood, a
"match" bid and a nomination to the landlord; the offer, refusal and let work as for bidding."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import (
    Advert,
    AdvertRoute,
    AdvertStatus,
    BidChannel,
    BidStatus,
    EntryStatus,
    LetRoute,
    MatchChoice,
    Offer,
    OfferStatus,
    RefusedBy,
    Shortlist,
)
from hearth.lettings.services.matches import PLACE_KEY, direct_let
from hearth.lettings.services.offers import offer_accept, offer_make, offer_refuse
from hearth.lettings.services.shortlists import shortlist_rerank
from hearth.lettings.tests.cycles_setup import applicant_in_band
from hearth.lettings.tests.matches_setup import Matching
from hearth.register.models import Application, ApplicationStatus
from hearth.register.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_choosing_a_household_for_a_home_with_no_advert_lets_it_directly_and_nominates() -> None:
    # Given a home with no advert and households in bands A, B and C
    given = Matching()
    # When the officer chooses the band B household (second on the list) with a reason
    offer = direct_let(
        actor=given.officer, home=given.home, application=given.second, reason="Urgent move"
    )
    # Then a direct-let advert was made for the home, closed to bids
    advert = Advert.objects.get(property=given.home)
    assert (advert.route, advert.status, advert.cycle_id) == (
        AdvertRoute.DIRECT,
        AdvertStatus.CLOSED,
        None,
    )
    assert advert.reference.endswith("-D00001")
    assert (advert.min_bedroom_need, advert.max_bedroom_need) == (2, 2)
    # and its shortlist records the list as it stood, with the chosen household's place and keys
    shortlist = Shortlist.objects.get(advert=advert)
    assert shortlist.policy_version == given.policy
    (entry,) = shortlist.entries.all()
    assert (entry.status, entry.position, entry.band) == (EntryStatus.PLACED, 1, "B")
    assert entry.keys[0] == [PLACE_KEY, "2 of 3"]
    assert entry.bid.channel == BidChannel.MATCH
    assert entry.bid.placed_by == given.officer.user
    choice = MatchChoice.objects.get()
    assert (choice.position, choice.placed, choice.excluded, choice.reason) == (
        2,
        3,
        1,
        "Urgent move",
    )
    assert [row[2] for row in choice.top] == [
        given.reference(a) for a in (given.first, given.second, given.third)
    ]
    # and the household is nominated to the landlord, through the offer flow
    assert (offer.status, offer.entry, offer.application) == (
        OfferStatus.NOMINATED,
        entry,
        given.second,
    )
    # and everything was audited, the reason included
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"advert.made_for_direct_let", "match.chosen", "offer.nominated"} <= verbs
    chosen = AuditEvent.objects.get(verb="match.chosen")
    assert chosen.changes["context"]["reason"] == "Urgent move"


def test_a_landlords_approved_advert_is_switched_to_a_direct_let_on_its_own_labels() -> None:
    given = Matching()
    advert = given.advert(AdvertStatus.APPROVED, min_bedroom_need=1, max_bedroom_need=2)
    direct_let(actor=given.officer, home=given.home, application=given.third, reason="Agreed")
    advert.refresh_from_db()
    assert (advert.route, advert.status) == (AdvertRoute.DIRECT, AdvertStatus.CLOSED)
    assert Advert.objects.filter(property=given.home).count() == 1
    event = AuditEvent.objects.get(verb="advert.switched_to_direct_let")
    assert event.changes["route"] == {"before": "cbl", "after": "direct"}


def test_a_submitted_advert_is_approved_by_the_switch() -> None:
    given = Matching()
    advert = given.advert(AdvertStatus.SUBMITTED)
    direct_let(actor=given.officer, home=given.home, application=given.first, reason="Agreed")
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.CLOSED
    assert advert.approved_by == given.officer.user


def test_a_refusal_lets_the_officer_choose_the_next_household_and_the_let_is_direct() -> None:
    # Given the first household chosen, offered the home, and refusing it
    given = Matching()
    first = direct_let(actor=given.officer, home=given.home, application=given.first, reason="Top")
    offer_make(actor=given.landlord, offer=first, viewing_text="")
    offer_refuse(
        actor=given.landlord,
        offer=first,
        refused_by=RefusedBy.APPLICANT,
        reason="Too far from school",
        counts=False,
    )
    # When the officer chooses again from the list as it stands
    second = direct_let(
        actor=given.officer, home=given.home, application=given.second, reason="Next in line"
    )
    # Then the second choice is the shortlist's second entry, and it is nominated
    assert second.entry.position == 2
    assert second.status == OfferStatus.NOMINATED
    assert MatchChoice.objects.count() == 2
    # and when it is offered and accepted, the home is let by the direct route
    offer_make(actor=given.landlord, offer=second, viewing_text="")
    let = offer_accept(actor=given.landlord, offer=second, tenancy_starts_on=clock.today())
    assert let.route == LetRoute.DIRECT
    assert let.band == "B"
    second.entry.bid.refresh_from_db()
    assert second.entry.bid.status == BidStatus.SUCCESSFUL


def test_the_same_household_cannot_be_chosen_twice_for_a_home() -> None:
    given = Matching()
    first = direct_let(actor=given.officer, home=given.home, application=given.first, reason="Top")
    offer_make(actor=given.landlord, offer=first, viewing_text="")
    offer_refuse(
        actor=given.landlord, offer=first, refused_by=RefusedBy.APPLICANT, reason="No", counts=False
    )
    with pytest.raises(ValidationError, match="already been chosen for this home"):
        direct_let(actor=given.officer, home=given.home, application=given.first, reason="Again")


def test_a_reason_is_required() -> None:
    given = Matching()
    with pytest.raises(ValidationError) as refused:
        direct_let(actor=given.officer, home=given.home, application=given.first, reason="  ")
    assert refused.value.message_dict == {"reason": ["Enter why you chose this household"]}
    assert not Advert.objects.exists()


def test_a_household_the_list_leaves_off_cannot_be_chosen_and_the_reason_is_given() -> None:
    given = Matching()
    with pytest.raises(ValidationError, match="needs 4 bedrooms"):
        direct_let(actor=given.officer, home=given.home, application=given.too_big, reason="x")
    suspended = applicant_in_band(given.council, given.policy, "A", dt.date(2025, 1, 1))
    suspended.status = ApplicationStatus.SUSPENDED
    suspended.save()
    with pytest.raises(ValidationError, match="not on the match list"):
        direct_let(actor=given.officer, home=given.home, application=suspended, reason="x")
    elsewhere = ApplicationFactory()
    with pytest.raises(ValidationError, match="not on the match list"):
        direct_let(actor=given.officer, home=given.home, application=elsewhere, reason="x")
    assert not Advert.objects.exists()
    assert not AuditEvent.objects.filter(verb="match.chosen").exists()


def test_a_home_under_offer_or_advertised_cannot_be_let_directly() -> None:
    given = Matching()
    direct_let(actor=given.officer, home=given.home, application=given.first, reason="Top")
    with pytest.raises(ValidationError, match="already under offer"):
        direct_let(actor=given.officer, home=given.home, application=given.second, reason="x")
    other = Matching()
    other.advert(AdvertStatus.LIVE)
    with pytest.raises(ValidationError, match="advertised in the current bidding cycle"):
        direct_let(actor=other.officer, home=other.home, application=other.first, reason="x")


def test_only_the_councils_own_lettings_officers_let_its_homes_directly() -> None:
    given = Matching()
    away = actor_for(staff_member(OrganisationFactory(), [Role.LETTINGS_OFFICER]))
    register_officer = actor_for(staff_member(given.council, [Role.REGISTER_OFFICER]))
    for actor in (away, register_officer, given.landlord):
        with pytest.raises(PermissionDenied):
            direct_let(actor=actor, home=given.home, application=given.first, reason="x")


def test_a_council_with_no_policy_in_force_has_no_match_list() -> None:
    given = Matching()
    given.policy.effective_from = clock.today() + dt.timedelta(days=30)
    given.policy.save()
    with pytest.raises(ValidationError, match="no allocation policy in force"):
        direct_let(actor=given.officer, home=given.home, application=given.first, reason="x")


def test_a_direct_lets_shortlist_is_not_ranked_again_as_bids() -> None:
    given = Matching()
    offer = direct_let(actor=given.officer, home=given.home, application=given.first, reason="x")
    with pytest.raises(ValidationError, match="let directly"):
        shortlist_rerank(actor=given.officer, shortlist=offer.entry.shortlist, keep_bypasses=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_officers_letting_the_same_home_at_once_make_exactly_one_nomination() -> None:
    # Given a home with no advert and two officers choosing different households at once
    given = Matching()
    other_officer = actor_for(staff_member(given.council, [Role.LETTINGS_OFFICER]))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def choose(actor: Actor, application: Application) -> None:
        try:
            barrier.wait()
            direct_let(actor=actor, home=given.home, application=application, reason="Urgent")
            outcomes.append("nominated")
        except ValidationError as refused:
            outcomes.append(refused.messages[0])
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=choose, args=(given.officer, given.first)),
        threading.Thread(target=choose, args=(other_officer, given.second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then one household is nominated, one advert made, and the other officer is told why not
    assert outcomes.count("nominated") == 1
    assert len(outcomes) == 2
    assert "already under offer" in next(o for o in outcomes if o != "nominated")
    assert Advert.objects.filter(property=given.home).count() == 1
    assert Offer.objects.count() == 1
