"""The officer's shortlist pages: the list, one shortlist, bypassing with errors kept on the
form, undoing a bypass, and ranking again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory, staff_member
from hearth.core.access.roles import Role
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import EntryStatus, Shortlist
from hearth.lettings.services.shortlists import shortlist_make
from hearth.lettings.tests.cycles_setup import (
    CLOSES,
    applicant_in_band,
    bid,
    council_with_policy,
    live_advert,
)
from hearth.lettings.tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def made() -> tuple[Shortlist, Client]:
    cycle = CycleFactory(closes_at=CLOSES, opens_at=CLOSES - dt.timedelta(days=4))
    council = OrganisationFactory(scheme=cycle.scheme)
    policy = council_with_policy(council)
    advert = live_advert(cycle, council)
    for band, day in (("B", 3), ("A", 9), ("C", 1)):
        bid(advert, applicant_in_band(council, policy, band, dt.date(2025, 1, day)))
    bid(advert, applicant_in_band(council, policy, "A", dt.date(2025, 1, 1), bedroom_need=5))
    client = Client()
    client.force_login(staff_member(council, [Role.LETTINGS_OFFICER]).user)
    return shortlist_make(advert=advert, as_at=CLOSES), client


def test_the_list_shows_the_councils_shortlists_in_few_queries(
    made: tuple[Shortlist, Client], django_assert_max_num_queries: Any
) -> None:
    shortlist, client = made
    with django_assert_max_num_queries(12):
        page = client.get(reverse("lettings:shortlists"))
    assert page.status_code == 200
    assert shortlist.advert.reference in page.content.decode()


def test_a_shortlist_shows_the_order_its_reasons_and_who_was_not_eligible(
    made: tuple[Shortlist, Client],
) -> None:
    shortlist, client = made
    page = client.get(reverse("lettings:shortlist", kwargs={"advert": shortlist.advert_id}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "How the bids were put in order" in text
    assert text.index("Band A") < text.index("Band B") < text.index("Band C")
    assert "Needs 5 bedrooms" in text


def test_a_bypass_without_a_reason_or_note_shows_both_errors_and_keeps_the_answers(
    made: tuple[Shortlist, Client],
) -> None:
    shortlist, client = made
    top = shortlist.entries.get(position=1)
    url = reverse(
        "lettings:shortlist_bypass", kwargs={"advert": shortlist.advert_id, "entry": top.pk}
    )
    page = client.post(url, {"note": "", "reason": ""})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Select why you are bypassing this bidder" in text
    assert "Enter a note saying why" in text
    page = client.post(url, {"note": "Keep this", "reason": "nonsense"})
    assert "Keep this" in page.content.decode()
    top.refresh_from_db()
    assert top.status == EntryStatus.PLACED


def test_a_bypass_with_a_reason_and_note_is_recorded_and_can_be_undone(
    made: tuple[Shortlist, Client],
) -> None:
    shortlist, client = made
    top = shortlist.entries.get(position=1)
    kwargs = {"advert": shortlist.advert_id, "entry": top.pk}
    page = client.post(
        reverse("lettings:shortlist_bypass", kwargs=kwargs),
        {"reason": "rent_arrears", "note": "£1,200 owed, no arrangement"},
        follow=True,
    )
    assert "Bidder bypassed" in page.content.decode()
    assert "Rent arrears with no repayment arrangement" in page.content.decode()
    top.refresh_from_db()
    assert top.status == EntryStatus.BYPASSED
    client.post(reverse("lettings:shortlist_bypass_undo", kwargs=kwargs))
    top.refresh_from_db()
    assert top.status == EntryStatus.PLACED


def test_ranking_again_needs_a_choice_and_then_ranks(made: tuple[Shortlist, Client]) -> None:
    shortlist, client = made
    url = reverse("lettings:shortlist_rerank", kwargs={"advert": shortlist.advert_id})
    assert "Select how to rank the bids again" in client.post(url, {}).content.decode()
    before = shortlist.ranked_at
    client.post(url, {"how": "reset"})
    shortlist.refresh_from_db()
    assert shortlist.ranked_at >= before


def test_another_councils_officer_gets_not_found(made: tuple[Shortlist, Client]) -> None:
    shortlist, _ = made
    other = Client()
    other.force_login(
        staff_member(
            OrganisationFactory(scheme=shortlist.advert.council.scheme), [Role.LETTINGS_OFFICER]
        ).user
    )
    page = other.get(reverse("lettings:shortlist", kwargs={"advert": shortlist.advert_id}))
    assert page.status_code == 404
    assert (
        shortlist.advert.reference not in other.get(reverse("lettings:shortlists")).content.decode()
    )


def test_a_long_shortlist_costs_no_more_queries_than_a_short_one(
    made: tuple[Shortlist, Client], django_assert_max_num_queries: Any
) -> None:
    shortlist, client = made
    url = reverse("lettings:shortlist", kwargs={"advert": shortlist.advert_id})
    with django_assert_max_num_queries(14):
        client.get(url)
    policy = shortlist.policy_version
    for n in range(20):
        bid(
            shortlist.advert,
            applicant_in_band(shortlist.advert.council, policy, "B", dt.date(2025, 2, 1 + n)),
        )
    client.post(
        reverse("lettings:shortlist_rerank", kwargs={"advert": shortlist.advert_id}),
        {"how": "keep"},
    )
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert page.content.decode().count("govuk-tag--green") == 23


def test_the_applicant_sees_the_bypass_reason_in_the_policys_words(
    made: tuple[Shortlist, Client],
) -> None:
    shortlist, client = made
    top = shortlist.entries.get(position=1)
    client.post(
        reverse(
            "lettings:shortlist_bypass", kwargs={"advert": shortlist.advert_id, "entry": top.pk}
        ),
        {"reason": "rent_arrears", "note": "Owes £900"},
    )
    household = top.bid.application.household
    household.applicant = applicant = ApplicantFactory()
    household.save()
    own = Client()
    own.force_login(applicant)
    page = own.get(reverse("lettings:bids")).content.decode()
    assert "You owe rent and have not agreed a plan to pay it back." in page
    assert "Owes £900" not in page and "rent_arrears" not in page
