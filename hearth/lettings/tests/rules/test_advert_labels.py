"""The advert's mobility and age labels: checked against each other and the home with the field
named, worded for applicants, and answering "Can I bid?". Pure: no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hearth.lettings.rules.adverts import HomeFacts, default_labels, label_problems
from hearth.lettings.rules.bid_check import bid_answer
from hearth.lettings.rules.labels_text import AdvertLabels as LabelsShown
from hearth.lettings.rules.labels_text import labels_text
from hearth.lettings.tests.homes_setup import labels
from hearth.lettings.tests.rules.test_bid_check import HOME, question
from hearth.policy.rules.facts import PersonFacts
from hearth.policy.tests.assess_support import birthday, household
from hearth.policy.tests.rank_support import bidder

TODAY = dt.date(2026, 6, 15)
ONE_BED = HomeFacts(bedrooms=1, older_persons=False)
WHEELCHAIR_FLAT = HomeFacts(bedrooms=1, older_persons=False, mobility="1")
STEP_FREE_FLAT = HomeFacts(bedrooms=1, older_persons=False, mobility="3")


def problems(home: HomeFacts = ONE_BED, **changes: object) -> dict[str, str]:
    changes.setdefault("min_bedroom_need", 1)
    changes.setdefault("max_bedroom_need", 1)
    return label_problems(labels(**changes), home=home, plans=(), today=TODAY)


# --- Checked against the home -------------------------------------------------------------------


def test_a_young_persons_home_takes_a_maximum_age_and_whose_age_counts() -> None:
    assert problems(minimum_age=18, maximum_age=25, age_applies_to="every_adult") == {}


def test_a_maximum_age_below_the_minimum_is_refused_on_the_maximum() -> None:
    assert problems(minimum_age=30, maximum_age=25) == {
        "maximum_age": "The maximum age (25) must not be less than the minimum age (30)"
    }


def test_a_maximum_age_on_a_family_home_is_refused() -> None:
    found = problems(HomeFacts(bedrooms=3, older_persons=False), maximum_age=25)
    assert found["maximum_age"].startswith("A maximum age is for young people's homes")


def test_an_unknown_whose_age_is_refused() -> None:
    assert problems(age_applies_to="the_dog") == {"age_applies_to": "Select whose age counts"}


def test_a_mobility_label_must_fit_the_homes_own_category() -> None:
    # A wheelchair home may be for wheelchair users only, or for anyone needing 1, 2 or 3
    assert problems(WHEELCHAIR_FLAT, mobility_need="1", mobility_use="filter") == {}
    assert problems(WHEELCHAIR_FLAT, mobility_need="3", mobility_use="priority") == {}
    # A step-free home cannot promise wheelchair users a wheelchair home
    found = problems(STEP_FREE_FLAT, mobility_need="1")
    assert found == {
        "mobility_need": (
            "This home is mobility 3: it cannot be for households needing a more accessible "
            "home. Choose mobility 3 or any household"
        )
    }
    # And a general needs home has no mobility label at all
    assert "general needs" in problems(ONE_BED, mobility_need="2")["mobility_need"]
    assert "mobility_use" in problems(WHEELCHAIR_FLAT, mobility_need="1", mobility_use="first")


def test_an_accessible_home_starts_with_its_category_as_a_priority_group() -> None:
    assert default_labels(WHEELCHAIR_FLAT)["mobility_need"] == "1"
    assert default_labels(WHEELCHAIR_FLAT)["mobility_use"] == "priority"
    assert default_labels(ONE_BED)["mobility_need"] == ""


# --- Said to applicants -------------------------------------------------------------------------


def test_the_labels_say_whose_age_counts_and_how_the_mobility_label_is_used() -> None:
    shown = LabelsShown(
        min_bedroom_need=1,
        max_bedroom_need=1,
        council_name="Marshvale City",
        minimum_age=55,
        age_applies_to="applicant_or_partner",
        mobility_need="2",
        mobility_use="priority",
    )
    lines = labels_text(shown)
    assert "For people aged 55 or over (the lead applicant or their partner)." in lines
    assert (
        "Priority for households assessed as needing a mobility 1 or 2 home, then everyone else."
        in lines
    )


# --- Can I bid? ---------------------------------------------------------------------------------


def test_can_i_bid_refuses_a_household_not_assessed_for_a_mobility_filter() -> None:
    home = dataclasses.replace(HOME, mobility_need="1", mobility_use="filter")
    answer = bid_answer(question(home=home))
    assert answer.code == "mobility"
    assert answer.reason.startswith(
        "This home is only for households assessed as needing a wheelchair home (mobility 1)."
    )
    assessed = bidder("b", household(assessed_mobility="1"), bedroom_need=2)
    assert bid_answer(question(home=home, bidder=assessed)).allowed


def test_can_i_bid_lets_anyone_bid_for_a_mobility_priority_group() -> None:
    home = dataclasses.replace(HOME, mobility_need="1", mobility_use="priority")
    assert bid_answer(question(home=home)).allowed


def test_can_i_bid_counts_the_partners_age_when_the_label_says_so() -> None:
    home = dataclasses.replace(HOME, minimum_age=60, age_applies_to="applicant_or_partner")
    couple = household(
        PersonFacts("lead", birthday(58), "female", "lead", partner_id="p"),
        PersonFacts("p", birthday(63), "male", "partner", partner_id="lead"),
    )
    assert bid_answer(question(home=home, bidder=bidder("b", couple, bedroom_need=2))).allowed
    alone = household(PersonFacts("lead", birthday(58), "female", "lead"))
    answer = bid_answer(question(home=home, bidder=bidder("b", alone, bedroom_need=2)))
    assert (
        answer.reason
        == "This home is for households where you or your partner are aged 60 or over."
    )


def test_a_use_of_a_mobility_label_the_policy_does_not_allow_is_refused() -> None:
    found = label_problems(
        labels(min_bedroom_need=1, max_bedroom_need=1, mobility_need="1", mobility_use="priority"),
        home=WHEELCHAIR_FLAT,
        plans=(),
        today=TODAY,
        mobility_uses=("filter",),
    )
    assert found == {
        "mobility_use": (
            "The council's allocation policy does not allow a mobility label to be used this "
            "way: choose another"
        )
    }
