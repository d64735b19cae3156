from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Invitation, InvitationStatus, Membership
from hearth.accounts.tests.factories import InvitationFactory, staff_member
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client: Client) -> Membership:
    membership = staff_member(OrganisationFactory(landlord=True), [Role.LANDLORD_ADMIN])
    client.force_login(membership.user)
    return membership


def test_team_list_shows_members_and_open_invitations_in_few_queries(
    client: Client, admin: Membership, django_assert_max_num_queries
) -> None:
    for _ in range(15):
        staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
    for _ in range(5):
        InvitationFactory(organisation=admin.organisation)
    elsewhere = staff_member(OrganisationFactory(landlord=True), [Role.LANDLORD_ADMIN])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:team_list"))
    html = response.content.decode()
    assert html.count('href="/staff/team/') >= 16
    assert elsewhere.user.full_name not in html


def test_invite_a_colleague(
    client: Client, admin: Membership, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_new"),
            {
                "full_name": "Owen Price",
                "email": "owen@example.org",
                "roles": ["landlord_lettings_officer"],
            },
        )
    assert response["Location"] == reverse("accounts:team_list")
    page = client.get(response["Location"]).content.decode()
    assert "Invitation sent to owen@example.org" in page
    assert "Owen Price" in page
    assert mail.outbox[0].to == ["owen@example.org"]


def test_invite_form_errors_keep_the_answers(client: Client, admin: Membership) -> None:
    response = client.post(
        reverse("accounts:invitation_new"), {"full_name": "Owen Price", "email": "not-an-email"}
    )
    html = response.content.decode()
    assert "Enter an email address in the correct format" in html
    assert "Select at least one role" in html
    assert 'value="Owen Price"' in html
    assert not Invitation.objects.exists()


def test_a_council_role_cannot_be_smuggled_into_a_landlord(
    client: Client, admin: Membership
) -> None:
    response = client.post(
        reverse("accounts:invitation_new"),
        {"full_name": "X", "email": "x@example.org", "roles": ["scheme_admin"]},
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_viewing_a_colleague_is_audited(client: Client, admin: Membership) -> None:
    colleague = staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
    client.get(reverse("accounts:team_member", args=[colleague.pk]))
    event = AuditEvent.objects.get(verb="viewed")
    assert event.actor == admin.user
    assert event.object_id == str(colleague.user.pk)


def test_change_roles(client: Client, admin: Membership) -> None:
    colleague = staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
    client.post(
        reverse("accounts:team_member", args=[colleague.pk]),
        {"roles": ["landlord_lettings_officer", "landlord_admin"]},
    )
    assert colleague.role_names() == {"landlord_lettings_officer", "landlord_admin"}


def test_last_admin_error_is_shown_on_the_form(client: Client, admin: Membership) -> None:
    response = client.post(
        reverse("accounts:team_member", args=[admin.pk]), {"roles": ["landlord_lettings_officer"]}
    )
    assert "must keep at least one organisation admin" in response.content.decode()
    assert admin.role_names() == {"landlord_admin"}


def test_deactivate_after_confirming(client: Client, admin: Membership) -> None:
    colleague = staff_member(admin.organisation, [Role.LANDLORD_LETTINGS_OFFICER])
    url = reverse("accounts:team_member_deactivate", args=[colleague.pk])
    assert "Deactivate" in client.get(url).content.decode()
    colleague.refresh_from_db()
    assert colleague.is_active  # looking at the confirmation changes nothing
    client.post(url)
    colleague.refresh_from_db()
    assert not colleague.is_active


def test_withdraw_an_invitation(client: Client, admin: Membership) -> None:
    invitation = InvitationFactory(organisation=admin.organisation)
    client.post(reverse("accounts:invitation_withdraw", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN


def test_another_landlords_users_are_not_found(client: Client, admin: Membership) -> None:
    elsewhere = staff_member(OrganisationFactory(landlord=True), [Role.LANDLORD_ADMIN])
    assert client.get(reverse("accounts:team_member", args=[elsewhere.pk])).status_code == 404
    assert (
        client.post(reverse("accounts:team_member_deactivate", args=[elsewhere.pk])).status_code
        == 404
    )
    elsewhere.refresh_from_db()
    assert elsewhere.is_active


class TestAcceptInvitation:
    def test_new_colleague_accepts_and_lands_signed_in(self) -> None:
        client = Client()
        invitation = InvitationFactory(token="tok", roles=["register_officer"])
        url = reverse("accounts:invitation_accept", args=["tok"])
        assert "Register officer" in client.get(url).content.decode()
        response = client.post(
            url,
            {
                "full_name": "Grace Evans",
                "password": "lantern kettle orchard",
                "password_confirm": "lantern kettle orchard",
            },
        )
        assert response["Location"] == reverse("accounts:landing")
        assert client.get(reverse("core:staff_home")).status_code == 200
        membership = Membership.objects.get(user__email=invitation.email)
        assert membership.role_names() == {"register_officer"}

    def test_bad_password_keeps_the_invitation_open(self) -> None:
        client = Client()
        invitation = InvitationFactory(token="tok2")
        html = client.post(
            reverse("accounts:invitation_accept", args=["tok2"]),
            {"full_name": "Grace", "password": "short", "password_confirm": "short"},
        ).content.decode()
        assert "There is a problem" in html
        invitation.refresh_from_db()
        assert invitation.is_open

    def test_a_used_link_explains_itself(self) -> None:
        InvitationFactory(token="used", status=InvitationStatus.ACCEPTED)
        html = Client().get(reverse("accounts:invitation_accept", args=["used"])).content.decode()
        assert "already been accepted" in html


def test_staff_in_two_organisations_switch_explicitly(client: Client) -> None:
    first = staff_member(OrganisationFactory(name="Aardvark Council"), [Role.REGISTER_OFFICER])
    second_org = OrganisationFactory(landlord=True, name="Zebra Homes")
    Membership.objects.create(user=first.user, organisation=second_org).roles.create(
        role=Role.LANDLORD_ADMIN
    )
    client.force_login(first.user)
    # Acting for the first organisation (alphabetically) until they choose
    assert client.get(reverse("accounts:team_list")).status_code == 403
    response = client.post(
        reverse("accounts:organisation_switch"), {"organisation": str(second_org.pk)}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:team_list")).status_code == 200
    assert AuditEvent.objects.filter(verb="organisation.switched", organisation=second_org).exists()
    # A made-up organisation is refused with an error, not a crash
    bad = client.post(reverse("accounts:organisation_switch"), {"organisation": "nope"})
    assert bad.status_code == 200
    assert "There is a problem" in bad.content.decode()
