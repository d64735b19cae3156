"""An advert's labels checked against each other and the home; references; who advertises."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hearth.lettings.rules.adverts import (
    HomeFacts,
    advert_reference,
    council_advertises,
    default_labels,
    label_problems,
    reference_number,
    reference_prefix,
)
from hearth.lettings.tests.homes_setup import labels

TODAY = dt.date(2026, 6, 15)
FLAT = HomeFacts(bedrooms=2, older_persons=False)


def problems(home: HomeFacts = FLAT, plans: tuple[str, ...] = ("rural",), **changes: object):
    return label_problems(labels(**changes), home=home, plans=plans, today=TODAY)


def test_labels_that_fit_the_home_have_no_problems() -> None:
    assert problems() == {}


def test_smallest_need_above_largest_is_refused_on_the_smallest() -> None:
    found = problems(min_bedroom_need=2, max_bedroom_need=1)
    assert found == {
        "min_bedroom_need": "The smallest bedroom need (2) must not be more than the largest (1)"
    }


def test_a_need_above_the_homes_bedrooms_is_refused_on_the_largest() -> None:
    found = problems(min_bedroom_need=2, max_bedroom_need=3)
    assert "The home has 2 bedrooms" in found["max_bedroom_need"]


def test_a_bedsit_is_for_households_needing_one_bedroom() -> None:
    bedsit = HomeFacts(bedrooms=0, older_persons=False)
    assert problems(bedsit, min_bedroom_need=1, max_bedroom_need=1) == {}
    assert "max_bedroom_need" in problems(bedsit, min_bedroom_need=1, max_bedroom_need=2)


def test_an_age_limit_on_a_family_home_is_refused() -> None:
    found = problems(minimum_age=55)
    assert found["minimum_age"].startswith("An age limit is for older persons' homes")


def test_an_age_limit_on_older_persons_housing_is_fine_whatever_its_size() -> None:
    older = HomeFacts(bedrooms=2, older_persons=True)
    assert problems(older, minimum_age=60) == {}


def test_an_age_limit_on_a_one_bedroom_home_is_allowed() -> None:
    one = HomeFacts(bedrooms=1, older_persons=False)
    assert problems(one, minimum_age=55, min_bedroom_need=1, max_bedroom_need=1) == {}


def test_an_impossible_age_is_refused() -> None:
    older = HomeFacts(bedrooms=1, older_persons=True)
    found = problems(older, minimum_age=7, min_bedroom_need=1, max_bedroom_need=1)
    assert "from 16 to 100" in found["minimum_age"]


def test_a_date_in_the_past_is_refused_and_today_is_fine() -> None:
    assert "available_from" in problems(available_from=TODAY - dt.timedelta(days=1))
    assert problems(available_from=TODAY) == {}


def test_a_plan_must_be_one_of_the_councils() -> None:
    assert problems(lettings_plan="rural") == {}
    assert "lettings_plan" in problems(lettings_plan="somewhere_else")


def test_a_plan_area_connection_needs_a_plan() -> None:
    found = problems(connection_scope="plan")
    assert "lettings_plan" in found
    assert problems(connection_scope="plan", lettings_plan="rural") == {}


def test_unknown_choices_and_long_texts_are_refused() -> None:
    found = problems(connection_scope="moon", pets="dragons", description="x" * 2001)
    assert set(found) == {"connection_scope", "pets", "description"}


def test_the_form_starts_from_the_homes_bedrooms_and_older_persons_age() -> None:
    assert default_labels(FLAT)["max_bedroom_need"] == 2
    assert default_labels(FLAT)["minimum_age"] is None
    assert default_labels(HomeFacts(bedrooms=1, older_persons=True))["minimum_age"] == 55


@given(
    bedrooms=st.integers(min_value=0, max_value=10),
    low=st.integers(min_value=1, max_value=10),
    high=st.integers(min_value=1, max_value=10),
)
def test_accepted_bedroom_ranges_are_ordered_and_fit_the_home(
    bedrooms: int, low: int, high: int
) -> None:
    home = HomeFacts(bedrooms=bedrooms, older_persons=False)
    found = problems(home, min_bedroom_need=low, max_bedroom_need=high)
    accepted = "min_bedroom_need" not in found and "max_bedroom_need" not in found
    assert accepted == (low <= high <= max(bedrooms, 1))


def test_references_carry_the_councils_letters_and_a_number() -> None:
    assert reference_prefix("marshvale-city") == "MC"
    assert reference_prefix("eastmere") == "EA"
    assert advert_reference("MC", 42) == "MC-A00042"
    assert reference_number("MC-A00042") == 42
    assert reference_number("MC-A123456") == 123456
    assert reference_number("MV00042") is None


def test_only_live_councils_without_direct_matching_advertise() -> None:
    assert council_advertises("live_cbl", "choice_based")
    assert council_advertises("live_cbl", None)
    assert not council_advertises("live_cbl", "direct_match")
    assert not council_advertises("traditional", "choice_based")
    assert not council_advertises("onboarding", None)
