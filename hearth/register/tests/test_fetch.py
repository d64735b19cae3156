from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from hearth.core.clock import clock_frozen_at
from hearth.core.tests.factories import OrganisationFactory
from hearth.policy.models import PolicyVersion
from hearth.policy.rules.facts import (
    HomeFacts,
    HouseholdFacts,
    NeedAward,
    Period,
    PersonFacts,
    PreviousOutcome,
)
from hearth.policy.rules.rank import Standing
from hearth.register.fetch import (
    bidders_full,
    bidders_standing,
    household_facts,
    household_facts_one,
)
from hearth.register.models import (
    Assessment,
    AssessmentStatus,
    Ethnicity,
    Exemption,
    HomelessnessDuty,
    Household,
    PeriodKind,
    Person,
    Relationship,
    Sex,
    Tenure,
)
from hearth.register.tests.factories import (
    HouseholdFactory,
    NeedAwardFactory,
    PeriodFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 23)
ON_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)  # ranking "today"
QUERIES = 5  # households, people, periods, need awards, latest assessments


def assessment(
    household: Household, on: dt.date, band: str, since: dt.date | None, **fields: Any
) -> None:
    policy, _ = PolicyVersion.objects.get_or_create(
        council=household.council,
        number=1,
        defaults={"title": "Allocation scheme", "document": {}, "source_text": ""},
    )
    stored: dict[str, Any] = {
        "qualifies": True,
        "status": AssessmentStatus.QUALIFIES,
        "points": None,
        "bedroom_need": 2,
        "local_connection": True,
        **fields,
    }
    Assessment.objects.create(
        household=household,
        policy_version=policy,
        assessed_on=on,
        band=band,
        priority_date=since,
        explanation=["You are in band " + band],
        **stored,
    )


def test_facts_carry_every_field_the_rules_can_see() -> None:
    home = OrganisationFactory(slug="eastmere")
    work_area = OrganisationFactory(slug="northfen")
    household = HouseholdFactory(
        council=home,
        registration_date=dt.date(2023, 5, 2),
        is_transfer=True,
        eligible=True,
        income_yearly=Decimal("21450.50"),
        savings=Decimal("1200.00"),
        housing_debt=Decimal("312.45"),
        owns_property=False,
        unacceptable_behaviour=False,
        homelessness_duty=HomelessnessDuty.RELIEF,
        reasonable_refusals=1,
        exemptions=[Exemption.DOMESTIC_ABUSE, Exemption.CARE_LEAVER],
        home_tenure=Tenure.SOCIAL_RENTED,
        home_bedrooms=2,
        home_shares_facilities=True,
        home_disrepair=True,
        lead__date_of_birth=dt.date(1988, 3, 9),
        lead__sex=Sex.FEMALE,
        lead__disabled=True,
        lead__ethnicity=Ethnicity.WHITE_BRITISH,
    )
    lead = household.members.get()
    partner = PersonFactory(
        household=household,
        relationship=Relationship.JOINT,
        sex=Sex.MALE,
        date_of_birth=dt.date(1986, 12, 1),
        partner=lead,
        ethnicity=Ethnicity.BLACK_CARIBBEAN,
    )
    lead.partner = partner
    lead.save()
    child = PersonFactory(
        household=household,
        date_of_birth=dt.date(2019, 7, 30),
        sex=Sex.MALE,
        pregnant=False,
        needs_overnight_carer=True,
    )
    lived = PeriodFactory(household=household, start=dt.date(2019, 1, 1), parish="Fenwick")
    PeriodFactory(
        household=household, council=None, start=dt.date(2012, 4, 1), end=dt.date(2018, 12, 31)
    )
    PeriodFactory(
        household=household,
        kind=PeriodKind.WORK,
        council=work_area,
        start=dt.date(2021, 9, 6),
        hours_per_week=30,
    )
    # "Somewhere else, or not sure" of the area: to the rules, simply no parish
    PeriodFactory(
        household=household,
        kind=PeriodKind.FAMILY,
        start=dt.date(1990, 1, 1),
        parish_not_known=True,
    )
    PeriodFactory(household=household, start=dt.date(2027, 1, 1))  # not started yet: left out
    NeedAwardFactory(household=household, code="high_medical", awarded_on=dt.date(2024, 2, 1))
    NeedAwardFactory(
        household=household,
        code="welfare",
        awarded_on=dt.date(2024, 3, 1),
        withdrawn_on=dt.date(2025, 1, 1),  # withdrawn before the date: left out
    )
    NeedAwardFactory(
        household=household,
        code="harassment_risk",
        awarded_on=dt.date(2025, 6, 1),
        withdrawn_on=dt.date(2027, 1, 1),  # still in force on the date
    )
    NeedAwardFactory(household=household, code="emergency", awarded_on=dt.date(2026, 12, 1))

    (facts,) = household_facts(Household.objects.filter(pk=household.pk), on_date=ON)

    assert facts == HouseholdFacts(
        household_id=str(household.pk),
        council="eastmere",
        registration_date=dt.date(2023, 5, 2),
        members=(
            PersonFacts(
                person_id=str(lead.pk),
                date_of_birth=dt.date(1988, 3, 9),
                sex="female",
                relationship="lead",
                partner_id=str(partner.pk),
                disabled=True,
                ethnicity="white_british",
            ),
            PersonFacts(
                person_id=str(partner.pk),
                date_of_birth=dt.date(1986, 12, 1),
                sex="male",
                relationship="joint",
                partner_id=str(lead.pk),
                ethnicity="black_caribbean",
            ),
            PersonFacts(
                person_id=str(child.pk),
                date_of_birth=dt.date(2019, 7, 30),
                sex="male",
                relationship="child",
                needs_overnight_carer=True,
            ),
        ),
        home=HomeFacts(tenure="social_rented", bedrooms=2, shares_facilities=True, disrepair=True),
        residence=(
            Period(council="", start=dt.date(2012, 4, 1), end=dt.date(2018, 12, 31)),
            Period(council="eastmere", start=lived.start, parish="Fenwick"),
        ),
        work=(Period(council="northfen", start=dt.date(2021, 9, 6), hours_per_week=30),),
        family=(Period(council="eastmere", start=dt.date(1990, 1, 1)),),
        exemptions=frozenset({"domestic_abuse", "care_leaver"}),
        homelessness_duty="relief",
        is_transfer=True,
        eligible=True,
        income_yearly=Decimal("21450.50"),
        savings=Decimal("1200.00"),
        owns_property=False,
        unacceptable_behaviour=False,
        housing_debt=Decimal("312.45"),
        reasonable_refusals=1,
        need_awards=(
            NeedAward("high_medical", dt.date(2024, 2, 1)),
            NeedAward("harassment_risk", dt.date(2025, 6, 1)),
        ),
        previous=None,
    )
    assert isinstance(facts.income_yearly, Decimal)
    assert facts.lead.person_id == str(lead.pk)


def test_members_lead_first_then_oldest_first() -> None:
    household = HouseholdFactory(lead__date_of_birth=dt.date(1995, 1, 1))
    grandmother = PersonFactory(
        household=household, relationship=Relationship.PARENT, date_of_birth=dt.date(1950, 1, 1)
    )
    baby = PersonFactory(household=household, date_of_birth=dt.date(2025, 1, 1))
    older_child = PersonFactory(household=household, date_of_birth=dt.date(2015, 1, 1))

    facts = household_facts_one(household, ON)

    lead = household.members.get(relationship=Relationship.LEAD)
    assert [m.person_id for m in facts.members] == [
        str(p.pk) for p in (lead, grandmother, older_child, baby)
    ]
    assert list(Person.objects.filter(household=household)) == [
        lead,
        grandmother,
        older_child,
        baby,
    ]


def test_previous_outcome_comes_from_the_latest_assessment_up_to_the_date() -> None:
    household = HouseholdFactory()
    assessment(household, dt.date(2025, 1, 5), "C", dt.date(2024, 4, 1))
    assessment(household, dt.date(2026, 3, 2), "B", dt.date(2026, 3, 2))
    assessment(household, dt.date(2027, 1, 1), "A", dt.date(2027, 1, 1))  # after the date
    other = HouseholdFactory()
    assessment(other, dt.date(2025, 8, 1), "", None)  # a points scheme: no band, no date

    facts = household_facts(
        Household.objects.order_by("registration_date", "reference"), on_date=ON
    )

    by_id = {f.household_id: f for f in facts}
    assert by_id[str(household.pk)].previous == PreviousOutcome(
        band="B", band_since=dt.date(2026, 3, 2), points=0
    )
    assert by_id[str(other.pk)].previous == PreviousOutcome(
        band="", band_since=dt.date(2025, 8, 1), points=0
    )
    earlier = household_facts_one(household, dt.date(2025, 6, 1))
    assert earlier.previous == PreviousOutcome(band="C", band_since=dt.date(2024, 4, 1))


def test_facts_follow_the_querysets_order() -> None:
    council = OrganisationFactory()
    made = [HouseholdFactory(council=council, reference=f"MC-00000{n}") for n in range(1, 5)]

    facts = household_facts(Household.objects.order_by("-reference"), on_date=ON)
    assert [f.household_id for f in facts] == [str(h.pk) for h in reversed(made)]
    sliced = household_facts(Household.objects.order_by("reference")[1:3], on_date=ON)
    assert [f.household_id for f in sliced] == [str(h.pk) for h in made[1:3]]


def test_no_households_means_one_query(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert household_facts(Household.objects.filter(reference="XX-0"), on_date=ON) == []


def populate(households: int) -> None:
    for _ in range(households):
        household = HouseholdFactory()
        partner = PersonFactory(household=household, relationship=Relationship.PARTNER)
        PersonFactory(household=household)
        PeriodFactory(household=household)
        PeriodFactory(household=household, kind=PeriodKind.WORK, hours_per_week=20)
        NeedAwardFactory(household=household)
        assessment(household, dt.date(2026, 1, 1), "B", dt.date(2025, 6, 1))
        household.members.filter(relationship=Relationship.LEAD).update(partner=partner)


def test_query_count_does_not_grow_with_the_number_of_households(
    django_assert_num_queries,
) -> None:
    populate(1)
    with clock_frozen_at(ON_NOON), django_assert_num_queries(QUERIES):
        one = household_facts(Household.objects.all(), on_date=ON)
    populate(12)
    with clock_frozen_at(ON_NOON), django_assert_num_queries(QUERIES):
        many = household_facts(Household.objects.all(), on_date=ON)
    assert (len(one), len(many)) == (1, 13)
    assert all(len(f.members) == 3 and f.lead.partner_id for f in many)
    assert all(len(f.residence) == 1 and len(f.work) == 1 for f in many)
    assert all(f.need_awards and f.previous and f.previous.band == "B" for f in many)


# --- Standings: what ranking on stored keys reads ------------------------------------------------


def test_a_standing_is_the_latest_assessment_up_to_the_date_with_the_household_record() -> None:
    # Given a household assessed three times, the last after the date, with an older partner
    council = OrganisationFactory(slug="eastmere")
    household = HouseholdFactory(
        council=council,
        registration_date=dt.date(2023, 5, 2),
        housing_debt=Decimal("312.45"),
        is_transfer=True,
        lead__date_of_birth=dt.date(1988, 3, 9),
    )
    PersonFactory(
        household=household,
        relationship=Relationship.PARTNER,
        date_of_birth=dt.date(1960, 1, 1),
    )
    assessment(household, dt.date(2025, 1, 5), "C", dt.date(2024, 4, 1))
    assessment(
        household,
        dt.date(2026, 3, 2),
        "B",
        dt.date(2026, 3, 2),
        bedroom_need=3,
        local_connection=False,
        ranked_below=True,
    )
    assessment(household, dt.date(2027, 1, 1), "A", dt.date(2027, 1, 1))  # after the date

    # When its standing is read as on the date
    (standing,) = bidders_standing([str(household.pk)], ON)

    # Then it is the latest assessment made by then, with the lead applicant's date of birth
    assert standing == Standing(
        household_id=str(household.pk),
        council="eastmere",
        registration_date=dt.date(2023, 5, 2),
        lead_date_of_birth=dt.date(1988, 3, 9),
        housing_debt=Decimal("312.45"),
        is_transfer=True,
        status="qualifies",
        band="B",
        points=None,
        priority_date=dt.date(2026, 3, 2),
        bedroom_need=3,
        local_connection=False,
        ranked_below=True,
    )
    assert isinstance(standing.housing_debt, Decimal)
    # ... and as on an earlier date, the assessment in force then
    (earlier,) = bidders_standing([str(household.pk)], dt.date(2025, 6, 1))
    assert (earlier.band, earlier.priority_date) == ("C", dt.date(2024, 4, 1))


def test_households_without_an_assessment_by_the_date_are_left_out() -> None:
    # Given one household assessed, one assessed only after the date, one never assessed
    assessed = HouseholdFactory()
    assessment(assessed, dt.date(2026, 1, 1), "B", dt.date(2025, 6, 1))
    later = HouseholdFactory()
    assessment(later, dt.date(2027, 1, 1), "A", dt.date(2027, 1, 1))
    never = HouseholdFactory()

    # When their standings are read, Then only the assessed household has one
    standings = bidders_standing([str(h.pk) for h in (assessed, later, never)], ON)
    assert [s.household_id for s in standings] == [str(assessed.pk)]
    # ... and a points scheme's standing carries its points and no band
    points = HouseholdFactory()
    assessment(points, dt.date(2026, 2, 1), "", None, points=140)
    (standing,) = bidders_standing([str(points.pk)], ON)
    assert (standing.band, standing.points, standing.priority_date) == ("", 140, None)


def test_a_household_without_a_lead_applicant_has_no_lead_date_of_birth() -> None:
    household = HouseholdFactory(lead=None)
    PersonFactory(household=household, relationship=Relationship.PARTNER)
    assessment(household, dt.date(2026, 1, 1), "B", dt.date(2025, 6, 1))

    (standing,) = bidders_standing([str(household.pk)], ON)

    assert standing.lead_date_of_birth is None


def test_standings_are_one_query_however_many_households(django_assert_num_queries) -> None:
    populate(12)
    ids = [str(pk) for pk in Household.objects.values_list("pk", flat=True)]

    with clock_frozen_at(ON_NOON), django_assert_num_queries(1):
        standings = bidders_standing(ids, ON)

    assert sorted(s.household_id for s in standings) == sorted(ids)
    assert all(s.band == "B" and s.lead_date_of_birth for s in standings)
    with django_assert_num_queries(1):
        assert bidders_standing([], ON) == []
    # On a day past, one more asks whose mobility need was assessed since (none here)
    with clock_frozen_at(ON_NOON + dt.timedelta(days=2)), django_assert_num_queries(2):
        assert len(bidders_standing(ids, ON)) == len(ids)


def test_full_bidders_pair_each_standing_with_the_households_facts(
    django_assert_num_queries,
) -> None:
    populate(3)
    never = HouseholdFactory()
    ids = [str(pk) for pk in Household.objects.values_list("pk", flat=True)]

    with clock_frozen_at(ON_NOON), django_assert_num_queries(1 + QUERIES):
        found = bidders_full(ids, ON)

    assert len(found) == 3 and str(never.pk) not in {s.household_id for s, _ in found}
    for standing, facts in found:
        assert standing.household_id == facts.household_id
        assert standing.lead_date_of_birth == facts.lead.date_of_birth
        assert len(facts.members) == 3 and facts.residence


def test_what_each_person_does_and_their_hours_are_fetched_and_not_answered_stays_apart() -> None:
    # given a household whose lead works 30 hours a week, whose partner is retired, and whose
    # lodger was never asked (an application made before the question was)
    household = HouseholdFactory(
        lead__date_of_birth=dt.date(1980, 1, 1),
        lead__economic_activity="employed",
        lead__hours_per_week=30,
    )
    PersonFactory(
        household=household,
        relationship=Relationship.PARTNER,
        date_of_birth=dt.date(1981, 1, 1),
        economic_activity="retired",
    )
    PersonFactory(household=household, relationship=Relationship.OTHER)
    # when the facts are fetched
    (facts,) = household_facts(Household.objects.filter(pk=household.pk), on_date=ON)
    # then the rules see each person's activity and hours, and "" with 0 hours for no answer
    assert [(m.economic_activity, m.hours_per_week) for m in facts.members] == [
        ("employed", 30),
        ("retired", 0),
        ("", 0),
    ]
