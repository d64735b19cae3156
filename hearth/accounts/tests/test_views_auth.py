from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now as django_now
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.models import User
from hearth.accounts.tests.factories import PASSWORD, ApplicantFactory, staff_member
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent
from hearth.core.tests.factories import OrganisationFactory
from hearth.core.tests.submission_support import with_token

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")
HOME = reverse("accounts:applicant_home")


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(SIGN_IN, {"username": email, "password": password, **extra})


def test_staff_sign_in_lands_on_their_role_home_and_is_audited(client: Client) -> None:
    officer = staff_member(roles=[Role.REGISTER_OFFICER])
    response = sign_in(client, officer.user.email.upper())
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("core:staff_home")
    page = client.get(reverse("core:staff_home"))
    assert "Register officer" in page.content.decode()
    assert AuditEvent.objects.filter(verb="user.signed_in", actor=officer.user).exists()


def test_landlord_staff_land_on_the_landlord_home(client: Client) -> None:
    member = staff_member(OrganisationFactory(landlord=True), [Role.LANDLORD_LETTINGS_OFFICER])
    sign_in(client, member.user.email)
    assert client.get(reverse("accounts:landing"))["Location"] == reverse("core:landlord_home")


def test_wrong_password_shows_an_error_summary_and_keeps_the_email(client: Client) -> None:
    officer = staff_member(roles=[Role.REGISTER_OFFICER])
    response = sign_in(client, officer.user.email, "not the password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert f'value="{officer.user.email}"' in html


def test_empty_sign_in_names_each_missing_field(client: Client) -> None:
    html = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert 'href="#id_username"' in html


def test_repeated_failures_lock_the_account_out(client: Client, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    officer = staff_member(roles=[Role.REGISTER_OFFICER])
    for _ in range(3):
        sign_in(client, officer.user.email, "wrong password!")
    response = sign_in(client, officer.user.email)  # even the right password is refused now
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unverified_applicant_is_asked_to_confirm_and_can_get_a_new_link(client: Client) -> None:
    applicant = ApplicantFactory(email_verified_at=None)
    response = sign_in(client, applicant.email)
    assert response["Location"] == reverse("accounts:email_unconfirmed")
    assert "_auth_user_id" not in client.session
    client.post(reverse("accounts:email_unconfirmed"), with_token({}))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.email]


def test_asking_twice_for_a_new_confirmation_link_sends_one(client: Client) -> None:
    # Given an unverified applicant who has asked for a new link
    applicant = ApplicantFactory(email_verified_at=None)
    sign_in(client, applicant.email)
    posted = with_token({})
    assert client.post(reverse("accounts:email_unconfirmed"), posted).status_code == 200
    # When the same page's button is pressed again
    again = client.post(reverse("accounts:email_unconfirmed"), posted, follow=True)
    # Then one email was sent, and they are told the link is on its way
    assert len(mail.outbox) == 1
    assert again.redirect_chain[-1][0] == reverse("accounts:email_unconfirmed")
    assert "We have already sent you a new link" in again.content.decode()


def test_sign_out_needs_post(client: Client) -> None:
    officer = staff_member(roles=[Role.REGISTER_OFFICER])
    client.force_login(officer.user)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    assert client.post(reverse("accounts:sign_out")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_deactivated_staff_have_no_staff_access(client: Client) -> None:
    member = staff_member(roles=[Role.REGISTER_OFFICER])
    member.is_active = False
    member.save()
    client.force_login(member.user)
    assert client.get(reverse("core:staff_home")).status_code == 403
    assert "You do not have access yet" in client.get(reverse("accounts:landing")).content.decode()


class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def _required(self, settings) -> None:
        settings.HEARTH_STAFF_2FA_REQUIRED = True
        # A wrong code normally makes the next try wait a moment; these tests retry at once.
        settings.OTP_TOTP_THROTTLE_FACTOR = 0

    def test_first_sign_in_sets_up_an_authenticator(self, client: Client) -> None:
        officer = staff_member(roles=[Role.REGISTER_OFFICER])
        response = sign_in(client, officer.user.email)
        assert response["Location"] == reverse("accounts:two_factor")
        # Every staff page sends them to the two-factor step until it is done
        assert client.get(reverse("core:staff_home"))["Location"] == reverse("accounts:two_factor")
        assert client.get(reverse("accounts:two_factor"))["Location"] == reverse(
            "accounts:two_factor_setup"
        )
        page = client.get(reverse("accounts:two_factor_setup"))
        assert "<svg" in page.content.decode()
        device = TOTPDevice.objects.get(user=officer.user, confirmed=False)
        wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
        assert "The security code is not right" in wrong.content.decode()
        code = f"{totp(device.bin_key):06d}"
        done = client.post(reverse("accounts:two_factor_setup"), {"code": code})
        assert done.status_code == 302
        assert client.get(reverse("core:staff_home")).status_code == 200
        assert AuditEvent.objects.filter(verb="two_factor.device_confirmed").exists()

    def test_later_sign_ins_ask_for_the_code(self, client: Client) -> None:
        officer = staff_member(roles=[Role.REGISTER_OFFICER])
        device = TOTPDevice.objects.create(user=officer.user, name="app", confirmed=True)
        sign_in(client, officer.user.email)
        assert client.get(reverse("accounts:two_factor_setup"))["Location"] == reverse(
            "accounts:two_factor"
        )
        bad = client.post(reverse("accounts:two_factor"), {"code": "12ab"})
        assert "The security code must be 6 numbers" in bad.content.decode()
        good = client.post(reverse("accounts:two_factor"), {"code": f"{totp(device.bin_key):06d}"})
        assert good.status_code == 302
        assert client.get(reverse("core:staff_home")).status_code == 200

    def test_applicants_are_not_asked_for_a_code(self, client: Client) -> None:
        applicant = ApplicantFactory()
        sign_in(client, applicant.email)
        assert client.get(reverse("accounts:applicant_home")).status_code == 200


class TestRegister:
    def test_a_new_applicant_creates_an_account(self, client: Client) -> None:
        response = client.post(
            reverse("accounts:register"),
            {
                "full_name": "Sam Whitlock",
                "email": "sam@example.org",
                "password": "kettle lantern orchard",
                "password_confirm": "kettle lantern orchard",
            },
        )
        assert response["Location"] == reverse("accounts:register_check_email")
        assert User.objects.get(email="sam@example.org").is_applicant
        assert "sam@example.org" in client.get(response["Location"]).content.decode()

    def test_errors_are_shown_and_answers_kept(self, client: Client) -> None:
        response = client.post(
            reverse("accounts:register"),
            {
                "full_name": "Sam Whitlock",
                "email": "sam@example.org",
                "password": "password",
                "password_confirm": "different",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in html
        assert "The passwords do not match" in html
        assert 'value="Sam Whitlock"' in html
        assert not User.objects.exists()

    def test_a_common_password_is_explained_next_to_the_field(self, client: Client) -> None:
        html = client.post(
            reverse("accounts:register"),
            {
                "full_name": "Sam",
                "email": "sam@example.org",
                "password": "password1234",
                "password_confirm": "password1234",
            },
        ).content.decode()
        assert "This password is too common" in html
        assert 'href="#id_password"' in html


def test_password_reset_journey(client: Client) -> None:
    applicant = ApplicantFactory(email_verified_at=None)
    client.post(reverse("accounts:password_reset"), {"email": applicant.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"password": "a fresh passphrase here", "password_confirm": "a fresh passphrase here"},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    applicant.refresh_from_db()
    assert applicant.check_password("a fresh passphrase here")
    assert AuditEvent.objects.filter(verb="user.password_changed", actor=applicant).exists()


def test_session_ends_after_inactivity_and_each_request_pushes_the_end_on(settings) -> None:
    # Given a signed-in applicant (sessions last 30 minutes from the last request at most)
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    applicant = ApplicantFactory()
    client = Client()
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with clock_frozen_at(start):
        client.force_login(applicant)
        client.get(HOME)
    key = client.session.session_key

    def ends() -> dt.datetime:
        return Session.objects.get(session_key=key).expire_date

    first = ends()
    # When they open pages within a minute: the session is not written again
    with clock_frozen_at(start + dt.timedelta(seconds=30)):
        client.get(HOME)
    assert ends() == first
    # When they open one a minute or more after the end was last pushed on: it moves on
    with clock_frozen_at(start + dt.timedelta(seconds=61)):
        client.get(HOME)
    assert ends() > first
    # And once the session has ended, they are signed out
    Session.objects.filter(session_key=key).update(
        expire_date=django_now() - dt.timedelta(seconds=1)
    )
    assert client.get(HOME)["Location"].startswith(SIGN_IN)
