"""A local lettings plan's own order: read like the scheme's order, written as keys or as a list
of key names, and refused with the plan named when it is wrong."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from hearth.policy.rules.document import OrderKey
from hearth.policy.rules.document_read import document_data, document_read
from hearth.policy.rules.document_reader import PolicyDocumentError
from hearth.policy.tests.assess_support import MARSHVALE, demo

PLAN = "shortlist.local_lettings_plans[0]"


def with_plan(order: object, council: str = MARSHVALE) -> dict[str, Any]:
    data = copy.deepcopy(document_data(demo(council)))
    data["shortlist"]["local_lettings_plans"] = [
        {
            "code": "brook_farm",
            "name": "Brook Farm",
            "text": "A new estate.",
            "groups": [{"name": "Armed forces", "connection": {"exemptions": ["armed_forces"]}}],
            "order": order,
        }
    ]
    return data


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(PolicyDocumentError) as refused:
        document_read(data)
    return [(p.path, p.message) for p in refused.value.problems]


def test_a_plan_reads_its_order_written_as_key_names_or_as_keys() -> None:
    short = document_read(with_plan(["registration_date", "band"]))
    long = document_read(with_plan([{"key": "registration_date"}, {"key": "band"}]))
    (plan,) = short.shortlist.local_lettings_plans
    assert plan.order == (OrderKey("registration_date"), OrderKey("band"))
    assert short == long
    # and export then import keeps it
    assert document_read(document_data(short)) == short


def test_a_plan_without_an_order_keeps_the_schemes() -> None:
    data = with_plan(None)
    del data["shortlist"]["local_lettings_plans"][0]["order"]
    (plan,) = document_read(data).shortlist.local_lettings_plans
    assert plan.order == ()
    assert "order" not in document_data(document_read(data))["shortlist"]["local_lettings_plans"][0]


def test_an_unknown_key_is_refused_naming_the_plan_and_the_key() -> None:
    assert problems(with_plan(["registered_date"])) == [
        (
            f"{PLAN}.order[0].key",
            "in the order of the Brook Farm plan: 'registered_date' is not an order key (did you "
            "mean 'registration_date'?); the keys are: band, points, priority_date, "
            "registration_date, bedroom_match, no_housing_debt, local_connection, transfer, "
            "random, expression",
        )
    ]


def test_the_same_key_twice_is_refused_naming_the_plan() -> None:
    assert problems(with_plan(["band", {"key": "band"}])) == [
        (f"{PLAN}.order", "in the order of the Brook Farm plan: lists the same key twice")
    ]


def test_an_empty_order_is_refused_rather_than_silently_meaning_the_schemes() -> None:
    assert problems(with_plan([])) == [
        (
            f"{PLAN}.order",
            "in the order of the Brook Farm plan: must list at least one key, or be left out to "
            "use the scheme's usual order",
        )
    ]


def test_a_key_the_scheme_cannot_use_is_refused_naming_the_plan() -> None:
    assert problems(with_plan(["band"], council="northfen")) == [
        (
            f"{PLAN}.order[0].key",
            "in the order of the Brook Farm plan: 'band' needs a banded scheme",
        )
    ]


def test_a_key_with_a_field_it_does_not_have_is_refused() -> None:
    found = problems(with_plan([{"key": "registration_date", "direction": "oldest"}]))
    assert found == [
        (
            f"{PLAN}.order[0].direction",
            "in the order of the Brook Farm plan: is not a field here (expected one of: "
            "expression, key, label, prefer, to)",
        )
    ]


def test_an_order_that_is_not_a_list_is_refused() -> None:
    assert problems(with_plan("registration_date")) == [
        (f"{PLAN}.order", "in the order of the Brook Farm plan: must be a list")
    ]


def test_an_expression_key_in_a_plan_order_is_type_checked() -> None:
    found = problems(with_plan([{"key": "expression", "expression": "bid.band", "label": "x"}]))
    assert [path for path, _message in found] == [f"{PLAN}.order[0].expression"]
    assert found[0][1].startswith("in the order of the Brook Farm plan: ")
