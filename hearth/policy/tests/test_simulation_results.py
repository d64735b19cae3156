"""Aggregating a simulation: pure functions, no database."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearth.policy.rules.assess import INELIGIBLE, NOT_QUALIFYING, QUALIFIES
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_data, document_from_text, document_read
from hearth.policy.rules.facts import HomeFacts, HouseholdFacts, NeedAward, Period, PersonFacts
from hearth.policy.simulation import chart, presentation, results
from hearth.policy.simulation.results import (
    CHANGED,
    DOWN,
    NO_POLICY,
    SAME,
    UP,
    Position,
    RegisterMovement,
)
from hearth.policy.tests.documents import example_policy_texts

ON = dt.date(2026, 6, 15)
COUNCIL = "marshvale-city"


# --- Builders ----------------------------------------------------------------------------------


def marshvale() -> PolicyDocument:
    return document_from_text(example_policy_texts()[COUNCIL])


def marshvale_draft() -> PolicyDocument:
    """The demo policy with three changes: overcrowding by one bedroom is Band A (was B), the
    income limit is £30,000 (was £60,000), and a new rule divides by the home's bedrooms, which
    fails for a household with no bedrooms of its own."""
    data: dict[str, Any] = copy.deepcopy(document_data(marshvale()))
    for reason in data["need_reasons"]:
        if reason["code"] == "overcrowded_1":
            reason["band"] = "A"
    for rule in data["qualification"]:
        if rule["code"] == "income_over_limit":
            rule["when"] = "household.income_yearly > 30000.0"
            rule["text"] = "Your household income is over £30,000 a year."
    data["need_reasons"].append(
        {
            "code": "crowded_rooms",
            "label": "Many people per bedroom",
            "awarded": "derived",
            "when": "household.size / household.home_bedrooms > 5",
            "band": "B",
            "text": "Test.",
        }
    )
    return document_read(data)


def born(age: int, on: dt.date = ON) -> dt.date:
    """The date of birth of someone whose `age`th birthday is `on`."""
    return on.replace(year=on.year - age)


def person(pid: str, age: int, relationship: str, **extra: Any) -> PersonFacts:
    sex = extra.pop("sex", "female")
    return PersonFacts(pid, born(age) - dt.timedelta(days=1), sex, relationship, **extra)


def household(
    hid: str,
    *members: PersonFacts,
    bedrooms: int = 1,
    income: int = 15_000,
    tenure: str = "private_rented",
    home: HomeFacts | None = None,
    **extra: Any,
) -> HouseholdFacts:
    return HouseholdFacts(
        household_id=hid,
        council=COUNCIL,
        registration_date=dt.date(2024, 1, 10),
        members=members or (person(f"{hid}-lead", 30, "lead"),),
        home=home or HomeFacts(tenure, bedrooms=bedrooms),
        residence=(Period(COUNCIL, dt.date(2015, 1, 1)),),
        income_yearly=Decimal(income),
        **extra,
    )


def parent_and_child(hid: str, **extra: Any) -> HouseholdFacts:
    """A lone parent with a 5-year-old in a one-bedroom flat: overcrowded by one bedroom."""
    return household(
        hid, person(f"{hid}-lead", 32, "lead"), person(f"{hid}-c", 5, "child"), **extra
    )


def movement(*households: HouseholdFacts) -> RegisterMovement:
    baseline, draft = marshvale(), marshvale_draft()
    found = RegisterMovement(baseline=baseline, draft=draft, on_date=ON)
    for i, facts in enumerate(households):
        found.add(
            results.outcome_assess(
                reference=f"MC-{i:06d}", facts=facts, baseline=baseline, draft=draft, on_date=ON
            )
        )
    return found


def cell(data: dict[str, Any], row: str, column: str) -> int:
    matrix = data["matrix"]
    return int(matrix["counts"][matrix["rows"].index(row)][matrix["columns"].index(column)])


# --- Ages and household types -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (15, "under_16"),
        (16, "16_24"),
        (24, "16_24"),
        (25, "25_34"),
        (34, "25_34"),
        (35, "35_44"),
        (44, "35_44"),
        (45, "45_54"),
        (54, "45_54"),
        (55, "55_64"),
        (64, "55_64"),
        (65, "65_74"),
        (74, "65_74"),
        (75, "75_plus"),
        (103, "75_plus"),
    ],
)
def test_age_bands_have_the_monitoring_boundaries(age: int, band: str) -> None:
    assert results.age_band(age) == band


def test_a_lead_moves_into_the_next_age_band_on_their_birthday() -> None:
    # given a lead whose 25th birthday is the simulation date, and one whose is the day after
    today = household("a", PersonFacts("a", born(25), "female", "lead"))
    tomorrow = household("b", PersonFacts("b", born(25) + dt.timedelta(days=1), "female", "lead"))
    # when their profiles are worked out, then the birthday counts on the day itself
    assert results.equality_profile(today, ON)["age"] == "25_34"
    assert results.equality_profile(tomorrow, ON)["age"] == "16_24"


def test_a_leap_day_birthday_counts_from_the_first_of_march() -> None:
    # given a lead born on 29 February 2000
    facts = household("a", PersonFacts("a", dt.date(2000, 2, 29), "male", "lead"))
    # then in 2025 (no 29 February) they are still 24 on 28 February and 25 on 1 March
    assert results.equality_profile(facts, dt.date(2025, 2, 28))["age"] == "16_24"
    assert results.equality_profile(facts, dt.date(2025, 3, 1))["age"] == "25_34"


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ((person("l", 30, "lead"),), "single"),
        ((person("l", 30, "lead", partner_id="p"), person("p", 31, "joint")), "couple"),
        ((person("l", 30, "lead"), person("p", 31, "partner")), "couple"),
        ((person("l", 30, "lead"), person("c", 4, "child")), "lone_parent"),
        ((person("l", 60, "lead"), person("g", 9, "other")), "lone_parent"),
        ((person("l", 40, "lead"), person("c", 17, "child")), "lone_parent"),
        ((person("l", 40, "lead"), person("c", 18, "child")), "other"),
        (
            (person("l", 30, "lead"), person("p", 31, "partner"), person("c", 2, "child")),
            "couple_with_children",
        ),
        (
            (person("l", 30, "lead"), person("p", 31, "partner"), person("m", 70, "parent")),
            "other",
        ),
        ((person("l", 30, "lead"), person("s", 28, "sibling")), "other"),
    ],
)
def test_household_types(members: tuple[PersonFacts, ...], expected: str) -> None:
    assert results.household_type(household("h", *members), ON) == expected


def test_profile_of_a_household_with_a_disabled_child() -> None:
    facts = household(
        "h",
        person("l", 40, "lead", sex="male", ethnicity="white_irish"),
        person("c", 8, "child", disabled=True),
    )
    assert results.equality_profile(facts, ON) == {
        "age": "35_44",
        "disability": "disabled",
        "ethnicity": "white_irish",
        "household_type": "lone_parent",
        "sex": "male",
    }


def test_an_unrecorded_ethnicity_is_not_known() -> None:
    assert results.equality_profile(household("h"), ON)["ethnicity"] == results.NOT_KNOWN


# --- Direction and the matrix ---------------------------------------------------------------------

ORDER = ["A", "B", "C", "D"]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Position(QUALIFIES, "B"), Position(QUALIFIES, "A"), UP),
        (Position(QUALIFIES, "A"), Position(QUALIFIES, "C"), DOWN),
        (Position(QUALIFIES, "C"), Position(QUALIFIES, "C"), SAME),
        (Position(NOT_QUALIFYING), Position(QUALIFIES, "D"), UP),
        (Position(QUALIFIES, "A"), Position(NOT_QUALIFYING), DOWN),
        (Position(NOT_QUALIFYING), Position(INELIGIBLE), DOWN),
        (Position(INELIGIBLE), Position(INELIGIBLE), SAME),
        (Position(QUALIFIES, points=40), Position(QUALIFIES, points=45), UP),
        (Position(QUALIFIES, points=40), Position(QUALIFIES, points=12), DOWN),
        (Position(QUALIFIES, points=40), Position(QUALIFIES, points=40), SAME),
        (Position(QUALIFIES, "A"), Position(QUALIFIES, points=40), CHANGED),
        (Position(QUALIFIES, "A"), Position(QUALIFIES, "Z"), CHANGED),
        (Position(NO_POLICY), Position(QUALIFIES, "A"), CHANGED),
    ],
)
def test_direction(before: Position, after: Position, expected: str) -> None:
    assert results.direction(before, after, ORDER) == expected


def test_bands_only_the_policy_in_force_has_keep_their_place() -> None:
    assert results.bands_merged(["A", "B", "C", "D"], ["A", "B", "C"]) == ["A", "B", "C", "D"]
    assert results.bands_merged(["A", "B", "C"], ["A+", "A", "C"]) == ["A+", "A", "B", "C"]
    assert results.bands_merged(["X", "A"], ["A", "B"]) == ["X", "A", "B"]


def test_a_banded_matrix_has_the_bands_then_the_statuses_on_both_axes() -> None:
    # given three households staying in C, one moving B to A, and one no longer qualifying
    pairs = Counter(
        {("band:C", "band:C"): 3, ("band:B", "band:A"): 1, ("band:D", NOT_QUALIFYING): 1}
    )
    # when the matrix is built
    rows, columns, counts = results.movement_matrix(
        pairs,
        baseline_scheme="bands",
        draft_scheme="bands",
        baseline_bands=ORDER,
        draft_bands=ORDER,
    )
    # then both axes list every band and both statuses, and each count is in its cell
    expected = ["band:A", "band:B", "band:C", "band:D", NOT_QUALIFYING, INELIGIBLE]
    assert rows == columns == expected
    assert counts[2][2] == 3
    assert counts[1][0] == 1
    assert counts[3][4] == 1
    assert sum(map(sum, counts)) == 5


def test_points_are_grouped_highest_first_in_groups_of_twenty() -> None:
    pairs = Counter({("points:5", "points:25"): 2, ("points:39", "points:40"): 1})
    rows, columns, counts = results.movement_matrix(
        pairs, baseline_scheme="points", draft_scheme="points", baseline_bands=[], draft_bands=[]
    )
    assert (
        rows
        == columns
        == [
            "points:40:59",
            "points:20:39",
            "points:0:19",
            NOT_QUALIFYING,
            INELIGIBLE,
        ]
    )
    assert counts[2][1] == 2  # 0-19 to 20-39
    assert counts[1][0] == 1  # 20-39 to 40-59


@pytest.mark.parametrize(
    ("highest", "width"), [(0, 20), (199, 20), (200, 50), (499, 50), (950, 100), (40_000, 5000)]
)
def test_points_groups_stay_about_ten_rows(highest: int, width: int) -> None:
    assert results.points_width(highest) == width


def test_a_move_between_a_banded_and_a_points_scheme_has_its_own_axes() -> None:
    rows, columns, counts = results.movement_matrix(
        Counter({("band:A", "points:300"): 1, (NO_POLICY, NOT_QUALIFYING): 0}),
        baseline_scheme="bands",
        draft_scheme="points",
        baseline_bands=["A", "B"],
        draft_bands=[],
    )
    assert rows[:2] == ["band:A", "band:B"]
    assert columns[0] == "points:300:349"
    assert counts[0][0] == 1


@given(
    st.dictionaries(
        st.tuples(
            st.sampled_from(["band:A", "band:B", "band:C", NOT_QUALIFYING, INELIGIBLE]),
            st.sampled_from(["band:A", "band:B", "band:C", NOT_QUALIFYING, INELIGIBLE]),
        ),
        st.integers(min_value=0, max_value=1000),
    )
)
def test_the_matrix_holds_every_household_once(pairs: dict[tuple[str, str], int]) -> None:
    rows, columns, counts = results.movement_matrix(
        pairs,
        baseline_scheme="bands",
        draft_scheme="bands",
        baseline_bands=["A", "B", "C"],
        draft_bands=["A", "B", "C"],
    )
    assert sum(map(sum, counts)) == sum(pairs.values())
    for (before, after), count in pairs.items():
        assert counts[rows.index(before)][columns.index(after)] == count


# --- A register's movement -----------------------------------------------------------------------


def test_register_movement_counts_moves_and_says_why() -> None:
    # given: two overcrowded households (B now, A in the draft), one on £40,000 (qualifies now,
    # not under the draft), one with nothing changing (D) and one with no bedrooms of its own
    # (the draft's new rule divides by zero for it)
    found = movement(
        parent_and_child("h1"),
        parent_and_child("h2"),
        household("h3", income=40_000),
        household("h4"),
        household("h5", bedrooms=0, tenure="family"),
    )
    # when the findings are read
    data = found.data()
    # then the matrix has each move in its cell
    assert data["households"] == 5
    assert data["compared"] == 4
    assert data["problems"] == 1
    assert cell(data, "band:B", "band:A") == 2
    assert cell(data, "band:D", NOT_QUALIFYING) == 1
    assert cell(data, "band:D", "band:D") == 1
    assert data["directions"] == {UP: 2, DOWN: 1, CHANGED: 0, SAME: 1}
    # and each mover says why
    movers = {m["reference"]: m for m in data["movers"]}
    assert set(movers) == {"MC-000000", "MC-000001", "MC-000002"}
    up = movers["MC-000000"]
    assert up["direction"] == UP
    assert up["from"] == {"status": QUALIFIES, "band": "B", "points": None}
    assert up["to"] == {"status": QUALIFIES, "band": "A", "points": None}
    assert up["needs_gained"] == up["needs_lost"] == []
    assert up["needs_changed"] == [
        {
            "code": "overcrowded_1",
            "label": "Overcrowded by 1 bedroom",
            "from": {"band": "B", "points": 0},
            "to": {"band": "A", "points": 0},
        }
    ]
    down = movers["MC-000002"]
    assert down["to"]["status"] == NOT_QUALIFYING
    assert down["refusals_gained"] == ["Your household income is over £30,000 a year."]
    # and the household that could not be assessed is reported, not compared
    (problem,) = found.problems()
    assert problem["reference"] == "MC-000004"
    assert problem["problems"][0]["under"] == "draft"
    assert "zero" in problem["problems"][0]["message"].lower()


def test_reasons_gained_and_lost_are_listed_by_label() -> None:
    # given a household whose home is in disrepair (a Band C reason in both policies) and one
    # that is overcrowded by one bedroom; under a draft without the disrepair reason...
    baseline = marshvale()
    data = copy.deepcopy(document_data(baseline))
    data["need_reasons"] = [r for r in data["need_reasons"] if r["code"] != "unsatisfactory_home"]
    draft = document_read(data)
    found = RegisterMovement(baseline=baseline, draft=draft, on_date=ON)
    facts = household("h", home=HomeFacts("private_rented", bedrooms=1, disrepair=True))
    found.add(
        results.outcome_assess(
            reference="MC-1", facts=facts, baseline=baseline, draft=draft, on_date=ON
        )
    )
    # then the household moves down from C to D, having lost that reason
    (mover,) = found.data()["movers"]
    assert mover["direction"] == DOWN
    assert mover["needs_lost"] == [
        {"code": "unsatisfactory_home", "label": "Lacking or sharing basic facilities"}
    ]
    assert mover["needs_gained"] == []


def test_a_household_that_stops_qualifying_is_explained_by_the_rule_not_its_needs() -> None:
    # given a household in disrepair (Band C) on £40,000, over the draft's income limit
    facts = household(
        "h", income=40_000, home=HomeFacts("private_rented", bedrooms=1, disrepair=True)
    )
    # when it is compared, then the qualification rule is the reason; its needs (only worked
    # out for households who qualify) are not listed as lost
    (mover,) = movement(facts).data()["movers"]
    assert mover["to"]["status"] == NOT_QUALIFYING
    assert mover["refusals_gained"] == ["Your household income is over £30,000 a year."]
    assert mover["needs_lost"] == mover["needs_gained"] == mover["needs_changed"] == []


def test_an_award_the_draft_drops_is_a_move_not_a_failure() -> None:
    # given a draft without the officer-awarded harassment reason (Band B in the policy in
    # force), and a household an officer gave it to
    baseline = marshvale()
    data = copy.deepcopy(document_data(baseline))
    data["need_reasons"] = [r for r in data["need_reasons"] if r["code"] != "harassment_risk"]
    draft = document_read(data)
    facts = household("h", need_awards=(NeedAward("harassment_risk", dt.date(2025, 1, 1)),))
    # when it is compared
    found = RegisterMovement(baseline=baseline, draft=draft, on_date=ON)
    found.add(
        results.outcome_assess(
            reference="MC-1", facts=facts, baseline=baseline, draft=draft, on_date=ON
        )
    )
    # then it moves down, having lost the reason, and the award is counted, not reported
    data = found.data()
    assert found.problems() == []
    (mover,) = data["movers"]
    assert (mover["direction"], mover["to"]["band"]) == (DOWN, "D")
    assert [n["code"] for n in mover["needs_lost"]] == ["harassment_risk"]
    assert data["unrecognised_awards"] == {"baseline": {}, "draft": {"harassment_risk": 1}}


def test_no_policy_in_force_puts_everyone_in_one_row() -> None:
    draft = marshvale()
    found = RegisterMovement(baseline=None, draft=draft, on_date=ON)
    for hid in ("a", "b"):
        found.add(
            results.outcome_assess(
                reference=hid, facts=household(hid), baseline=None, draft=draft, on_date=ON
            )
        )
    data = found.data()
    assert data["matrix"]["rows"] == [NO_POLICY]
    assert cell(data, NO_POLICY, "band:D") == 2
    assert data["directions"][CHANGED] == 2


def test_a_household_the_engine_cannot_read_is_a_problem_not_a_crash() -> None:
    # given a household with nobody in it (the engine needs a lead applicant)
    empty = HouseholdFacts("empty", COUNCIL, dt.date(2024, 1, 1), members=())
    # when it is assessed, then it comes back with problems under both policies
    outcome = results.outcome_assess(
        reference="X", facts=empty, baseline=marshvale(), draft=marshvale(), on_date=ON
    )
    assert outcome.draft is None
    assert {under for under, _message in outcome.problems} == {"baseline", "draft"}
    assert results.equality_profile(empty, ON)["age"] == results.NOT_KNOWN


# --- Equality tables ------------------------------------------------------------------------------


def test_equality_percentages_are_of_each_group() -> None:
    # given 8 households on the register, 4 moving up and 2 moving down
    equality = {
        "register": {"sex": {"female": 6, "male": 2}, "age": {"75_plus": 1, "16_24": 7}},
        "up": {"sex": {"female": 1, "male": 2}, "age": {"16_24": 3}},
        "down": {"sex": {"female": 2}, "age": {"16_24": 1, "75_plus": 1}},
    }
    # when the tables are made
    tables = {t.dimension: t for t in presentation.equality_tables(equality, ethnicity_labels={})}
    # then each percentage is of its own column's households, to one decimal place
    female, male = tables["sex"].rows
    assert (female.label, female.register.count, female.register.percent) == ("Female", 6, 75.0)
    assert (female.up.count, female.up.percent) == (1, 33.3)
    assert (male.up.count, male.up.percent) == (2, 66.7)
    assert (female.down.percent, male.down.percent) == (100.0, 0.0)
    assert tables["sex"].totals == (8, 3, 2)
    # and age bands are youngest first, whatever order they were counted in
    assert [r.category for r in tables["age"].rows] == ["16_24", "75_plus"]
    assert tables["age"].rows[1].label == "75 and over"


def test_ethnic_groups_follow_the_census_order_then_not_known() -> None:
    equality = {"register": {"ethnicity": {"not_known": 1, "white_irish": 2, "asian_indian": 3}}}
    labels = {"asian_indian": "Asian: Indian", "white_irish": "White: Irish"}
    ethnicity = next(
        t
        for t in presentation.equality_tables(equality, ethnicity_labels=labels)
        if t.dimension == "ethnicity"
    )
    assert [r.label for r in ethnicity.rows] == ["Asian: Indian", "White: Irish", "Not known"]
    assert ethnicity.rows[0].up.percent == 0.0  # nobody moved up: no division by zero


def test_percent() -> None:
    assert presentation.percent(1, 3) == 33.3
    assert presentation.percent(2, 3) == 66.7
    assert presentation.percent(0, 0) == 0.0


# --- Presenting and downloading -------------------------------------------------------------------


def test_labels_for_matrix_categories() -> None:
    labels = {"A": "Band A (urgent)"}
    assert presentation.category_label("band:A", labels) == "Band A (urgent)"
    assert presentation.category_label("band:E", labels) == "Band E"
    assert presentation.category_label("points:20:39", labels) == "20 to 39 points"
    assert presentation.category_label(NOT_QUALIFYING, labels) == "Not qualifying"
    assert presentation.category_label(INELIGIBLE, labels) == "Ineligible"


def test_the_distribution_now_and_under_the_draft_comes_from_the_matrix() -> None:
    matrix = presentation.matrix_view(
        {"rows": ["band:A", "band:B"], "columns": ["band:A", "band:B"], "counts": [[1, 0], [2, 3]]},
        {},
    )
    rows = presentation.distribution(matrix)
    assert [(r.label, r.now, r.draft, r.change) for r in rows] == [
        ("Band A", 1, 3, 2),
        ("Band B", 5, 3, -2),
    ]


def test_movers_csv_rows_say_why_and_cannot_run_as_formulas() -> None:
    movers = [
        {
            "reference": "=HYPERLINK(1)",
            "direction": UP,
            "from": {"status": QUALIFIES, "band": "B", "points": None},
            "to": {"status": QUALIFIES, "band": "A", "points": None},
            "needs_gained": [{"code": "x", "label": "Overcrowded"}],
            "needs_lost": [],
            "needs_changed": [
                {
                    "code": "y",
                    "label": "Medical",
                    "from": {"band": "C", "points": 0},
                    "to": {"band": "B", "points": 0},
                }
            ],
            "refusals_gained": [],
            "refusals_lost": ["Too rich."],
        }
    ]
    header, row = list(presentation.movers_csv_rows(movers, {"A": "Band A"}))
    assert header[0] == "Household reference"
    assert row == [
        "'=HYPERLINK(1)",
        "Moves up",
        "Band B",
        "Band A",
        "Overcrowded",
        "",
        "Medical: Band B (was Band C)",
        "",
        "Too rich.",
    ]


def test_problems_are_grouped_by_message() -> None:
    problems = [
        {"reference": r, "problems": [{"under": "draft", "message": "rule x: Division by zero."}]}
        for r in ("A", "B", "C")
    ]
    problems.append({"reference": "D", "problems": [{"under": "baseline", "message": "other"}]})
    groups = presentation.problems_grouped(problems)
    assert [(g.under, g.count) for g in groups] == [("draft", 3), ("baseline", 1)]
    assert groups[0].references == ("A", "B", "C")


def test_chart_bars_are_to_scale_and_fit_the_width() -> None:
    drawn = chart.bar_chart([("Band A", (250, 1000)), ("Band B", (0, 1))], series=("Now", "Draft"))
    (a_now, a_draft), (b_now, b_draft) = (g.bars for g in drawn.groups)
    assert a_draft.width == chart.WIDTH - chart.SERIES_ROOM - chart.VALUE_ROOM
    assert a_now.width == round(a_draft.width / 4)
    assert b_now.width == 0 and b_draft.width == 1  # one household still shows
    assert all(bar.value_x < drawn.width for g in drawn.groups for bar in g.bars)
    assert drawn.groups[1].label_y > a_draft.y


def test_long_labels_are_shortened_in_the_chart_only() -> None:
    assert chart.label_short("x" * 60).endswith("…")
    assert len(chart.label_short("x" * 60)) == chart.LABEL_CHARACTERS


def test_unrecognised_awards_are_one_row_per_award() -> None:
    rows = presentation.unrecognised_rows(
        {"draft": {"welfare": 3, "gold": 1}, "baseline": {"gold": 2}}
    )
    assert rows == [("gold", 1, 2), ("welfare", 3, 0)]
