"""Every accounts form that asks for a person's name refuses one with no letters in it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import User

pytestmark = pytest.mark.django_db


def test_registering_with_a_number_for_a_name_is_refused_and_the_answers_kept(
    client: Client,
) -> None:
    response = client.post(
        reverse("accounts:register"),
        {
            "full_name": "12345",
            "email": "sam@example.org",
            "password": "correct horse battery",
            "password_confirm": "correct horse battery",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter your full name using only letters, spaces, hyphens and apostrophes" in page
    assert 'value="12345"' in page and 'value="sam@example.org"' in page
    assert not User.objects.filter(email="sam@example.org").exists()
