"""Nomination → offer → refusal or acceptance → let, in shortlist order, one at a time."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from hearth.core import clock
from hearth.core.models import AuditEvent
from hearth.lettings.models import (
    AdvertStatus,
    BidStatus,
    CouncilLettings,
    NominationRoute,
    Offer,
    OfferStatus,
    RefusedBy,
)
from hearth.lettings.services.offers import (
    offer_accept,
    offer_direct,
    offer_make,
    offer_nominate,
    offer_refuse,
    offer_withdraw,
)
from hearth.lettings.services.offers_refusals import refusal_consequence, refusals_counted
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.cycles_setup import CLOSES, bid, live_advert
from hearth.lettings.tests.factories import CycleFactory
from hearth.lettings.tests.offers_setup import Shortlisted
from hearth.policy.rules.document import RefusalRule
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Application
from hearth.register.rules import lifecycle
from hearth.register.services.household_standing import band_lowerings_end
from hearth.register.services.lifecycle import suspensions_end

pytestmark = pytest.mark.django_db
TUESDAY = dt.datetime(2026, 12, 15, 10, 0, tzinfo=clock.LONDON)


def test_the_council_nominates_in_shortlist_order() -> None:
    given = Shortlisted()
    with pytest.raises(ValidationError) as skipped:
        offer_nominate(actor=given.officer, entry=given.entry(given.second))
    assert "Position 1 is higher" in skipped.value.messages[0]
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    assert offer.status == OfferStatus.NOMINATED
    assert AuditEvent.objects.filter(verb="offer.nominated", object_id=str(offer.pk)).exists()


def test_only_the_advertising_councils_officers_nominate_and_only_its_landlord_offers() -> None:
    given = Shortlisted()
    with pytest.raises(PermissionDenied):
        offer_nominate(actor=given.landlord, entry=given.entry(given.first))
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    with pytest.raises(PermissionDenied):
        offer_make(actor=given.officer, offer=offer, viewing_text="")


def test_an_offer_puts_the_household_under_offer_with_a_deadline_in_working_days() -> None:
    given = Shortlisted()
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    with clock.clock_frozen_at(TUESDAY):
        offer = offer_make(actor=given.landlord, offer=offer, viewing_text="Wednesday 2pm")
    given.first.refresh_from_db()
    assert given.first.status == lifecycle.UNDER_OFFER
    assert offer.respond_by == dt.date(2026, 12, 17)  # 2 working days after Tuesday


def test_a_household_under_offer_is_skipped_on_other_shortlists_until_it_answers() -> None:
    given = Shortlisted()
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    offer_make(actor=given.landlord, offer=offer, viewing_text="")
    other_cycle = CycleFactory(scheme=given.cycle.scheme, closes_at=CLOSES + dt.timedelta(days=7))
    other = live_advert(other_cycle, given.council)
    bid(other, given.first)
    shortlist = shortlist_make(advert=other, as_at=other_cycle.closes_at)
    (entry,) = shortlist.entries.all()
    assert entry.reason == "already under offer for another home"


def test_a_counted_refusal_adds_to_the_households_refusals_and_the_next_bidder_can_be_offered() -> (
    None
):
    given = Shortlisted()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    refused = offer_refuse(
        actor=given.landlord,
        offer=offer,
        refused_by=RefusedBy.APPLICANT,
        reason="Too far from my daughter's school",
        counts=True,
    )
    given.first.refresh_from_db()
    given.first.household.refresh_from_db()
    assert given.first.status == lifecycle.ACTIVE
    assert given.first.household.reasonable_refusals == 1
    assert refused.consequence == "This is refusal number 1 that counts."
    nominated = offer_nominate(actor=given.officer, entry=given.entry(given.second))
    assert nominated.application == given.second


def test_the_policys_rule_applies_at_its_count() -> None:
    given = Shortlisted()
    given.first.household.reasonable_refusals = 2
    given.first.household.save()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    refused = offer_refuse(
        actor=given.officer, offer=offer, refused_by=RefusedBy.APPLICANT, reason="No", counts=True
    )
    assert "If you refuse 3 reasonable offers, we will review your band." in refused.consequence


def test_a_landlords_refusal_never_counts_against_the_household() -> None:
    given = Shortlisted()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    refused = offer_refuse(
        actor=given.landlord,
        offer=offer,
        refused_by=RefusedBy.LANDLORD,
        reason="Affordability check failed",
        counts=True,
    )
    given.first.household.refresh_from_db()
    assert not refused.refusal_counts and given.first.household.reasonable_refusals == 0


def test_a_refusal_needs_who_and_why() -> None:
    given = Shortlisted()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    with pytest.raises(ValidationError) as missing:
        offer_refuse(actor=given.landlord, offer=offer, refused_by="", reason=" ", counts=False)
    assert set(missing.value.message_dict) == {"refused_by", "reason"}


def test_acceptance_lets_the_home_houses_the_household_and_withdraws_its_other_bids() -> None:
    given = Shortlisted()
    elsewhere = live_advert(
        CycleFactory(scheme=given.cycle.scheme, closes_at=CLOSES + dt.timedelta(days=7)),
        given.council,
    )
    other_bid = bid(elsewhere, given.first)
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    let = offer_accept(actor=given.landlord, offer=offer, tenancy_starts_on=clock.today())
    given.first.refresh_from_db()
    given.advert.refresh_from_db()
    other_bid.refresh_from_db()
    assert given.first.status == lifecycle.HOUSED
    assert given.advert.status == AdvertStatus.LET
    assert other_bid.status == BidStatus.WITHDRAWN
    assert (let.bids, let.band, let.priority_date) == (3, "A", dt.date(2025, 3, 1))
    assert set(given.advert.bids.values_list("status", flat=True)) == {
        BidStatus.SUCCESSFUL,
        BidStatus.UNSUCCESSFUL,
    }


def test_an_answer_after_the_deadline_is_recorded_and_marked_late() -> None:
    given = Shortlisted()
    offer = offer_nominate(actor=given.officer, entry=given.entry(given.first))
    with clock.clock_frozen_at(TUESDAY):
        offer = offer_make(actor=given.landlord, offer=offer, viewing_text="")
    with clock.clock_frozen_at(TUESDAY + dt.timedelta(days=7)):
        refused = offer_refuse(
            actor=given.landlord, offer=offer, refused_by="applicant", reason="Late", counts=False
        )
    assert refused.answered_late and refused.status == OfferStatus.REFUSED


def test_a_withdrawn_offer_returns_the_household_to_bidding() -> None:
    given = Shortlisted()
    offer = offer_make(
        actor=given.landlord,
        offer=offer_nominate(actor=given.officer, entry=given.entry(given.first)),
        viewing_text="",
    )
    offer_withdraw(actor=given.officer, offer=offer, reason="Repairs found")
    given.first.refresh_from_db()
    assert given.first.status == lifecycle.ACTIVE


def test_where_the_landlord_works_the_shortlist_it_offers_directly_and_otherwise_cannot() -> None:
    given = Shortlisted()
    with pytest.raises(PermissionDenied):
        offer_direct(actor=given.landlord, entry=given.entry(given.first), viewing_text="")
    CouncilLettings.objects.create(
        council=given.council, nomination_route=NominationRoute.LANDLORD_WORKS_SHORTLIST
    )
    offer = offer_direct(actor=given.landlord, entry=given.entry(given.first), viewing_text="")
    assert offer.status == OfferStatus.OFFERED


def test_a_second_nomination_while_one_is_in_progress_is_refused_clearly() -> None:
    given = Shortlisted()
    offer_nominate(actor=given.officer, entry=given.entry(given.first))
    with pytest.raises(ValidationError) as clash:
        offer_nominate(actor=given.officer, entry=given.entry(given.first))
    assert "Someone else has just nominated or offered this home" in clash.value.messages[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_officers_offering_the_same_home_at_once_make_exactly_one_offer() -> None:
    given = Shortlisted()
    CouncilLettings.objects.create(
        council=given.council, nomination_route=NominationRoute.LANDLORD_WORKS_SHORTLIST
    )
    entry = given.entry(given.first)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def offer_one() -> None:
        try:
            barrier.wait()
            offer_direct(actor=given.landlord, entry=entry, viewing_text="")
            outcomes.append("offered")
        except ValidationError as refused:
            outcomes.append(refused.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=offer_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Offer.objects.filter(advert=given.advert).count() == 1
    assert outcomes.count("offered") == 1
    assert len(outcomes) == 2
    # ...and the other is told why, in words that say what to do
    (refused,) = [outcome for outcome in outcomes if outcome != "offered"]
    assert refused == CLASH, refused


CLASH = "Someone else has just nominated or offered this home. Refresh the shortlist."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_officers_nominating_for_the_same_home_at_once_make_exactly_one_nomination() -> None:
    # Given a shortlist the council works, and two of its officers on the same page
    given = Shortlisted()
    entry = given.entry(given.first)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def nominate() -> None:
        try:
            barrier.wait()
            offer_nominate(actor=given.officer, entry=entry)
            outcomes.append("nominated")
        except ValidationError as refused:
            outcomes.append(refused.messages[0])
        finally:
            connections.close_all()

    # When both press Nominate at the same moment
    threads = [threading.Thread(target=nominate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then one nomination is made and the other officer is told someone else has just made it
    assert Offer.objects.filter(advert=given.advert).count() == 1
    assert sorted(outcomes) == sorted(["nominated", CLASH]), outcomes


def _refusal_rules(given: Shortlisted, rules_yaml: str) -> None:
    """Give the shortlist's policy version other refusal rules (a test-only shortcut)."""
    text = example_policy_texts()["marshvale-city"]
    start = text.index("refusals:")
    end = text.index("application_questions:")
    changed = text[:start] + rules_yaml + text[end:]
    given.policy.document = document_data(document_from_text(changed))
    given.policy.source_text = changed
    given.policy.save()


def _refuse_one(given: Shortlisted, application: Application, at: dt.datetime) -> Offer:
    entry = given.entry(application)
    with clock.clock_frozen_at(at):
        offer = offer_make(
            actor=given.landlord,
            offer=offer_nominate(actor=given.officer, entry=entry),
            viewing_text="",
        )
        return offer_refuse(
            actor=given.landlord, offer=offer, refused_by="applicant", reason="No", counts=True
        )


def test_a_suspension_for_a_set_time_ends_by_itself() -> None:
    given = Shortlisted()
    _refusal_rules(given, "refusals:\n  - count: 1\n    consequence: suspend\n    months: 6\n")
    refused = _refuse_one(given, given.first, TUESDAY)
    given.first.refresh_from_db()
    assert given.first.status == lifecycle.SUSPENDED
    assert given.first.suspended_until == dt.date(2027, 6, 15)
    assert "suspended until 15 June 2027" in refused.consequence
    assert suspensions_end(on_date=dt.date(2027, 6, 14)) == 0
    assert suspensions_end(on_date=dt.date(2027, 6, 15)) == 1
    given.first.refresh_from_db()
    assert given.first.status == lifecycle.ACTIVE and given.first.suspended_until is None


def test_a_lower_band_for_a_set_time_is_assessed_explained_and_ends_by_itself() -> None:
    # Given a policy lowering the band for 6 months after one refusal that counts
    given = Shortlisted()
    _refusal_rules(given, "refusals:\n  - count: 1\n    consequence: lower_band\n    months: 6\n")
    # When the first bidder refuses a suitable offer
    refused = _refuse_one(given, given.first, TUESDAY)
    household = given.first.household
    household.refresh_from_db()
    # Then the band is lower until the day, the household is assessed again and told why
    assert household.band_lowered_until == dt.date(2027, 6, 15)
    assert "one band lower until 15 June 2027" in refused.consequence
    latest = household.assessments.first()
    assert latest is not None
    assert any("until 15 June 2027 your band is lower" in line for line in latest.explanation)
    assert AuditEvent.objects.filter(verb="household.band_lowered").exists()
    # and the application stays on the register, free to bid
    given.first.refresh_from_db()
    assert given.first.status == lifecycle.ACTIVE
    # When the day comes, the lowering ends and the household is assessed without it
    assert band_lowerings_end(on_date=dt.date(2027, 6, 14)) == 0
    assert band_lowerings_end(on_date=dt.date(2027, 6, 15)) == 1
    household.refresh_from_db()
    assert household.band_lowered_until is None
    latest = household.assessments.first()
    assert latest is not None
    assert not any("your band is lower" in line for line in latest.explanation)


def test_a_rule_with_a_window_counts_only_refusals_within_it() -> None:
    # Given a refusal that counted, recorded 18 months ago
    given = Shortlisted()
    old = _refuse_one(given, given.first, TUESDAY)
    Offer.objects.filter(pk=old.pk).update(responded_at=TUESDAY - dt.timedelta(days=548))
    in_a_year = RefusalRule(count=1, consequence="band_review", within_months=12)
    ever = RefusalRule(count=1, consequence="band_review")
    # When refusals are counted for each rule
    with clock.clock_frozen_at(TUESDAY):
        counted = refusals_counted(given.first, all_time=1)
        # Then the old one counts for a rule without a window, not for one within a year
        assert (counted(in_a_year), counted(ever)) == (0, 1)
        assert refusal_consequence((in_a_year, ever), counted) is ever


def test_a_policy_refusal_rule_reads_its_window() -> None:
    text = example_policy_texts()["marshvale-city"]
    start, end = text.index("refusals:"), text.index("application_questions:")
    rules = (
        "refusals:\n  - count: 2\n    within_months: 12\n    consequence: band_review\n"
        "    text: 'Two refusals in a year mean a band review.'\n"
    )
    document = document_from_text(text[:start] + rules + text[end:])
    assert document.refusals == (
        RefusalRule(
            count=2,
            consequence="band_review",
            text="Two refusals in a year mean a band review.",
            within_months=12,
        ),
    )
