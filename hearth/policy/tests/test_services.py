"""Policy versions: drafts, edits, shortlist order, imports, publishing, and who may do them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Organisation
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.policy import selectors, services
from hearth.policy.documents.loaded import document_of
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document import OrderKey
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.services import PolicyTextError
from hearth.policy.tests.documents import example_policy_texts

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
CUMULATIVE_C = """  - count: 3
    band: C
    gives: B
    text: Three or more Band C reasons give Band B.
"""


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock_frozen_at(dt.datetime(2026, 6, 15, 10, 0, tzinfo=clock.LONDON)):
        yield


# --- Builders (shared with test_views.py) ----------------------------------------------------


def policy_text(council: Organisation, demo: str = "marshvale-city") -> str:
    """A demo policy's text, made out to `council`."""
    text = example_policy_texts()[demo]
    return text.replace(f"council: {demo}\n", f"council: {council.slug}\n", 1)


def version_make(
    council: Organisation,
    *,
    number: int = 1,
    published: bool = True,
    effective_from: dt.date = dt.date(2026, 4, 1),
    text: str | None = None,
) -> PolicyVersion:
    """A version stored directly, as if made earlier (for setting the scene)."""
    text = text if text is not None else policy_text(council)
    document = document_from_text(text)
    return PolicyVersion.objects.create(
        council=council,
        number=number,
        status=PolicyStatus.PUBLISHED if published else PolicyStatus.DRAFT,
        title=document.title,
        document=document_data(document),
        source_text=text,
        effective_from=effective_from if published else None,
        published_at=clock.now() if published else None,
    )


def policy_admin(council: Organisation | None = None) -> Membership:
    return staff_member(council or OrganisationFactory(), [Role.POLICY_ADMIN])


@pytest.fixture
def admin() -> Membership:
    return policy_admin()


@pytest.fixture
def council(admin: Membership) -> Organisation:
    return admin.organisation


@pytest.fixture
def in_force(council: Organisation) -> PolicyVersion:
    return version_make(council)


# --- Creating drafts ------------------------------------------------------------------------


class TestDraftCreate:
    def test_copies_the_version_in_force_and_is_audited(
        self, admin: Membership, council: Organisation, in_force: PolicyVersion
    ) -> None:
        # Given a council with version 1 in force
        # When its policy admin starts a draft without choosing a version
        draft = services.policy_draft_create(actor=actor_for(admin), council=council)
        # Then the draft is version 2, an exact copy of version 1
        assert (draft.number, draft.status, draft.based_on) == (2, PolicyStatus.DRAFT, in_force)
        assert draft.source_text == in_force.source_text
        assert draft.document == in_force.document
        assert draft.created_by == admin.user
        # And the audit log records it against the council
        event = AuditEvent.objects.get(verb="policy.draft_created")
        assert (event.actor, event.organisation, event.object_id) == (
            admin.user,
            council,
            str(draft.pk),
        )
        assert event.changes["based_on"]["after"] == 1

    def test_can_copy_a_chosen_version(
        self, admin: Membership, council: Organisation, in_force: PolicyVersion
    ) -> None:
        older_draft = version_make(council, number=2, published=False)
        draft = services.policy_draft_create(
            actor=actor_for(admin), council=council, based_on=older_draft
        )
        assert (draft.number, draft.based_on) == (3, older_draft)

    def test_numbers_follow_on_without_gaps(
        self, admin: Membership, council: Organisation, in_force: PolicyVersion
    ) -> None:
        actor = actor_for(admin)
        numbers = [services.policy_draft_create(actor=actor, council=council).number for _ in "abc"]
        assert numbers == [2, 3, 4]
        assert list(
            PolicyVersion.objects.filter(council=council)
            .order_by("number")
            .values_list("number", flat=True)
        ) == [1, 2, 3, 4]

    def test_each_council_numbers_its_own_versions(self, in_force: PolicyVersion) -> None:
        other = policy_admin()
        version_make(other.organisation)
        draft = services.policy_draft_create(actor=actor_for(other), council=other.organisation)
        assert draft.number == 2

    def test_the_database_refuses_a_second_version_with_the_same_number(
        self, in_force: PolicyVersion
    ) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            version_make(in_force.council, number=1)

    def test_nothing_to_copy_asks_for_an_import(
        self, admin: Membership, council: Organisation
    ) -> None:
        with pytest.raises(ValidationError, match="Import a policy file"):
            services.policy_draft_create(actor=actor_for(admin), council=council)

    @pytest.mark.parametrize(
        "role", [Role.REGISTER_OFFICER, Role.TEAM_LEADER, Role.LETTINGS_OFFICER, Role.COUNCIL_ADMIN]
    )
    def test_other_council_roles_cannot_draft(
        self, role: Role, council: Organisation, in_force: PolicyVersion
    ) -> None:
        officer = staff_member(council, [role])
        with pytest.raises(PermissionDenied):
            services.policy_draft_create(actor=actor_for(officer), council=council)
        assert not AuditEvent.objects.exists()

    def test_a_policy_admin_cannot_draft_for_another_council(
        self, council: Organisation, in_force: PolicyVersion
    ) -> None:
        elsewhere = policy_admin()
        with pytest.raises(PermissionDenied):
            services.policy_draft_create(actor=actor_for(elsewhere), council=council)

    def test_scheme_admins_read_but_cannot_draft(
        self, council: Organisation, in_force: PolicyVersion
    ) -> None:
        scheme_admin = staff_member(
            OrganisationFactory(scheme=council.scheme, partnership=True), [Role.SCHEME_ADMIN]
        )
        actor = actor_for(scheme_admin)
        assert selectors.policy_council_get(actor=actor, slug=council.slug) == council
        with pytest.raises(PermissionDenied):
            services.policy_draft_create(actor=actor, council=council)

    def test_a_version_of_another_council_cannot_be_copied(
        self, admin: Membership, council: Organisation, in_force: PolicyVersion
    ) -> None:
        foreign = version_make(OrganisationFactory())
        with pytest.raises(PermissionDenied):
            services.policy_draft_create(actor=actor_for(admin), council=council, based_on=foreign)


# --- Editing drafts -------------------------------------------------------------------------


@pytest.fixture
def draft(admin: Membership, council: Organisation, in_force: PolicyVersion) -> PolicyVersion:
    return services.policy_draft_create(actor=actor_for(admin), council=council)


class TestDraftUpdate:
    def test_valid_text_is_saved_as_written_and_audited(
        self, admin: Membership, draft: PolicyVersion
    ) -> None:
        # Given a draft, when the admin adds a cumulative rule (with a comment) and saves
        text = draft.source_text.replace(
            "cumulative:\n", "cumulative:\n  # Agreed by cabinet in May\n" + CUMULATIVE_C, 1
        )
        services.policy_draft_update(
            actor=actor_for(admin),
            version=draft,
            source_text=text,
            change_summary="Three Band C reasons give Band B",
        )
        # Then the text is kept exactly, and the document has the new rule
        draft.refresh_from_db()
        assert draft.source_text == text
        assert "# Agreed by cabinet in May" in draft.source_text
        assert [(c["count"], c["band"], c["gives"]) for c in draft.document["cumulative"]] == [
            (3, "C", "B"),
            (2, "B", "A"),
        ]
        assert draft.change_summary == "Three Band C reasons give Band B"
        # And the audit log says which sections changed
        event = AuditEvent.objects.get(verb="policy.draft_updated")
        assert event.changes["context"]["sections_changed"] == ["cumulative"]
        assert event.changes["change_summary"]["after"] == "Three Band C reasons give Band B"

    def test_invalid_text_names_each_field_path_and_saves_nothing(
        self, admin: Membership, draft: PolicyVersion
    ) -> None:
        text = draft.source_text.replace("default_band: D", "default_band: E").replace(
            "count: 2\n", "count: 1\n"
        )
        with pytest.raises(PolicyTextError) as raised:
            services.policy_draft_update(
                actor=actor_for(admin), version=draft, source_text=text, change_summary=""
            )
        paths = [p.path for p in raised.value.problems]
        assert "default_band" in paths
        assert "cumulative[0].count" in paths
        messages = raised.value.message_dict["source_text"]
        line = text.splitlines().index("default_band: E") + 1
        assert f"default_band (line {line}): 'E' is not one of the bands: A, B, C, D" in messages
        assert any(m.startswith("cumulative[0].count (line ") for m in messages)
        draft.refresh_from_db()
        assert "default_band: D" in draft.source_text
        assert not AuditEvent.objects.filter(verb="policy.draft_updated").exists()

    def test_a_yaml_syntax_error_gives_the_line(
        self, admin: Membership, draft: PolicyVersion
    ) -> None:
        text = draft.source_text.replace("scheme: bands", "scheme: [bands", 1)
        with pytest.raises(PolicyTextError) as raised:
            services.policy_draft_update(
                actor=actor_for(admin), version=draft, source_text=text, change_summary=""
            )
        (problem,) = raised.value.problems
        assert problem.path == ""
        (message,) = raised.value.message_dict["source_text"]
        assert message.startswith("Line ")

    def test_the_document_must_name_the_versions_council(
        self, admin: Membership, draft: PolicyVersion
    ) -> None:
        text = draft.source_text.replace(
            f"council: {draft.council.slug}", "council: somewhere-else"
        )
        with pytest.raises(PolicyTextError) as raised:
            services.policy_draft_update(
                actor=actor_for(admin), version=draft, source_text=text, change_summary=""
            )
        assert [p.path for p in raised.value.problems] == ["council"]
        assert draft.council.slug in raised.value.problems[0].message

    def test_only_the_councils_policy_admin_may_edit(self, draft: PolicyVersion) -> None:
        officer = staff_member(draft.council, [Role.REGISTER_OFFICER])
        with pytest.raises(PermissionDenied):
            services.policy_draft_update(
                actor=actor_for(officer),
                version=draft,
                source_text=draft.source_text,
                change_summary="",
            )


class TestPublishedVersionsNeverChange:
    def test_edit_order_delete_and_publish_are_refused(
        self, admin: Membership, in_force: PolicyVersion
    ) -> None:
        actor = actor_for(admin)
        before = (in_force.source_text, in_force.document, in_force.effective_from)
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.policy_draft_update(
                actor=actor, version=in_force, source_text=in_force.source_text, change_summary="x"
            )
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.policy_order_set(
                actor=actor, version=in_force, keys=[OrderKey("priority_date")]
            )
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.policy_draft_delete(actor=actor, version=in_force)
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.policy_publish(
                actor=actor, version=in_force, effective_from=TODAY, acknowledge_gaps=False
            )
        in_force.refresh_from_db()
        assert (in_force.source_text, in_force.document, in_force.effective_from) == before

    def test_a_stale_copy_of_a_draft_published_meanwhile_is_refused(
        self, admin: Membership, draft: PolicyVersion
    ) -> None:
        stale = PolicyVersion.objects.get(pk=draft.pk)
        services.policy_publish(
            actor=actor_for(admin), version=draft, effective_from=TODAY, acknowledge_gaps=False
        )
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.policy_draft_update(
                actor=actor_for(admin),
                version=stale,
                source_text=stale.source_text,
                change_summary="late edit",
            )
        assert PolicyVersion.objects.get(pk=draft.pk).change_summary == ""


# --- Shortlist order ------------------------------------------------------------------------


class TestOrderSet:
    def test_rewrites_only_the_order_and_keeps_the_rest_of_the_text(
        self, admin: Membership, draft: PolicyVersion
    ) -> None:
        # Given a draft whose text has a comment in it
        text = draft.source_text.replace("bands:\n", "# Bands agreed in 2025\nbands:\n", 1)
        services.policy_draft_update(
            actor=actor_for(admin), version=draft, source_text=text, change_summary=""
        )
        # When the admin puts registration date before band, then band, then transfers first
        keys = [OrderKey("registration_date"), OrderKey("band"), OrderKey("transfer")]
        services.policy_order_set(actor=actor_for(admin), version=draft, keys=keys)
        # Then the document's order is exactly that, and the comment is still there
        draft.refresh_from_db()
        assert document_from_text(draft.source_text).shortlist.order == tuple(keys)
        assert draft.document["shortlist"]["order"] == [
            {"key": "registration_date"},
            {"key": "band"},
            {"key": "transfer"},
        ]
        assert "# Bands agreed in 2025" in draft.source_text
        assert (
            draft.source_text.replace(
                "    - key: registration_date\n    - key: band\n    - key: transfer\n",
                "    - key: band\n    - key: priority_date\n",
            )
            == text
        )
        event = AuditEvent.objects.get(verb="policy.order_set")
        assert event.changes["shortlist_order"] == {
            "before": ["band", "priority_date"],
            "after": ["registration_date", "band", "transfer"],
        }

    def test_a_json_text_is_edited_too(self, admin: Membership, council: Organisation) -> None:
        import json

        data = document_data(document_from_text(policy_text(council)))
        draft = services.policy_import(
            actor=actor_for(admin), council=council, text=json.dumps(data, indent=2)
        )
        keys = [OrderKey("band"), OrderKey("transfer", prefer="new"), OrderKey("priority_date")]
        services.policy_order_set(actor=actor_for(admin), version=draft, keys=keys)
        draft.refresh_from_db()
        assert document_from_text(draft.source_text).shortlist.order == tuple(keys)

    def test_a_key_the_scheme_cannot_use_is_refused(
        self, admin: Membership, draft: PolicyVersion
    ) -> None:
        with pytest.raises(ValidationError) as raised:
            services.policy_order_set(
                actor=actor_for(admin), version=draft, keys=[OrderKey("points")]
            )
        assert "shortlist.order[0].key" in " ".join(raised.value.message_dict["keys"])

    def test_an_empty_order_is_refused(self, admin: Membership, draft: PolicyVersion) -> None:
        with pytest.raises(ValidationError):
            services.policy_order_set(actor=actor_for(admin), version=draft, keys=[])


# --- Importing ------------------------------------------------------------------------------


class TestImport:
    def test_a_valid_file_becomes_a_draft(self, admin: Membership, council: Organisation) -> None:
        draft = services.policy_import(
            actor=actor_for(admin), council=council, text=policy_text(council, "eastmere")
        )
        assert (draft.number, draft.status, draft.based_on) == (1, PolicyStatus.DRAFT, None)
        assert draft.title == "Eastmere District Council housing allocation scheme"
        assert AuditEvent.objects.filter(verb="policy.imported", object_id=str(draft.pk)).exists()

    def test_an_invalid_file_saves_nothing_and_names_the_fields(
        self, admin: Membership, council: Organisation
    ) -> None:
        text = policy_text(council).replace("band: A\n", "band: Z\n", 1)
        with pytest.raises(PolicyTextError) as raised:
            services.policy_import(actor=actor_for(admin), council=council, text=text)
        assert [p.path for p in raised.value.problems] == ["need_reasons[0].band"]
        assert "file" in raised.value.message_dict
        assert not PolicyVersion.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_another_councils_file_is_refused(
        self, admin: Membership, council: Organisation
    ) -> None:
        with pytest.raises(PolicyTextError) as raised:
            services.policy_import(
                actor=actor_for(admin), council=council, text=example_policy_texts()["eastmere"]
            )
        assert raised.value.problems[0].path == "council"
        assert not PolicyVersion.objects.exists()


# --- Deleting -------------------------------------------------------------------------------


def test_a_draft_can_be_deleted_and_the_deletion_is_audited(
    admin: Membership, draft: PolicyVersion
) -> None:
    services.policy_draft_delete(actor=actor_for(admin), version=draft)
    assert not PolicyVersion.objects.filter(pk=draft.pk).exists()
    event = AuditEvent.objects.get(verb="policy.draft_deleted")
    assert event.object_id == str(draft.pk)


def test_a_draft_another_version_was_copied_from_is_kept(
    admin: Membership, draft: PolicyVersion
) -> None:
    services.policy_draft_create(actor=actor_for(admin), council=draft.council, based_on=draft)
    with pytest.raises(ValidationError, match="copied from this draft"):
        services.policy_draft_delete(actor=actor_for(admin), version=draft)
    assert PolicyVersion.objects.filter(pk=draft.pk).exists()
    assert not AuditEvent.objects.filter(verb="policy.draft_deleted").exists()


# --- Publishing -----------------------------------------------------------------------------


class TestPublish:
    def test_publishes_from_a_future_date_and_the_old_version_applies_until_then(
        self, admin: Membership, draft: PolicyVersion, in_force: PolicyVersion
    ) -> None:
        monday = dt.date(2026, 6, 22)
        services.policy_publish(
            actor=actor_for(admin), version=draft, effective_from=monday, acknowledge_gaps=False
        )
        draft.refresh_from_db()
        assert draft.status == PolicyStatus.PUBLISHED
        assert (draft.effective_from, draft.published_by) == (monday, admin.user)
        assert draft.published_at == clock.now()
        # The version in force changes on the effective date, not before
        assert selectors.policy_in_force(draft.council, monday - dt.timedelta(days=1)) == in_force
        assert selectors.policy_in_force(draft.council, monday) == draft
        event = AuditEvent.objects.get(verb="policy.published")
        assert event.changes["effective_from"] == {"before": None, "after": "2026-06-22"}
        assert event.organisation == draft.council

    def test_today_is_allowed(self, admin: Membership, draft: PolicyVersion) -> None:
        services.policy_publish(
            actor=actor_for(admin), version=draft, effective_from=TODAY, acknowledge_gaps=False
        )
        assert selectors.policy_in_force(draft.council, TODAY) == draft

    def test_a_date_in_the_past_is_refused(self, admin: Membership, draft: PolicyVersion) -> None:
        with pytest.raises(ValidationError) as raised:
            services.policy_publish(
                actor=actor_for(admin),
                version=draft,
                effective_from=TODAY - dt.timedelta(days=1),
                acknowledge_gaps=False,
            )
        assert raised.value.message_dict == {
            "effective_from": ["Effective date must be today or in the future"]
        }
        draft.refresh_from_db()
        assert draft.status == PolicyStatus.DRAFT

    def test_a_preference_gap_must_be_acknowledged(
        self, admin: Membership, council: Organisation, in_force: PolicyVersion
    ) -> None:
        # Given a draft where no need reason serves the hardship group
        text = policy_text(council).replace("    preference: hardship\n", "")
        draft = services.policy_import(actor=actor_for(admin), council=council, text=text)
        gaps = selectors.policy_preference_gaps(document_of(draft))
        assert gaps == ["People who need to move to a particular area to avoid hardship"]
        # When the admin publishes without acknowledging, it is refused
        with pytest.raises(ValidationError) as raised:
            services.policy_publish(
                actor=actor_for(admin), version=draft, effective_from=TODAY, acknowledge_gaps=False
            )
        assert "acknowledge_gaps" in raised.value.message_dict
        assert PolicyVersion.objects.get(pk=draft.pk).status == PolicyStatus.DRAFT
        # And once acknowledged it is published, with the gap on the record
        services.policy_publish(
            actor=actor_for(admin), version=draft, effective_from=TODAY, acknowledge_gaps=True
        )
        event = AuditEvent.objects.get(verb="policy.published")
        assert event.changes["context"]["preference_gaps_acknowledged"] == gaps

    def test_only_the_councils_policy_admin_may_publish(self, draft: PolicyVersion) -> None:
        leader = staff_member(draft.council, [Role.TEAM_LEADER])
        with pytest.raises(PermissionDenied):
            services.policy_publish(
                actor=actor_for(leader), version=draft, effective_from=TODAY, acknowledge_gaps=True
            )


# --- Reading --------------------------------------------------------------------------------


class TestPolicyInForce:
    def test_latest_effective_published_version_wins_and_drafts_never_count(
        self, council: Organisation
    ) -> None:
        first = version_make(council, number=1, effective_from=dt.date(2026, 4, 1))
        second = version_make(council, number=2, effective_from=dt.date(2026, 7, 1))
        version_make(council, number=3, published=False)
        assert selectors.policy_in_force(council, dt.date(2026, 3, 31)) is None
        assert selectors.policy_in_force(council, dt.date(2026, 6, 30)) == first
        assert selectors.policy_in_force(council, dt.date(2026, 7, 1)) == second

    def test_on_the_same_date_the_later_version_wins(self, council: Organisation) -> None:
        version_make(council, number=1, effective_from=TODAY)
        later = version_make(council, number=2, effective_from=TODAY)
        assert selectors.policy_in_force(council, TODAY) == later

    def test_version_states(self, council: Organisation) -> None:
        old = version_make(council, number=1, effective_from=dt.date(2026, 4, 1))
        now = version_make(council, number=2, effective_from=dt.date(2026, 5, 1))
        later = version_make(council, number=3, effective_from=dt.date(2026, 9, 1))
        draft = version_make(council, number=4, published=False)
        states = {
            s.version.number: s.state
            for s in selectors.policy_version_states([old, now, later, draft], TODAY)
        }
        assert states == {1: "superseded", 2: "in_force", 3: "scheduled", 4: "draft"}


class TestReadingScope:
    def test_staff_of_another_council_get_404(self, in_force: PolicyVersion) -> None:
        officer = staff_member(OrganisationFactory(), [Role.REGISTER_OFFICER])
        with pytest.raises(Http404):
            selectors.policy_council_get(actor=actor_for(officer), slug=in_force.council.slug)

    def test_scheme_admins_of_another_scheme_get_404(self, in_force: PolicyVersion) -> None:
        elsewhere = SchemeFactory(slug="elsewhere", name="Elsewhere Homes")
        outsider = staff_member(
            OrganisationFactory(scheme=elsewhere, partnership=True), [Role.SCHEME_ADMIN]
        )
        with pytest.raises(Http404):
            selectors.policy_council_get(actor=actor_for(outsider), slug=in_force.council.slug)

    def test_roles_without_the_capability_cannot_read(self, in_force: PolicyVersion) -> None:
        analyst = staff_member(in_force.council, [Role.REPORTING_ANALYST])
        with pytest.raises(Http404):
            selectors.policy_council_get(actor=actor_for(analyst), slug=in_force.council.slug)


def test_setting_the_order_keeps_a_connection_to_the_homes_own_area(
    admin: Membership, draft: PolicyVersion
) -> None:
    # When the admin puts the home's own area first, then the council's area, then the band
    keys = [
        OrderKey("local_connection", to="advert_parish"),
        OrderKey("local_connection"),
        OrderKey("band"),
    ]
    services.policy_order_set(actor=actor_for(admin), version=draft, keys=keys)
    # Then the text says where each looks, and the record tells them apart
    draft.refresh_from_db()
    assert document_from_text(draft.source_text).shortlist.order == tuple(keys)
    event = AuditEvent.objects.get(verb="policy.order_set")
    assert event.changes["shortlist_order"]["after"] == [
        "local_connection:advert_parish",
        "local_connection",
        "band",
    ]
