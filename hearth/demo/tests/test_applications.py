"""The demo register has applications in every state, with records that fit each state."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client

from hearth.accounts.models import User
from hearth.core import clock
from hearth.demo import partnership
from hearth.demo.register.applications import demo_statuses, ruled_out
from hearth.lettings.models import (
    Advert,
    Bid,
    Cycle,
    Let,
    MatchChoice,
    Offer,
    Property,
    Shortlist,
    ShortlistEntry,
)
from hearth.register.models import (
    Application,
    Assessment,
    Decision,
    EvidenceDocument,
    EvidenceRequest,
    Household,
    Message,
    ReviewRequest,
    StatusChange,
)
from hearth.register.models.evidence_storage import evidence_storage
from hearth.register.rules import lifecycle

pytestmark = pytest.mark.django_db
ON = dt.datetime(2026, 6, 15, 9, tzinfo=clock.LONDON)


def seed() -> None:
    with clock.clock_frozen_at(ON):
        call_command("demo_seed", stdout=io.StringIO())


def snapshot() -> list[tuple[object, ...]]:
    return [
        *Application.objects.order_by("pk").values_list("pk", "status", "household__reference"),
        # The lettings week's messages are sent by its services, with identifiers of their own.
        *sorted(Message.objects.values_list("application_id", "subject", "read_at")),
        *EvidenceDocument.objects.order_by("pk").values_list("pk", "sha256"),
        *Decision.objects.order_by("pk").values_list("pk", "kind", "decided_on"),
    ]


def counts() -> tuple[int, ...]:
    models = (Application, StatusChange, Decision, ReviewRequest, EvidenceRequest)
    return tuple(m.objects.count() for m in (*models, EvidenceDocument, Message, Assessment))


def test_every_state_with_consistent_records(settings) -> None:
    settings.HEARTH_DEMO_MODE = True
    seed()
    statuses = Counter(Application.objects.values_list("status", flat=True))
    assert set(statuses) == set(lifecycle.STATUSES)
    on_register = (lifecycle.ACTIVE, lifecycle.UNDER_OFFER, lifecycle.SUSPENDED)
    assert sum(statuses[status] for status in on_register) > Application.objects.count() / 2
    # documents (with files in the evidence storage), messages and history
    with_documents = Application.objects.filter(documents__isnull=False).distinct().count()
    assert with_documents >= 100
    document = EvidenceDocument.objects.first()
    assert document is not None
    with evidence_storage.open(document.file.name) as stored:
        head = stored.read(8)
    assert head.startswith(b"%PDF") or head.startswith(b"\x89PNG")
    assert Message.objects.filter(from_applicant=True).exists()
    assert Message.objects.filter(from_applicant=False).exists()
    # every sent application has a history that ends in its status
    for app in Application.objects.exclude(status=lifecycle.DRAFT).prefetch_related(
        "status_changes"
    )[:300]:
        assert app.status_changes.all()[0].to_status == app.status
    # decided ones have a decision with reasons; under review ones a review request
    decided = Application.objects.filter(
        status__in=[lifecycle.ACTIVE, lifecycle.NOT_QUALIFYING, lifecycle.HOUSED]
    )
    assert not decided.filter(decisions__isnull=True).exists()
    assert all(d.reasons for d in Decision.objects.all())
    assert not Application.objects.filter(
        status=lifecycle.UNDER_REVIEW, reviews__isnull=True
    ).exists()
    # waiting for documents means open requests
    assert (
        not Application.objects.filter(status=lifecycle.PENDING_DOCUMENTS)
        .exclude(evidence_requests__status="requested")
        .exists()
    )
    # households told they do not qualify were assessed as not qualifying
    refused = Assessment.objects.filter(household__application__status=lifecycle.NOT_QUALIFYING)
    assert refused.exists() and not refused.filter(qualifies=True).exists()
    assert not Assessment.objects.filter(household__application__status=lifecycle.DRAFT).exists()


def test_one_applicant_sign_in_per_state(settings) -> None:
    settings.HEARTH_DEMO_MODE = True
    seed()
    for email, state in partnership.demo_applicant_states().items():
        user = User.objects.get(email=email)
        (household,) = Household.objects.filter(applicant=user)
        assert household.application.status == state, email
        client = Client()
        client.force_login(user)
        page = client.get("/account/").content.decode()
        assert lifecycle.STATUS_TEXT[state].label in page, email
    assert set(partnership.demo_applicant_states().values()) == set(lifecycle.STATUSES)


def test_seeding_again_creates_nothing_and_the_same_seed_builds_the_same(settings) -> None:
    settings.HEARTH_DEMO_MODE = True
    seed()
    first, sizes = snapshot(), counts()
    seed()
    assert counts() == sizes
    Decision.objects.all().delete()  # decisions protect the assessments they announce
    # The lettings week's rows protect the applications they bid, offer and let for
    for model in (Let, MatchChoice, Offer, ShortlistEntry, Shortlist, Bid, Advert, Property, Cycle):
        model.objects.all().delete()
    Household.objects.all().delete()
    seed()
    assert snapshot() == first


def test_statuses_follow_the_facts() -> None:
    households = [Household(eligible=i % 10 != 0) for i in range(200)]
    statuses = demo_statuses(households)
    assert statuses == demo_statuses(households)
    assert set(statuses) == set(lifecycle.STATUSES)
    for household, status in zip(households, statuses, strict=True):
        refused = status in (lifecycle.NOT_QUALIFYING, lifecycle.UNDER_REVIEW)
        assert refused == ruled_out(household)
