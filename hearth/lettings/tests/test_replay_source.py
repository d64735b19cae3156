"""Closed shortlists replayed in the policy simulation: the lettings source reads what the
shortlists counted at the close, and a draft that lowers a band changes who would be first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.core import clock
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import EntryStatus
from hearth.lettings.replay_source import ShortlistReplaySource
from hearth.lettings.tests.cycles_setup import CLOSES, OPENS
from hearth.lettings.tests.replay_setup import RUN_AT, Closed, draft_lowering_the_main_duty
from hearth.policy.models import SimulationStatus
from hearth.policy.past_lettings import past_lettings_source
from hearth.policy.rules.assess import assess
from hearth.policy.rules.eligibility import UNDER_OFFER
from hearth.policy.rules.rank import Bidder, Home, rank
from hearth.policy.tests.assess_support import MARSHVALE, demo, household

pytestmark = pytest.mark.django_db


def test_the_source_gives_the_councils_closed_cycles_with_what_the_shortlists_counted() -> None:
    # Given a closed cycle with a shortlist of two bids
    given = Closed()
    source = past_lettings_source()
    assert isinstance(source, ShortlistReplaySource)
    # When the policy app asks for the council's closed cycles, and the one it finds
    (cycle,) = source.cycles_closed(council=given.council, until=CLOSES.date(), limit=12)
    past = source.cycle_bids(council=given.council, cycle_id=cycle.id)
    # Then it gets the cycle, the advert's home and its bids, with the homeless family first
    assert (cycle.id, cycle.closed_at, cycle.adverts) == (str(given.cycle.pk), CLOSES, 1)
    assert past.on_date == dt.date(2026, 12, 14)
    (shortlist,) = past.shortlists
    assert shortlist.reference == given.advert.reference
    assert shortlist.home.bedrooms == 2 and shortlist.home.council == given.council.slug
    assert shortlist.policy_version_id == str(given.policy.pk)
    assert shortlist.first == str(given.homeless.household_id)
    assert {b.reference for b in shortlist.bids} == {
        given.homeless.household.reference,
        given.overcrowded.household.reference,
    }
    assert set(past.households) == {b.household_id for b in shortlist.bids}


def test_cycles_closing_after_the_date_are_not_replayed() -> None:
    given = Closed()
    source = past_lettings_source()
    day_before = CLOSES.date() - dt.timedelta(days=1)
    assert source.cycles_closed(council=given.council, until=day_before, limit=12) == []
    assert source.cycles_closed(council=OrganisationFactory(), until=RUN_AT.date(), limit=12) == []


def test_a_draft_that_lowers_a_band_changes_the_first_place_of_a_closed_shortlist(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given a closed shortlist where the homeless family was first
    given = Closed()
    # When the policy admin simulates a draft putting the main duty in Band C
    run = given.simulate(django_capture_on_commit_callbacks)
    # Then the replay says the overcrowded family would have been first instead
    assert run.status == SimulationStatus.DONE
    replay = run.results["shortlist_replay"]
    (row,) = replay["rows"]
    assert row["advert"] == given.advert.reference
    assert row["first_then"] == given.homeless.household.reference
    assert row["first_draft"] == given.overcrowded.household.reference
    assert row["changed"] is True and row["reproduced"] is True
    assert row["first_then_under_draft"]["place"] == 2
    assert (replay["adverts"], replay["changed"], replay["bids"]) == (1, 1, 2)
    assert replay["cycles"] == [{"closed": "2026-12-14", "adverts": 1}]


def test_the_results_page_shows_the_replay_and_its_equality_breakdown(
    django_capture_on_commit_callbacks: Any,
) -> None:
    given = Closed()
    run = given.simulate(django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(given.admin.user)
    url = reverse("policy:simulation_detail", kwargs={"pk": run.pk})
    html = client.get(url).content.decode()
    assert "Past shortlists replayed under the draft" in html
    assert "1 advert would have a different household first" in html
    assert given.advert.reference in html and "First place changes" in html
    assert given.overcrowded.household.reference in html
    assert "Would be number 2" in html
    assert "Would gain first place (1)" in html and "Would lose first place (1)" in html
    # Every advert, not only those that change, is one link away, without JavaScript
    assert f'href="{url}?replay=all#replay"' in html
    everything = client.get(url + "?replay=all").content.decode()
    assert 'aria-current="true">Every advert replayed' in everything


def test_the_start_page_says_how_many_closed_cycles_it_will_replay() -> None:
    given = Closed()
    draft = draft_lowering_the_main_duty(given.council, given.policy)
    client = Client()
    client.force_login(given.admin.user)
    with clock.clock_frozen_at(RUN_AT):
        page = client.get(reverse("policy:simulation_start", kwargs={"pk": draft.pk}))
    assert "1 closed bidding cycle to replay" in page.content.decode()


def test_the_under_offer_code_is_the_ranking_engines() -> None:
    # The source recognises bids skipped as under offer by the engine's own code.
    facts = household(household_id="h1")
    assessed = assess(demo(MARSHVALE), facts, OPENS.date())
    bidder = Bidder.of("b1", facts, assessed, under_offer=True)
    home = Home(bedrooms=1, council=MARSHVALE)
    (excluded,) = rank(demo(MARSHVALE), home, [bidder], OPENS.date()).excluded
    assert excluded.refusal is not None and excluded.refusal.code == UNDER_OFFER


def test_a_bid_skipped_as_under_offer_at_the_close_is_replayed_as_under_offer() -> None:
    # Given a closed shortlist where one bidder was skipped as under offer elsewhere
    given = Closed()
    skipped = given.advert.shortlist.entries.get(bid__application=given.overcrowded)
    skipped.status, skipped.position = EntryStatus.EXCLUDED, None
    skipped.reason, skipped.reason_code = "already under offer for another home", UNDER_OFFER
    skipped.save()
    source = past_lettings_source()
    # When the policy app reads the cycle's bids
    (cycle,) = source.cycles_closed(council=given.council, until=CLOSES.date(), limit=12)
    (shortlist,) = source.cycle_bids(council=given.council, cycle_id=cycle.id).shortlists
    # Then that bid, and only that one, is under offer
    under_offer = {b.reference: b.under_offer for b in shortlist.bids}
    assert under_offer == {
        given.overcrowded.household.reference: True,
        given.homeless.household.reference: False,
    }
