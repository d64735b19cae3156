"""Sign-in lock-out counts failures per account, whatever case the address is typed in, both
from one address (IP) and across addresses."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import PASSWORD, staff_member
from hearth.core.access.roles import Role

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")
WRONG = "wrong password!"


def attempt(client: Client, email: str, password: str, ip: str = "203.0.113.7"):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def case_variant(email: str, n: int) -> str:
    """The address with its letters' case flipped in the pattern of `n`'s bits."""
    return "".join(ch.upper() if (n >> i) & 1 else ch.lower() for i, ch in enumerate(email))


def test_failures_in_different_cases_add_up_to_a_lock(client: Client, settings) -> None:
    # Given a limit of 3 failures
    settings.AXES_FAILURE_LIMIT = 3
    officer = staff_member(roles=[Role.TEAM_LEADER])
    # When 3 wrong passwords are typed, each with the address in a different case
    for n in range(1, 4):
        attempt(client, "  " + case_variant(officer.user.email, n), WRONG)
    # Then the account is locked: the right password is refused too
    response = attempt(client, officer.user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_account_cannot_be_signed_into_by_changing_case(client: Client, settings) -> None:
    # Given an account locked by failures typed in lower case
    settings.AXES_FAILURE_LIMIT = 3
    officer = staff_member(roles=[Role.TEAM_LEADER])
    for _ in range(3):
        attempt(client, officer.user.email, WRONG)
    # When the right password is sent with the address in another case
    response = attempt(client, officer.user.email.upper(), PASSWORD)
    # Then it is refused, and the lock stays
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert attempt(client, officer.user.email, PASSWORD).status_code == 429


def test_failures_from_many_addresses_lock_the_account(client: Client, settings) -> None:
    # Given a limit of 3 per address and 6 across addresses
    settings.AXES_FAILURE_LIMIT = 3
    settings.HEARTH_SIGN_IN_ACCOUNT_FAILURE_LIMIT = 6
    officer = staff_member(roles=[Role.TEAM_LEADER])
    # When 6 wrong passwords come from 6 different addresses (none reaching its own limit)
    for n in range(6):
        response = attempt(client, officer.user.email, WRONG, ip=f"198.51.100.{n + 1}")
        assert response.status_code != 429 or n == 5
    # Then the account is locked from a new address too
    response = attempt(client, officer.user.email, PASSWORD, ip="192.0.2.50")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_fewer_failures_across_addresses_than_the_account_limit_do_not_lock(
    client: Client, settings
) -> None:
    # Given limits of 3 per address and 6 across addresses, and 5 failures over 5 addresses
    settings.AXES_FAILURE_LIMIT = 3
    settings.HEARTH_SIGN_IN_ACCOUNT_FAILURE_LIMIT = 6
    officer = staff_member(roles=[Role.TEAM_LEADER])
    for n in range(5):
        attempt(client, officer.user.email, WRONG, ip=f"198.51.100.{n + 1}")
    # When the person signs in with the right password from their own address
    response = attempt(client, officer.user.email, PASSWORD, ip="192.0.2.50")
    # Then they get in
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
