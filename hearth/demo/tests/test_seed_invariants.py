"""The demo seed writes the register in bulk, not through the register's services, and writes
some accounts' rows itself where the account services would send email, so the rows it writes
must keep the promises those services keep (checked over a small demo: HEARTH_DEMO_HOUSEHOLDS is
200 in tests):

- status history: each application's status changes run from a first draft to the status it
  has now, and each step is one the lifecycle allows;
- register search rows: the officers' name search holds exactly the rows the search service
  would write for the people on the register;
- audit events: the seed's writes are recorded, by the system, against the demo scheme; each
  policy version it publishes or drafts has the event the policy services write; and each
  application has exactly the events the register's services write for its status history;
- accounts: each demo sign-in is one account under its normal address, with the demo password;
  staff joined through an accepted invitation, audited as the invitation services audit it;
  applicants have a profile and were registered and confirmed as the applicant services do.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models

from hearth.accounts.models import (
    ApplicantProfile,
    Invitation,
    InvitationStatus,
    Membership,
    User,
    email_normal,
)
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent, Scheme
from hearth.demo import partnership
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.register.models import (
    Application,
    DuplicateFlag,
    RegisterSearchName,
    StatusChange,
)
from hearth.register.rules import lifecycle
from hearth.register.services.workspace_search import search_names_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    call_command("demo_seed", verbosity=0)


def _search_rows() -> set[tuple[str, str, str, str, str]]:
    return {
        (str(row.person_id), str(row.application_id), str(row.council_id), row.reference, row.name)
        for row in RegisterSearchName.objects.all()
    }


def test_every_application_has_a_history_ending_at_its_status(seeded: None) -> None:
    history: dict[str, list[StatusChange]] = defaultdict(list)
    for change in StatusChange.objects.order_by("occurred_at"):
        history[str(change.application_id)].append(change)
    applications = list(Application.objects.all())
    assert applications
    for application in applications:
        steps = history[str(application.pk)]
        assert steps, f"{application.pk} has no status history"
        # Starts as a draft the applicant began...
        assert (steps[0].from_status, steps[0].to_status) == ("", lifecycle.DRAFT)
        # ...each step follows from the one before and is a move the lifecycle allows...
        for before, after in pairwise(steps):
            assert after.from_status == before.to_status, application.pk
            lifecycle.transition_check(after.from_status, after.to_status)
        # ...and it ends where the application is now.
        assert steps[-1].to_status == application.status, application.pk
        assert (application.submitted_at is not None) == any(
            step.to_status == lifecycle.SUBMITTED for step in steps
        )


def test_the_name_search_rows_are_the_ones_the_search_service_writes(seeded: None) -> None:
    seeded_rows = _search_rows()
    assert seeded_rows
    household_ids = list(Application.objects.values_list("household_id", flat=True))
    search_names_refresh(household_ids=household_ids)
    assert _search_rows() == seeded_rows


def test_the_seed_and_each_policy_version_it_makes_are_audited(seeded: None) -> None:
    scheme = Scheme.objects.get(slug=partnership.SCHEME_SLUG)
    (seed_event,) = AuditEvent.objects.filter(verb="demo.seeded")
    assert seed_event.actor_id is None  # the system, not a person
    assert (seed_event.object_type, seed_event.object_id) == ("core.scheme", str(scheme.pk))
    versions = list(PolicyVersion.objects.all())
    assert versions
    for version in versions:
        verb = "policy.published" if version.status == PolicyStatus.PUBLISHED else None
        verb = verb or "policy.draft_created"
        assert AuditEvent.objects.filter(verb=verb, object_id=str(version.pk)).exists(), version


# An audit event as the test compares them: verb, record, label, organisation, actor, on whose
# behalf, when, and what changed (as stored JSON, keys sorted).
Event = tuple[str, str, str, str, str | None, str | None, dt.datetime, str]


def _event(
    verb: str,
    application: Application,
    actor_id: uuid.UUID | None,
    occurred_at: dt.datetime,
    changes: dict[str, Any],
) -> Event:
    household = application.household
    return (
        verb,
        str(application.pk),
        f"Application {household.reference}",
        str(household.council_id),
        str(actor_id) if actor_id else None,
        None,
        occurred_at,
        json.dumps(changes, sort_keys=True),
    )


def _expected_application_events() -> Counter[Event]:
    """The events `application_start`, `application_status_move` and `application_submit`
    write for each step of each application's status history."""
    duplicates = Counter(DuplicateFlag.objects.values_list("application_id", flat=True))
    expected: Counter[Event] = Counter()
    changes = StatusChange.objects.select_related("application__household__council")
    for change in changes:
        application, by, at = change.application, change.changed_by_id, change.occurred_at
        household = application.household
        if not change.from_status:
            started = {
                "council": {"before": None, "after": household.council.slug},
                "reference": {"before": None, "after": household.reference},
            }
            expected[_event("application.started", application, by, at, started)] += 1
        else:
            moved = {
                "status": {"before": change.from_status, "after": change.to_status},
                "context": {"reason": change.reason},
            }
            expected[_event("application.status_changed", application, by, at, moved)] += 1
        if change.to_status == lifecycle.SUBMITTED:
            sent = {
                "registration_date": {"before": None, "after": str(household.registration_date)},
                "context": {"possible_duplicates": duplicates[application.pk]},
            }
            expected[_event("application.submitted", application, by, at, sent)] += 1
    return expected


def test_each_application_has_the_audit_events_of_its_status_history(seeded: None) -> None:
    # Given the seeded register, whose status history the first test proves
    expected = _expected_application_events()
    assert expected
    # Then the application events are exactly those the register's services write for it:
    # same actor, organisation, time and changes, none missing and none extra
    events = AuditEvent.objects.filter(object_type="register.application")
    applications = {str(a.pk): a for a in Application.objects.select_related("household")}
    found: Counter[Event] = Counter(
        (
            event.verb,
            event.object_id,
            event.object_label,
            str(event.organisation_id),
            str(event.actor_id) if event.actor_id else None,
            str(event.on_behalf_of_id) if event.on_behalf_of_id else None,
            event.occurred_at,
            json.dumps(event.changes, sort_keys=True),
        )
        for event in events
    )
    assert found == expected
    started = set(events.filter(verb="application.started").values_list("object_id", flat=True))
    assert started == set(applications)
    # Each was done by the system, the household's own account, or a member of its council.
    council_staff = {
        (str(m.user_id), str(m.organisation_id)) for m in Membership.objects.filter(is_active=True)
    }
    for event in events:
        household = applications[event.object_id].household
        actor = str(event.actor_id) if event.actor_id else None
        assert (
            actor is None
            or actor == str(household.applicant_id)
            or (actor, str(household.council_id)) in council_staff
        ), event


def _events_on(verb: str, target: models.Model) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            verb=verb, object_type=target._meta.label_lower, object_id=str(target.pk)
        )
    )


def test_each_demo_account_is_one_the_account_services_would_make(seeded: None) -> None:
    accounts = partnership.demo_accounts()
    users = {user.email: user for user in User.objects.all()}
    # One account per demo sign-in, each under the address sign-in looks up, unique in any case
    assert sorted(users) == sorted(email_normal(account.email) for account in accounts)
    assert len({email.casefold() for email in users}) == len(users)
    scheme_admin = Membership.objects.get(
        organisation__slug="partnership", roles__role=Role.SCHEME_ADMIN
    ).user
    for account in accounts:
        user = users[email_normal(account.email)]
        # Each can sign in with the demo password, at an address confirmed as the services do
        assert user.is_active and user.check_password(partnership.DEMO_PASSWORD), user
        assert user.email_verified_at is not None, user
        if account.organisation_name is None:
            _assert_registered_applicant(user)
        else:
            _assert_invited_staff(user, account, scheme_admin)


def _assert_registered_applicant(user: User) -> None:
    # `applicant_register` makes the account, its profile and one event; `email_verify` another.
    assert user.is_applicant
    assert ApplicantProfile.objects.filter(user=user).exists(), user
    assert not Membership.objects.filter(user=user).exists(), user
    for verb in ("applicant.registered", "user.email_verified"):
        (event,) = _events_on(verb, user)
        assert (event.actor_id, event.organisation_id, event.changes) == (user.pk, None, {})


def _assert_invited_staff(user: User, account: partnership.DemoAccount, admin: User) -> None:
    # Staff hold one active membership, with the one role, in the organisation they joined...
    assert not user.is_applicant and not ApplicantProfile.objects.filter(user=user).exists()
    (membership,) = Membership.objects.filter(user=user).select_related("organisation")
    assert membership.is_active and membership.organisation.name == account.organisation_name
    assert membership.role_names() == {account.role}
    organisation = membership.organisation
    roles = {"before": [], "after": [account.role]}
    # ...which they joined by accepting an invitation (`invitation_accept`)...
    (invitation,) = Invitation.objects.filter(email=user.email, organisation=organisation)
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == user
    assert invitation.roles == [account.role]
    (accepted,) = _events_on("invitation.accepted", membership)
    assert (accepted.actor_id, accepted.organisation_id) == (user.pk, organisation.pk)
    assert accepted.changes == {"roles": roles}
    # ...that the scheme admin sent them (the system, the scheme admin's own), audited as
    # `invitation_create` audits it.
    inviter = None if user == admin else admin
    assert invitation.invited_by == inviter
    (created,) = _events_on("invitation.created", invitation)
    assert (created.actor, created.organisation_id) == (inviter, organisation.pk)
    assert created.changes == {"roles": roles, "email": {"before": None, "after": user.email}}
