"""Shortlist entries made before exclusion reasons were kept as codes get their codes from the
officers' sentences, for every sentence the ranking engine writes."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hearth.lettings.models import EntryStatus, ShortlistEntry
from hearth.lettings.rules.bid_outcome import NOT_ASSESSED, NOT_ASSESSED_AT_CLOSE
from hearth.lettings.tests.replay_setup import Closed
from hearth.lettings.tests.rules.test_bid_outcome import EXCLUSIONS
from hearth.policy.rules.eligibility import Refusal

migration = import_module("hearth.lettings.migrations.0004_shortlist_entry_reason_codes")

BEFORE = ("lettings", "0003_matches_direct_lets")
AFTER = ("lettings", "0004_shortlist_entry_reason_codes")


def _without_councils(refusal: Refusal) -> dict[str, object]:
    facts: dict[str, object] = refusal.facts()
    facts.pop("councils", None)
    return facts


@pytest.mark.parametrize(("refusal", "_words"), EXCLUSIONS)
def test_every_officers_sentence_gives_back_its_code_and_facts(
    refusal: Refusal, _words: str
) -> None:
    assert migration.reason_parsed(refusal.officer) == (refusal.code, _without_councils(refusal))


def test_the_other_known_sentences_and_an_unknown_one() -> None:
    assert migration.reason_parsed(NOT_ASSESSED_AT_CLOSE) == (NOT_ASSESSED, {})
    assert migration.reason_parsed(Refusal("age", maximum_age=25).officer) == (
        "age",
        {"maximum_age": 25},
    )
    assert migration.reason_parsed("suspended by an officer") == ("", {})


@pytest.mark.django_db(transaction=True)
def test_entries_already_made_are_given_codes_and_going_back_drops_them() -> None:
    # Given a closed shortlist whose entries were excluded with officers' sentences only
    given = Closed()
    first, second = given.advert.shortlist.entries.order_by("position")
    bedrooms = Refusal("bedrooms", bedroom_need=3, lowest=1, highest=2)
    for entry, reason in ((first, bedrooms.officer), (second, "suspended by an officer")):
        entry.status, entry.position, entry.reason = EntryStatus.EXCLUDED, None, reason
        entry.reason_code, entry.reason_facts = "", {}
        entry.save()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        # When the migration runs
        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        # Then the sentence it knows has its code and facts; the other has none
        known, unknown = (ShortlistEntry.objects.get(pk=e.pk) for e in (first, second))
        assert (known.reason_code, known.reason_facts) == ("bedrooms", _without_councils(bedrooms))
        assert (unknown.reason_code, unknown.reason_facts) == ("", {})
        assert known.reason == bedrooms.officer
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
