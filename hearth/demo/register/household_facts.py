"""Whether a demo household, still being built in memory, qualifies under its council's policy.

An officer accepts an application only on an assessment of that day that says the household
qualifies (`decision_record` refuses anything else), and refuses one only on an assessment that
says it does not. The demo decides where each application stands before its rows are written,
so it asks the policy engine itself, over the facts the household's unsaved rows give as they
stood on the day of the decision: the same facts `hearth.register.fetch.household_facts` reads
back once they are saved, with each need awarded from the day the household registered (as
`need_awards_from_registration` will date it): a need for an extra room changes the bedroom
need, and with it whether a home the household owns is big enough.
`demo/tests/test_seed_invariants_decisions.py` proves every decision rests on an assessment of
its own day that supports it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hearth.core.models import Organisation
from hearth.policy.rules import facts
from hearth.policy.rules.assess import QUALIFIES, assess
from hearth.policy.rules.document import PolicyDocument
from hearth.register.models import Household, NeedAward, Period, PeriodKind, Person


@dataclass
class DemoQualification:
    """The policy engine's answer for unsaved households (`qualifies`)."""

    policies: Mapping[str, PolicyDocument]  # by council slug
    councils: Mapping[str, Organisation]  # by slug
    people: dict[uuid.UUID, list[facts.PersonFacts]] = field(default_factory=dict)
    periods: dict[uuid.UUID, list[tuple[str, facts.Period]]] = field(default_factory=dict)
    awards: dict[uuid.UUID, list[NeedAward]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        policies: Mapping[str, PolicyDocument],
        councils: Mapping[str, Organisation],
        people: Iterable[Person],
        periods: Iterable[Period],
        awards: Iterable[NeedAward],
    ) -> DemoQualification:
        found = cls(policies, councils, defaultdict(list), defaultdict(list), defaultdict(list))
        for award in awards:
            found.awards[award.household_id].append(award)
        slugs = {council.pk: slug for slug, council in councils.items()}
        for person in people:
            found.people[person.household_id].append(_person(person))
        for period in periods:
            slug = slugs.get(period.council_id, "") if period.council_id else ""
            found.periods[period.household_id].append(
                (
                    period.kind,
                    facts.Period(
                        council=slug,
                        start=period.start,
                        end=period.end,
                        parish=period.parish,
                        hours_per_week=period.hours_per_week,
                    ),
                )
            )
        return found

    def qualifies(self, household: Household, on_date: dt.date, registered: dt.date) -> bool | None:
        """Whether `household`, registered on `registered`, qualified on `on_date` (None: its
        council has no policy)."""
        slug = household.council.slug
        policy = self.policies.get(slug)
        if policy is None:
            return None
        household_facts = self._facts(household, slug, on_date, registered)
        return assess(policy, household_facts, on_date).status == QUALIFIES

    def _awards(
        self, household: Household, on_date: dt.date, registered: dt.date
    ) -> tuple[facts.NeedAward, ...]:
        held = []
        for award in self.awards.get(household.pk, []):
            awarded = max(award.awarded_on, registered)
            withdrawn = max(award.withdrawn_on, awarded) if award.withdrawn_on else None
            if awarded <= on_date and (withdrawn is None or withdrawn > on_date):
                held.append(facts.NeedAward(code=award.code, awarded_on=awarded))
        return tuple(sorted(held, key=lambda a: (a.awarded_on, a.code)))

    def _facts(
        self, household: Household, slug: str, on_date: dt.date, registered: dt.date
    ) -> facts.HouseholdFacts:
        periods: dict[str, list[facts.Period]] = defaultdict(list)
        for kind, period in self.periods.get(household.pk, []):
            if period.start <= on_date:
                periods[kind].append(period)
        members = sorted(
            self.people.get(household.pk, []),
            key=lambda p: (p.relationship != "lead", p.date_of_birth, p.person_id),
        )
        return facts.HouseholdFacts(
            household_id=str(household.pk),
            council=slug,
            registration_date=registered,
            members=tuple(members),
            home=facts.HomeFacts(
                tenure=household.home_tenure,
                bedrooms=household.home_bedrooms,
                shares_facilities=household.home_shares_facilities,
                disrepair=household.home_disrepair,
            ),
            residence=tuple(periods[PeriodKind.RESIDENCE.value]),
            work=tuple(periods[PeriodKind.WORK.value]),
            family=tuple(periods[PeriodKind.FAMILY.value]),
            exemptions=frozenset(household.exemptions or ()),
            homelessness_duty=household.homelessness_duty,
            is_transfer=household.is_transfer,
            eligible=household.eligible,
            income_yearly=household.income_yearly,
            savings=household.savings,
            owns_property=household.owns_property,
            unacceptable_behaviour=household.unacceptable_behaviour,
            housing_debt=household.housing_debt,
            reasonable_refusals=household.reasonable_refusals,
            need_awards=self._awards(household, on_date, registered),
        )


def _person(person: Person) -> facts.PersonFacts:
    return facts.PersonFacts(
        person_id=str(person.pk),
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        relationship=person.relationship,
        partner_id=str(person.partner_id) if person.partner_id else None,
        pregnant=person.pregnant,
        disabled=person.disabled,
        needs_overnight_carer=person.needs_overnight_carer,
        ethnicity=person.ethnicity,
        economic_activity=person.economic_activity,
        hours_per_week=person.hours_per_week or 0,
    )


def facts_as_on(
    household: facts.HouseholdFacts,
    on_date: dt.date,
    withdrawn: Iterable[tuple[facts.NeedAward, dt.date]] = (),
) -> facts.HouseholdFacts:
    """`household`'s facts, read today, as they stood on the earlier `on_date`: the periods
    begun by then, the needs awarded by then and not yet withdrawn (`withdrawn`: the awards
    since withdrawn, each with the day it was), and no earlier assessment (the demo makes none
    before the day its applications were decided)."""
    awards = [a for a in household.need_awards if a.awarded_on <= on_date]
    awards += [a for a, gone in withdrawn if a.awarded_on <= on_date < gone]
    return dataclasses.replace(
        household,
        residence=tuple(p for p in household.residence if p.start <= on_date),
        work=tuple(p for p in household.work if p.start <= on_date),
        family=tuple(p for p in household.family if p.start <= on_date),
        need_awards=tuple(sorted(awards, key=lambda a: (a.awarded_on, a.code))),
        previous=None,
    )
