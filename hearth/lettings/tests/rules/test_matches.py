"""The pure rules of direct lets: when a home can be let directly, the labels a home with no
advert is matched on, references, and the reasons households were left off."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.lettings.rules.cycle_rhythm import DEFAULT_RHYTHM, LONDON, Rhythm
from hearth.lettings.rules.go_live import first_opening_from
from hearth.lettings.rules.matches import (
    OLDER_PERSONS_MINIMUM_AGE,
    Labels,
    OpenAdvert,
    direct_reference,
    labels_of_home,
    match_blocker,
    reasons_counted,
    reference_number,
    reference_prefix,
)


def advert(status: str, route: str = "cbl", offer: bool = False) -> OpenAdvert:
    return OpenAdvert(reference="MC-A00001", status=status, route=route, offer_in_progress=offer)


@pytest.mark.parametrize(
    "state",
    [
        None,
        advert("approved"),
        advert("submitted"),
        advert("closed", route="direct"),
    ],
)
def test_a_home_with_no_advert_an_approved_or_submitted_one_or_a_direct_let_can_be_matched(
    state: OpenAdvert | None,
) -> None:
    assert match_blocker(state) == ""


@pytest.mark.parametrize(
    ("state", "says"),
    [
        (advert("closed", route="direct", offer=True), "already under offer"),
        (advert("approved", offer=True), "already under offer"),
        (advert("live"), "advertised in the current bidding cycle"),
        (advert("closed"), "shortlist from its bidding cycle"),
        (advert("draft"), "has not finished this home's advert"),
        (advert("returned"), "has not finished this home's advert"),
    ],
)
def test_a_home_under_offer_advertised_shortlisted_or_being_written_cannot(
    state: OpenAdvert, says: str
) -> None:
    blocker = match_blocker(state)
    assert says in blocker
    assert "MC-A00001" in blocker


def test_a_home_with_no_advert_is_matched_on_its_bedrooms_age_and_mobility() -> None:
    assert labels_of_home(bedrooms=3, mobility="general", older_persons=False) == Labels(
        3, 3, None, ""
    )
    assert labels_of_home(bedrooms=0, mobility="2", older_persons=True) == Labels(
        1, 1, OLDER_PERSONS_MINIMUM_AGE, "2"
    )


def test_direct_let_references_count_per_council_with_a_d() -> None:
    assert reference_prefix("marshvale-city") == "MC"
    assert reference_prefix("kingsbarrow") == "KI"
    assert direct_reference("KI", 12) == "KI-D00012"
    assert reference_number("KI-D00012") == 12
    assert reference_number("KI-A00012") is None
    assert reference_number("KI-D123456") == 123456


def test_reasons_are_counted_commonest_first() -> None:
    reasons = ["needs 4 bedrooms", "under offer", "needs 4 bedrooms", "a", "under offer", "b"]
    assert reasons_counted(reasons) == [
        ("needs 4 bedrooms", 2),
        ("under offer", 2),
        ("a", 1),
        ("b", 1),
    ]


def test_the_first_opening_on_or_after_the_go_live_date() -> None:
    # The default rhythm opens on Thursdays at 00:01.
    thursday = dt.date(2027, 1, 7)
    at = dt.datetime(2027, 1, 7, 0, 1, tzinfo=LONDON)
    assert first_opening_from(DEFAULT_RHYTHM, thursday) == at
    assert first_opening_from(DEFAULT_RHYTHM, thursday - dt.timedelta(days=3)) == at
    assert first_opening_from(DEFAULT_RHYTHM, thursday + dt.timedelta(days=1)) == at + dt.timedelta(
        days=7
    )
    monday = Rhythm(0, dt.time(9), 4, dt.time(17))
    assert first_opening_from(monday, thursday) == dt.datetime(2027, 1, 11, 9, tzinfo=LONDON)
