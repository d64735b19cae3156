"""Shortlists rank the bids as they stood at the close; officers bypass with a reason and note,
re-rank keeping bypasses, or reset; each change is audited and refused to anyone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import Advert, EntryStatus, Shortlist
from hearth.lettings.services.shortlists import (
    shortlist_bypass,
    shortlist_bypass_undo,
    shortlist_make,
    shortlist_rerank,
)
from hearth.lettings.tests.cycles_setup import (
    CLOSES,
    applicant_in_band,
    bid,
    council_with_policy,
    live_advert,
)
from hearth.lettings.tests.factories import CycleFactory
from hearth.register.models import Application, Assessment
from hearth.register.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


class Given:
    def __init__(self) -> None:
        self.cycle = CycleFactory(closes_at=CLOSES, opens_at=CLOSES - dt.timedelta(days=4))
        self.council: Organisation = OrganisationFactory(scheme=self.cycle.scheme)
        self.policy = council_with_policy(self.council)
        self.advert: Advert = live_advert(self.cycle, self.council)
        self.b_late = applicant_in_band(self.council, self.policy, "B", dt.date(2025, 6, 1))
        self.a = applicant_in_band(self.council, self.policy, "A", dt.date(2025, 9, 1))
        self.b_early = applicant_in_band(self.council, self.policy, "B", dt.date(2025, 2, 1))
        self.too_big = applicant_in_band(
            self.council, self.policy, "A", dt.date(2024, 1, 1), bedroom_need=4
        )
        self.bids = {
            app.pk: bid(self.advert, app)
            for app in (self.b_late, self.a, self.b_early, self.too_big)
        }

    def order(self, shortlist: Shortlist) -> list[Application]:
        entries = shortlist.entries.filter(position__isnull=False).order_by("position")
        by_bid = {b.pk: app for app, b in ((a, self.bids[a.pk]) for a in self.applications)}
        return [by_bid[e.bid_id] for e in entries]

    @property
    def applications(self) -> list[Application]:
        return [self.b_late, self.a, self.b_early, self.too_big]

    def officer(
        self, council: Organisation | None = None, role: str = Role.LETTINGS_OFFICER
    ) -> Actor:
        return actor_for(staff_member(council or self.council, [role]))


def test_the_shortlist_ranks_band_then_date_and_excludes_with_the_reason() -> None:
    given = Given()
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    assert given.order(shortlist) == [given.a, given.b_early, given.b_late]
    (excluded,) = shortlist.entries.filter(status=EntryStatus.EXCLUDED)
    assert excluded.bid_id == given.bids[given.too_big.pk].pk
    assert "needs 4 bedrooms" in excluded.reason
    # The reason is kept as data too, for the applicant's words
    assert excluded.reason_code == "bedrooms"
    assert excluded.reason_facts["bedroom_need"] == 4
    assert excluded.reason_facts["councils"] == [given.council.slug]
    first = shortlist.entries.get(position=1)
    assert ["Band", "Band A"] in first.keys
    assert shortlist.policy_version == given.policy
    assert shortlist.explanation and AuditEvent.objects.filter(verb="shortlist.made").count() == 1


def test_a_band_change_after_the_close_never_reorders_the_shortlist_even_when_re_ranked() -> None:
    given = Given()
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    # When the band B household with the late date moves to band A the day after the close
    Assessment.objects.create(
        household=given.b_late.household,
        policy_version=given.policy,
        assessed_on=dt.date(2026, 12, 15),
        qualifies=True,
        status="qualifies",
        band="A",
        priority_date=dt.date(2026, 12, 15),
        bedroom_need=2,
        local_connection=True,
    )
    # And an officer re-ranks
    shortlist_rerank(actor=given.officer(), shortlist=shortlist, keep_bypasses=True)
    # Then the order is the one at the close
    assert given.order(shortlist) == [given.a, given.b_early, given.b_late]


def test_a_bypass_needs_a_listed_reason_and_a_note_and_is_audited() -> None:
    given = Given()
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    top = shortlist.entries.get(position=1)
    officer = given.officer()
    with pytest.raises(ValidationError) as no_note:
        shortlist_bypass(actor=officer, entry=top, reason="rent_arrears", note="  ")
    assert "note" in no_note.value.message_dict
    with pytest.raises(ValidationError) as bad_reason:
        shortlist_bypass(actor=officer, entry=top, reason="made_up", note="x")
    assert "reason" in bad_reason.value.message_dict
    done = shortlist_bypass(
        actor=officer, entry=top, reason="rent_arrears", note="Owes £900, no plan"
    )
    assert (done.status, done.bypass_reason, done.position) == (
        EntryStatus.BYPASSED,
        "rent_arrears",
        1,
    )
    event = AuditEvent.objects.get(verb="shortlist.bypassed")
    assert event.changes["status"] == {"before": "placed", "after": "bypassed"}
    # And it can be undone
    undone = shortlist_bypass_undo(actor=officer, entry=done)
    assert undone.status == EntryStatus.PLACED and not undone.bypass_reason


def test_re_ranking_keeps_bypasses_and_resetting_clears_them() -> None:
    given = Given()
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    officer = given.officer()
    shortlist_bypass(
        actor=officer, entry=shortlist.entries.get(position=1), reason="verification", note="n"
    )
    shortlist_rerank(actor=officer, shortlist=shortlist, keep_bypasses=True)
    assert shortlist.entries.get(position=1).status == EntryStatus.BYPASSED
    shortlist_rerank(actor=officer, shortlist=shortlist, keep_bypasses=False)
    assert shortlist.entries.get(position=1).status == EntryStatus.PLACED
    assert list(
        AuditEvent.objects.filter(object_id=str(shortlist.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    ) == ["shortlist.made", "shortlist.bypassed", "shortlist.reranked", "shortlist.reset"]


@pytest.mark.parametrize("who", ["other_council", "register_officer", "landlord"])
def test_only_the_advertising_councils_lettings_officers_change_a_shortlist(who: str) -> None:
    given = Given()
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    actor = {
        "other_council": lambda: given.officer(OrganisationFactory(scheme=given.cycle.scheme)),
        "register_officer": lambda: given.officer(role=Role.REGISTER_OFFICER),
        "landlord": lambda: given.officer(
            given.advert.property.landlord, role=Role.LANDLORD_LETTINGS_OFFICER
        ),
    }[who]()
    with pytest.raises(PermissionDenied):
        shortlist_bypass(
            actor=actor, entry=shortlist.entries.get(position=1), reason="unsuitable", note="n"
        )
    with pytest.raises(PermissionDenied):
        shortlist_rerank(actor=actor, shortlist=shortlist, keep_bypasses=True)
    assert not AuditEvent.objects.filter(verb__in=["shortlist.bypassed", "shortlist.reranked"])


def test_a_household_never_assessed_is_listed_as_excluded_with_the_reason() -> None:
    given = Given()
    unassessed = ApplicationFactory(household__council=given.council)
    lone = bid(given.advert, unassessed)
    shortlist = shortlist_make(advert=given.advert, as_at=CLOSES)
    entry = shortlist.entries.get(bid=lone)
    assert entry.status == EntryStatus.EXCLUDED
    assert entry.reason == "no assessment on record at the close"
    assert (entry.reason_code, entry.reason_facts) == ("not_assessed", {})
