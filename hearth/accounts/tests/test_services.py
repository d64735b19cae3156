from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts import services
from hearth.accounts.models import Invitation, InvitationStatus, Membership, User
from hearth.accounts.tests.factories import (
    PASSWORD,
    InvitationFactory,
    UserFactory,
    actor_for,
    staff_member,
)
from hearth.core import clock
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def landlord_admin() -> Membership:
    return staff_member(OrganisationFactory(landlord=True), [Role.LANDLORD_ADMIN])


class TestInvitationCreate:
    def test_admin_invites_colleague_and_email_is_sent_after_commit(
        self, django_capture_on_commit_callbacks
    ) -> None:
        # Given a landlord organisation admin
        admin = landlord_admin()
        # When they invite a colleague as a lettings officer
        with django_capture_on_commit_callbacks(execute=True):
            invitation = services.invitation_create(
                actor=actor_for(admin),
                email=" New.Person@Example.org ",
                full_name="New Person",
                roles=[Role.LANDLORD_LETTINGS_OFFICER],
            )
        # Then the invitation is open, for their organisation, and audited
        assert invitation.status == InvitationStatus.OPEN
        assert invitation.organisation == admin.organisation
        assert invitation.email == "new.person@example.org"
        event = AuditEvent.objects.get(verb="invitation.created")
        assert event.actor == admin.user
        assert event.organisation == admin.organisation
        assert event.changes["roles"]["after"] == ["landlord_lettings_officer"]
        # And the email carries a link whose token is not stored in clear
        assert len(mail.outbox) == 1
        assert "/account/invitation/" in mail.outbox[0].body
        token = mail.outbox[0].body.split("/account/invitation/")[1].split("/")[0]
        assert token not in invitation.token_hash

    def test_roles_must_belong_to_the_organisation_kind(self) -> None:
        admin = landlord_admin()
        with pytest.raises(ValidationError) as problem:
            services.invitation_create(
                actor=actor_for(admin),
                email="a@example.org",
                full_name="A",
                roles=[Role.REGISTER_OFFICER],
            )
        assert "roles" in problem.value.message_dict
        assert not Invitation.objects.exists()

    def test_someone_without_the_manage_staff_capability_is_refused(self) -> None:
        officer = staff_member(OrganisationFactory(landlord=True), [Role.LANDLORD_LETTINGS_OFFICER])
        with pytest.raises(PermissionDenied):
            services.invitation_create(
                actor=actor_for(officer),
                email="a@example.org",
                full_name="A",
                roles=[Role.LANDLORD_LETTINGS_OFFICER],
            )
        assert not AuditEvent.objects.exists()

    def test_an_existing_member_cannot_be_invited_again(self) -> None:
        admin = landlord_admin()
        colleague = staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
        with pytest.raises(ValidationError) as problem:
            services.invitation_create(
                actor=actor_for(admin),
                email=colleague.user.email.upper(),
                full_name="Again",
                roles=[Role.LANDLORD_LETTINGS_OFFICER],
            )
        assert "email" in problem.value.message_dict

    def test_a_new_invitation_replaces_the_open_one(self) -> None:
        admin = landlord_admin()
        first = InvitationFactory(organisation=admin.organisation, email="x@example.org")
        services.invitation_create(
            actor=actor_for(admin),
            email="x@example.org",
            full_name="X",
            roles=[Role.LANDLORD_ADMIN],
        )
        first.refresh_from_db()
        assert first.status == InvitationStatus.WITHDRAWN
        assert Invitation.objects.filter(status=InvitationStatus.OPEN).count() == 1


class TestInvitationAccept:
    def test_a_new_person_sets_a_password_and_joins_with_the_roles(self) -> None:
        invitation = InvitationFactory(token="abc", roles=["register_officer", "team_leader"])
        membership = services.invitation_accept(
            token="abc",
            user=None,
            full_name="Nia Campbell",
            password="a long and unusual passphrase",
            ip_address="10.0.0.1",
        )
        assert membership.organisation == invitation.organisation
        assert membership.role_names() == {"register_officer", "team_leader"}
        assert membership.user.check_password("a long and unusual passphrase")
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.ACCEPTED
        assert invitation.accepted_by == membership.user
        event = AuditEvent.objects.get(verb="invitation.accepted")
        assert event.actor == membership.user
        assert event.ip_address == "10.0.0.1"

    def test_an_expired_invitation_cannot_be_used(self) -> None:
        InvitationFactory(token="old", expires_at=clock.now() - dt.timedelta(minutes=1))
        with pytest.raises(ValidationError):
            services.invitation_accept(
                token="old", user=None, full_name="X", password="long enough pass", ip_address=None
            )
        assert not User.objects.filter(full_name="X").exists()

    def test_a_common_password_is_refused_and_nothing_is_saved(self) -> None:
        invitation = InvitationFactory(token="t1")
        with pytest.raises(ValidationError):
            services.invitation_accept(
                token="t1", user=None, full_name="X", password="password123", ip_address=None
            )
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.OPEN
        assert not User.objects.filter(email=invitation.email).exists()

    def test_a_signed_in_person_must_be_the_one_invited(self) -> None:
        InvitationFactory(token="t2", email="right@example.org")
        someone_else = UserFactory(email="wrong@example.org")
        with pytest.raises(ValidationError):
            services.invitation_accept(token="t2", user=someone_else, ip_address=None)

    def test_an_existing_user_joins_a_second_organisation(self) -> None:
        existing = staff_member(roles=[Role.REGISTER_OFFICER])
        invitation = InvitationFactory(token="t3", email=existing.user.email)
        membership = services.invitation_accept(token="t3", user=existing.user, ip_address=None)
        assert membership.organisation == invitation.organisation
        assert Membership.objects.filter(user=existing.user).count() == 2


def test_invitations_expire_closes_only_stale_open_invitations() -> None:
    now = clock.now()
    stale = InvitationFactory(expires_at=now - dt.timedelta(hours=1))
    fresh = InvitationFactory(expires_at=now + dt.timedelta(days=1))
    with clock_frozen_at(now):
        assert services.invitations_expire() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == InvitationStatus.EXPIRED
    assert fresh.status == InvitationStatus.OPEN
    assert AuditEvent.objects.filter(verb="invitation.expired", actor=None).count() == 1


class TestRolesAndDeactivation:
    def test_roles_change_is_audited_with_before_and_after(self) -> None:
        admin = landlord_admin()
        colleague = staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
        services.membership_roles_set(
            actor=actor_for(admin),
            membership=colleague,
            roles=[Role.LANDLORD_LETTINGS_OFFICER, Role.LANDLORD_ADMIN],
        )
        assert colleague.role_names() == {"landlord_lettings_officer", "landlord_admin"}
        event = AuditEvent.objects.get(verb="membership.roles_changed")
        assert event.changes == {
            "roles": {
                "before": ["landlord_lettings_officer"],
                "after": ["landlord_admin", "landlord_lettings_officer"],
            }
        }

    def test_the_last_admin_cannot_remove_their_own_admin_role(self) -> None:
        admin = landlord_admin()
        with pytest.raises(ValidationError):
            services.membership_roles_set(
                actor=actor_for(admin),
                membership=admin,
                roles=[Role.LANDLORD_LETTINGS_OFFICER],
            )
        assert admin.role_names() == {"landlord_admin"}

    def test_another_organisations_member_cannot_be_touched(self) -> None:
        admin = landlord_admin()
        elsewhere = staff_member(
            OrganisationFactory(landlord=True), [Role.LANDLORD_LETTINGS_OFFICER]
        )
        with pytest.raises(Membership.DoesNotExist):
            services.membership_active_set(
                actor=actor_for(admin), membership=elsewhere, active=False
            )
        elsewhere.refresh_from_db()
        assert elsewhere.is_active

    def test_deactivate_and_reactivate(self) -> None:
        admin = landlord_admin()
        colleague = staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
        services.membership_active_set(actor=actor_for(admin), membership=colleague, active=False)
        colleague.refresh_from_db()
        assert not colleague.is_active
        services.membership_active_set(actor=actor_for(admin), membership=colleague, active=True)
        colleague.refresh_from_db()
        assert colleague.is_active
        assert list(AuditEvent.objects.order_by("id").values_list("verb", flat=True)) == [
            "membership.deactivated",
            "membership.reactivated",
        ]

    def test_nobody_deactivates_themselves(self) -> None:
        admin = landlord_admin()
        staff_member(admin.organisation, [Role.LANDLORD_ADMIN])
        with pytest.raises(ValidationError):
            services.membership_active_set(actor=actor_for(admin), membership=admin, active=False)


class TestApplicantRegister:
    def test_creates_an_unverified_applicant_and_emails_a_link(
        self, django_capture_on_commit_callbacks
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            user = services.applicant_register(
                email="Sam@Example.org",
                full_name="Sam Whitlock",
                password="kettle lantern orchard",
                ip_address="10.0.0.2",
                scheme_name="Marshvale Home Choice",
            )
        assert user.is_applicant
        assert user.email == "sam@example.org"
        assert user.email_verified_at is None
        assert user.applicant_profile is not None
        assert AuditEvent.objects.filter(verb="applicant.registered", actor=user).exists()
        link = mail.outbox[0].body.split("http://")[1].split()[0]
        token = link.rstrip("/").rsplit("/", 1)[1]
        # And the link confirms the address
        assert services.email_verify(token=token, ip_address=None) == user
        user.refresh_from_db()
        assert user.email_verified_at is not None

    def test_the_same_email_in_another_case_is_refused(self) -> None:
        UserFactory(email="sam@example.org")
        with pytest.raises(ValidationError) as problem:
            services.applicant_register(
                email="SAM@example.org",
                full_name="Sam",
                password="kettle lantern orchard",
                ip_address=None,
                scheme_name="S",
            )
        assert "email" in problem.value.message_dict

    @pytest.mark.parametrize("password", ["short", "password1234", "1234567890"])
    def test_weak_passwords_are_refused(self, password: str) -> None:
        with pytest.raises(ValidationError):
            services.applicant_register(
                email="x@example.org",
                full_name="X",
                password=password,
                ip_address=None,
                scheme_name="S",
            )
        assert not User.objects.exists()

    def test_a_tampered_verification_link_does_nothing(self) -> None:
        assert services.email_verify(token="nonsense", ip_address=None) is None


def test_password_set_is_audited_without_the_hash() -> None:
    user = UserFactory()
    services.password_set(
        user=user, password="a brand new passphrase", ip_address=None, reason="reset link"
    )
    assert user.check_password("a brand new passphrase")
    assert not user.check_password(PASSWORD)
    event = AuditEvent.objects.get(verb="user.password_changed")
    assert "password" not in str(event.changes)


class TestTwoFactorReset:
    def test_admin_resets_a_colleagues_authenticator(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        admin = landlord_admin()
        colleague = staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
        TOTPDevice.objects.create(user=colleague.user, name="phone", confirmed=True)
        services.two_factor_reset(actor=actor_for(admin), membership=colleague)
        assert not TOTPDevice.objects.filter(user=colleague.user).exists()
        event = AuditEvent.objects.get(verb="two_factor.reset")
        assert event.object_id == str(colleague.user.pk)

    def test_nobody_resets_their_own(self) -> None:
        admin = landlord_admin()
        with pytest.raises(ValidationError):
            services.two_factor_reset(actor=actor_for(admin), membership=admin)


class TestSchemeAdminInvitesAnywhereInTheScheme:
    def test_into_a_new_landlord(self) -> None:
        from hearth.core.tests.factories import SchemeFactory

        scheme = SchemeFactory()
        admin = staff_member(
            OrganisationFactory(scheme=scheme, partnership=True), [Role.SCHEME_ADMIN]
        )
        landlord = OrganisationFactory(scheme=scheme, landlord=True)
        invitation = services.invitation_create(
            actor=actor_for(admin),
            email="first@landlord.example",
            full_name="First Admin",
            roles=[Role.LANDLORD_ADMIN],
            organisation=landlord,
        )
        assert invitation.organisation == landlord
        assert AuditEvent.objects.get(verb="invitation.created").organisation == landlord

    def test_but_not_into_another_scheme(self) -> None:
        from hearth.core.tests.factories import SchemeFactory

        admin = staff_member(OrganisationFactory(partnership=True), [Role.SCHEME_ADMIN])
        foreign = OrganisationFactory(scheme=SchemeFactory(slug="far", name="Far"), landlord=True)
        with pytest.raises(PermissionDenied):
            services.invitation_create(
                actor=actor_for(admin),
                email="x@example.org",
                full_name="X",
                roles=[Role.LANDLORD_ADMIN],
                organisation=foreign,
            )

    def test_org_admins_cannot_invite_into_other_organisations(self) -> None:
        admin = landlord_admin()
        other = OrganisationFactory(scheme=admin.organisation.scheme, landlord=True)
        with pytest.raises(PermissionDenied):
            services.invitation_create(
                actor=actor_for(admin),
                email="x@example.org",
                full_name="X",
                roles=[Role.LANDLORD_ADMIN],
                organisation=other,
            )


class TestSchemeBootstrap:
    def test_creates_scheme_team_and_first_admin_invitation(self) -> None:
        scheme, token = services.scheme_bootstrap(
            scheme_name="Fenland Homes",
            slug="fenland",
            colour="#0b5e55",
            admin_email="Lead@Fenland.example",
            admin_name="Lead Admin",
        )
        membership = services.invitation_accept(
            token=token,
            user=None,
            full_name="Lead Admin",
            password="an unusual long passphrase",
            ip_address=None,
        )
        assert membership.organisation.scheme == scheme
        assert membership.role_names() == {"scheme_admin"}
        assert AuditEvent.objects.filter(verb="scheme.bootstrapped").exists()
        # The scheme and its team are made by the core services, and audited as they audit
        created = AuditEvent.objects.get(verb="scheme.created")
        assert (created.object_id, created.actor_id) == (str(scheme.pk), None)
        team = AuditEvent.objects.get(verb="organisation.created")
        assert (team.object_id, team.actor_id) == (str(membership.organisation_id), None)
        assert team.changes["name"] == {"before": None, "after": "Fenland Homes partnership team"}

    def test_runs_once_per_deployment(self) -> None:
        from hearth.core.tests.factories import SchemeFactory

        SchemeFactory()
        with pytest.raises(ValidationError):
            services.scheme_bootstrap(
                scheme_name="Second",
                slug="second",
                colour="#0b5e55",
                admin_email="a@example.org",
                admin_name="A",
            )
