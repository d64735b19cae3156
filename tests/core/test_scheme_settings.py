from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Membership
from hearth.accounts.tests.factories import staff_member
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.models import AuditEvent, Scheme
from hearth.core.pages.colour import contrast_ratio
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory

pytestmark = pytest.mark.django_db

# The smallest valid PNG: one transparent pixel.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def scheme_admin(client: Client) -> Membership:
    scheme = SchemeFactory()
    member = staff_member(OrganisationFactory(scheme=scheme, partnership=True), [Role.SCHEME_ADMIN])
    client.force_login(member.user)
    return member


def form(**changes: object) -> dict[str, object]:
    return {"name": "Marshvale Home Choice", "colour": "#0b5e55", "contact_text": "", **changes}


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#1d70b8", "#ffffff"), 1) == 5.2


def test_brand_change_is_saved_audited_and_served(client: Client, scheme_admin: Membership) -> None:
    response = client.post(
        reverse("core:scheme_settings"), form(name="Fenland Homes", colour="#4C2C92")
    )
    assert response.status_code == 302
    scheme = Scheme.objects.get()
    assert (scheme.name, scheme.colour) == ("Fenland Homes", "#4c2c92")
    event = AuditEvent.objects.get(verb="scheme.updated")
    assert event.changes["name"] == {"before": "Marshvale Home Choice", "after": "Fenland Homes"}
    assert (
        "--hearth-brand-colour:#4c2c92"
        in client.get(reverse("publishing:brand_css")).content.decode()
    )
    assert "Fenland Homes" in client.get(reverse("publishing:home")).content.decode()


def test_a_colour_white_text_cannot_be_read_on_is_refused(
    client: Client, scheme_admin: Membership
) -> None:
    html = client.post(reverse("core:scheme_settings"), form(colour="#ffdd00")).content.decode()
    assert "Choose a darker colour" in html
    assert Scheme.objects.get().colour == "#0b5e55"


def test_a_malformed_colour_is_explained(client: Client, scheme_admin: Membership) -> None:
    html = client.post(reverse("core:scheme_settings"), form(colour="green")).content.decode()
    assert "6 hexadecimal digits" in html


def test_logo_must_really_be_a_png(client: Client, scheme_admin: Membership) -> None:
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    html = client.post(reverse("core:scheme_settings"), {**form(), "logo": fake}).content.decode()
    assert "The logo must be a PNG image" in html
    assert not Scheme.objects.get().logo


def test_logo_upload_is_served_through_the_app(
    client: Client, scheme_admin: Membership, settings, tmp_path
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    logo = SimpleUploadedFile("anything.png", PIXEL_PNG, content_type="image/png")
    client.post(reverse("core:scheme_settings"), {**form(), "logo": logo})
    served = client.get(reverse("publishing:brand_logo"))
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    assert "brand-logo.png" in client.get(reverse("publishing:home")).content.decode()


def test_council_status_change(client: Client, scheme_admin: Membership) -> None:
    council = OrganisationFactory(
        scheme=scheme_admin.organisation.scheme, council_status=CouncilStatus.ONBOARDING
    )
    url = reverse("core:council_status", args=[council.pk])
    assert client.post(url, {"status": "bogus"}).status_code == 200
    client.post(url, {"status": CouncilStatus.TRADITIONAL})
    council.refresh_from_db()
    assert council.council_status == CouncilStatus.TRADITIONAL
    event = AuditEvent.objects.get(verb="council.status_changed")
    assert event.changes["council_status"] == {"before": "onboarding", "after": "traditional"}


def test_council_admins_cannot_change_the_scheme(client: Client) -> None:
    member = staff_member(roles=[Role.COUNCIL_ADMIN])
    client.force_login(member.user)
    assert client.post(reverse("core:scheme_settings"), form(name="Mine now")).status_code == 403
