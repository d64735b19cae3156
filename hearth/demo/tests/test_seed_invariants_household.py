"""The demo seed writes each household's own records (its people, its answers to the form,
where it has lived, worked and has family, its need awards) in bulk; each must have exactly the
audit events the household services write for it, by whoever started the application (or the
council's officer), none missing and none extra. The demo is seeded once for the module."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from hearth.core.access.roles import Capability
from hearth.core.audit import changes_of
from hearth.core.models import AuditEvent
from hearth.demo.tests.seed_support import (
    Event,
    acts_for,
    application_starts,
    default_of,
    event_of,
    events_found,
    london_date,
    members_who_may,
)
from hearth.register.models import (
    Household,
    NeedAward,
    Period,
    PeriodKind,
    Person,
    Tenure,
)
from hearth.register.rules import apply_sections as routing
from hearth.register.services.household import HOUSEHOLD_FIELDS, PERIOD_FIELDS, PERSON_FIELDS

pytestmark = pytest.mark.django_db


def test_each_person_has_the_event_of_adding_them(seeded: None) -> None:
    # Given the seeded people, and who started each household's application, when
    people = list(Person.objects.select_related("household"))
    assert people
    starts = application_starts()
    officers = members_who_may(Capability.ASSESS_APPLICATIONS)
    expected: Counter[Event] = Counter()
    for person in people:
        household, start = person.household, starts[person.household_id]
        # Whoever started the application added its people to it (`person_save`), then
        assert acts_for(household, start.changed_by_id, officers), person.pk
        added = changes_of(after={name: getattr(person, name) for name in PERSON_FIELDS})
        expected[
            event_of(
                "person.added",
                person,
                f"{household.reference}: {person.full_name}",
                household.council_id,
                start.changed_by_id,
                start.occurred_at,
                added,
            )
        ] += 1
    # Then each person has exactly the event of adding them, none missing and none extra
    assert events_found("person.added") == expected
    assert not AuditEvent.objects.filter(object_type="register.person").exclude(verb="person.added")


def test_each_household_has_the_events_of_answering_the_form(seeded: None) -> None:
    # Given the seeded households, and a new household's answers (`application_start`), with
    # money read back to the penny
    households = list(Household.objects.all())
    starts = application_starts()
    blank = {"income_yearly": Decimal("0.00"), "savings": Decimal("0.00")}
    expected: Counter[Event] = Counter()
    sections: set[str] = set()
    for household in households:
        start = starts[household.pk]
        # A social tenant's answer about their home asks for a transfer
        # (`household_answers_save`); only a social tenant asks for one
        assert household.is_transfer == (household.home_tenure == Tenure.SOCIAL_RENTED)
        for section, fields in HOUSEHOLD_FIELDS.items():
            names = set(fields) | ({"is_transfer"} if section == routing.HOME else set())
            before = {name: blank.get(name, default_of(Household, name)) for name in names}
            answered = changes_of(
                before=before,
                after={name: getattr(household, name) for name in names},
                context={"section": section},
            )
            # A section whose answers are still a new household's records nothing
            if not answered.fields:
                continue
            sections.add(section)
            expected[
                event_of(
                    "household.answers_saved",
                    household,
                    household.reference,
                    household.council_id,
                    start.changed_by_id,
                    start.occurred_at,
                    answered,
                )
            ] += 1
    # Then each household has one event for each section answered, none missing or extra
    assert {routing.HOME, routing.MONEY} <= sections
    assert events_found("household.answers_saved") == expected


def test_each_period_has_the_events_of_adding_it_and_its_area(seeded: None) -> None:
    # Given the seeded addresses, work and family, and who started each application
    periods = list(Period.objects.select_related("household"))
    assert {period.kind for period in periods} == set(PeriodKind.values)
    assert any(period.parish for period in periods)
    starts = application_starts()
    expected: Counter[Event] = Counter()
    for period in periods:
        household, start = period.household, starts[period.household_id]
        label = f"{household.reference}: {period.get_kind_display()}"
        # Added with the answers given about it (`period_save`: a new period has no area)...
        saved = changes_of(
            after={name: getattr(period, name) for name in PERIOD_FIELDS},
            context={"kind": period.kind},
        )
        recorded = [("period.saved", saved)]
        # ...then, in a parish, its area given (`period_area_set`)
        if period.parish or period.parish_not_known:
            area = changes_of(
                before={"parish": "", "parish_not_known": False},
                after={"parish": period.parish, "parish_not_known": period.parish_not_known},
                context={"kind": period.kind},
            )
            recorded.append(("period.area_set", area))
        for verb, changes in recorded:
            expected[
                event_of(
                    verb,
                    period,
                    label,
                    household.council_id,
                    start.changed_by_id,
                    start.occurred_at,
                    changes,
                )
            ] += 1
    # Then the period events are exactly those, none missing and none extra
    assert events_found("period.saved", "period.area_set") == expected
    assert set(
        AuditEvent.objects.filter(object_type="register.period").values_list("verb", flat=True)
    ) == {"period.saved", "period.area_set"}


def test_each_need_award_has_the_events_of_awarding_and_withdrawing_it(seeded: None) -> None:
    # Given the seeded need awards, some since withdrawn
    awards = list(NeedAward.objects.select_related("household"))
    assert awards and any(award.withdrawn_on for award in awards)
    officers = members_who_may(Capability.ASSESS_APPLICATIONS)
    expected: Counter[Event] = Counter()
    for award in awards:
        household = award.household
        # Awarded by an officer of the household's council (`need_award_create`)...
        assert (str(award.awarded_by_id), str(household.council_id)) in officers, award.pk
        label = f"{household.reference}: {award.code}"
        awarded = changes_of(
            after={"code": award.code, "awarded_on": award.awarded_on, "notes": award.notes}
        )
        recorded = [("need.awarded", award.awarded_on, awarded)]
        # ...and withdrawn by them (`need_award_withdraw`)
        if award.withdrawn_on is not None:
            withdrawn = changes_of(after={"withdrawn_on": award.withdrawn_on})
            recorded.append(("need.withdrawn", award.withdrawn_on, withdrawn))
        for verb, day, changes in recorded:
            # An award keeps only its days: events are compared by day
            expected[
                event_of(
                    verb,
                    award,
                    label,
                    household.council_id,
                    award.awarded_by_id,
                    day,
                    changes,
                )
            ] += 1
    # Then the need award events are exactly those, none missing and none extra
    assert events_found("need.awarded", "need.withdrawn", when=london_date) == expected
