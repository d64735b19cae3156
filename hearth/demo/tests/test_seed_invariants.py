"""The demo seed writes the register in bulk, not through the register's services, and writes
some accounts' rows itself where the account services would send email, so the rows it writes
must keep the promises those services keep (checked over a small demo: HEARTH_DEMO_HOUSEHOLDS is
200 in tests):

- status history: each application's status changes run from a first draft to the status it
  has now, each step is one the lifecycle allows, and the application's status is stamped with
  the last step's time; each household was registered the day its application was started, or
  sent once it was (`application_start`, `application_submit`);
- register search rows: the officers' name search holds exactly the rows the search service
  would write for the people on the register;
- audit events: the scheme and its organisations were created through the core services, the
  seed's writes are recorded, by the system, against the demo scheme; each policy version it
  publishes or drafts has the event the policy services write; and each application, decision,
  review request, document asked for or sent, message and reported change has exactly the
  events the register's services write for it (same person, organisation, time and changes,
  none missing and none extra), as has each assessment the seed makes itself;
- accounts: each demo sign-in is one account under its normal address, with the demo password;
  staff joined through an accepted invitation, audited as the invitation services audit it;
  applicants have a profile and were registered and confirmed as the applicant services do,
  and each applicant sign-in owns a household it started itself.

The tests only read, so the demo is seeded once for the module and rolled back after it.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any

import pytest
from django.db import models

from hearth.accounts.models import (
    ApplicantProfile,
    Invitation,
    InvitationStatus,
    Membership,
    User,
    email_normal,
)
from hearth.core.access.roles import Capability, Role
from hearth.core.audit import changes_of
from hearth.core.models import AuditEvent, Organisation, Scheme
from hearth.demo import partnership
from hearth.demo.tests.seed_support import (
    Event,
    acts_for,
    created_with,
    event_of,
    events_found,
    id_text,
    london_date,
    members_who_may,
)
from hearth.lettings.models import Offer
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.register.models import (
    Application,
    CircumstanceChange,
    DocumentStatus,
    DuplicateFlag,
    EvidenceDocument,
    EvidenceRequest,
    EvidenceRequestStatus,
    Household,
    Message,
    Person,
    RegisterSearchName,
    Relationship,
    StatusChange,
)
from hearth.register.rules import lifecycle
from hearth.register.services.workspace_search import search_names_refresh

pytestmark = pytest.mark.django_db


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
        # ...and it ends where the application is now, when the last step was made.
        assert steps[-1].to_status == application.status, application.pk
        assert steps[-1].occurred_at == application.status_changed_at, application.pk
        sent = [step for step in steps if step.to_status == lifecycle.SUBMITTED]
        assert (application.submitted_at is not None) == bool(sent)
        assert [step.occurred_at for step in sent] == (
            [application.submitted_at] if sent else []
        ), application.pk


def test_each_household_was_registered_the_day_it_started_or_sent_its_application(
    seeded: None,
) -> None:
    # Given each application's first step, when its draft was started
    started = {
        change.application_id: change.occurred_at
        for change in StatusChange.objects.filter(from_status="")
    }
    applications = list(Application.objects.select_related("household"))
    assert {a.status for a in applications} == set(lifecycle.STATUSES)
    for application in applications:
        # Then its household's registration date is the day `application_start` gave it, or
        # the day `application_submit` gave it when it was sent (whatever happened next)
        moment = application.submitted_at or started[application.pk]
        registered = application.household.registration_date
        assert registered == london_date(moment), (application.status, application.pk)


def test_the_name_search_rows_are_the_ones_the_search_service_writes(seeded: None) -> None:
    seeded_rows = _search_rows()
    assert seeded_rows
    household_ids = list(Application.objects.values_list("household_id", flat=True))
    search_names_refresh(household_ids=household_ids)
    assert _search_rows() == seeded_rows


def test_the_seed_its_scheme_organisations_and_policy_versions_are_audited(seeded: None) -> None:
    scheme = Scheme.objects.get(slug=partnership.SCHEME_SLUG)
    (seed_event,) = AuditEvent.objects.filter(verb="demo.seeded")
    assert seed_event.actor_id is None  # the system, not a person
    assert (seed_event.object_type, seed_event.object_id) == ("core.scheme", str(scheme.pk))
    # The scheme and each organisation were made by `scheme_create` and `organisation_create`,
    # for the system, each organisation's in its own log
    (created,) = AuditEvent.objects.filter(verb="scheme.created")
    assert (created.object_id, created.actor_id, created.organisation_id) == (
        str(scheme.pk),
        None,
        None,
    )
    scheme_fields = ("slug", "name", "colour", "contact_text")
    assert created.changes == created_with({f: getattr(scheme, f) for f in scheme_fields})
    organisations = {str(o.pk): o for o in Organisation.objects.filter(scheme=scheme)}
    assert len(organisations) == len(partnership.ORGANISATIONS)
    events = {e.object_id: e for e in AuditEvent.objects.filter(verb="organisation.created")}
    assert set(events) == set(organisations)
    organisation_fields = (
        *("name", "slug", "kind", "council_status", "postcode_districts"),
        *("postal_address", "contact_phone", "contact_email", "contact_hours"),
    )
    for pk, organisation in organisations.items():
        event = events[pk]
        assert (event.actor_id, event.organisation_id) == (None, organisation.pk)
        given = {f: getattr(organisation, f) for f in organisation_fields}
        assert event.changes == created_with(given), organisation.slug
    versions = list(PolicyVersion.objects.all())
    assert versions
    for version in versions:
        verb = "policy.published" if version.status == PolicyStatus.PUBLISHED else None
        verb = verb or "policy.draft_created"
        assert AuditEvent.objects.filter(verb=verb, object_id=str(version.pk)).exists(), version


# --- Register records and their audit events --------------------------------------------------


def _expected_application_events() -> Counter[Event]:
    """The events `application_start`, `application_status_move` and `application_submit`
    write for each step of each application's status history."""
    duplicates = Counter(DuplicateFlag.objects.values_list("application_id", flat=True))
    expected: Counter[Event] = Counter()
    changes = StatusChange.objects.select_related("application__household__council")
    for change in changes:
        application = change.application
        household = application.household
        recorded: list[tuple[str, dict[str, Any]]] = []
        if not change.from_status:
            started = {
                "council": {"before": None, "after": household.council.slug},
                "reference": {"before": None, "after": household.reference},
            }
            recorded.append(("application.started", started))
        else:
            moved = {
                "status": {"before": change.from_status, "after": change.to_status},
                "context": {"reason": change.reason},
            }
            recorded.append(("application.status_changed", moved))
        if change.to_status == lifecycle.SUBMITTED:
            sent = {
                "registration_date": {"before": None, "after": str(household.registration_date)},
                "context": {"possible_duplicates": duplicates[application.pk]},
            }
            recorded.append(("application.submitted", sent))
        for verb, changed in recorded:
            expected[
                event_of(
                    verb,
                    application,
                    f"Application {household.reference}",
                    household.council_id,
                    change.changed_by_id,
                    change.occurred_at,
                    changed,
                )
            ] += 1
    return expected


def test_each_application_has_the_audit_events_of_its_status_history(seeded: None) -> None:
    # Given the seeded register, whose status history the first test proves
    expected = _expected_application_events()
    assert expected
    # Then the application events are exactly those the register's services write for it:
    # same actor, organisation, time and changes, none missing and none extra
    verbs = ("application.started", "application.status_changed", "application.submitted")
    assert events_found(*verbs) == expected
    events = AuditEvent.objects.filter(object_type="register.application")
    assert set(events.values_list("verb", flat=True)) == set(verbs)
    applications = {str(a.pk): a for a in Application.objects.select_related("household")}
    started = set(events.filter(verb="application.started").values_list("object_id", flat=True))
    assert started == set(applications)
    # Each was done by the system, the household's own account, a member of its council, or
    # of a landlord that offered it a home (the lettings week puts households under offer and
    # houses them through `offer_make` and `offer_accept`).
    council_staff = {
        (str(m.user_id), str(m.organisation_id)) for m in Membership.objects.filter(is_active=True)
    }
    offered_by: dict[str, set[str]] = defaultdict(set)
    for application_id, landlord_id in Offer.objects.values_list(
        "application_id", "advert__property__landlord_id"
    ):
        offered_by[str(application_id)].add(str(landlord_id))
    for event in events:
        household = applications[event.object_id].household
        actor = str(event.actor_id) if event.actor_id else None
        acting_for = {str(household.council_id), *offered_by[event.object_id]}
        assert (
            actor is None
            or actor == str(household.applicant_id)
            or any((actor, organisation) in council_staff for organisation in acting_for)
        ), event


def test_each_document_asked_for_and_sent_has_the_events_the_evidence_services_write(
    seeded: None,
) -> None:
    # Given the seeded requests for documents and the documents sent for them
    requests = list(EvidenceRequest.objects.select_related("application__household"))
    documents = list(EvidenceDocument.objects.select_related("application__household", "request"))
    assert requests and documents
    officers = members_who_may(Capability.ASSESS_APPLICATIONS)
    expected_requests: Counter[Event] = Counter()
    for request in requests:
        household = request.application.household
        assert (str(request.requested_by_id), str(household.council_id)) in officers
        asked = changes_of(
            after={
                "application": str(request.application_id),
                "kind": request.kind,
                "due_on": request.due_on,
                "person": id_text(request.person_id),
            }
        )
        # A request keeps only the day it was made: events are compared by day
        expected_requests[
            event_of(
                "evidence.requested",
                request,
                str(request),
                household.council_id,
                request.requested_by_id,
                request.requested_on,
                asked,
            )
        ] += 1
    expected_documents: Counter[Event] = Counter()
    for document in documents:
        household = document.application.household
        label, council = document.original_name, household.council_id
        sent = changes_of(
            after={
                "application": str(document.application_id),
                "request": id_text(document.request_id),
                "kind": document.kind,
                "content_type": document.content_type,
                "size": document.size,
                "sha256": document.sha256,
            }
        )
        expected_documents[
            event_of(
                "evidence.uploaded",
                document,
                label,
                council,
                document.uploaded_by_id,
                document.uploaded_at,
                sent,
            )
        ] += 1
        assert acts_for(household, document.uploaded_by_id, officers), document.pk
        if document.status == DocumentStatus.UNCHECKED:
            continue
        checked = changes_of(
            before={"status": DocumentStatus.UNCHECKED},
            after={"status": document.status},
            context={"note": document.check_note},
        )
        assert document.checked_at is not None
        expected_documents[
            event_of(
                "evidence.checked",
                document,
                label,
                council,
                document.checked_by_id,
                document.checked_at,
                checked,
            )
        ] += 1
        # Sent after it was asked for, checked after it was sent, and accepting it closed the
        # request that day (`evidence_document_check`)
        request = document.request
        assert request is not None
        assert request.requested_on <= london_date(document.uploaded_at)
        assert document.uploaded_at <= document.checked_at
        assert document.status == DocumentStatus.VERIFIED
        assert request.status == EvidenceRequestStatus.VERIFIED
        assert request.closed_on == london_date(document.checked_at)
    # Then the events are exactly those the evidence services write, none missing or extra
    assert events_found("evidence.requested", when=london_date) == expected_requests
    assert events_found("evidence.uploaded", "evidence.checked") == expected_documents
    # A request still waiting has no document
    answered = {document.request_id for document in documents}
    waiting = {r.pk for r in requests if r.status == EvidenceRequestStatus.REQUESTED}
    assert waiting and not waiting & answered
    # An application waits for documents from the moment one of them was asked for, by the
    # officer who asked (`evidence_request_create` with `pause_application`)
    asked_at = {
        e.object_id: e.occurred_at for e in AuditEvent.objects.filter(verb="evidence.requested")
    }
    for move in StatusChange.objects.filter(to_status=lifecycle.PENDING_DOCUMENTS):
        pausing = [
            r
            for r in requests
            if r.application_id == move.application_id
            and asked_at[str(r.pk)] == move.occurred_at
            and r.requested_by_id == move.changed_by_id
            and move.reason == f"Waiting for {r.get_kind_display().lower()}"
        ]
        assert len(pausing) == 1, move.application_id


def test_each_message_has_the_events_of_sending_and_reading_it(seeded: None) -> None:
    # Given the seeded messages, in threads (a first message and its replies)
    messages = list(Message.objects.select_related("application__household"))
    assert any(m.from_applicant for m in messages) and any(m.read_at for m in messages)
    officers = members_who_may(Capability.ASSESS_APPLICATIONS)
    threads: dict[uuid.UUID, list[Message]] = defaultdict(list)
    expected: Counter[Event] = Counter()
    for message in messages:
        household = message.application.household
        threads[message.reply_to_id or message.pk].append(message)
        if message.author_id is None and not message.from_applicant:
            continue  # a notice a service sent as it acted, in that service's own event
        # `message_send`: from the household's own account, or from an officer of its council
        if message.from_applicant:
            assert household.applicant_id is not None
            assert message.author_id == household.applicant_id
        else:
            assert (str(message.author_id), str(household.council_id)) in officers
        sent = changes_of(
            context={
                "from_applicant": message.from_applicant,
                "reply_to": id_text(message.reply_to_id),
            }
        )
        expected[
            event_of(
                "message.sent",
                message,
                f"Message on {household.reference}",
                household.council_id,
                message.author_id,
                message.sent_at,
                sent,
            )
        ] += 1
    for root_id, thread in threads.items():
        household = thread[0].application.household
        answered = {m.sent_at for m in thread if m.from_applicant}
        # The council's messages are read by the household's own account: by answering them
        # (`message_send` marks them read, in its own event) or by opening the thread
        # (`message_thread_read`, one event for all it marks read)
        read = Counter(m.read_at for m in thread if not m.from_applicant and m.read_at)
        if read:
            assert household.applicant_id is not None, root_id
        for read_at, count in read.items():
            if read_at in answered:
                continue
            root = next(m for m in thread if m.pk == root_id)
            expected[
                event_of(
                    "message.read",
                    root,
                    f"Message on {household.reference}",
                    household.council_id,
                    household.applicant_id,
                    read_at,
                    changes_of(context={"messages": count}),
                )
            ] += 1
        # The household's messages are read only by an officer answering them
        officer_answers = {m.sent_at for m in thread if not m.from_applicant}
        for message in thread:
            if message.from_applicant and message.read_at is not None:
                assert message.read_at in officer_answers, message.pk
    # Then the message events are exactly those, none missing and none extra
    assert events_found("message.sent", "message.read") == expected


def test_each_reported_change_has_the_event_its_service_writes(seeded: None) -> None:
    changes = list(CircumstanceChange.objects.select_related("application__household"))
    assert changes
    officers = members_who_may(Capability.ASSESS_APPLICATIONS)
    expected: Counter[Event] = Counter()
    for change in changes:
        application = change.application
        household = application.household
        # Reported while the council has the application, by the household or an officer for it
        assert application.submitted_at is not None
        assert application.submitted_at < change.reported_at
        assert acts_for(household, change.reported_by_id, officers), change.pk
        expected[
            event_of(
                "circumstance_change.reported",
                change,
                f"Change reported on {household.reference}",
                household.council_id,
                change.reported_by_id,
                change.reported_at,
                changes_of(after={"sections": change.sections}),
            )
        ] += 1
    assert events_found("circumstance_change.reported") == expected


def test_each_applicant_sign_in_owns_a_household_it_started_itself(seeded: None) -> None:
    # Given the applicant sign-ins, and the lead of each household
    emails = set(partnership.demo_applicant_states())
    lead_names = Person.objects.filter(relationship=Relationship.LEAD)
    leads = dict(lead_names.values_list("household_id", "full_name"))
    started = {
        event.object_id: event.actor_id
        for event in AuditEvent.objects.filter(verb="application.started")
    }
    owned = []
    for household in Household.objects.select_related("application", "applicant"):
        # `application_start` names the household's contact: the applicant's own name, or the
        # name the officer gives (the lead's)
        assert household.contact_name == leads[household.pk], household.reference
        if household.applicant is None:
            continue
        owned.append(household.applicant.email)
        # An applicant's household is theirs from the start: they started its application,
        # and lead it under their own name
        assert household.applicant.is_applicant
        assert started[str(household.application.pk)] == household.applicant_id
        assert leads[household.pk] == household.applicant.full_name
    # Then each sign-in owns exactly one household
    assert sorted(owned) == sorted(emails)


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
