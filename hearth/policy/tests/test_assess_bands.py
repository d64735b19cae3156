"""Assessing one household: need reasons that together give a higher band (cumulative rules), and
the cap on the band of a household without a local connection.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.policy.rules.assess import assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.tests.assess_support import (
    CUMULATIVE_TEXT,
    ON,
    TEENAGERS,
    TWO_BEDROOMS,
    cites,
    codes,
    household,
    marshvale,
)

__all__ = ["marshvale"]


# --- Cumulative rules and caps -----------------------------------------------------------------


def test_two_band_b_reasons_give_band_a(marshvale: PolicyDocument) -> None:
    result = assess(
        marshvale, household(*TEENAGERS, home=TWO_BEDROOMS, awards={"high_medical": ON}), ON
    )
    assert sorted(codes(result)) == ["high_medical", "overcrowded_1"]
    assert result.band == "A"
    assert cites(result, CUMULATIVE_TEXT, "2", "Band A")


def test_one_band_b_reason_stays_b(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(*TEENAGERS, home=TWO_BEDROOMS), ON)
    assert result.band == "B"
    assert not cites(result, CUMULATIVE_TEXT)


def test_a_band_a_reason_with_one_band_b_is_a(marshvale: PolicyDocument) -> None:
    result = assess(marshvale, household(awards={"urgent_medical": ON, "high_medical": ON}), ON)
    assert result.band == "A"


@pytest.mark.parametrize(
    ("awards", "connection", "band", "ranked_below"),
    [
        ({"urgent_medical": ON}, False, "C", True),
        ({"high_medical": ON}, False, "C", True),
        ({"medium_medical": ON}, False, "C", True),  # at the cap: still ranked below
        ({}, False, "D", False),  # below the cap: untouched
        ({"urgent_medical": ON}, True, "A", False),
        ({"medium_medical": ON}, True, "C", False),
    ],
)
def test_no_local_connection_caps_at_band_c_and_ranks_below(
    marshvale: PolicyDocument,
    awards: dict[str, dt.date],
    connection: bool,
    band: str,
    ranked_below: bool,
) -> None:
    residence = None if connection else ()
    result = assess(marshvale, household(awards=awards, residence=residence), ON)
    assert (result.band, result.ranked_below) == (band, ranked_below)
    assert cites(result, marshvale.caps[0].text) is ranked_below
