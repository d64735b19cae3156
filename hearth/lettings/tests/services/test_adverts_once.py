"""Adverts written at the same moment: one open advert per home, one number per advert, one
decision per advert. Real concurrent writers need PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import Advert, AdvertStatus
from hearth.lettings.services.adverts import advert_approve, advert_create, advert_return
from hearth.lettings.tests.homes_setup import (
    advert_of,
    council_with_policy,
    home_of,
    labels,
    landlord_actor,
    lettings_officer,
)

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers"),
    pytest.mark.django_db(transaction=True),
]


def at_once(actions: list[Callable[[], object]]) -> list[str]:
    """Run every action in its own thread, released together; what each one ended with."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action: Callable[[], object]) -> None:
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except ValidationError as refused:
            outcomes.append(refused.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_ten_posts_advertising_one_home_leave_one_advert() -> None:
    actor = landlord_actor()
    home = home_of(actor.organisation, council_with_policy())  # type: ignore[arg-type]
    outcomes = at_once(
        [lambda: advert_create(actor=actor, home=home, labels=labels()) for _ in range(10)]
    )
    assert Advert.objects.filter(property=home).count() == 1
    assert outcomes.count("done") == 1
    assert all("already has an open advert" in o for o in outcomes if o != "done")


def test_ten_homes_advertised_at_once_get_ten_numbers() -> None:
    council = council_with_policy()
    actors = [landlord_actor() for _ in range(10)]
    homes = [home_of(a.organisation, council) for a in actors]  # type: ignore[arg-type]
    outcomes = at_once(
        [
            lambda a=a, h=h: advert_create(actor=a, home=h, labels=labels())
            for a, h in zip(actors, homes, strict=True)
        ]
    )
    assert outcomes == ["done"] * 10
    numbers = sorted(Advert.objects.values_list("reference", flat=True))
    assert len(set(numbers)) == 10
    assert numbers[-1].endswith("00010")


def test_approving_and_returning_at_once_decide_once() -> None:
    council = council_with_policy()
    advert = advert_of(home_of(OrganisationFactory(landlord=True), council), AdvertStatus.SUBMITTED)
    officer = lettings_officer(council)
    outcomes = at_once(
        [
            lambda: advert_approve(actor=officer, advert=advert),
            lambda: advert_return(actor=officer, advert=advert, reason="Add viewings"),
        ]
        * 3
    )
    assert outcomes.count("done") == 1
    advert.refresh_from_db()
    assert advert.status in (AdvertStatus.APPROVED, AdvertStatus.RETURNED)
