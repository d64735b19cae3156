"""Turn register rows into the policy engine's facts (`hearth.policy.rules.facts`).

`household_facts`: five queries whatever the number of households: the households, then their
people, periods, need awards in force and latest assessments, each for all the households at
once.

`bidders_standing`: what ranking bidders on stored keys reads (`rank.Standing`): each
household's latest assessment, its own columns and its lead applicant's date of birth, in one
query. A shortlist needs no more unless `rank.needs_full_facts` says so; then `bidders_full`
adds each bidder's full facts.

Shortlisting reads every bidder on an advert, so this is written for speed: rows are read as
tuples (`values_list`), never as model instances; the database turns UUIDs into text, so Python
never builds `uuid.UUID` objects; and the queries receive the household ids as one array
parameter rather than a thousand separate ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import NotSupportedError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BooleanField,
    CharField,
    F,
    FilteredRelation,
    Func,
    Q,
    QuerySet,
    TextField,
    Window,
)
from django.db.models.functions import Cast, RowNumber
from django.db.models.sql.compiler import SQLCompiler

from hearth.core import clock
from hearth.policy.rules import facts
from hearth.policy.rules.facts import HomeFacts, HouseholdFacts, PersonFacts, PreviousOutcome
from hearth.policy.rules.rank import Standing
from hearth.register.models import (
    ASSESSMENT_NEWEST_FIRST,
    Assessment,
    Household,
    MobilityAssessment,
    NeedAward,
    Period,
    PeriodKind,
    Person,
    Relationship,
)

_SqlParams = tuple[str, tuple[Any, ...]]


class UUIDText(Func):
    """A UUID column as canonical text ("1b4e28ba-2fa1-11d2-883f-0016d3cca427")."""

    output_field = CharField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> _SqlParams:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql})::text", tuple(params)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> _SqlParams:
        # Django keeps UUIDs in SQLite as 32 hex digits, without hyphens.
        sql, params = compiler.compile(self.source_expressions[0])
        parts = [f"substr({sql}, {start}, {length})" for start, length in _UUID_GROUPS]
        return " || '-' || ".join(parts), tuple(params) * len(parts)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _SqlParams:
        raise NotSupportedError("Hearth runs on PostgreSQL or SQLite")


_UUID_GROUPS = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))


class IdIn(Func):
    """`column IN ids` with the ids (canonical UUID text) sent as one parameter, so the query
    costs the same to build and send whether there are ten ids or ten thousand."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, ids: list[str]) -> None:
        super().__init__(F(column))
        self.ids = ids

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> _SqlParams:
        sql, params = compiler.compile(self.source_expressions[0])
        # One array literal, not a list: psycopg would quote-check every element in Python.
        return f"{sql} = ANY(%s::uuid[])", (*params, "{" + ",".join(self.ids) + "}")

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> _SqlParams:
        sql, params = compiler.compile(self.source_expressions[0])
        hex_ids = json.dumps([pk.replace("-", "") for pk in self.ids])
        sql = f"{sql} IN (SELECT value FROM json_each(%s))"  # noqa: S608 - a column, no data
        return sql, (*params, hex_ids)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _SqlParams:
        raise NotSupportedError("Hearth runs on PostgreSQL or SQLite")


_NO_CODES: frozenset[str] = frozenset()
# Plain strings: the rows hold plain strings, and enum members are slower dictionary keys.
_RESIDENCE: str = PeriodKind.RESIDENCE.value
_WORK: str = PeriodKind.WORK.value
_FAMILY: str = PeriodKind.FAMILY.value
_HOUSEHOLD_COLUMNS = (
    "council__slug",
    "registration_date",
    "home_tenure",
    "home_bedrooms",
    "home_shares_facilities",
    "home_disrepair",
    # As text: most households have none ("[]"), and skipping the JSON decoder for them counts.
    Cast("exemptions", TextField()),
    "homelessness_duty",
    "is_transfer",
    "eligible",
    "income_yearly",
    "savings",
    "owns_property",
    "unacceptable_behaviour",
    "housing_debt",
    "reasonable_refusals",
    "repayment_arrangement",
    "band_lowered_until",
    "assessed_mobility",
)


def household_facts(households: QuerySet[Household], *, on_date: dt.date) -> list[HouseholdFacts]:
    """The facts for each household in `households`, in the queryset's order, as on `on_date`.

    Periods count if they had started by `on_date`; need awards if awarded on or before it and
    not withdrawn by then; `previous` is the latest assessment made for a date on or before it;
    the assessed mobility need is the one assessed by then.
    """
    rows = list(households.values_list(UUIDText("pk"), *_HOUSEHOLD_COLUMNS))
    if not rows:
        return []
    ids = [row[0] for row in rows]
    members = _members(ids)
    periods = _periods(ids, on_date)
    awards = _need_awards(ids, on_date)
    previous = _previous_outcomes(ids, on_date)
    found = [_household(row, members, periods, awards, previous.get(row[0])) for row in rows]
    earlier = _mobility_as_on(ids, on_date)
    if earlier:
        found = [
            dataclasses.replace(f, assessed_mobility=earlier[f.household_id])
            if f.household_id in earlier
            else f
            for f in found
        ]
    return found


def household_facts_one(household: Household, on_date: dt.date) -> HouseholdFacts:
    """The facts for one household as on `on_date` (see `household_facts`)."""
    (one,) = household_facts(Household.objects.filter(pk=household.pk), on_date=on_date)
    return one


def _members(ids: list[str]) -> dict[str, list[PersonFacts]]:
    by_household: dict[str, list[PersonFacts]] = defaultdict(list)
    rows = (
        Person.objects.filter(IdIn("household_id", ids))
        .order_by()  # sorted per household in Python: cheaper than sorting in the database
        .values_list(
            UUIDText("household_id"),
            UUIDText("id"),
            "date_of_birth",
            "sex",
            "relationship",
            UUIDText("partner_id"),
            "pregnant",
            "disabled",
            "needs_overnight_carer",
            "ethnicity",
            "economic_activity",
            "hours_per_week",
        )
    )
    for (
        household_id,
        pk,
        born,
        sex,
        relationship,
        partner,
        pregnant,
        disabled,
        carer,
        eth,
        activity,
        hours,
    ) in rows:
        by_household[household_id].append(
            PersonFacts(
                person_id=pk,
                date_of_birth=born,
                sex=sex,
                relationship=relationship,
                partner_id=partner,
                pregnant=pregnant,
                disabled=disabled,
                needs_overnight_carer=carer,
                ethnicity=eth,
                economic_activity=activity,
                hours_per_week=hours or 0,  # none kept when the activity has no hours
            )
        )
    return by_household


_PeriodsByKind = dict[str, dict[str, list[facts.Period]]]


def _periods(ids: list[str], on_date: dt.date) -> _PeriodsByKind:
    by_household: _PeriodsByKind = defaultdict(lambda: defaultdict(list))
    rows = (
        Period.objects.filter(IdIn("household_id", ids), start__lte=on_date)
        .order_by()
        .values_list(
            UUIDText("household_id"),
            "kind",
            "council__slug",
            "parish",  # "" when not given or not known (`parish_not_known`): no parish either way
            "start",
            "end",
            "hours_per_week",
            "supported_placement",
        )
    )
    for household_id, kind, council, parish, start, end, hours, placement in rows:
        by_household[household_id][kind].append(
            facts.Period(
                council=council or "",
                start=start,
                end=end,
                parish=parish,
                hours_per_week=hours,
                placement=placement,
            )
        )
    return by_household


def _placed_from(residence: tuple[facts.Period, ...]) -> tuple[facts.Period, ...]:
    """Each placement in supported housing with the council area lived in before it: the
    council of the address before (or, after one placement moved to another, the area the
    first was placed from). `residence` is in order of start."""
    if not any(p.placement for p in residence):
        return residence
    found: list[facts.Period] = []
    before = ""
    for period in residence:
        if period.placement:
            period = dataclasses.replace(period, placed_from=before)
        else:
            before = period.council
        found.append(period)
    return tuple(found)


def _need_awards(ids: list[str], on_date: dt.date) -> dict[str, list[facts.NeedAward]]:
    by_household: dict[str, list[facts.NeedAward]] = defaultdict(list)
    rows = (
        NeedAward.objects.filter(IdIn("household_id", ids), awarded_on__lte=on_date)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on_date))
        .order_by()
        .values_list(UUIDText("household_id"), "code", "awarded_on")
    )
    for household_id, code, awarded_on in rows:
        by_household[household_id].append(facts.NeedAward(code=code, awarded_on=awarded_on))
    return by_household


def _previous_outcomes(ids: list[str], on_date: dt.date) -> dict[str, PreviousOutcome]:
    rows = _latest_assessments(ids, on_date).values_list(
        UUIDText("household_id"), "band", "priority_date", "points", "assessed_on"
    )
    return {
        household_id: PreviousOutcome(
            band=band, band_since=priority_date or assessed_on, points=points or 0
        )
        for household_id, band, priority_date, points, assessed_on in rows
    }


def _household(
    row: tuple[Any, ...],
    members: dict[str, list[PersonFacts]],
    periods: _PeriodsByKind,
    awards: dict[str, list[facts.NeedAward]],
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
        repayment_arrangement,
        band_lowered_until,
        assessed_mobility,
    ) = row
    kinds = periods.get(pk, {})
    return HouseholdFacts(
        household_id=pk,
        council=council,
        registration_date=registration_date,
        members=_sorted(members.get(pk), _person_order),
        home=HomeFacts(
            tenure=tenure,
            bedrooms=bedrooms,
            shares_facilities=shares_facilities,
            disrepair=disrepair,
        ),
        residence=_placed_from(_sorted(kinds.get(_RESIDENCE), _period_order)),
        work=_sorted(kinds.get(_WORK), _period_order),
        family=_sorted(kinds.get(_FAMILY), _period_order),
        exemptions=_NO_CODES if exemptions == "[]" else frozenset(json.loads(exemptions)),
        homelessness_duty=duty,
        is_transfer=is_transfer,
        eligible=eligible,
        income_yearly=income,
        savings=savings,
        owns_property=owns_property,
        unacceptable_behaviour=unacceptable_behaviour,
        housing_debt=housing_debt,
        reasonable_refusals=refusals,
        repayment_arrangement=repayment_arrangement,
        band_lowered_until=band_lowered_until,
        need_awards=_sorted(awards.get(pk), _award_order),
        previous=previous,
        assessed_mobility=assessed_mobility,
    )


_T = TypeVar("_T")


def _sorted(items: list[_T] | None, key: Callable[[_T], Any]) -> tuple[_T, ...]:
    if not items:
        return ()
    if len(items) == 1:
        return (items[0],)
    return tuple(sorted(items, key=key))


def _person_order(person: PersonFacts) -> tuple[Any, ...]:
    # As `Person.Meta.ordering`: the lead applicant, then everyone else oldest first.
    return (person.relationship != "lead", person.date_of_birth, person.person_id)


def _period_order(period: facts.Period) -> tuple[Any, ...]:
    # Every field, so equal keys mean equal periods and the order never depends on the database.
    return (
        period.start,
        period.end or dt.date.max,
        period.council,
        period.parish,
        period.hours_per_week,
        period.placement,
    )


def _award_order(award: facts.NeedAward) -> tuple[Any, ...]:
    return (award.awarded_on, award.code)


def bidders_standing(ids: list[str], on_date: dt.date) -> list[Standing]:
    """Each household's `Standing` as on `on_date`, for ranking bidders on stored keys: its
    latest assessment made for a date on or before `on_date` (the band, points and dates it was
    told), its own columns and its lead applicant's date of birth, in one query. A household
    with no such assessment is left out: it has nothing to rank on. In no particular order.

    Use `bidders_full` when ranking needs full facts (see `needs_full_facts`)."""
    rows = _standings(Assessment.objects.db).filter(
        IdIn("household_id", ids), assessed_on__lte=on_date
    )
    found = list(map(_standing, rows))
    earlier = _mobility_as_on(ids, on_date)
    if earlier:
        found = [
            s._replace(assessed_mobility=earlier[s.household_id])
            if s.household_id in earlier
            else s
            for s in found
        ]
    return found


def _mobility_as_on(ids: list[str], on_date: dt.date) -> dict[str, str]:
    """The assessed mobility need on `on_date` of each household whose record holds one
    assessed after that day (a day past: a shortlist ranked again as it stood at its close);
    the record holds the newest, which is the need on any later day. Households assessed by
    then are absent. No query for today or later."""
    if not ids or on_date >= clock.today():
        return {}
    later = list(
        Household.objects.filter(IdIn("id", ids), mobility_assessed_on__gt=on_date).values_list(
            UUIDText("pk"), flat=True
        )
    )
    if not later:
        return {}
    found = dict.fromkeys(later, "")  # none assessed by then
    made = (
        MobilityAssessment.objects.filter(IdIn("household_id", later), assessed_on__lte=on_date)
        .order_by("household_id", "assessed_on", "created_at", "id")
        .values_list(UUIDText("household_id"), "assessed_mobility")
    )
    for household_id, need in made:  # oldest first: the last one kept is the newest
        found[household_id] = need
    return found


def bidders_full(ids: list[str], on_date: dt.date) -> list[tuple[Standing, HouseholdFacts]]:
    """Each household's `Standing` (see `bidders_standing`) with its full facts as on `on_date`
    (see `household_facts`), for ranking that needs them. Households with no assessment are
    left out."""
    standings = {s.household_id: s for s in bidders_standing(ids, on_date)}
    households = Household.objects.filter(IdIn("id", ids)).order_by()
    return [
        (standings[f.household_id], f)
        for f in household_facts(households, on_date=on_date)
        if f.household_id in standings
    ]


# A `Standing` from a row of `_standings`, without a Python call per row.
_standing = functools.partial(tuple.__new__, Standing)


@functools.cache
def _standings(alias: str) -> QuerySet[Assessment, tuple[Any, ...]]:
    """The standings query, without the households and date `bidders_standing` filters it to.
    Built once per database (building it for every shortlist cost a tenth of the fetch); never
    evaluated itself, only copied by `filter`."""
    lead = FilteredRelation(
        "household__members", condition=Q(household__members__relationship=Relationship.LEAD)
    )
    return _latest(Assessment.objects.using(alias).annotate(lead=lead)).values_list(
        UUIDText("household_id"),
        "household__council__slug",
        "household__registration_date",
        "lead__date_of_birth",  # None if the household has no lead applicant (it has one at most)
        "household__housing_debt",
        "household__is_transfer",
        "status",
        "band",
        "points",
        "priority_date",
        "bedroom_need",
        "local_connection",
        "ranked_below",
        "household__assessed_mobility",  # last, as in `Standing`
    )


def _latest_assessments(ids: list[str], on_date: dt.date) -> QuerySet[Assessment]:
    """Each household's newest assessment made for a date on or before `on_date`."""
    return _latest(Assessment.objects.filter(IdIn("household_id", ids), assessed_on__lte=on_date))


def _latest(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The newest of `assessments` for each household. Filters added to the result still choose
    among the assessments before the newest is kept, on either database."""
    newest_first = list(ASSESSMENT_NEWEST_FIRST)
    if connections[assessments.db].features.can_distinct_on_fields:
        # PostgreSQL keeps the first row of each household: cheaper to plan and to run.
        return assessments.order_by(F("household_id").asc(), *newest_first).distinct("household_id")
    return (
        assessments.annotate(
            newest=Window(RowNumber(), partition_by=F("household_id"), order_by=newest_first)
        )
        .filter(newest=1)
        .order_by()
    )
