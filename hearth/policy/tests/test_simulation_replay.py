"""Replaying closed shortlists under a draft: who would have been first, and who gains or loses
first place. The replay itself is pure; the run reads past lettings through whichever source is
registered (here one held in memory), never by importing lettings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import actor_for
from hearth.core import clock
from hearth.core.models import Organisation
from hearth.policy import past_lettings as source_module
from hearth.policy.models import PolicyVersion, SimulationRun, SimulationStatus
from hearth.policy.past_lettings import (
    PastBid,
    PastCycle,
    PastCycleBids,
    PastShortlist,
    past_lettings_register,
    past_lettings_source,
)
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HomeFacts, HouseholdFacts
from hearth.policy.rules.rank import Home
from hearth.policy.simulation import presentation, services
from hearth.policy.simulation.replay import BIDS, GAIN, LOSE, PolicyThen, ShortlistReplay
from hearth.policy.tests.assess_support import (
    MARSHVALE,
    demo,
    demo_changed,
    household,
    lead,
    person,
)
from hearth.policy.tests.test_services import policy_text, version_make

CLOSED_ON = dt.date(2026, 6, 8)
CLOSED_AT = dt.datetime(2026, 6, 8, 23, 59, tzinfo=clock.LONDON)
THEN = "v-then"


def main_duty_moved_to_c(data: dict[str, Any]) -> None:
    for reason in data["need_reasons"]:
        if reason["code"] == "main_duty":
            reason["band"] = "C"


def homeless(household_id: str, council: str = MARSHVALE) -> HouseholdFacts:
    """A single man owed the main homelessness duty: Band A, or Band C under the draft."""
    return household(
        lead(40, "male"), household_id=household_id, council=council, homelessness_duty="main"
    )


def overcrowded(household_id: str, council: str = MARSHVALE) -> HouseholdFacts:
    """A lone mother and her son in a one-bedroom flat: Band B under both."""
    return household(
        lead(29),
        person("son", 5, "male", "child"),
        household_id=household_id,
        council=council,
        home=HomeFacts("private_rented", bedrooms=1),
    )


def cycle(
    *shortlists: PastShortlist, households: list[HouseholdFacts], cycle_id: str = "c1"
) -> PastCycleBids:
    return PastCycleBids(
        cycle=PastCycle(id=cycle_id, closed_at=CLOSED_AT, adverts=len(shortlists)),
        on_date=CLOSED_ON,
        shortlists=shortlists,
        households={h.household_id: h for h in households},
    )


def shortlist(
    reference: str,
    first: str,
    *bids: PastBid,
    council: str = MARSHVALE,
    version: str = THEN,
) -> PastShortlist:
    return PastShortlist(
        advert_id=f"advert-{reference}",
        reference=reference,
        home=Home(bedrooms=2, council=council),
        description="Flat 1, Heron Court, MV1 2AB",
        policy_version_id=version,
        first=first,
        bids=bids,
    )


def bid(household_id: str, **extra: Any) -> PastBid:
    return PastBid(f"bid-{household_id}", household_id, household_id.upper(), **extra)


def replayed(draft: PolicyDocument, past: PastCycleBids) -> dict[str, Any]:
    replay = ShortlistReplay(draft=draft)
    replay.cycle_add(past, {THEN: PolicyThen(number=1, document=demo(MARSHVALE))})
    return replay.data()


# --- The replay, pure ------------------------------------------------------------------------


def test_a_draft_that_lowers_a_band_changes_who_would_be_first() -> None:
    # Given a closed shortlist where the homeless household (Band A) was first, and another
    # where both bidders are overcrowded
    past = cycle(
        shortlist("MV1", "hh-a", bid("hh-a"), bid("hh-b")),
        # (two bidders level on band and date: the earlier bid identifier is placed first)
        shortlist("MV2", "hh-b", bid("hh-c"), bid("hh-b")),
        households=[homeless("hh-a"), overcrowded("hh-b"), overcrowded("hh-c")],
    )
    # When it is replayed under a draft that puts the main duty in Band C
    found = replayed(demo_changed(MARSHVALE, main_duty_moved_to_c), past)
    # Then the overcrowded household would be first on the first advert, and nothing else moves
    first, second = found["rows"]
    assert (first["advert"], first["first_then"], first["first_draft"]) == ("MV1", "HH-A", "HH-B")
    assert first["changed"] is True and first["reproduced"] is True
    assert first["first_draft_position"] == {"status": "qualifies", "band": "B", "points": None}
    assert first["first_then_under_draft"]["place"] == 2
    assert first["first_then_under_draft"]["position"]["band"] == "C"
    assert second["changed"] is False and second["reproduced"] is True
    assert (found["adverts"], found["changed"], found["bids"]) == (2, 1, 4)
    assert found["cycles"] == [{"closed": "2026-06-08", "adverts": 2}]
    # And the equality breakdown counts every bid, the one gaining and the one losing first place
    assert sum(found["equality"][BIDS]["sex"].values()) == 4
    assert found["equality"][GAIN]["sex"] == {"female": 1}
    assert found["equality"][LOSE]["sex"] == {"male": 1}
    assert found["equality"][GAIN]["household_type"] == {"lone_parent": 1}


def test_the_same_policy_changes_no_first_place() -> None:
    past = cycle(
        shortlist("MV1", "hh-a", bid("hh-a"), bid("hh-b")),
        households=[homeless("hh-a"), overcrowded("hh-b")],
    )
    found = replayed(demo(MARSHVALE), past)
    assert found["changed"] == 0 and found["not_reproduced"] == 0
    assert GAIN not in found["equality"] and LOSE not in found["equality"]


def test_a_first_place_the_policy_of_the_time_does_not_give_again_is_marked() -> None:
    # Given a shortlist that put the overcrowded household first (its record has changed since)
    past = cycle(
        shortlist("MV1", "hh-b", bid("hh-a"), bid("hh-b")),
        households=[homeless("hh-a"), overcrowded("hh-b")],
    )
    # When it is replayed under the policy of the time itself
    found = replayed(demo(MARSHVALE), past)
    # Then the change is reported, and marked as not reproduced by the policy of the time
    (row,) = found["rows"]
    assert row["changed"] is True and row["reproduced"] is False
    assert found["not_reproduced"] == 1


def test_a_bidder_under_offer_stays_skipped_and_one_without_facts_is_reported() -> None:
    past = cycle(
        shortlist("MV1", "hh-b", bid("hh-a", under_offer=True), bid("hh-b"), bid("hh-gone")),
        households=[homeless("hh-a"), overcrowded("hh-b")],
    )
    found = replayed(demo(MARSHVALE), past)
    (row,) = found["rows"]
    assert row["first_draft"] == "HH-B" and row["changed"] is False
    assert row["unassessed"] == ["HH-GONE"] and found["unassessed"] == 1


def test_nobody_placed_under_the_draft_loses_the_first_place() -> None:
    # Given a draft under which nobody qualifies
    def nobody(data: dict[str, Any]) -> None:
        data["qualification"].append(
            {"code": "nobody", "when": "true", "text": "Nobody qualifies."}
        )

    past = cycle(shortlist("MV1", "hh-a", bid("hh-a")), households=[homeless("hh-a")])
    found = replayed(demo_changed(MARSHVALE, nobody), past)
    (row,) = found["rows"]
    assert (row["first_then"], row["first_draft"], row["changed"]) == ("HH-A", "", True)
    assert row["first_then_under_draft"]["reason"] == "not qualifying for the register"
    assert found["equality"][LOSE]["sex"] == {"male": 1} and GAIN not in found["equality"]


def test_rows_read_in_words() -> None:
    past = cycle(
        shortlist("MV1", "hh-a", bid("hh-a"), bid("hh-b")),
        households=[homeless("hh-a"), overcrowded("hh-b")],
    )
    draft = demo_changed(MARSHVALE, main_duty_moved_to_c)
    found = replayed(draft, past)
    (row,) = presentation.replay_rows(found["rows"], found["band_labels"])
    assert row.closed == CLOSED_ON and row.first_draft == "HH-B"
    assert row.first_draft_standing == found["band_labels"]["B"]
    assert row.first_then_under_draft.startswith("Would be number 2 (")


# --- The run, through a registered source ----------------------------------------------------


class ListedLettings:
    """Past lettings held in memory: one closed cycle of one advert."""

    def __init__(self, council: Organisation, version: PolicyVersion) -> None:
        self.council = council
        self.past = cycle(
            shortlist(
                "MV1",
                "hh-a",
                bid("hh-a"),
                bid("hh-b"),
                council=council.slug,
                version=str(version.pk),
            ),
            households=[homeless("hh-a", council.slug), overcrowded("hh-b", council.slug)],
        )
        self.asked: list[tuple[dt.date, int]] = []

    def cycles_closed(
        self, *, council: Organisation, until: dt.date, limit: int
    ) -> list[PastCycle]:
        self.asked.append((until, limit))
        return [self.past.cycle] if council == self.council else []

    def cycle_bids(self, *, council: Organisation, cycle_id: str) -> PastCycleBids:
        assert cycle_id == self.past.cycle.id
        return self.past


@pytest.fixture
def restore_source() -> Iterator[None]:
    registered = list(source_module._SOURCE)
    yield
    source_module._SOURCE[:] = registered


@pytest.mark.django_db
def test_a_run_replays_the_past_cycles_the_source_gives(
    restore_source: None,
    admin: Membership,
    council: Organisation,
    in_force: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given a source of one closed cycle, and a draft that puts the main duty in Band C
    source = ListedLettings(council, in_force)
    past_lettings_register(source)
    text = policy_text(council).replace(
        '    when: household.homelessness_duty == "main"\n    band: A',
        '    when: household.homelessness_duty == "main"\n    band: C',
    )
    draft = version_make(council, number=2, published=False, text=text)
    # When the admin runs a simulation
    with (
        clock.clock_frozen_at(dt.datetime(2026, 6, 15, 10, 0, tzinfo=clock.LONDON)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run = services.simulation_start(actor=actor_for(admin), draft=draft)
    run.refresh_from_db()
    # Then it asked for the last twelve cycles closed by the run's date, and replayed them
    assert run.status == SimulationStatus.DONE
    assert source.asked == [(dt.date(2026, 6, 15), 12)]
    replay = run.results["shortlist_replay"]
    (row,) = replay["rows"]
    assert (row["first_then"], row["first_draft"], row["policy_then"]) == ("HH-A", "HH-B", 1)
    assert replay["changed"] == 1 and row["reproduced"] is True


@pytest.mark.django_db
def test_a_replay_that_fails_fails_the_run_and_keeps_the_register_findings(
    restore_source: None,
    admin: Membership,
    council: Organisation,
    in_force: PolicyVersion,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given a source of past lettings that cannot be read
    class Unreadable(ListedLettings):
        def cycle_bids(self, *, council: Organisation, cycle_id: str) -> PastCycleBids:
            raise RuntimeError("the lettings tables went away")

    past_lettings_register(Unreadable(council, in_force))
    draft = version_make(council, number=2, published=False)
    # When a simulation runs
    with django_capture_on_commit_callbacks(execute=True):
        run = services.simulation_start(actor=actor_for(admin), draft=draft)
    run.refresh_from_db()
    # Then it is failed with the error, and what it found on the register is kept
    assert run.status == SimulationStatus.FAILED
    assert run.results["error"] == "the lettings tables went away"
    assert "register_movement" in run.results
    assert run.results["shortlist_replay"]["adverts"] == 0


@pytest.mark.django_db
def test_the_progress_page_says_when_the_replay_is_under_way(
    client: Client, admin: Membership, council: Organisation, in_force: PolicyVersion
) -> None:
    draft = version_make(council, number=2, published=False)
    run = SimulationRun.objects.create(
        council=council, draft=draft, on_date=CLOSED_ON, status=SimulationStatus.RUNNING
    )
    url = reverse("policy:simulation_detail", kwargs={"pk": run.pk})
    assert "now replaying past shortlists" in client.get(url).content.decode()
    SimulationRun.objects.filter(pk=run.pk).update(total=10, done=4)
    assert "now replaying past shortlists" not in client.get(url).content.decode()


def test_without_a_registered_source_reading_past_lettings_says_what_is_missing(
    restore_source: None,
) -> None:
    source_module._SOURCE.clear()
    with pytest.raises(ImproperlyConfigured, match="source of past lettings"):
        past_lettings_source()
