"""Turn register rows into the policy engine's facts (`hearth.policy.rules.facts`).

Five queries whatever the number of households: the households, then their people, periods,
need awards in force and latest assessments, each fetched for all households at once. Rows are
read as tuples (`values_list`), not model instances: shortlisting ranks every bidder on an
advert, and building a thousand households' facts this way is several times faster.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from hearth.policy.rules import facts
from hearth.policy.rules.facts import HomeFacts, HouseholdFacts, PersonFacts, PreviousOutcome
from hearth.register.models import (
    Assessment,
    Household,
    NeedAward,
    Period,
    PeriodKind,
    Person,
    lead_first,
)

_HOUSEHOLD_COLUMNS = (
    "id",
    "council__slug",
    "registration_date",
    "home_tenure",
    "home_bedrooms",
    "home_shares_facilities",
    "home_disrepair",
    "exemptions",
    "homelessness_duty",
    "is_transfer",
    "eligible",
    "income_yearly",
    "savings",
    "owns_property",
    "unacceptable_behaviour",
    "housing_debt",
    "reasonable_refusals",
)


def household_facts(households: QuerySet[Household], *, on_date: dt.date) -> list[HouseholdFacts]:
    """The facts for each household in `households`, in the queryset's order, as on `on_date`.

    Need awards count if awarded on or before `on_date` and not withdrawn by then; periods if
    they had started by then; `previous` is the latest assessment made for a date on or before it.
    """
    rows = list(households.values_list(*_HOUSEHOLD_COLUMNS))
    if not rows:
        return []
    ids = [row[0] for row in rows]
    members = _members(ids)
    periods = _periods(ids, on_date)
    awards = _need_awards(ids, on_date)
    previous = _previous_outcomes(ids, on_date)
    return [_household(row, members, periods, awards, previous.get(row[0])) for row in rows]


def household_facts_one(household: Household, on_date: dt.date) -> HouseholdFacts:
    """The facts for one household as on `on_date` (see `household_facts`)."""
    (one,) = household_facts(Household.objects.filter(pk=household.pk), on_date=on_date)
    return one


def _members(ids: list[UUID]) -> dict[UUID, list[PersonFacts]]:
    by_household: dict[UUID, list[PersonFacts]] = defaultdict(list)
    rows = (
        Person.objects.filter(household_id__in=ids)
        .order_by("household_id", lead_first.asc(), "date_of_birth", "id")
        .values_list(
            "household_id",
            "id",
            "date_of_birth",
            "sex",
            "relationship",
            "partner_id",
            "pregnant",
            "disabled",
            "needs_overnight_carer",
            "ethnicity",
        )
    )
    for household_id, pk, born, sex, relationship, partner, pregnant, disabled, carer, eth in rows:
        by_household[household_id].append(
            PersonFacts(
                person_id=str(pk),
                date_of_birth=born,
                sex=sex,
                relationship=relationship,
                partner_id=str(partner) if partner is not None else None,
                pregnant=pregnant,
                disabled=disabled,
                needs_overnight_carer=carer,
                ethnicity=eth,
            )
        )
    return by_household


_PeriodsByKind = dict[UUID, dict[str, list[facts.Period]]]


def _periods(ids: list[UUID], on_date: dt.date) -> _PeriodsByKind:
    by_household: _PeriodsByKind = defaultdict(lambda: defaultdict(list))
    rows = (
        Period.objects.filter(household_id__in=ids, start__lte=on_date)
        .order_by("household_id", "kind", "start", "id")
        .values_list(
            "household_id", "kind", "council__slug", "parish", "start", "end", "hours_per_week"
        )
    )
    for household_id, kind, council, parish, start, end, hours in rows:
        by_household[household_id][kind].append(
            facts.Period(
                council=council or "", start=start, end=end, parish=parish, hours_per_week=hours
            )
        )
    return by_household


def _need_awards(ids: list[UUID], on_date: dt.date) -> dict[UUID, list[facts.NeedAward]]:
    by_household: dict[UUID, list[facts.NeedAward]] = defaultdict(list)
    rows = (
        NeedAward.objects.filter(household_id__in=ids, awarded_on__lte=on_date)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on_date))
        .order_by("household_id", "awarded_on", "id")
        .values_list("household_id", "code", "awarded_on")
    )
    for household_id, code, awarded_on in rows:
        by_household[household_id].append(facts.NeedAward(code=code, awarded_on=awarded_on))
    return by_household


def _previous_outcomes(ids: list[UUID], on_date: dt.date) -> dict[UUID, PreviousOutcome]:
    rows = (
        Assessment.objects.filter(household_id__in=ids, assessed_on__lte=on_date)
        .annotate(
            newest=Window(
                RowNumber(),
                partition_by=F("household_id"),
                order_by=[F("assessed_on").desc(), F("created_at").desc(), F("id").desc()],
            )
        )
        .filter(newest=1)
        .order_by()
        .values_list("household_id", "band", "priority_date", "points", "assessed_on")
    )
    return {
        household_id: PreviousOutcome(
            band=band, band_since=priority_date or assessed_on, points=points or 0
        )
        for household_id, band, priority_date, points, assessed_on in rows
    }


def _household(
    row: tuple[Any, ...],
    members: dict[UUID, list[PersonFacts]],
    periods: _PeriodsByKind,
    awards: dict[UUID, list[facts.NeedAward]],
    previous: PreviousOutcome | None,
) -> HouseholdFacts:
    (
        pk,
        council,
        registration_date,
        tenure,
        bedrooms,
        shares_facilities,
        disrepair,
        exemptions,
        duty,
        is_transfer,
        eligible,
        income,
        savings,
        owns_property,
        unacceptable_behaviour,
        housing_debt,
        refusals,
    ) = row
    kinds = periods.get(pk, {})
    return HouseholdFacts(
        household_id=str(pk),
        council=council,
        registration_date=registration_date,
        members=tuple(members.get(pk, ())),
        home=HomeFacts(
            tenure=tenure,
            bedrooms=bedrooms,
            shares_facilities=shares_facilities,
            disrepair=disrepair,
        ),
        residence=tuple(kinds.get(PeriodKind.RESIDENCE, ())),
        work=tuple(kinds.get(PeriodKind.WORK, ())),
        family=tuple(kinds.get(PeriodKind.FAMILY, ())),
        exemptions=frozenset(_codes(exemptions)),
        homelessness_duty=duty,
        is_transfer=is_transfer,
        eligible=eligible,
        income_yearly=_money(income),
        savings=_money(savings),
        owns_property=owns_property,
        unacceptable_behaviour=unacceptable_behaviour,
        housing_debt=_money(housing_debt),
        reasonable_refusals=refusals,
        need_awards=tuple(awards.get(pk, ())),
        previous=previous,
    )


def _codes(value: object) -> Iterable[str]:
    return [str(code) for code in value] if isinstance(value, list) else ()


def _money(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)
