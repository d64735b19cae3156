"""An organisation's postal address, phone, email and opening hours: the service and the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core.access.roles import Role
from hearth.core.models import AuditEvent, Organisation
from hearth.core.services import organisation_contact_set
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory

pytestmark = pytest.mark.django_db

ADDRESS = "Civic Centre\n1 Market Street\nMarshvale\nMV1 1AA"


def details(**changes: str) -> dict[str, str]:
    return {
        "postal_address": ADDRESS,
        "contact_phone": "01632 960 001",
        "contact_email": "housing@marshvale-city.example",
        "contact_hours": "Monday to Friday, 9am to 5pm",
        **changes,
    }


@pytest.fixture
def council() -> Organisation:
    return OrganisationFactory(name="Marshvale City Council")


def scheme_admin_of(organisation: Organisation) -> Any:
    partnership = OrganisationFactory(scheme=organisation.scheme, partnership=True)
    return staff_member(partnership, [Role.SCHEME_ADMIN])


# --- The service ------------------------------------------------------------------------------


def test_an_organisation_admin_sets_their_own_contact_details(council: Organisation) -> None:
    # Given an organisation admin of the council
    admin = actor_for(staff_member(council, [Role.COUNCIL_ADMIN]))
    # When they set its contact details
    saved = organisation_contact_set(actor=admin, organisation=council, **details())
    # Then they are stored, and the change is audited with what it was before and after
    council.refresh_from_db()
    assert council.postal_address_lines == [
        "Civic Centre",
        "1 Market Street",
        "Marshvale",
        "MV1 1AA",
    ]
    assert (council.contact_phone, council.contact_email, council.contact_hours) == (
        "01632 960 001",
        "housing@marshvale-city.example",
        "Monday to Friday, 9am to 5pm",
    )
    assert saved.pk == council.pk
    event = AuditEvent.objects.get(verb="organisation.contact_changed")
    assert event.organisation_id == council.pk
    assert event.actor_id == admin.user.pk
    assert event.changes["contact_phone"] == {"before": "", "after": "01632 960 001"}
    assert event.changes["postal_address"] == {"before": "", "after": ADDRESS}


def test_a_scheme_admin_sets_any_organisations_contact_details(council: Organisation) -> None:
    # Given a scheme admin and a landlord in their scheme
    admin = actor_for(scheme_admin_of(council))
    landlord = OrganisationFactory(scheme=council.scheme, landlord=True)
    # When they set the council's and the landlord's details
    organisation_contact_set(actor=admin, organisation=council, **details())
    organisation_contact_set(
        actor=admin, organisation=landlord, **details(contact_email="lettings@hha.example")
    )
    # Then both are saved
    council.refresh_from_db()
    landlord.refresh_from_db()
    assert council.contact_email == "housing@marshvale-city.example"
    assert landlord.contact_email == "lettings@hha.example"


@pytest.mark.parametrize(
    "who",
    ["other_council_admin", "register_officer", "other_scheme_admin"],
)
def test_nobody_else_may_change_them(council: Organisation, who: str) -> None:
    # Given someone who is not an admin of this council nor of its scheme
    if who == "other_council_admin":
        member = staff_member(OrganisationFactory(scheme=council.scheme), [Role.COUNCIL_ADMIN])
    elif who == "register_officer":
        member = staff_member(council, [Role.REGISTER_OFFICER])
    else:
        elsewhere = OrganisationFactory(scheme=SchemeFactory(slug="elsewhere"), partnership=True)
        member = staff_member(elsewhere, [Role.SCHEME_ADMIN])
    # When they try to set the council's contact details
    with pytest.raises(PermissionDenied):
        organisation_contact_set(actor=actor_for(member), organisation=council, **details())
    # Then nothing changes
    council.refresh_from_db()
    assert not council.has_contact_details
    assert not AuditEvent.objects.filter(verb="organisation.contact_changed").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_phone", "call 01632 960001", "only numbers, spaces, + and brackets"),
        ("contact_phone", "01632-960-001", "only numbers, spaces, + and brackets"),
        ("contact_phone", "123", "Enter a phone number, like"),
        ("contact_phone", "0" * 41, "40 characters or fewer"),
        ("contact_phone", "1234 567 8901", "like 01632 960 001, 07700 900 982 or +44 808"),
        ("contact_phone", "+1 202 555 0100", "like 01632 960 001, 07700 900 982 or +44 808"),
        ("contact_email", "housing at marshvale", "Enter an email address in the correct format"),
        ("postal_address", "x" * 501, "500 characters or fewer"),
        ("postal_address", "\n".join("line" for _ in range(9)), "8 lines or fewer"),
        ("contact_hours", "h" * 201, "200 characters or fewer"),
    ],
)
def test_bad_details_are_explained_and_nothing_is_saved(
    council: Organisation, field: str, value: str, message: str
) -> None:
    # Given an organisation admin
    admin = actor_for(staff_member(council, [Role.COUNCIL_ADMIN]))
    # When one of the details is wrong
    with pytest.raises(ValidationError) as problem:
        organisation_contact_set(actor=admin, organisation=council, **details(**{field: value}))
    # Then the error is on that field, and none of the details are saved
    assert message in problem.value.message_dict[field][0]
    assert set(problem.value.message_dict) == {field}
    council.refresh_from_db()
    assert not council.has_contact_details


def test_details_are_tidied_and_may_be_cleared(council: Organisation) -> None:
    # Given a council admin who types blank lines and extra spaces
    admin = actor_for(staff_member(council, [Role.COUNCIL_ADMIN]))
    organisation_contact_set(
        actor=admin,
        organisation=council,
        **details(
            postal_address="  Civic Centre \r\n\r\n1   Market Street\n",
            contact_phone=" +44 (0)1632  960 001 ",
        ),
    )
    council.refresh_from_db()
    assert council.postal_address == "Civic Centre\n1 Market Street"
    assert council.contact_phone == "+44 (0)1632 960 001"
    # When they clear every detail
    organisation_contact_set(
        actor=admin,
        organisation=council,
        postal_address="",
        contact_phone="",
        contact_email="",
        contact_hours="",
    )
    # Then the council has none
    council.refresh_from_db()
    assert not council.has_contact_details


def test_saving_the_same_details_again_records_nothing_new(council: Organisation) -> None:
    admin = actor_for(staff_member(council, [Role.COUNCIL_ADMIN]))
    organisation_contact_set(actor=admin, organisation=council, **details())
    organisation_contact_set(actor=admin, organisation=council, **details())
    assert AuditEvent.objects.filter(verb="organisation.contact_changed").count() == 1


# --- The page ---------------------------------------------------------------------------------


def test_an_organisation_admin_changes_them_on_the_page(
    client: Client, council: Organisation
) -> None:
    # Given a council admin signed in, who finds the page from their home page
    member = staff_member(council, [Role.COUNCIL_ADMIN])
    client.force_login(member.user)
    url = reverse("core:organisation_contact", args=[council.pk])
    assert url in client.get(reverse("core:staff_home")).content.decode()
    page = client.get(url).content.decode()
    assert "Each part of the address on a new line" in page
    # When they save the details
    response = client.post(url, details(), follow=True)
    # Then they see a success banner and the saved details in the form
    html = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "govuk-notification-banner--success" in html
    assert "Contact details saved" in html
    assert "housing@marshvale-city.example" in html
    council.refresh_from_db()
    assert council.contact_hours == "Monday to Friday, 9am to 5pm"


def test_bad_input_is_shown_in_the_summary_and_by_the_field(
    client: Client, council: Organisation
) -> None:
    # Given a council admin with saved details
    member = staff_member(council, [Role.COUNCIL_ADMIN])
    organisation_contact_set(actor=actor_for(member), organisation=council, **details())
    client.force_login(member.user)
    url = reverse("core:organisation_contact", args=[council.pk])
    # When they post a phone number with letters and a malformed email
    response = client.post(
        url, details(contact_phone="ring us", contact_email="housing@", contact_hours="Always")
    )
    # Then the page is shown again with both errors, in the summary and next to each field
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert html.count("only numbers, spaces, + and brackets") == 2
    assert html.count("Enter an email address in the correct format") == 2
    assert 'id="id_contact_phone-error"' in html
    assert 'href="#id_contact_phone"' in html
    assert "<title>Error:" in html
    # And what they typed is kept, but nothing is saved
    assert "ring us" in html
    council.refresh_from_db()
    assert council.contact_hours == "Monday to Friday, 9am to 5pm"


def test_a_scheme_admin_reaches_every_organisation_from_the_list(
    client: Client, council: Organisation
) -> None:
    # Given a scheme admin and a landlord in the scheme
    member = scheme_admin_of(council)
    landlord = OrganisationFactory(scheme=council.scheme, landlord=True)
    client.force_login(member.user)
    # When they open the organisations list
    page = client.get(reverse("core:organisations")).content.decode()
    # Then each organisation links to its contact details, which they can change
    for organisation in (council, landlord):
        url = reverse("core:organisation_contact", args=[organisation.pk])
        assert url in page
        assert client.post(url, details()).status_code == 302
    landlord.refresh_from_db()
    assert landlord.contact_phone == "01632 960 001"


def test_an_organisation_admin_cannot_open_another_organisations_page(
    client: Client, council: Organisation
) -> None:
    other = OrganisationFactory(scheme=council.scheme)
    client.force_login(staff_member(council, [Role.COUNCIL_ADMIN]).user)
    url = reverse("core:organisation_contact", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, details()).status_code == 404
    other.refresh_from_db()
    assert not other.has_contact_details


def test_a_landlord_admin_uses_the_landlord_layout(client: Client) -> None:
    landlord = OrganisationFactory(landlord=True)
    client.force_login(staff_member(landlord, [Role.LANDLORD_ADMIN]).user)
    url = reverse("core:organisation_contact", args=[landlord.pk])
    assert url in client.get(reverse("core:landlord_home")).content.decode()
    html = client.get(url).content.decode()
    assert "hearth-audience-landlord" in html
    assert reverse("core:landlord_home") in html
