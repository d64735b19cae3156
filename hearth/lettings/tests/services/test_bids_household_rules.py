"""The policy's rules about the household at bid time and at the close: a bid refused for a
reason the policy names, and households under offer or awaiting a decision elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Organisation
from hearth.lettings.models import Bid, BidChannel, EntryStatus
from hearth.lettings.selectors.bids_position import bid_position_get
from hearth.lettings.services.bids import bid_place
from hearth.lettings.services.offers import offer_nominate
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.bids_setup import (
    NOON,
    advert_of,
    applicant_actor,
    applicant_in,
    marshvale,
)
from hearth.lettings.tests.cycles_setup import bid, live_advert
from hearth.lettings.tests.offers_setup import Shortlisted
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document_read import document_data, document_read
from hearth.register.models import Application, ApplicationStatus, Household
from hearth.register.services.household_standing import repayment_arrangement_set

pytestmark = pytest.mark.django_db

ARREARS_TEXT = "You owe rent and have not agreed a plan to pay it back."
UNDER_OFFER = "already under offer for another home"


def policy_changed(council: Organisation, change: Callable[[dict[str, Any]], object]) -> None:
    """Change the council's published policy in place (a test-only shortcut), checked as a
    council's own file would be."""
    version = PolicyVersion.objects.get(council=council)
    data = dict(version.document)
    change(data)
    version.document = document_data(document_read(data))
    version.save()


def online(application: Application, advert: Any) -> Bid:
    return bid_place(
        actor=applicant_actor(application),
        advert=advert,
        application=application,
        channel=BidChannel.ONLINE,
    )


def test_a_bid_the_policy_refuses_is_never_recorded_until_an_arrangement_is_made() -> None:
    with clock_frozen_at(NOON):
        # Given Marshvale refusing bids from households in arrears with no repayment arrangement,
        # and a household owing rent
        council = marshvale()
        policy_changed(
            council,
            lambda data: data.update(
                bidding={
                    "refusals": [
                        {
                            "code": "arrears",
                            "when": "household.housing_debt > 0.0 && "
                            "!household.repayment_arrangement",
                            "text": ARREARS_TEXT,
                        }
                    ]
                }
            ),
        )
        advert = advert_of(council)
        application = applicant_in(council)
        Household.objects.filter(pk=application.household_id).update(housing_debt=Decimal(300))
        # When it bids
        with pytest.raises(ValidationError) as refused:
            online(application, advert)
        # Then it is told the policy's reason, nothing is recorded, and it stays on the register
        assert refused.value.messages == [ARREARS_TEXT]
        assert not Bid.objects.exists()
        application.refresh_from_db()
        assert application.status == ApplicationStatus.ACTIVE
        # When an officer records a repayment arrangement, then the bid is taken
        officer = actor_for(staff_member(council, [Role.REGISTER_OFFICER]))
        repayment_arrangement_set(
            actor=officer,
            household=application.household,
            arranged=True,
            note="£20 a week from 1 June",
        )
        assert online(application, advert).pk is not None
    event = AuditEvent.objects.get(verb="household.repayment_arrangement_set")
    assert event.changes["repayment_arrangement"] == {"before": False, "after": True}


@pytest.mark.parametrize(("mode", "may_bid"), [("cannot_bid", False), ("skipped", True)])
def test_a_household_under_offer_bids_only_where_the_policy_skips_it(
    mode: str, may_bid: bool
) -> None:
    with clock_frozen_at(NOON):
        # Given a household waiting to answer an offer, and the policy's choice
        council = marshvale()
        policy_changed(council, lambda data: data.update(bidding={"under_offer": mode}))
        advert = advert_of(council)
        application = applicant_in(council, status=ApplicationStatus.UNDER_OFFER)
        # When it bids, then the policy decides
        if may_bid:
            placed = online(application, advert)
            # and its bid waits, skipped at the close for as long as the offer is open
            position = bid_position_get(actor=applicant_actor(application), bid=placed)
            assert position is not None and position.position is None
            assert position.reason.startswith("While you have an offer of another home")
            assert "Your bid stays in place until bidding closes." in position.reason
        else:
            with pytest.raises(ValidationError) as refused:
                online(application, advert)
            assert "offer of a home waiting for your answer" in refused.value.messages[0]
            assert not Bid.objects.exists()


@pytest.mark.parametrize("mode", ["cannot_bid", "skipped"])
def test_a_household_awaiting_a_decision_elsewhere_is_skipped_at_close(mode: str) -> None:
    # Given a shortlist whose first bidder is nominated for that home (awaiting the decision)
    given = Shortlisted()
    policy_changed(given.council, lambda data: data.update(bidding={"under_offer": mode}))
    offer_nominate(actor=given.officer, entry=given.entry(given.first))
    # and another home of the same cycle both first and second bid for
    other = live_advert(given.cycle, given.council)
    for application in (given.first, given.second):
        bid(other, application)
    # When that home's shortlist is made at the close
    closes = given.cycle.closes_at
    shortlist = shortlist_make(advert=other, as_at=closes)
    # Then the nominated household is skipped with the reason, and the next is first
    entries = {e.bid.application_id: e for e in shortlist.entries.select_related("bid")}
    skipped = entries[given.first.pk]
    assert (skipped.status, skipped.reason) == (EntryStatus.EXCLUDED, UNDER_OFFER)
    assert skipped.reason_code == "under_offer"
    assert entries[given.second.pk].position == 1


def test_only_an_assessing_officer_records_a_repayment_arrangement_and_needs_a_note() -> None:
    with clock_frozen_at(NOON):
        council = marshvale()
        application = applicant_in(council)
        officer = actor_for(staff_member(council, [Role.REGISTER_OFFICER]))
        with pytest.raises(ValidationError) as refused:
            repayment_arrangement_set(
                actor=officer, household=application.household, arranged=True, note=" "
            )
    assert "note" in refused.value.message_dict
    application.household.refresh_from_db()
    assert not application.household.repayment_arrangement
