from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.audit import (
    AuditOutsideTransactionError,
    EventRow,
    audit_record,
    changes_between,
    changes_of,
    event_rows,
)
from hearth.core.clock import LONDON, clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.selectors import AuditFilter, audit_events_search
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def test_changes_between_lists_only_what_changed() -> None:
    assert changes_between({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": {"before": 2, "after": 3}}


@pytest.mark.django_db(transaction=True)
def test_an_audit_row_outside_a_transaction_is_refused() -> None:
    member = staff_member(roles=[Role.COUNCIL_ADMIN])
    with pytest.raises(AuditOutsideTransactionError):
        audit_record(actor=actor_for(member), verb="x", target=member)


@pytest.mark.django_db(transaction=True)
def test_audit_rolls_back_with_the_change() -> None:
    member = staff_member(roles=[Role.COUNCIL_ADMIN])
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=actor_for(member), verb="x", target=member)
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_to_change_or_delete_audit_rows() -> None:
    member = staff_member(roles=[Role.COUNCIL_ADMIN])
    with transaction.atomic():
        event = audit_record(actor=actor_for(member), verb="x", target=member)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(verb="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "x"


class TestSearchScope:
    def _event(self, actor: Actor, verb: str) -> AuditEvent:
        with transaction.atomic():
            assert actor.user is not None
            return audit_record(actor=actor, verb=verb, target=actor.user)

    def test_scheme_admins_see_the_scheme_and_org_admins_their_organisation(self) -> None:
        scheme = SchemeFactory()
        partnership = staff_member(
            OrganisationFactory(scheme=scheme, partnership=True), [Role.SCHEME_ADMIN]
        )
        council_admin = staff_member(OrganisationFactory(scheme=scheme), [Role.COUNCIL_ADMIN])
        other_council = staff_member(OrganisationFactory(scheme=scheme), [Role.REGISTER_OFFICER])
        foreign = staff_member(
            OrganisationFactory(scheme=SchemeFactory(slug="other", name="Other")),
            [Role.COUNCIL_ADMIN],
        )
        mine = self._event(actor_for(council_admin), "mine")
        theirs = self._event(actor_for(other_council), "theirs")
        abroad = self._event(actor_for(foreign), "abroad")

        seen_by_scheme = set(audit_events_search(actor=actor_for(partnership), query=AuditFilter()))
        assert {mine, theirs} <= seen_by_scheme
        assert abroad not in seen_by_scheme
        assert set(audit_events_search(actor=actor_for(council_admin), query=AuditFilter())) == {
            mine
        }

    def test_filters_by_text_and_dates(self) -> None:
        admin = staff_member(roles=[Role.COUNCIL_ADMIN])
        actor = actor_for(admin)
        with clock_frozen_at(dt.datetime(2026, 3, 1, 12, tzinfo=LONDON)):
            early = self._event(actor, "invitation.created")
        with clock_frozen_at(dt.datetime(2026, 3, 5, 12, tzinfo=LONDON)):
            late = self._event(actor, "membership.roles_changed")
        assert list(audit_events_search(actor=actor, query=AuditFilter(text="invitation"))) == [
            early
        ]
        window = AuditFilter(date_from=dt.date(2026, 3, 5), date_to=dt.date(2026, 3, 5))
        assert list(audit_events_search(actor=actor, query=window)) == [late]


def test_audit_page_lists_events_in_bounded_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    admin = staff_member(roles=[Role.COUNCIL_ADMIN])
    actor = actor_for(admin)
    for n in range(30):
        with transaction.atomic():
            audit_record(actor=actor, verb=f"thing.{n}", target=admin.user)
    client.force_login(admin.user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:audit_search"))
    assert "30 events" in response.content.decode()


def test_audit_page_explains_bad_dates(client: Client) -> None:
    admin = staff_member(roles=[Role.COUNCIL_ADMIN])
    client.force_login(admin.user)
    html = client.get(
        reverse("core:audit_search"),
        {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"},
    ).content.decode()
    assert "There is a problem" in html
    assert "real date" in html


def test_audit_search_that_matches_nothing_says_so(client: Client) -> None:
    # Given an admin whose organisation has events, none about "nothing-like-this"
    admin = staff_member(roles=[Role.COUNCIL_ADMIN])
    with transaction.atomic():
        audit_record(actor=actor_for(admin), verb="thing.done", target=admin.user)
    client.force_login(admin.user)
    # when they search for it, then they are told nothing matched
    html = client.get(reverse("core:audit_search"), {"text": "nothing-like-this"}).text
    assert "0 events" in html
    assert "No events match" in html


def test_audit_page_shows_before_and_after_for_new_and_old_rows(client: Client) -> None:
    # Given an event in the one shape, and one written before it ([before, after] and a reason)
    admin = staff_member(roles=[Role.COUNCIL_ADMIN])
    actor = actor_for(admin)
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb="thing.changed",
            target=admin.user,
            changes=changes_of(
                before={"colour": "red"}, after={"colour": "blue"}, context={"why": "brand"}
            ),
        )
    AuditEvent.objects.create(
        occurred_at=clock.now(),
        actor=admin.user,
        organisation=admin.organisation,
        verb="thing.moved",
        object_type="accounts.user",
        object_id=str(admin.user.pk),
        changes={"status": ["active", "suspended"], "reason": "Rent arrears"},
    )
    client.force_login(admin.user)
    # When an admin reads the audit log
    html = client.get(reverse("core:audit_search")).text
    # Then both show what changed from → to, and their context
    assert "colour: red → blue" in html
    assert "why: brand" in html
    assert "status: active → suspended" in html
    assert "reason: Rent arrears" in html


def test_audit_events_become_rows_of_the_one_events_table() -> None:
    # Given an event that changed a field, recorded by someone for an organisation
    admin = staff_member(roles=[Role.COUNCIL_ADMIN])
    with transaction.atomic():
        event = audit_record(
            actor=actor_for(admin),
            verb="thing.changed",
            target=admin.user,
            changes=changes_of(before={"colour": "red"}, after={"colour": "blue"}),
        )
    # When it is shown as a row, with and without its organisation
    (row,) = event_rows([event])
    (whole_scheme,) = event_rows([event], organisation=True)
    # Then the row says who, what and before → after; the organisation only when asked for
    assert row == EventRow(
        occurred_at=event.occurred_at,
        who=admin.user.full_name,
        what=f"thing.changed: {event.object_label}",
        details=["colour: red → blue"],
    )
    assert whole_scheme.organisation == admin.organisation.name
