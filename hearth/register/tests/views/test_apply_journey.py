"""The application form's pages: each step saves, bad input gets GOV.UK messages, and the whole
journey ends on the confirmation page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.tests.submission_support import with_token
from hearth.register.models import Application, ApplicationStatus, PeriodKind, Person
from hearth.register.tests.apply_setup import NOON, TODAY, council_with_policy, draft_complete
from hearth.register.tests.factories import HouseholdFactory

PHONE_ERROR = "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


@pytest.fixture
def applicant_client() -> tuple[Client, object]:
    user = ApplicantFactory()
    client = Client()
    client.force_login(user)
    return client, user


def _actor(user: object) -> Actor:
    from hearth.core.models import Scheme

    return Actor(user=user, scheme=Scheme.objects.first())  # type: ignore[arg-type]


def _post(client: Client, name: str, data: dict[str, str], **kwargs: object) -> object:
    return client.post(reverse(f"register:{name}", kwargs=kwargs or None), data)


def test_start_suggests_the_council_from_the_postcode(applicant_client) -> None:  # type: ignore[no-untyped-def]
    # given a live council whose area has the postcode district MV1
    client, user = applicant_client
    council = council_with_policy()
    # when the applicant starts and gives their postcode
    assert client.get(reverse("register:apply_start")).status_code == 200
    response = _post(client, "apply_postcode", {"postcode": "mv12ab"})
    assert response.url == reverse("register:apply_council")  # type: ignore[attr-defined]
    page = client.get(reverse("register:apply_council"))
    # then the council is suggested and checked
    assert council.name in page.content.decode()
    assert f'value="{council.pk}" checked' in page.content.decode()
    response = _post(client, "apply_council", {"council": str(council.pk)})
    # and choosing it starts a draft on that council's register
    application = Application.objects.get(household__applicant=user)
    assert application.status == ApplicationStatus.DRAFT
    assert application.household.council == council
    assert application.household.home_postcode == "MV1 2AB"
    assert response.url == reverse("register:apply_tasks")  # type: ignore[attr-defined]


def test_bad_postcode_is_explained(applicant_client) -> None:  # type: ignore[no-untyped-def]
    client, _user = applicant_client
    response = _post(client, "apply_postcode", {"postcode": "not a postcode"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Enter a real postcode, like MV1 2AB" in response.content.decode()  # type: ignore[attr-defined]


def test_someone_who_has_applied_is_sent_to_their_account(applicant_client) -> None:  # type: ignore[no-untyped-def]
    client, user = applicant_client
    HouseholdFactory(applicant=user)
    response = client.get(reverse("register:apply_start"))
    assert response.url == reverse("accounts:applicant_home")  # type: ignore[attr-defined]


def test_a_family_applies_from_start_to_confirmation(applicant_client) -> None:  # type: ignore[no-untyped-def]
    # given an applicant who has started
    client, user = applicant_client
    council = council_with_policy()
    _post(client, "apply_postcode", {"postcode": "MV1 2AB"})
    _post(client, "apply_council", {"council": str(council.pk)})
    tasks = client.get(reverse("register:apply_tasks")).content.decode()
    assert "Not started" in tasks and "Cannot start yet" in tasks

    def step(section: str, name: str, data: dict[str, str]) -> str:
        response = _post(client, "apply_step", data, section=section, step=name)
        assert response.status_code == 302, response.content.decode()  # type: ignore[attr-defined]
        return str(response.url)  # type: ignore[attr-defined]

    # About you: a woman is asked whether she is pregnant
    assert step(
        "about-you",
        "details",
        {
            "full_name": "Dana Price",
            "date_of_birth_day": "4",
            "date_of_birth_month": "7",
            "date_of_birth_year": "1991",
            "sex": "female",
        },
    ).endswith("/apply/about-you/pregnant/")
    step("about-you", "pregnant", {"pregnant": "no"})
    step("about-you", "national-insurance", {"national_insurance_number": "ab 12 34 56 c"})
    assert step("about-you", "contact", {"contact_phone": "07700 900 982"}) == reverse(
        "register:apply_tasks"
    )
    # People: a partner and two children
    for data in (
        {
            "full_name": "Eli Price",
            "relationship": "partner",
            "date_of_birth_day": "1",
            "date_of_birth_month": "2",
            "date_of_birth_year": "1989",
            "sex": "male",
        },
        {
            "full_name": "Fay Price",
            "relationship": "child",
            "date_of_birth_day": "1",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2016",
            "sex": "female",
        },
        {
            "full_name": "Gus Price",
            "relationship": "child",
            "date_of_birth_day": "1",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2019",
            "sex": "male",
        },
    ):
        added = _post(client, "apply_people_add", with_token(data))
        assert added.url == reverse("register:apply_people")  # type: ignore[attr-defined]
    assert _post(client, "apply_people", {"another": "no"}).url == reverse("register:apply_tasks")  # type: ignore[attr-defined]
    # Home: renting privately, so the landlord is asked
    step("home", "address", {"home_address": "4 Mill Lane, Marshvale", "home_postcode": "MV2 3CD"})
    assert step("home", "tenure", {"home_tenure": "private_rented"}).endswith("/home/landlord/")
    step("home", "landlord", {"home_landlord": "Mill Lettings"})
    step("home", "bedrooms", {"home_bedrooms": "2"})
    step("home", "facilities", {"home_shares_facilities": "no"})
    step("home", "condition", {"home_disrepair": "yes", "home_condition": "Damp in the bedrooms"})
    # Addresses: moved in 3 years ago, so one more address is needed
    assert _post(
        client,
        "apply_addresses_current",
        {"start_day": "1", "start_month": "6", "start_year": "2023"},
    ).url == reverse("register:apply_addresses")  # type: ignore[attr-defined]
    page = client.post(reverse("register:apply_addresses")).content.decode()
    assert "must cover the last 5 years with no gaps" in page
    assert "from 15 June 2021 to 31 May 2023" in page
    _post(
        client,
        "apply_addresses_add",
        with_token(
            {
                "address": "9 Fen Road",
                "postcode": "MV1 9ZZ",
                "start_day": "1",
                "start_month": "1",
                "start_year": "2019",
                "end_day": "31",
                "end_month": "5",
                "end_year": "2023",
            }
        ),
    )
    assert client.post(reverse("register:apply_addresses")).url == reverse("register:apply_tasks")  # type: ignore[attr-defined]
    # Employment and training: the two adults, not the children
    people = {p.full_name: p for p in Person.objects.filter(household__applicant=user)}
    assert step(
        "activity",
        str(people["Dana Price"].pk),
        {"economic_activity": "employed", "hours_employed": "20"},
    ).endswith(f"/apply/activity/{people['Eli Price'].pk}/")
    step("activity", str(people["Eli Price"].pk), {"economic_activity": "looking_after_home"})
    # Work and family
    _post(client, "apply_work", {"another": "yes"})
    _post(
        client,
        "apply_work_add",
        with_token(
            {
                "detail": "Marshvale Bakery",
                "address": "2 High St",
                "postcode": "MV1 1AA",
                "hours_per_week": "20",
                "start_day": "1",
                "start_month": "1",
                "start_year": "2020",
            }
        ),
    )
    _post(client, "apply_work", {"another": "no"})
    _post(client, "apply_family", {"another": "no"})
    # Money
    step("money", "income", {"income_yearly": "24000"})
    step("money", "savings", {"savings": "0"})
    step("money", "benefits", {"benefits": ["child_benefit"]})  # type: ignore[dict-item]
    step("money", "property", {"owns_property": "no"})
    # Health: one page each
    for person in Person.objects.filter(household__applicant=user):
        step(
            "health",
            str(person.pk),
            {"disabled": "no", "mobility": "none", "needs_overnight_carer": "no"},
        )
    step("support", "support", {"needs_support": "no"})
    step("armed-forces", "service", {"armed_forces": "none"})
    step("behaviour", "behaviour", {"unacceptable_behaviour": "no"})
    step("areas", "areas", {"preferred_areas": ["Riverside", "Northgate"]})  # type: ignore[dict-item]
    step("council", "care_leaver_marshvale", {"answer": "no"})
    step("council", "contact_preference", {"answer": "Email"})
    # then every section is complete and the answers can be checked
    tasks = client.get(reverse("register:apply_tasks")).content.decode()
    assert "Not started" not in tasks and "In progress" not in tasks
    check = client.get(reverse("register:apply_check")).content.decode()
    assert "Mill Lettings" in check and "Fay Price" in check and "Riverside, Northgate" in check
    assert "In paid work for an employer, 20 hours a week" in check
    assert "Looking after the home or family" in check
    # when the declaration is agreed
    refused = _post(client, "apply_declaration", {})
    assert "Confirm that you agree to the declaration" in refused.content.decode()  # type: ignore[attr-defined]
    assert _post(client, "apply_declaration", {"consent": "on"}).url == reverse(
        "register:apply_sent"
    )  # type: ignore[attr-defined]
    # then the application is sent, with its reference on the confirmation page
    application = Application.objects.get(household__applicant=user)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.household.registration_date == TODAY
    assert application.household.assessments.count() == 1
    sent = client.get(reverse("register:apply_sent")).content.decode()
    assert application.household.reference in sent and "govuk-panel--confirmation" in sent
    # and the form now sends them to their account
    assert client.get(reverse("register:apply_tasks")).url == reverse("register:apply_start")  # type: ignore[attr-defined]


def test_a_person_whose_name_is_a_number_is_refused_and_the_answers_kept(
    applicant_client,
) -> None:  # type: ignore[no-untyped-def]
    client, user = applicant_client
    draft_complete(_actor(user), council_with_policy())
    response = _post(
        client,
        "apply_people_add",
        {
            "full_name": "12345",
            "relationship": "child",
            "date_of_birth_day": "1",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2016",
            "sex": "female",
        },
    )
    body = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Enter their full name using only letters, spaces, hyphens and apostrophes" in body
    assert 'value="12345"' in body and 'value="2016"' in body


@pytest.mark.parametrize(
    ("section", "name", "data", "message"),
    [
        ("about-you", "details", {"full_name": "", "sex": ""}, "Enter your full name"),
        (
            "about-you",
            "details",
            {
                "full_name": "A",
                "date_of_birth_day": "1",
                "date_of_birth_month": "1",
                "date_of_birth_year": "2030",
                "sex": "male",
            },
            "Enter a date of birth in the past",
        ),
        (
            "about-you",
            "details",
            {
                "full_name": "A",
                "date_of_birth_day": "31",
                "date_of_birth_month": "2",
                "date_of_birth_year": "1990",
                "sex": "male",
            },
            "Date must be a real date",
        ),
        (
            "about-you",
            "details",
            {
                "full_name": "A",
                "date_of_birth_day": "1",
                "date_of_birth_month": "1",
                "date_of_birth_year": "2015",
                "sex": "male",
            },
            "You must be 16 or over to apply",
        ),
        (
            "about-you",
            "national-insurance",
            {"national_insurance_number": "123"},
            "Enter a National Insurance number in the right format",
        ),
        ("about-you", "contact", {"contact_phone": "call me"}, "Enter a phone number"),
        ("about-you", "contact", {"contact_phone": "abc"}, PHONE_ERROR),
        ("about-you", "contact", {"contact_phone": "1"}, PHONE_ERROR),
        ("about-you", "contact", {"contact_phone": "12345678901"}, PHONE_ERROR),
        (
            "about-you",
            "details",
            {
                "full_name": "12345",
                "date_of_birth_day": "1",
                "date_of_birth_month": "1",
                "date_of_birth_year": "1990",
                "sex": "male",
            },
            "Enter your full name using only letters, spaces, hyphens and apostrophes",
        ),
        ("home", "address", {"home_address": "", "home_postcode": "x"}, "Enter your address"),
        ("home", "tenure", {}, "Select which best describes where you live now"),
        ("home", "landlord", {"home_landlord": ""}, "Enter the name of your landlord"),
        ("home", "bedrooms", {"home_bedrooms": "two"}, "Number of bedrooms must be a whole number"),
        (
            "home",
            "condition",
            {"home_disrepair": "yes", "home_condition": ""},
            "Tell us what is wrong with your home",
        ),
        ("money", "income", {"income_yearly": "-5"}, "Enter an amount of £0 or more"),
        ("money", "savings", {"savings": "lots"}, "Enter an amount in pounds"),
        ("money", "property", {"owns_property": "yes"}, "Tell us about the home or land"),
        ("support", "support", {}, "Select yes if anyone needs support"),
        ("armed-forces", "service", {}, "Select whether anyone in your household served"),
        (
            "behaviour",
            "behaviour",
            {"unacceptable_behaviour": "yes"},
            "Tell us what happened and when",
        ),
        ("areas", "areas", {}, "Select at least one area"),
        ("council", "contact_preference", {"answer": "Pigeon"}, "Select a valid choice"),
    ],
)
def test_step_errors_are_explained_and_answers_kept(
    applicant_client, section, name, data, message
) -> None:  # type: ignore[no-untyped-def]
    # given a complete draft (renting privately, so every home step applies)
    client, user = applicant_client
    draft_complete(_actor(user), council_with_policy())
    # when a step is sent with bad input
    response = _post(client, "apply_step", data, section=section, step=name)
    # then the page explains it in the error summary and next to the question
    body = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200, body  # type: ignore[attr-defined]
    assert "govuk-error-summary" in body and message in body
    assert "Error:" in body.split("</title>")[0]


def test_person_rules_are_explained(applicant_client) -> None:  # type: ignore[no-untyped-def]
    client, user = applicant_client
    draft_complete(_actor(user), council_with_policy())
    young = {
        "full_name": "Kid",
        "relationship": "joint",
        "date_of_birth_day": "1",
        "date_of_birth_month": "1",
        "date_of_birth_year": "2015",
        "sex": "male",
    }
    body = _post(client, "apply_people_add", with_token(young)).content.decode()  # type: ignore[attr-defined]
    assert "A joint applicant or partner must be 16 or over" in body
    assert 'value="Kid"' in body  # what was typed is kept
    second = {**young, "date_of_birth_year": "1980", "relationship": "partner"}
    body = _post(client, "apply_people_add", with_token(second)).content.decode()  # type: ignore[attr-defined]
    assert "You have already added a partner or joint applicant" in body


def test_changing_an_answer_from_check_answers_goes_back_there(applicant_client) -> None:  # type: ignore[no-untyped-def]
    client, user = applicant_client
    draft_complete(_actor(user), council_with_policy())
    url = (
        reverse("register:apply_step", kwargs={"section": "money", "step": "savings"})
        + "?return=check"
    )
    assert client.post(url, {"savings": "900"}).url == reverse("register:apply_check")  # type: ignore[attr-defined]
    # and a change that brings in a new question asks it first
    owner = (
        reverse("register:apply_step", kwargs={"section": "home", "step": "tenure"})
        + "?return=check"
    )
    assert client.post(owner, {"home_tenure": "owner"}).url == reverse("register:apply_check")  # type: ignore[attr-defined]
    renter = client.post(owner, {"home_tenure": "social_rented"}).url  # type: ignore[attr-defined]
    assert renter.endswith("/home/landlord/?return=check")


def test_steps_that_do_not_apply_are_not_asked(applicant_client) -> None:  # type: ignore[no-untyped-def]
    client, user = applicant_client
    draft_complete(_actor(user), council_with_policy())  # the lead is a man
    response = client.get(
        reverse("register:apply_step", kwargs={"section": "about-you", "step": "pregnant"})
    )
    assert response.url.endswith("/apply/about-you/details/")  # type: ignore[attr-defined]
    assert (
        client.get(
            reverse("register:apply_step", kwargs={"section": "nope", "step": "x"})
        ).status_code
        == 404
    )


def test_pages_answer_in_a_fixed_number_of_queries(
    applicant_client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client, user = applicant_client
    application = draft_complete(_actor(user), council_with_policy())
    from hearth.register.tests.factories import PeriodFactory, PersonFactory

    for n in range(6):
        PersonFactory(household=application.household, full_name=f"Child {n}")
        PeriodFactory(household=application.household, kind=PeriodKind.WORK, detail=f"Job {n}")
    for name in ("apply_tasks", "apply_check", "apply_people", "apply_work", "apply_addresses"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"register:{name}")).status_code == 200


def test_an_officer_applies_with_someone_without_an_account() -> None:
    # given a register officer of a council
    council = council_with_policy()
    membership = staff_member(council, [Role.REGISTER_OFFICER])
    client = Client()
    client.force_login(membership.user)
    # when they start an application for someone with no account
    response = client.post(
        reverse("register:assisted_start"),
        with_token(
            {
                "contact_name": "Hal Jones",
                "contact_email": "",
                "contact_phone": "01632 960 001",
                "postcode": "MV1 1AA",
            }
        ),
    )
    application = Application.objects.get(household__contact_name="Hal Jones")
    assert response.url == reverse("register:assisted_tasks", kwargs={"pk": application.pk})  # type: ignore[attr-defined]
    # then they fill in the same steps, in the staff layout, with the name already there
    page = client.get(
        reverse(
            "register:assisted_step",
            kwargs={"pk": application.pk, "section": "about-you", "step": "details"},
        )
    )
    assert 'value="Hal Jones"' in page.content.decode()
    assert "hearth-audience-staff" in page.content.decode()
    assert application.started_by == membership.user
    assert application.household.applicant is None


def test_an_officer_changes_an_applicants_answers_on_their_behalf() -> None:
    from hearth.core.models import AuditEvent

    council = council_with_policy()
    user = ApplicantFactory()
    application = draft_complete(_actor(user), council)
    membership = staff_member(council, [Role.REGISTER_OFFICER])
    client = Client()
    client.force_login(membership.user)
    url = reverse(
        "register:assisted_step",
        kwargs={"pk": application.pk, "section": "money", "step": "savings"},
    )
    assert client.post(url, {"savings": "1500"}).status_code == 302
    event = AuditEvent.objects.filter(verb="household.answers_saved").order_by("-id").first()
    assert event is not None
    assert event.actor == membership.user and event.on_behalf_of == user
    # and officers of another council cannot see it
    other = staff_member(council_with_policy(), [Role.REGISTER_OFFICER])
    client.force_login(other.user)
    assert client.get(url).status_code == 404
    assert actor_for(other).organisation != council


def test_a_draft_is_found_from_the_account_not_started_twice(applicant_client) -> None:  # type: ignore[no-untyped-def]
    # given an applicant with a draft
    client, user = applicant_client
    draft_complete(_actor(user), council_with_policy())
    # when they open the start page or try to start again, they go to their account
    for name in ("apply_start", "apply_postcode", "apply_council"):
        response = client.get(reverse(f"register:{name}"))
        assert response.url == reverse("accounts:applicant_home")  # type: ignore[attr-defined]
    # while their draft's task list still opens
    assert client.get(reverse("register:apply_tasks")).status_code == 200


def test_closed_applications_cannot_be_changed_by_officers() -> None:
    council = council_with_policy()
    household = HouseholdFactory(council=council, application__status=ApplicationStatus.HOUSED)
    client = Client()
    client.force_login(staff_member(council, [Role.REGISTER_OFFICER]).user)
    url = reverse("register:assisted_tasks", kwargs={"pk": household.application.pk})
    assert client.get(url).status_code == 404
