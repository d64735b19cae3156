"""Reading policy documents: the demo policies read and survive export and import unchanged;
invalid documents are refused with the exact field and the reason."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.policy.rules.document_read import (
    document_data,
    document_from_text,
    document_read,
    document_to_text,
)
from hearth.policy.rules.document_reader import FieldProblem, PolicyDocumentError
from hearth.policy.tests.documents import example_policy_texts

TEXTS = example_policy_texts()
MARSHVALE = document_data(document_from_text(TEXTS["marshvale-city"]))
NORTHFEN = document_data(document_from_text(TEXTS["northfen"]))


def test_the_demo_policies_are_the_four_councils() -> None:
    assert sorted(TEXTS) == ["eastmere", "kingsbarrow", "marshvale-city", "northfen"]


@pytest.mark.parametrize("council", sorted(TEXTS))
def test_each_demo_policy_reads(council: str) -> None:
    document = document_from_text(TEXTS[council])
    assert document.council == council
    assert document.title and document.summary


@pytest.mark.parametrize("council", sorted(TEXTS))
def test_export_then_import_changes_nothing(council: str) -> None:
    document = document_from_text(TEXTS[council])
    assert document_read(document_data(document)) == document
    text = document_to_text(document)
    assert document_from_text(text) == document
    assert document_to_text(document_from_text(text)) == text  # and the text is stable


def test_a_points_reason_worth_nothing_survives_export() -> None:
    data = copy.deepcopy(NORTHFEN)
    data["need_reasons"][0]["points"] = 0
    document = document_read(data)
    assert document_read(document_data(document)) == document


def test_a_document_reads_from_json_too() -> None:
    import json

    document = document_from_text(TEXTS["northfen"])
    assert document_from_text(json.dumps(document_data(document))) == document


# --- Refusals, table-driven --------------------------------------------------------------------

Change = Callable[[dict[str, Any]], object]


def _set(path: str, value: object) -> Change:
    """Set the value at a dotted path (list items by number), e.g. "need_reasons.0.band"."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _delete(path: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        del target[last]

    return change


REASON_FIELDS = "awarded, band, code, label, points, preference, text, when"
BANDS = "A, B, C, D"

CASES: list[tuple[str, dict[str, Any], Change, str, str]] = [
    (
        "unknown field",
        MARSHVALE,
        _set("need_reasons.0.colour", "red"),
        "need_reasons[0].colour",
        f"is not a field here (expected one of: {REASON_FIELDS})",
    ),
    (
        "unknown field in a nested section",
        MARSHVALE,
        _set("local_connection.residence.1.years", 3),
        "local_connection.residence[1].years",
        "is not a field here (expected one of: months, within_months)",
    ),
    (
        "missing required text",
        MARSHVALE,
        _delete("need_reasons.2.label"),
        "need_reasons[2].label",
        "is required",
    ),
    ("empty required text", MARSHVALE, _set("title", "  "), "title", "must not be empty"),
    ("missing section", MARSHVALE, _delete("shortlist"), "shortlist", "is required"),
    (
        "missing choice",
        MARSHVALE,
        _delete("scheme"),
        "scheme",
        "is required (one of: bands, points)",
    ),
    (
        "missing number",
        MARSHVALE,
        _delete("cumulative.0.count"),
        "cumulative[0].count",
        "is required",
    ),
    (
        "derived reason without a condition",
        MARSHVALE,
        _delete("need_reasons.0.when"),
        "need_reasons[0].when",
        "is required",
    ),
    ("wrong type: text", MARSHVALE, _set("title", 5), "title", "must be text"),
    (
        "wrong type: number",
        MARSHVALE,
        _set("bedrooms.adult_age", "21"),
        "bedrooms.adult_age",
        "must be a whole number",
    ),
    (
        "wrong type: true or false",
        MARSHVALE,
        _set("caps.0.rank_below_uncapped", "yes"),
        "caps[0].rank_below_uncapped",
        "must be true or false",
    ),
    (
        "wrong type: list",
        MARSHVALE,
        _set("need_reasons", {"code": "x"}),
        "need_reasons",
        "must be a list",
    ),
    (
        "wrong type: list of text",
        MARSHVALE,
        _set("local_connection.exemptions", "armed_forces"),
        "local_connection.exemptions",
        "must be a list of text values",
    ),
    (
        "wrong type: section",
        MARSHVALE,
        _set("bedrooms", [21]),
        "bedrooms",
        "must be a set of named fields",
    ),
    (
        "a number out of range",
        MARSHVALE,
        _set("bedrooms.adult_age", 30),
        "bedrooms.adult_age",
        "must be from 16 to 25",
    ),
    (
        "a choice not offered",
        MARSHVALE,
        _set("need_reasons.1.awarded", "panel"),
        "need_reasons[1].awarded",
        "'panel' is not one of: officer, derived",
    ),
    (
        "an exemption not offered",
        MARSHVALE,
        _set("local_connection.exemptions.1", "students"),
        "local_connection.exemptions[1]",
        "'students' is not one of: armed_forces, domestic_abuse, care_leaver, homelessness_duty",
    ),
    (
        "band not in bands",
        MARSHVALE,
        _set("need_reasons.0.band", "E"),
        "need_reasons[0].band",
        f"'E' is not one of the bands: {BANDS}",
    ),
    (
        "default band not in bands",
        MARSHVALE,
        _set("default_band", "E"),
        "default_band",
        f"'E' is not one of the bands: {BANDS}",
    ),
    (
        "cap band not in bands",
        MARSHVALE,
        _set("caps.0.max_band", "Z"),
        "caps[0].max_band",
        f"'Z' is not one of the bands: {BANDS}",
    ),
    (
        "cumulative gives a lower band",
        MARSHVALE,
        _set("cumulative.0.gives", "C"),
        "cumulative[0].gives",
        "must be a higher band than the band counted",
    ),
    (
        "cumulative gives the same band",
        MARSHVALE,
        _set("cumulative.0.gives", "B"),
        "cumulative[0].gives",
        "must be a higher band than the band counted",
    ),
    (
        "cumulative counts one",
        MARSHVALE,
        _set("cumulative.0.count", 1),
        "cumulative[0].count",
        "must be from 2 to 20",
    ),
    (
        "quotas not summing to 100",
        MARSHVALE,
        _set("shortlist.quotas.0.share", 80),
        "shortlist.quotas",
        "the shares must add up to 100",
    ),
    (
        "duplicate band codes",
        MARSHVALE,
        _set("bands.1.code", "A"),
        "bands",
        "each band needs a different code",
    ),
    (
        "duplicate need reason codes",
        MARSHVALE,
        _set("need_reasons.4.code", "urgent_medical"),
        "need_reasons",
        "each need reason needs a different code",
    ),
    (
        "order lists a key twice",
        MARSHVALE,
        _set("shortlist.order.1", {"key": "band"}),
        "shortlist.order",
        "lists the same key twice",
    ),
    (
        "expression: unknown field, with a suggestion",
        MARSHVALE,
        _set("need_reasons.2.when", "household.overcrowed_by >= 2"),
        "need_reasons[2].when",
        "Unknown field 'overcrowed_by' on Household. Did you mean 'overcrowded_by'? "
        "(at character 11 of line 1)",
    ),
    (
        "expression: a condition that is not true or false",
        MARSHVALE,
        _set("caps.0.when", "household.size"),
        "caps[0].when",
        "The condition must be true or false, but this gives a whole number. "
        "(at character 1 of line 1)",
    ),
    (
        "expression: syntax",
        MARSHVALE,
        _set("qualification.0.when", "household.lead_age <"),
        "qualification[0].when",
        "The expression ends too soon: expected a value. (at character 21 of line 1)",
    ),
    (
        "expression: a variable the rule cannot see",
        MARSHVALE,
        _set("need_reasons.0.when", "home.bedrooms > 2"),
        "need_reasons[0].when",
        "Unknown name 'home'. (at character 1 of line 1)",
    ),
    (
        "expression: a sort key must be a number",
        MARSHVALE,
        _set("shortlist.order.1", {"key": "expression", "expression": "bid.band", "label": "x"}),
        "shortlist.order[1].expression",
        "The expression must give a decimal number, but this gives text. "
        "(at character 1 of line 1)",
    ),
    (
        "expression key without a label",
        MARSHVALE,
        _set("shortlist.order.1", {"key": "expression", "expression": "bid.points"}),
        "shortlist.order[1].label",
        "is required",
    ),
    (
        "officer reason with a condition",
        MARSHVALE,
        _set("need_reasons.1.when", "household.size > 1"),
        "need_reasons[1].when",
        "only derived reasons have a condition",
    ),
    (
        "preference group not in the law",
        MARSHVALE,
        _set("need_reasons.0.preference", "students"),
        "need_reasons[0].preference",
        "'students' is not one of: homeless, homelessness_duty, unsatisfactory_housing, "
        "medical_welfare, hardship",
    ),
    (
        "points order key in a bands scheme",
        MARSHVALE,
        _set("shortlist.order.1", {"key": "points"}),
        "shortlist.order[1].key",
        "'points' needs a points scheme",
    ),
    (
        "points section in a bands scheme",
        MARSHVALE,
        _set("points", {"waiting_points_per_month": 1}),
        "points",
        "a banded scheme has no points",
    ),
    (
        "points on a reason in a bands scheme",
        MARSHVALE,
        _set("need_reasons.0.points", 50),
        "need_reasons[0].points",
        "a banded scheme has no points; give a band",
    ),
    (
        "band order key in a points scheme",
        NORTHFEN,
        _set("shortlist.order.0", {"key": "band"}),
        "shortlist.order[0].key",
        "'band' needs a banded scheme",
    ),
    (
        "bands in a points scheme",
        NORTHFEN,
        _set("bands", [{"code": "A", "label": "A", "meaning": "A"}]),
        "bands",
        "a points scheme has no bands",
    ),
    (
        "band on a reason in a points scheme",
        NORTHFEN,
        _set("need_reasons.0.band", "A"),
        "need_reasons[0].band",
        "a points scheme has no bands; give points",
    ),
    (
        "points scheme without points",
        NORTHFEN,
        _delete("points"),
        "points",
        "is required in a points scheme",
    ),
    (
        "reason without points in a points scheme",
        NORTHFEN,
        _delete("need_reasons.3.points"),
        "need_reasons[3].points",
        "is required in a points scheme",
    ),
    (
        "suspend without months",
        MARSHVALE,
        _set("refusals.0.consequence", "suspend"),
        "refusals[0].months",
        "is required when the consequence is suspend",
    ),
    (
        "residence months over the window",
        MARSHVALE,
        _set("local_connection.residence.0.months", 13),
        "local_connection.residence[0].months",
        "cannot be more than within_months",
    ),
    (
        "extra room for a reason that does not exist",
        MARSHVALE,
        _set("bedrooms.extra_room_reasons", ["medical_room"]),
        "bedrooms.extra_room_reasons[0]",
        "'medical_room' is not a need reason code",
    ),
    (
        "pairing age not below adult age",
        MARSHVALE,
        _set("bedrooms", {"adult_age": 18, "pairing_age": 18}),
        "bedrooms.pairing_age",
        "must be lower than adult_age",
    ),
    (
        "a bid limit per what",
        MARSHVALE,
        _set("bid_limit.per", "week"),
        "bid_limit.per",
        "'week' is not one of: cycle, live",
    ),
    (
        "wrong schema",
        MARSHVALE,
        _set("schema", "hearth-policy/2"),
        "schema",
        "must be 'hearth-policy/1'",
    ),
    (
        "plan group condition that reads the bid",
        document_data(document_from_text(TEXTS["eastmere"])),
        _set("shortlist.local_lettings_plans.0.groups.1.when", 'bid.band == "gold"'),
        "shortlist.local_lettings_plans[0].groups[1].when",
        "Unknown name 'bid'. (at character 1 of line 1)",
    ),
    (
        "plan without groups",
        document_data(document_from_text(TEXTS["eastmere"])),
        _delete("shortlist.local_lettings_plans.0.groups"),
        "shortlist.local_lettings_plans[0].groups",
        "is required",
    ),
]


@pytest.mark.parametrize(
    ("base", "change", "path", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_an_invalid_document_is_refused_with_the_field_and_the_reason(
    base: dict[str, Any], change: Change, path: str, message: str
) -> None:
    data = copy.deepcopy(base)
    change(data)
    with pytest.raises(PolicyDocumentError) as refused:
        document_read(data)
    assert FieldProblem(path, message) in refused.value.problems
    assert f"{path}: {message}" in str(refused.value)


def test_every_problem_is_reported_at_once() -> None:
    data = copy.deepcopy(MARSHVALE)
    data["title"] = ""
    data["need_reasons"][0]["band"] = "E"
    data["refusals"][0]["consequence"] = "suspend"
    with pytest.raises(PolicyDocumentError) as refused:
        document_read(data)
    assert [p.path for p in refused.value.problems] == [
        "need_reasons[0].band",
        "title",
        "refusals[0].months",
    ]


def test_a_document_that_is_not_a_set_of_fields() -> None:
    with pytest.raises(PolicyDocumentError) as refused:
        document_from_text("- just\n- a list\n")
    assert FieldProblem("", "must be a set of named fields") in refused.value.problems


def test_a_yaml_syntax_error_names_the_line() -> None:
    text = TEXTS["kingsbarrow"].replace("default_band: C", "default_band: [C", 1)
    line = text.splitlines().index("default_band: [C") + 1
    with pytest.raises(PolicyDocumentError) as refused:
        document_from_text(text)
    (problem,) = refused.value.problems
    # the unclosed list runs on to the next line, where the parser gives up
    assert problem == FieldProblem(
        "", f"line {line + 1}, column 14: expected ',' or ']', but got ':'"
    )


def test_a_yaml_indentation_error_names_the_line() -> None:
    text = "schema: hearth-policy/1\ncouncil: x\n  title: y\n"
    with pytest.raises(PolicyDocumentError) as refused:
        document_from_text(text)
    assert refused.value.problems == [
        FieldProblem("", "line 3, column 8: mapping values are not allowed here")
    ]


# --- Property: a wrong-typed leaf is always refused at that leaf --------------------------------

Path = tuple[str | int, ...]


def _leaves(value: object, path: Path = ()) -> Iterator[tuple[Path, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _shown(path: Path) -> str:
    """A path as problems name it: need_reasons[3].band."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


DOCUMENTS = {council: document_data(document_from_text(text)) for council, text in TEXTS.items()}
LEAVES = [
    (council, path, value) for council, data in DOCUMENTS.items() for path, value in _leaves(data)
]
NOT_TEXT = st.one_of(
    st.integers(), st.booleans(), st.floats(allow_nan=False), st.lists(st.integers(), min_size=1)
)
NOT_NUMBER = st.one_of(
    st.text(), st.booleans(), st.floats(allow_nan=False).filter(lambda f: not f.is_integer())
)
NOT_FLAG = st.one_of(st.text(), st.integers(), st.lists(st.booleans(), min_size=1))


def _wrong(value: object) -> st.SearchStrategy[object]:
    if isinstance(value, bool):
        return NOT_FLAG
    if isinstance(value, int):
        return NOT_NUMBER
    return NOT_TEXT


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(LEAVES), st.data())
def test_a_wrong_typed_leaf_is_refused_at_that_leaf(
    leaf: tuple[str, Path, object], data: st.DataObject
) -> None:
    council, path, value = leaf
    document = copy.deepcopy(DOCUMENTS[council])
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = data.draw(_wrong(value), label="replacement")
    with pytest.raises(PolicyDocumentError) as refused:
        document_read(document)
    shown = _shown(path)
    assert any(
        p.path and (shown == p.path or shown.startswith((f"{p.path}.", f"{p.path}[")))
        for p in refused.value.problems
    ), (shown, refused.value.problems)


def test_every_leaf_is_tried_by_the_property() -> None:
    """The property samples from every leaf of every demo document (a few hundred)."""
    assert len(LEAVES) > 300
    assert {type(value) for _council, _path, value in LEAVES} == {str, int, bool}
