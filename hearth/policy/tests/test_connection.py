"""Local connection (`connection.py`): living, working or having close family in the district, and
each exemption, with dates on the boundaries; and how the route to a connection is explained.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearth.policy.rules.assess import assess
from hearth.policy.rules.connection import Place, connection_check, months_before
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.facts import HouseholdFacts, Period
from hearth.policy.tests.assess_support import (
    DAY,
    MARSHVALE,
    ON,
    cites,
    household,
    lived,
    marshvale,
)

__all__ = ["marshvale"]


# --- Local connection --------------------------------------------------------------------------


def connected(policy: PolicyDocument, facts: HouseholdFacts, on: dt.date = ON) -> bool:
    return connection_check(policy.local_connection, facts, Place(facts.council), on).met


SIX_MONTHS_AGO = months_before(ON, 6)
FIVE_YEARS_AGO = months_before(ON, 60)


@pytest.mark.parametrize(
    ("facts", "met"),
    [
        # 6 of the last 12 months: exactly, and one day short
        ({"residence": (lived(MARSHVALE, SIX_MONTHS_AGO),)}, True),
        ({"residence": (lived(MARSHVALE, SIX_MONTHS_AGO + DAY),)}, False),
        # two overlapping address records count the shared days once
        (
            {
                "residence": (
                    lived(MARSHVALE, SIX_MONTHS_AGO + 10 * DAY),
                    lived(MARSHVALE, SIX_MONTHS_AGO + DAY, SIX_MONTHS_AGO + 20 * DAY),
                )
            },
            False,
        ),
        (
            {
                "residence": (
                    lived(MARSHVALE, SIX_MONTHS_AGO + 10 * DAY),
                    lived(MARSHVALE, SIX_MONTHS_AGO, SIX_MONTHS_AGO + 20 * DAY),
                )
            },
            True,
        ),
        # living somewhere else does not count
        ({"residence": (lived("eastmere", dt.date(2010, 1, 1)),)}, False),
        # 3 of the last 5 years, all of it long ago: exactly, and one day short
        ({"residence": (lived(MARSHVALE, FIVE_YEARS_AGO, months_before(ON, 24)),)}, True),
        ({"residence": (lived(MARSHVALE, FIVE_YEARS_AGO, months_before(ON, 24) - DAY),)}, False),
        # ... and 3 years that began more than 5 years ago only count from 5 years ago
        ({"residence": (lived(MARSHVALE, FIVE_YEARS_AGO - DAY, months_before(ON, 25)),)}, False),
        # work: 16 hours is enough, 15 is not; the job must be going on the day
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), hours_per_week=16),)}, True),
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), hours_per_week=15),)}, False),
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), ON, hours_per_week=30),)}, True),
        ({"work": (Period(MARSHVALE, dt.date(2025, 1, 1), ON - DAY, hours_per_week=30),)}, False),
        ({"work": (Period(MARSHVALE, ON + DAY, hours_per_week=30),)}, False),
        ({"work": (Period("northfen", dt.date(2020, 1, 1), hours_per_week=37),)}, False),
        # close family living here 5 years: exactly, and one day short; and they must still live
        # here
        ({"family": (lived(MARSHVALE, FIVE_YEARS_AGO),)}, True),
        ({"family": (lived(MARSHVALE, FIVE_YEARS_AGO + DAY),)}, False),
        ({"family": (lived(MARSHVALE, dt.date(2000, 1, 1), ON - DAY),)}, False),
        # each exemption
        ({"exemptions": frozenset({"armed_forces"})}, True),
        ({"exemptions": frozenset({"domestic_abuse"})}, True),
        ({"exemptions": frozenset({"care_leaver"})}, True),
        ({"exemptions": frozenset({"homelessness_duty"})}, True),
        ({}, False),
    ],
)
def test_local_connection(marshvale: PolicyDocument, facts: dict[str, Any], met: bool) -> None:
    subject = household(**{"residence": (), **facts})
    assert connected(marshvale, subject) is met
    assert assess(marshvale, subject, ON).local_connection is met


def test_the_connection_route_is_explained(marshvale: PolicyDocument) -> None:
    exempt = household(residence=(), exemptions=frozenset({"care_leaver"}))
    assert cites(assess(marshvale, exempt, ON), "Local connection: yes", "a care leaver")
    work = household(residence=(), work=(Period(MARSHVALE, ON, hours_per_week=20),))
    assert cites(assess(marshvale, work, ON), "Local connection: yes", "20 hours a week")
    nothing = household(residence=())
    assert cites(assess(marshvale, nothing, ON), "Local connection: no")
