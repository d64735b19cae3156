"""Which area (parish) each address, job and relative's home is in: asked only where the
place's council lists its areas and has a local lettings plan that gives priority for a
connection to one, and read by the rules that rank bids for homes in that parish."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.tests.factories import ApplicantFactory, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Organisation, Scheme
from hearth.core.tests.submission_support import with_token
from hearth.policy.rules.assess import assess
from hearth.policy.rules.rank import Bidder, Home, rank
from hearth.policy.tests.assess_support import demo
from hearth.register.fetch import household_facts_one
from hearth.register.models import Application, Period, PeriodKind, Relationship, Sex
from hearth.register.rules import apply_sections as routing
from hearth.register.services.apply import application_start
from hearth.register.services.household import household_answers_save, person_save
from hearth.register.tests.apply_setup import (
    NOON,
    TODAY,
    council_with_policy,
    eastmere_council,
    on_application,
)

pytestmark = pytest.mark.django_db

EASTMERE_AREAS = [
    "Eastmere",
    "Fenwick",
    "Saltmarsh St Mary",
    "Holme Drove",
    "Lower Wendle",
    "Upper Wendle",
    "Ketby",
    "Brinkle Marsh",
]


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


def _actor(user: object) -> Actor:
    return Actor(user=user, scheme=Scheme.objects.first())  # type: ignore[arg-type]


def _draft(user: object, council: Organisation, postcode: str = "EM1 4QT") -> Application:
    """A draft with a lead applicant living at 3 Church Lane, Fenwick."""
    actor = _actor(user)
    application = application_start(actor=actor, council=council, postcode=postcode)
    answer = {"actor": actor, **on_application(application)}
    person_save(
        **answer,
        person=None,
        values={
            "full_name": "Iris Dunn",
            "date_of_birth": dt.date(1985, 2, 3),
            "sex": Sex.FEMALE,
            "relationship": Relationship.LEAD,
        },
    )
    household_answers_save(
        **answer,
        section=routing.HOME,
        changes={"home_address": "3 Church Lane\nFenwick", "home_postcode": postcode},
    )
    return application


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _moved_in(client: Client, name: str = "apply_addresses_current", **kwargs: object) -> object:
    return client.post(
        reverse(f"register:{name}", kwargs=kwargs or None),
        {"start_day": "1", "start_month": "3", "start_year": "2019"},
    )


def _current(application: Application) -> Period:
    return Period.objects.get(household=application.household, end=None)


def _labels(page: str) -> list[str]:
    found = re.findall(r'govuk-radios__label"[^>]*>([^<]*)<', page)
    return [html.unescape(label.strip()) for label in found]


def test_the_area_page_follows_an_address_in_a_council_with_a_parish_plan() -> None:
    # given an applicant whose draft is on Eastmere's register (areas and a rural exception plan)
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    client = _client(user)
    # when they say when they moved to their current address
    response = _moved_in(client)
    # then they are asked which area it is in, with the council's areas in the policy's order
    period = _current(application)
    area_url = reverse("register:apply_addresses_area", kwargs={"period": period.pk})
    assert response.url == area_url  # type: ignore[attr-defined]
    page = client.get(area_url).content.decode()
    assert "Which area is 3 Church Lane in?" in page
    assert "go first to people with a connection to that parish" in page
    assert _labels(page) == [*EASTMERE_AREAS, "Somewhere else, or I'm not sure"]
    assert page.index("govuk-radios__divider") > page.index("Brinkle Marsh")
    assert 'class="govuk-back-link"' in page
    assert reverse("register:apply_addresses_current") in page
    # and choosing Fenwick stores the parish and goes back to the list of addresses
    response = client.post(area_url, {"area": "Fenwick"})
    assert response.url == reverse("register:apply_addresses")  # type: ignore[attr-defined]
    assert _current(application).parish == "Fenwick"
    listing = client.get(reverse("register:apply_addresses")).content.decode()
    assert "Area: Fenwick" in listing
    event = AuditEvent.objects.get(verb="period.area_set")
    assert event.changes["parish"] == {"before": "", "after": "Fenwick"}
    # and the saved answer is chosen when they come back to the page
    assert 'value="Fenwick" checked' in client.get(area_url).content.decode()


def test_choosing_nothing_is_explained_in_the_summary_and_next_to_the_question() -> None:
    # given an applicant on the area page of their current address
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    client = _client(user)
    _moved_in(client)
    area_url = reverse("register:apply_addresses_area", kwargs={"period": _current(application).pk})
    # when they continue without choosing
    response = client.post(area_url, {})
    # then the page says what to do, in the error summary and by the radios
    page = response.content.decode()
    assert response.status_code == 200
    message = "Select which area 3 Church Lane is in"
    start = page.index('class="govuk-error-summary"')
    summary = page[start : page.index("</ul>", start)]
    assert message in summary
    assert 'href="#id_area_0"' in summary
    assert re.search(r'class="govuk-error-message">.*' + message, page, re.S)
    assert not AuditEvent.objects.filter(verb="period.area_set").exists()


def test_an_area_not_in_the_list_is_refused_and_nothing_is_saved() -> None:
    # given an applicant on the area page, whose address is already in Fenwick
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    client = _client(user)
    _moved_in(client)
    period = _current(application)
    area_url = reverse("register:apply_addresses_area", kwargs={"period": period.pk})
    client.post(area_url, {"area": "Fenwick"})
    # when a request names an area the council does not have
    response = client.post(area_url, {"area": "Atlantis"})
    # then it is refused with a clear message and the saved area is kept
    assert response.status_code == 200
    assert "Select one of the areas in the list" in response.content.decode()
    assert _current(application).parish == "Fenwick"
    assert AuditEvent.objects.filter(verb="period.area_set").count() == 1


def test_somewhere_else_or_not_sure_saves_no_area_but_is_remembered() -> None:
    # given an applicant who said their current address is in Fenwick
    council = eastmere_council()
    user = ApplicantFactory()
    application = _draft(user, council)
    client = _client(user)
    _moved_in(client)
    area_url = reverse("register:apply_addresses_area", kwargs={"period": _current(application).pk})
    client.post(area_url, {"area": "Fenwick"})
    # when they change their mind: not sure
    response = client.post(area_url, {"area": "not-sure"})
    # then the area is cleared, and the list says what they answered
    assert response.status_code == 302
    assert (_current(application).parish, _current(application).parish_not_known) == ("", True)
    listing = client.get(reverse("register:apply_addresses")).content.decode()
    assert "Area: Somewhere else, or not sure" in listing
    assert "Not given" not in listing
    # and "not sure" is chosen when they come back to the page
    page = client.get(area_url).content.decode()
    assert 'value="not-sure" checked' in page
    assert 'value="Fenwick" checked' not in page
    # and check your answers shows it against the area
    check = client.get(reverse("register:apply_check")).content.decode()
    assert re.search(
        r'govuk-summary-list__key">\s*Area\s*</dt>\s*'
        r'<dd class="govuk-summary-list__value[^"]*">\s*Somewhere else, or not sure',
        check,
    ), "the check answers area row"
    # and the officer's record says the same, not that no area was given
    officer = staff_member(council, [Role.REGISTER_OFFICER]).user
    record = _client(officer).get(reverse("register:application", kwargs={"pk": application.pk}))
    assert "Somewhere else, or not sure" in record.content.decode()
    assert "Area not given" not in record.content.decode()


def test_an_area_never_answered_is_not_given_and_nothing_is_chosen() -> None:
    # given an applicant who saved their current address but left before the area page
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    client = _client(user)
    _moved_in(client)
    area_url = reverse("register:apply_addresses_area", kwargs={"period": _current(application).pk})
    # when they look at their addresses, their answers, and the area page
    listing = client.get(reverse("register:apply_addresses")).content.decode()
    check = client.get(reverse("register:apply_check")).content.decode()
    page = client.get(area_url).content.decode()
    # then the area is not given, and no radio is chosen
    assert "Area: Not given" in listing
    assert "Somewhere else, or not sure" not in listing + check
    assert " checked" not in page


# A job in Fenwick, one of Eastmere's parishes, as the add-a-job form sends it.
FARM_SHOP_JOB = {
    "detail": "Fenwick Farm Shop",
    "address": "Mill Road",
    "postcode": "EM2 1AB",
    "hours_per_week": "20",
    "start_day": "1",
    "start_month": "1",
    "start_year": "2020",
}


def test_a_job_and_a_relative_are_asked_about_too() -> None:
    # given an applicant on Eastmere's register
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    client = _client(user)
    # when they add a job in Eastmere's area
    response = client.post(
        reverse("register:apply_work_add"),
        with_token(FARM_SHOP_JOB),
    )
    job = Period.objects.get(household=application.household, kind=PeriodKind.WORK)
    job_area = reverse("register:apply_work_area", kwargs={"period": job.pk})
    # then they are asked which area the job is in
    assert response.url == job_area  # type: ignore[attr-defined]
    page = client.get(job_area).content.decode()
    assert "Which area is the job in?" in page and "Fenwick Farm Shop" in page
    assert "Select which area the job is in" in client.post(job_area, {}).content.decode()
    assert client.post(job_area, {"area": "Ketby"}).url == reverse("register:apply_work")  # type: ignore[attr-defined]
    # and a relative: which area they live in
    response = client.post(
        reverse("register:apply_family_add"),
        with_token(
            {
                "detail": "Mother",
                "address": "2 Green Lane",
                "postcode": "EM1 9XY",
                "start_day": "1",
                "start_month": "1",
                "start_year": "2001",
            }
        ),
    )
    relative = Period.objects.get(household=application.household, kind=PeriodKind.FAMILY)
    family_area = reverse("register:apply_family_area", kwargs={"period": relative.pk})
    assert response.url == family_area  # type: ignore[attr-defined]
    assert "Which area do they live in?" in client.get(family_area).content.decode()
    client.post(family_area, {"area": "Fenwick"})
    job.refresh_from_db()
    relative.refresh_from_db()
    assert (job.parish, relative.parish) == ("Ketby", "Fenwick")
    assert "Area: Ketby" in client.get(reverse("register:apply_work")).content.decode()


def test_a_council_without_a_parish_plan_asks_nothing_more() -> None:
    # given a draft on Marshvale City's register (areas, but no local lettings plan)
    user = ApplicantFactory()
    application = _draft(user, council_with_policy(), postcode="MV1 2AB")
    client = _client(user)
    # when they save their current address
    response = _moved_in(client)
    # then they go straight back to the list, and the area page sends them there too
    assert response.url == reverse("register:apply_addresses")  # type: ignore[attr-defined]
    area_url = reverse("register:apply_addresses_area", kwargs={"period": _current(application).pk})
    assert client.get(area_url).url == reverse("register:apply_addresses")  # type: ignore[attr-defined]
    assert client.post(area_url, {"area": "Riverside"}).status_code == 302
    assert _current(application).parish == ""
    assert "Area:" not in client.get(reverse("register:apply_addresses")).content.decode()


def test_an_address_in_another_council_with_a_plan_is_asked_about() -> None:
    # given a draft on Marshvale City's register, and Eastmere in the same scheme
    user = ApplicantFactory()
    marshvale = council_with_policy()
    eastmere_council()
    _draft(user, marshvale, "MV1 2AB")
    client = _client(user)
    _moved_in(client)
    # when they add an earlier address in Eastmere
    response = client.post(
        reverse("register:apply_addresses_add"),
        with_token(
            {
                "address": "8 Marsh Row",
                "postcode": "EM1 2CD",
                "start_day": "1",
                "start_month": "1",
                "start_year": "2015",
                "end_day": "28",
                "end_month": "2",
                "end_year": "2019",
            }
        ),
    )
    # then they are asked which of Eastmere's areas it is in
    earlier = Period.objects.get(address="8 Marsh Row")
    assert response.url == reverse("register:apply_addresses_area", kwargs={"period": earlier.pk})  # type: ignore[attr-defined]
    assert "Which area is 8 Marsh Row in?" in client.get(response.url).content.decode()  # type: ignore[attr-defined]


def test_changing_the_postcode_to_another_council_clears_the_area() -> None:
    # given a job in Fenwick, Eastmere
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    marshvale = council_with_policy()
    client = _client(user)
    client.post(reverse("register:apply_work_add"), with_token(FARM_SHOP_JOB))
    job = Period.objects.get(household=application.household, kind=PeriodKind.WORK)
    client.post(reverse("register:apply_work_area", kwargs={"period": job.pk}), {"area": "Fenwick"})
    # when the postcode is changed to one in Marshvale City
    change = reverse("register:apply_work_change", kwargs={"period": job.pk})
    response = client.post(change, {**FARM_SHOP_JOB, "postcode": "MV1 3EF"})
    # then the Eastmere parish is forgotten and there is no area to ask
    job.refresh_from_db()
    assert job.parish == ""
    assert job.council == marshvale
    assert response.url == reverse("register:apply_work")  # type: ignore[attr-defined]


def test_check_answers_shows_the_area_with_a_link_to_change_it() -> None:
    # given an applicant whose current address is in Fenwick
    user = ApplicantFactory()
    application = _draft(user, eastmere_council())
    client = _client(user)
    _moved_in(client)
    period = _current(application)
    area_url = reverse("register:apply_addresses_area", kwargs={"period": period.pk})
    client.post(area_url, {"area": "Fenwick"})
    # when they check their answers
    page = client.get(reverse("register:apply_check")).content.decode()
    # then the area is shown, with a Change link to the area page that comes back
    assert "Fenwick" in page
    assert f'href="{area_url}?return=check"' in page
    assert "area of 3 Church Lane" in page
    response = client.post(f"{area_url}?return=check", {"area": "Ketby"})
    assert response.url == reverse("register:apply_addresses") + "?return=check"  # type: ignore[attr-defined]


def test_an_officer_asks_for_the_applicant_and_is_recorded_as_acting_for_them() -> None:
    # given an applicant's draft on Eastmere's register, and one of Eastmere's officers
    council = eastmere_council()
    user = ApplicantFactory()
    application = _draft(user, council)
    officer = staff_member(council, [Role.REGISTER_OFFICER]).user
    client = _client(officer)
    # when the officer saves the current address for them
    response = _moved_in(client, "assisted_addresses_current", pk=application.pk)
    period = _current(application)
    area_url = reverse(
        "register:assisted_addresses_area", kwargs={"pk": application.pk, "period": period.pk}
    )
    # then the officer is asked the area question in the staff layout
    assert response.url == area_url  # type: ignore[attr-defined]
    page = client.get(area_url).content.decode()
    assert "hearth-audience-staff" in page and "Which area is 3 Church Lane in?" in page
    response = client.post(area_url, {"area": "Fenwick"})
    assert response.url == reverse(  # type: ignore[attr-defined]
        "register:assisted_addresses", kwargs={"pk": application.pk}
    )
    # and the change is recorded as made by the officer on the applicant's behalf
    assert _current(application).parish == "Fenwick"
    event = AuditEvent.objects.get(verb="period.area_set")
    assert event.actor == officer and event.on_behalf_of == user
    # and the application record shows the parish
    record = client.get(reverse("register:application", kwargs={"pk": application.pk}))
    assert "Fenwick (parish)" in record.content.decode()


def test_the_record_says_when_no_area_was_given() -> None:
    council = eastmere_council()
    user = ApplicantFactory()
    application = _draft(user, council)
    client = _client(user)
    _moved_in(client)
    officer = staff_member(council, [Role.REGISTER_OFFICER]).user
    page = _client(officer).get(reverse("register:application", kwargs={"pk": application.pk}))
    assert "Area not given" in page.content.decode()
    assert "Somewhere else, or not sure" not in page.content.decode()


def test_three_years_in_fenwick_entered_on_the_form_ranks_first_for_a_fenwick_home() -> None:
    # given an applicant who said on the form they have lived in Fenwick since March 2019
    council = eastmere_council(slug="eastmere")
    user = ApplicantFactory()
    application = _draft(user, council)
    client = _client(user)
    _moved_in(client)
    client.post(
        reverse("register:apply_addresses_area", kwargs={"period": _current(application).pk}),
        {"area": "Fenwick"},
    )
    # when their household's facts are read and they bid for a home in Fenwick on a rural
    # exception site, against a household in a higher band that lives in another parish
    facts = household_facts_one(application.household, TODAY)
    assert [(p.council, p.parish) for p in facts.residence] == [("eastmere", "Fenwick")]
    policy = demo("eastmere")
    outsider = dataclasses.replace(
        facts,
        household_id="outsider",
        residence=tuple(dataclasses.replace(p, parish="Ketby") for p in facts.residence),
    )
    bids = [
        Bidder.of(
            "outsider", outsider, dataclasses.replace(assess(policy, outsider, TODAY), band="gold")
        ),
        Bidder.of(
            "applicant", facts, dataclasses.replace(assess(policy, facts, TODAY), band="bronze")
        ),
    ]
    home = Home(bedrooms=1, council="eastmere", parish="Fenwick", lettings_plan="rural_exception")
    result = rank(policy, home, bids, TODAY)
    # then they come first, in the plan's first group
    assert [p.bid_id for p in result.placed] == ["applicant", "outsider"]
    assert result.placed[0].keys[0] == (
        "Rural exception site",
        "Lived in the parish for the last 3 years",
    )
    assert result.placed[1].keys[0] == ("Rural exception site", "not in a priority group")
