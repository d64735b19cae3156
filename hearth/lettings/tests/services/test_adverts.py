"""Adverts: a landlord drafts, changes, sends and withdraws one; the advertising council's
lettings officers approve or return it. Each move is checked, audited, and made once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.factories import OrganisationFactory
from hearth.lettings.models import Advert, AdvertStatus, CouncilLettings, Property
from hearth.lettings.services.adverts import (
    advert_approve,
    advert_create,
    advert_return,
    advert_submit,
    advert_update,
    advert_withdraw,
)
from hearth.lettings.tests.homes_setup import (
    NOON,
    PLAN,
    TODAY,
    advert_of,
    council_with_policy,
    home_of,
    labels,
    landlord_actor,
    lettings_officer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.clock_frozen_at(NOON):
        yield


def landlord_and_home(
    council: Organisation | None = None, **home: object
) -> tuple[Actor, Property]:
    actor = landlord_actor()
    council = council or council_with_policy()
    return actor, home_of(actor.organisation, council, **home)  # type: ignore[arg-type]


def draft(**changes: object) -> tuple[Actor, Advert]:
    actor, home = landlord_and_home()
    return actor, advert_create(actor=actor, home=home, labels=labels(**changes))


# --- Drafting ----------------------------------------------------------------------------------


def test_advertising_a_home_makes_a_draft_with_the_councils_next_reference() -> None:
    # Given a home in a council whose slug gives the letters of its references
    council = council_with_policy(slug="east-mere")
    advert_of(home_of(OrganisationFactory(landlord=True), council), reference="EM-A00041")
    actor, home = landlord_and_home(council)
    # When the landlord advertises it
    advert = advert_create(actor=actor, home=home, labels=labels(lettings_plan=PLAN))
    # Then it is a draft, the council's next number, made by that person, and audited
    assert advert.reference == "EM-A00042"
    assert advert.status == AdvertStatus.DRAFT
    assert (advert.council, advert.created_by) == (council, actor.user)
    assert advert.lettings_plan == PLAN
    event = AuditEvent.objects.get(verb="advert.created")
    assert event.changes["reference"]["after"] == "EM-A00042"
    assert event.organisation == actor.organisation


def test_a_home_with_an_open_advert_cannot_be_advertised_again() -> None:
    actor, advert = draft()
    with pytest.raises(ValidationError) as refused:
        advert_create(actor=actor, home=advert.property, labels=labels())
    assert f"already has an open advert ({advert.reference})" in refused.value.messages[0]


def test_a_home_is_advertised_again_after_its_last_advert_ended() -> None:
    # Given a home whose advert was let (a re-let)
    actor, home = landlord_and_home()
    advert_of(home, AdvertStatus.LET)
    # When it is advertised again, it gets a new advert
    again = advert_create(actor=actor, home=home, labels=labels())
    assert home.adverts.count() == 2
    assert again.status == AdvertStatus.DRAFT


def test_contradictory_labels_are_refused_with_the_field_named() -> None:
    actor, home = landlord_and_home()
    with pytest.raises(ValidationError) as refused:
        advert_create(
            actor=actor,
            home=home,
            labels=labels(
                min_bedroom_need=2,
                max_bedroom_need=1,
                minimum_age=60,
                available_from=TODAY - dt.timedelta(days=1),
            ),
        )
    found = refused.value.message_dict
    assert set(found) == {"min_bedroom_need", "minimum_age", "available_from"}
    assert found["minimum_age"][0].startswith("An age limit is for older persons' homes")
    assert not Advert.objects.exists()


def test_a_plan_the_councils_policy_does_not_have_is_refused() -> None:
    actor, home = landlord_and_home()
    with pytest.raises(ValidationError) as refused:
        advert_create(actor=actor, home=home, labels=labels(lettings_plan="made_up"))
    assert "lettings_plan" in refused.value.message_dict


def test_a_council_that_matches_homes_directly_takes_no_adverts() -> None:
    council = council_with_policy(council_status=CouncilStatus.TRADITIONAL)
    actor, home = landlord_and_home(council)
    with pytest.raises(ValidationError) as refused:
        advert_create(actor=actor, home=home, labels=labels())
    assert "does not advertise homes" in refused.value.messages[0]


def test_another_landlords_staff_and_council_officers_cannot_advertise_a_home() -> None:
    _actor, home = landlord_and_home()
    with pytest.raises(PermissionDenied):
        advert_create(actor=landlord_actor(), home=home, labels=labels())
    with pytest.raises(PermissionDenied):
        advert_create(actor=lettings_officer(home.council), home=home, labels=labels())


def test_a_draft_is_changed_and_the_change_audited() -> None:
    actor, advert = draft()
    changed = advert_update(
        actor=actor, advert=advert, labels=labels(min_bedroom_need=1, pets="allowed")
    )
    assert (changed.min_bedroom_need, changed.pets) == (1, "allowed")
    event = AuditEvent.objects.get(verb="advert.changed")
    assert set(event.changes) == {"min_bedroom_need", "pets"}


# --- Sending -----------------------------------------------------------------------------------


def test_sending_an_advert_puts_it_in_the_councils_queue() -> None:
    actor, advert = draft()
    sent = advert_submit(actor=actor, advert=advert)
    assert sent.status == AdvertStatus.SUBMITTED
    assert sent.submitted_at == NOON
    event = AuditEvent.objects.get(verb="advert.submitted")
    assert event.changes["status"] == {"before": "draft", "after": "submitted"}
    assert event.changes["context"] == {"approval_needed": True}


def test_a_council_that_does_not_approve_adverts_approves_it_at_once() -> None:
    actor, advert = draft()
    CouncilLettings.objects.create(council=advert.council, adverts_need_approval=False)
    sent = advert_submit(actor=actor, advert=advert)
    assert sent.status == AdvertStatus.APPROVED
    assert sent.approved_at == NOON
    assert sent.approved_by is None


def test_sending_twice_sends_once() -> None:
    actor, advert = draft()
    advert_submit(actor=actor, advert=advert)
    with pytest.raises(ValidationError) as refused:
        advert_submit(actor=actor, advert=advert)
    assert "already been sent: it is waiting for the council's approval" in str(refused.value)
    assert AuditEvent.objects.filter(verb="advert.submitted").count() == 1


def test_labels_are_checked_again_when_sent() -> None:
    # Given a draft available from tomorrow, sent the day after tomorrow
    actor, advert = draft(available_from=TODAY + dt.timedelta(days=1))
    with clock.clock_frozen_at(NOON + dt.timedelta(days=2)), pytest.raises(ValidationError) as e:
        advert_submit(actor=actor, advert=advert)
    assert "available_from" in e.value.message_dict
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.DRAFT


def test_a_sent_advert_cannot_be_changed() -> None:
    actor, advert = draft()
    advert_submit(actor=actor, advert=advert)
    with pytest.raises(ValidationError) as refused:
        advert_update(actor=actor, advert=advert, labels=labels(pets="allowed"))
    assert "can no longer be changed" in refused.value.messages[0]


# --- Approving and returning -------------------------------------------------------------------


def sent() -> tuple[Actor, Advert]:
    actor, advert = draft()
    return actor, advert_submit(actor=actor, advert=advert)


def test_a_lettings_officer_of_the_council_approves_a_sent_advert() -> None:
    _landlord, advert = sent()
    officer = lettings_officer(advert.council)
    approved = advert_approve(actor=officer, advert=advert)
    assert approved.status == AdvertStatus.APPROVED
    assert (approved.approved_by, approved.approved_at) == (officer.user, NOON)
    event = AuditEvent.objects.get(verb="advert.approved")
    assert event.organisation == advert.council


def test_a_team_leader_may_approve_too_but_not_other_councils_or_roles() -> None:
    _landlord, advert = sent()
    assert advert_approve(
        actor=lettings_officer(advert.council, Role.TEAM_LEADER), advert=advert
    ).status == (AdvertStatus.APPROVED)
    _landlord, other = sent()
    for actor in (
        lettings_officer(council_with_policy()),
        lettings_officer(other.council, Role.REGISTER_OFFICER),
        landlord_actor(other.property.landlord),
    ):
        with pytest.raises(PermissionDenied):
            advert_approve(actor=actor, advert=other)


def test_returning_needs_a_reason_which_the_landlord_sees() -> None:
    _landlord, advert = sent()
    officer = lettings_officer(advert.council)
    with pytest.raises(ValidationError) as refused:
        advert_return(actor=officer, advert=advert, reason="  ")
    assert refused.value.message_dict == {
        "returned_reason": ["Enter what the landlord needs to change"]
    }
    returned = advert_return(actor=officer, advert=advert, reason="Say the garden is shared")
    assert returned.status == AdvertStatus.RETURNED
    assert returned.returned_reason == "Say the garden is shared"
    event = AuditEvent.objects.get(verb="advert.returned")
    assert event.changes["context"] == {"reason": "Say the garden is shared"}


def test_a_returned_advert_is_changed_and_sent_again() -> None:
    landlord, advert = sent()
    advert = advert_return(
        actor=lettings_officer(advert.council), advert=advert, reason="Add viewings"
    )
    advert = advert_update(
        actor=landlord, advert=advert, labels=labels(viewing_text="Saturdays 10 to 12")
    )
    again = advert_submit(actor=landlord, advert=advert)
    assert again.status == AdvertStatus.SUBMITTED


def test_an_advert_is_decided_once() -> None:
    _landlord, advert = sent()
    officer = lettings_officer(advert.council)
    advert_approve(actor=officer, advert=advert)
    with pytest.raises(ValidationError) as refused:
        advert_return(actor=officer, advert=advert, reason="Too late")
    assert "no longer waiting for approval: it is approved" in refused.value.messages[0]


# --- Withdrawing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        AdvertStatus.DRAFT,
        AdvertStatus.SUBMITTED,
        AdvertStatus.RETURNED,
        AdvertStatus.APPROVED,
        AdvertStatus.LIVE,
    ],
)
def test_an_advert_is_withdrawn_with_a_reason_until_its_cycle_closes(status: str) -> None:
    actor, home = landlord_and_home()
    advert = advert_of(home, status)
    withdrawn = advert_withdraw(actor=actor, advert=advert, reason=" The tenant is staying ")
    assert withdrawn.status == AdvertStatus.WITHDRAWN
    assert (withdrawn.withdrawn_reason, withdrawn.withdrawn_at) == ("The tenant is staying", NOON)
    event = AuditEvent.objects.get(verb="advert.withdrawn")
    assert event.changes["status"] == {"before": status, "after": "withdrawn"}
    # And the home can be advertised again
    assert advert_create(actor=actor, home=home, labels=labels()).status == AdvertStatus.DRAFT


def test_a_closed_advert_cannot_be_withdrawn_and_a_reason_is_needed() -> None:
    actor, home = landlord_and_home()
    closed = advert_of(home, AdvertStatus.CLOSED)
    with pytest.raises(ValidationError) as refused:
        advert_withdraw(actor=actor, advert=closed, reason="Changed our mind")
    assert "cannot be withdrawn: it is closed, shortlisted" in refused.value.messages[0]
    other_actor, other_home = landlord_and_home()
    live = advert_of(other_home, AdvertStatus.LIVE)
    with pytest.raises(ValidationError) as missing:
        advert_withdraw(actor=other_actor, advert=live, reason="")
    assert missing.value.message_dict == {"reason": ["Enter why you are withdrawing the advert"]}


def test_only_the_homes_landlord_withdraws_an_advert() -> None:
    _actor, home = landlord_and_home()
    advert = advert_of(home, AdvertStatus.LIVE)
    with pytest.raises(PermissionDenied):
        advert_withdraw(actor=landlord_actor(), advert=advert, reason="Not ours")
    with pytest.raises(PermissionDenied):
        advert_withdraw(actor=lettings_officer(home.council), advert=advert, reason="No")
