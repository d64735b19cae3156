"""The `local_connection` order key's `to`: the advertising council's area (the default) or the
advertised home's own area or parish, read, written back and refused with the field named."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from hearth.policy.forms import PARISH_TOKEN, ShortlistOrderForm, order_choices
from hearth.policy.rules.document import OrderKey
from hearth.policy.rules.document_read import document_data, document_read
from hearth.policy.rules.document_reader import PolicyDocumentError
from hearth.policy.tests.assess_support import MARSHVALE, demo

ORDER = "shortlist.order"


def with_order(*keys: object) -> dict[str, Any]:
    data = copy.deepcopy(document_data(demo(MARSHVALE)))
    data["shortlist"]["order"] = list(keys)
    return data


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(PolicyDocumentError) as refused:
        document_read(data)
    return [(p.path, p.message) for p in refused.value.problems]


def test_a_connection_to_the_homes_area_may_come_before_one_to_the_councils() -> None:
    # Given an order with the home's own area first, then the council's area, then the band
    data = with_order(
        {"key": "local_connection", "to": "advert_parish"},
        {"key": "local_connection", "to": "advert_council"},
        "band",
    )
    # When it is read
    document = document_read(data)
    # Then both keys are kept, the default written as today's meaning, and export keeps them
    assert document.shortlist.order == (
        OrderKey("local_connection", to="advert_parish"),
        OrderKey("local_connection"),
        OrderKey("band"),
    )
    assert document_read(document_data(document)) == document


def test_a_place_that_is_not_one_is_refused_with_the_choices() -> None:
    assert problems(with_order({"key": "local_connection", "to": "parish"}, "band")) == [
        (
            f"{ORDER}[0].to",
            "'parish' is not a place to look for a connection; write advert_council (the "
            "advertising council's area) or advert_parish (the advertised home's own area or "
            "parish)",
        )
    ]


def test_to_on_another_key_is_refused() -> None:
    assert problems(with_order({"key": "band", "to": "advert_parish"})) == [
        (f"{ORDER}[0].to", "is only for the 'local_connection' key")
    ]


def test_the_same_connection_twice_is_refused() -> None:
    data = with_order(
        {"key": "local_connection", "to": "advert_parish"},
        {"key": "local_connection", "to": "advert_parish"},
        "band",
    )
    assert problems(data) == [(ORDER, "lists the same key twice")]


def test_the_order_page_offers_the_homes_own_area_and_keeps_both_connections() -> None:
    # Given the order page for a policy
    document = demo(MARSHVALE)
    tokens = [token for token, _ in order_choices(document)]
    assert PARISH_TOKEN in tokens and "local_connection" in tokens
    # When an admin puts the home's own area first, then the council's, then the band
    form = ShortlistOrderForm(
        {"key_1": PARISH_TOKEN, "key_2": "local_connection", "key_3": "band"}, document=document
    )
    # Then both are kept, in that order
    assert form.is_valid(), form.errors
    assert form.keys() == [
        OrderKey("local_connection", to="advert_parish"),
        OrderKey("local_connection"),
        OrderKey("band"),
    ]
    # And the same one twice is refused
    twice = ShortlistOrderForm({"key_1": PARISH_TOKEN, "key_2": PARISH_TOKEN}, document=document)
    assert not twice.is_valid()


def _labels(uses: object) -> dict[str, Any]:
    data = copy.deepcopy(document_data(demo(MARSHVALE)))
    data["shortlist"]["mobility_labels"] = uses
    return data


def test_a_council_says_which_uses_of_a_mobility_label_it_allows() -> None:
    assert document_read(_labels(["priority"])).shortlist.mobility_labels == ("priority",)
    assert demo(MARSHVALE).shortlist.mobility_labels == ("filter", "priority")
    assert problems(_labels([])) == [
        (
            "shortlist.mobility_labels",
            "must list filter, priority or both, or be left out to allow both",
        )
    ]
    assert problems(_labels(["first"])) == [
        ("shortlist.mobility_labels[0]", "'first' is not one of: filter, priority")
    ]
