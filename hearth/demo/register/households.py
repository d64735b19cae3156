"""A believable demo register for the Marshvale Home Choice partnership.

Thousands of fictional households spread over the four councils, drawn from one seeded random
generator, so every run with the same seed and date builds exactly the same register (the same
ids, references and facts). The first households are "showcase" cases that make sure every
situation the policies deal with appears at least once, even in a small register; the rest are
random, at rates that resemble a real district's register.

Each household is written as it stands once its application is where `demo_applications` puts
it: registered the day it was started or sent, and, for the one each demo applicant sign-in
owns, linked to that account and led by its holder from the start (the applicant started it).
Its people, answers, periods and need awards come with the audit events the register's services
write making them (`household_records`).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from hearth.accounts.models import User
from hearth.core import clock
from hearth.core.models import AuditEvent, Organisation
from hearth.demo import partnership
from hearth.demo.register.addresses import demo_address, demo_place_detail
from hearth.demo.register.application_records import council_officers
from hearth.demo.register.applications import demo_applications, demo_sign_ins
from hearth.demo.register.household_facts import DemoQualification
from hearth.demo.register.household_records import household_record_events
from hearth.demo.register.households_data import (
    _BEDROOM_GAPS,
    _KINDS,
    _NEED_NOTES,
    _WORK_HOURS,
    BATCH_SIZE,
    COUNCILS,
    EASTMERE_PARISHES,
    NEED_CODES_BY_COUNCIL,
    RURAL_COUNCIL,
    SHOWCASE,
    _Showcase,
)
from hearth.demo.register.people import DemoMember, DemoPeople
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.selectors import policy_in_force
from hearth.register.models import (
    Application,
    Exemption,
    HomelessnessDuty,
    Household,
    NeedAward,
    Period,
    PeriodKind,
    Person,
    Relationship,
    Sex,
    Tenure,
    household_reference,
)
from hearth.register.services.workspace_search import search_names_refresh


def demo_households_seed(
    *, count: int = 2000, seed: int = 2026, on_date: dt.date | None = None
) -> int:
    """Fill the demo councils' registers with `count` households; returns how many rows it made.

    Does nothing (and returns 0) if any demo council already has households, so running the demo
    seed twice changes nothing. `on_date` (default today) anchors ages and dates.
    """
    councils = _demo_councils()
    if Household.objects.filter(council__in=councils.values()).exists():
        return 0
    on_date = on_date or clock.today()
    builder = _RegisterBuilder(
        councils=councils,
        rng=random.Random(seed),  # noqa: S311 - made-up demo data, not secrets
        on_date=on_date,
    )
    for index in range(count):
        builder.add_household(SHOWCASE[index] if index < len(SHOWCASE) else None)
    # Applications first: where each stands decides its household's registration date. Each
    # decision is the one its council's policy gives on the day it was made.
    qualification = DemoQualification.of(
        _policies_in_force(councils, on_date),
        councils,
        builder.people,
        builder.periods,
        builder.need_awards,
    )
    applications = demo_applications(builder.households, on_date, qualification.qualifies)
    builder.need_awards_from_registration()
    builder.assign_references()
    builder.started_by(demo_sign_ins(applications, _applicant_sign_ins()))
    # The events of the services that make these rows in real use (awarding a need names the
    # officer who awarded it).
    events = household_record_events(
        applications=applications,
        people=builder.people,
        periods=builder.periods,
        need_awards=builder.need_awards,
        officers=council_officers(sorted(councils.values(), key=lambda c: c.slug)),
        now=clock.now(),
    )
    with transaction.atomic():
        Household.objects.bulk_create(builder.households, batch_size=BATCH_SIZE)
        # Couples point at each other: foreign keys are checked when the transaction commits.
        Person.objects.bulk_create(builder.people, batch_size=BATCH_SIZE)
        Period.objects.bulk_create(builder.periods, batch_size=BATCH_SIZE)
        NeedAward.objects.bulk_create(builder.need_awards, batch_size=BATCH_SIZE)
        Application.objects.bulk_create(applications, batch_size=BATCH_SIZE)
        search_names_refresh(household_ids=[household.pk for household in builder.households])
        AuditEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    return builder.row_count + len(applications)


def _policies_in_force(
    councils: dict[str, Organisation], on_date: dt.date
) -> dict[str, PolicyDocument]:
    found = {}
    for slug, council in councils.items():
        version = policy_in_force(council, on_date)
        if version is not None:
            found[slug] = document_of(version)
    return found


def _applicant_sign_ins() -> dict[str, User]:
    """The demo applicant sign-ins made so far, by email."""
    emails = list(partnership.demo_applicant_states())
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _demo_councils() -> dict[str, Organisation]:
    slugs = [council.slug for council in COUNCILS]
    found = {
        org.slug: org
        for org in Organisation.objects.filter(scheme__slug=partnership.SCHEME_SLUG, slug__in=slugs)
    }
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise LookupError(f"Load the demo partnership first: no council {', '.join(missing)}")
    return found


@dataclass
class _RegisterBuilder(DemoPeople):
    councils: dict[str, Organisation] = field(default_factory=dict)
    households: list[Household] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    need_awards: list[NeedAward] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.households) + len(self.people) + len(self.periods) + len(self.need_awards)

    # --- places ---------------------------------------------------------------------------

    def _other_council(self, home: str) -> str:
        return self.rng.choice([c.slug for c in COUNCILS if c.slug != home])

    def _parish(self, council: str, usual: str = "") -> str:
        if council != RURAL_COUNCIL:
            return ""
        if usual and self._chance(0.8):
            return usual
        return self._pick(EASTMERE_PARISHES)

    # --- the household ----------------------------------------------------------------------

    def add_household(self, showcase: _Showcase | None) -> None:
        show = showcase or _Showcase(kind=self._pick(_KINDS), generated=True)
        rare = show.generated  # rare circumstances only for random households
        council = show.council or self._pick([(c.slug, c.share) for c in COUNCILS])
        household = Household(id=self._uuid(), council=self.councils[council])
        members = self._members(household, show.kind)
        self._maybe_pregnant(members)
        lead = members[0]
        older = lead.age >= 60
        adults = [m for m in members if m.age >= 18]

        # Homelessness duty and current home.
        duty = show.duty if show.duty is not None else ""
        if rare:
            duty = self._pick(
                (
                    (HomelessnessDuty.NONE, 85),
                    (HomelessnessDuty.PREVENTION, 6),
                    (HomelessnessDuty.RELIEF, 5),
                    (HomelessnessDuty.MAIN, 4),
                )
            )
        transfer = bool(show.transfer)
        if rare:
            transfer = not duty and self._chance(0.3 if older else 0.13)
        tenure = show.tenure or self._tenure(duty=duty, transfer=transfer, older=older)
        if transfer:
            tenure = Tenure.SOCIAL_RENTED
        needed = self._bedrooms_needed(household, members)
        gap = show.bedroom_gap if show.bedroom_gap is not None else self._bedroom_gap(tenure)
        bedrooms = self._bedrooms(tenure, needed, gap, fixed=show.bedroom_gap is not None)

        household.homelessness_duty = duty
        household.is_transfer = transfer
        household.home_tenure = tenure
        household.home_bedrooms = bedrooms
        household.home_shares_facilities = self._chance(
            {"family": 0.6, "temporary": 0.8 if bedrooms == 0 else 0.1, "none": 0.0}.get(
                tenure, 0.08
            )
        )
        household.home_disrepair = tenure != Tenure.NONE and self._chance(
            0.12 if tenure == Tenure.PRIVATE_RENTED else 0.04
        )

        # Registration: no earlier than the lead's 16th birthday, up to six years ago.
        oldest = min(6 * 365, max(0, (lead.age - 16) * 365))
        registered = self._days_ago(0, oldest)
        if duty:  # homeless households are registered recently
            registered = self._days_ago(0, min(oldest, 400))
        household.registration_date = registered

        # Money, eligibility, behaviour.
        working = any(18 <= m.age <= 66 for m in adults) and self._chance(0.2 if duty else 0.45)
        if show.high_income or (rare and self._chance(0.012)):
            household.income_yearly = self._money(62_000, 115_000)
        elif working:
            household.income_yearly = self._money(14_000, 16_000 * len(adults) + 20_000)
        else:
            household.income_yearly = self._money(5_500, 15_000)
        if show.high_income or (rare and self._chance(0.012)):
            household.savings = self._money(32_000, 95_000, pence=True)
        elif self._chance(0.2):
            household.savings = self._money(200, 9_000, pence=True)
        else:
            household.savings = self._money(0, 400, pence=True)
        if rare and self._chance(0.1):
            high = 3_000 if self._chance(0.15) else 800
            household.housing_debt = self._money(40, high, pence=True)
        household.owns_property = (
            show.owns_property or tenure == Tenure.OWNER or (rare and self._chance(0.004))
        )
        household.eligible = show.eligible and not (rare and self._chance(0.01))
        household.unacceptable_behaviour = show.unacceptable_behaviour or (
            rare and self._chance(0.01)
        )
        if rare:
            household.reasonable_refusals = int(
                self._pick((("0", 85), ("1", 10), ("2", 4), ("3", 1)))
            )

        # Where they have lived, worked and have family.
        home_place = self._residence(household, council, show, tenure)
        self._work(household, council, adults, show, working, home_place)
        self._family(household, council, show, home_place)

        household.exemptions = self._exemptions(show, members, duty)
        self._need_awards(household, council, members, show, registered)

        self.households.append(household)
        self.people.extend(m.person for m in members)

    def _tenure(self, *, duty: str, transfer: bool, older: bool) -> str:
        if transfer:
            return Tenure.SOCIAL_RENTED
        if duty == HomelessnessDuty.MAIN:
            return Tenure.TEMPORARY if self._chance(0.9) else Tenure.FAMILY
        if duty == HomelessnessDuty.RELIEF:
            return self._pick(((Tenure.TEMPORARY, 55), (Tenure.NONE, 20), (Tenure.FAMILY, 25)))
        if duty == HomelessnessDuty.PREVENTION:
            return self._pick(((Tenure.PRIVATE_RENTED, 65), (Tenure.FAMILY, 35)))
        if older:
            return self._pick(
                ((Tenure.PRIVATE_RENTED, 50), (Tenure.OWNER, 20), (Tenure.FAMILY, 30))
            )
        return self._pick(
            (
                (Tenure.PRIVATE_RENTED, 55),
                (Tenure.FAMILY, 33),
                (Tenure.TEMPORARY, 5),
                (Tenure.NONE, 3),
                (Tenure.OWNER, 4),
            )
        )

    def _bedroom_gap(self, tenure: str) -> int:
        """Bedrooms in the home minus bedrooms needed: below 0 is overcrowded."""
        return int(self._pick(_BEDROOM_GAPS.get(tenure, _BEDROOM_GAPS[Tenure.PRIVATE_RENTED])))

    def _bedrooms(self, tenure: str, needed: int, gap: int, *, fixed: bool) -> int:
        if not fixed:
            if tenure == Tenure.NONE:
                return 0
            if tenure == Tenure.FAMILY:  # a room or two in someone else's home
                return max(1, min(2, needed + gap))
            if tenure == Tenure.TEMPORARY and self._chance(0.4):  # a hostel or B&B room
                return 0
            if tenure == Tenure.PRIVATE_RENTED and needed == 1 and self._chance(0.12):
                return 0  # a studio flat
        return max(0, min(4, needed + gap))

    def _residence(self, household: Household, council: str, show: _Showcase, tenure: str) -> str:
        """Add five or more years of addresses; returns the current address's council slug."""
        rng = self.rng
        lives = show.lives or "home"
        if show.generated:
            lives = self._pick((("home", 86), ("partner", 6), ("outside", 3), ("arrived", 5)))
        if tenure == Tenure.TEMPORARY and lives == "home" and self._chance(0.3):
            lives = "partner"  # placed in temporary accommodation outside the council's area
        current = {
            "home": council,
            "partner": self._other_council(council),
            "outside": "",
            "arrived": council,
        }[lives]
        if show.parish and current == RURAL_COUNCIL:
            usual_parish = show.parish
        else:
            usual_parish = self._parish(current)
        horizon = self.on_date - dt.timedelta(days=5 * 365 + rng.randint(30, 400))
        if lives == "arrived":
            start = self._days_ago(20, 150)
        else:
            years = self._pick((("0", 12), ("1", 25), ("3", 28), ("6", 35)))
            span = {"0": (20, 180), "1": (181, 730), "3": (731, 1825), "6": (1826, 5400)}[years]
            start = self._days_ago(*span)
        self._period(household, PeriodKind.RESIDENCE, current, usual_parish, start, None)
        household.home_address = self.periods[-1].address
        household.home_postcode = self.periods[-1].postcode
        # Earlier addresses, back past the five-year horizon.
        end = start - dt.timedelta(days=1)
        while end >= horizon:
            start = end - dt.timedelta(days=rng.randint(180, 2200))
            if lives in {"outside", "arrived"}:
                place = "" if self._chance(0.85) else self._other_council(council)
            elif lives == "partner" and tenure != Tenure.TEMPORARY:
                place = current if self._chance(0.7) else council
            else:
                place = self._pick(((council, 72), (self._other_council(council), 18), ("", 10)))
            self._period(
                household,
                PeriodKind.RESIDENCE,
                place,
                self._parish(place, usual_parish),
                start,
                end,
            )
            end = start - dt.timedelta(days=rng.randint(1, 20))
        return current

    def _work(
        self,
        household: Household,
        council: str,
        adults: list[DemoMember],
        show: _Showcase,
        working: bool,
        home_place: str,
    ) -> None:
        rng = self.rng
        if show.work is not None:
            place, parish, hours = show.work
            place = place or council
            start = self._days_ago(400, 3000)
            self._period(household, PeriodKind.WORK, place, parish, start, None, hours)
            return
        if not working:
            return
        jobs = 2 if len(adults) > 1 and self._chance(0.3) else 1
        for _ in range(jobs):
            local = home_place or council
            place = self._pick(((local, 60), (self._other_council(local), 28), ("", 12)))
            hours = int(self._pick(_WORK_HOURS))
            start = self._days_ago(60, 3600)
            end = None
            if self._chance(0.15):
                end = min(self.on_date, start + dt.timedelta(days=rng.randint(30, 1500)))
            parish = self._parish(place) if place == RURAL_COUNCIL and self._chance(0.6) else ""
            self._period(household, PeriodKind.WORK, place, parish, start, end, hours)

    def _family(self, household: Household, council: str, show: _Showcase, home_place: str) -> None:
        rng = self.rng
        if show.family is not None:
            place, parish, years = show.family
            start = self.on_date - dt.timedelta(days=years * 365 + rng.randint(1, 300))
            self._period(household, PeriodKind.FAMILY, place, parish, start, None)
            return
        if not self._chance(0.3):
            return
        place = self._pick(((council, 65), (self._other_council(council), 25), ("", 10)))
        if self._chance(0.85):
            start = self._days_ago(5 * 365 + 30, 45 * 365)
        else:
            start = self._days_ago(60, 5 * 365 - 30)  # family moved there recently
        self._period(household, PeriodKind.FAMILY, place, self._parish(place), start, None)

    def _exemptions(self, show: _Showcase, members: list[DemoMember], duty: str) -> list[str]:
        codes = set(show.exemptions)
        lead = members[0]
        if show.generated and 22 <= lead.age <= 70 and self._chance(0.015):
            codes.add(Exemption.ARMED_FORCES)
        if show.generated:
            if lead.age < 60 and self._chance(0.05 if lead.person.sex == Sex.FEMALE else 0.01):
                codes.add(Exemption.DOMESTIC_ABUSE)
            if lead.age <= 24 and len(members) <= 2 and self._chance(0.1):
                codes.add(Exemption.CARE_LEAVER)
        if duty == HomelessnessDuty.MAIN or (duty == HomelessnessDuty.RELIEF and self._chance(0.5)):
            codes.add(Exemption.HOMELESSNESS_DUTY)
        return sorted(codes)

    def _need_awards(
        self,
        household: Household,
        council: str,
        members: list[DemoMember],
        show: _Showcase,
        registered: dt.date,
    ) -> None:
        allowed = NEED_CODES_BY_COUNCIL[council]
        codes = list(show.needs)
        if show.generated:
            disabled = any(m.person.disabled for m in members)
            carer = any(m.person.needs_overnight_carer for m in members)
            if disabled and self._chance(0.35):
                codes.append(
                    self._pick(
                        (("urgent_medical", 5), ("high_medical", 30), ("medium_medical", 65))
                    )
                )
            elif not disabled and self._chance(0.04):
                codes.append("medium_medical")
            if (carer or disabled) and self._chance(0.08):
                codes.append("medical_extra_room")
            if Exemption.DOMESTIC_ABUSE in household.exemptions or self._chance(0.012):
                codes.append("harassment_risk")
            if self._chance(0.08):  # welfare grounds, graded where the policy grades them
                graded = "gold_welfare" in allowed
                weights = (
                    (("gold_welfare", 3), ("silver_welfare", 7)) if graded else (("welfare", 1),)
                )
                codes.append(self._pick(weights))
            if self._chance(0.025):
                codes.append("hardship_move")
            if self._chance(0.008):
                codes.append("emergency")
        for code in dict.fromkeys(code for code in codes if code in allowed):
            awarded = registered + dt.timedelta(
                days=self.rng.randint(0, max(0, (self.on_date - registered).days))
            )
            withdrawn = None
            if show.generated and self._chance(0.06):
                withdrawn = awarded + dt.timedelta(
                    days=self.rng.randint(0, max(0, (self.on_date - awarded).days))
                )
            self.need_awards.append(
                NeedAward(
                    id=self._uuid(),
                    household_id=household.id,
                    code=code,
                    awarded_on=awarded,
                    notes=self.rng.choice(_NEED_NOTES[code]),
                    withdrawn_on=withdrawn,
                )
            )

    def _period(
        self,
        household: Household,
        kind: str,
        council: str,
        parish: str,
        start: dt.date,
        end: dt.date | None,
        hours: int = 0,
    ) -> None:
        period_id = self._uuid()
        address, postcode = demo_address(period_id, council, parish)
        self.periods.append(
            Period(
                id=period_id,
                address=address,
                postcode=postcode,
                detail="" if kind == PeriodKind.RESIDENCE else demo_place_detail(period_id, kind),
                household_id=household.id,
                kind=kind,
                council_id=self.councils[council].pk if council else None,
                parish=parish,
                start=start,
                end=end,
                hours_per_week=hours,
            )
        )

    def need_awards_from_registration(self) -> None:
        """Needs are awarded from the day a household registers: keep each award on or after
        its household's registration date, once that is known."""
        registered = {household.id: household.registration_date for household in self.households}
        for award in self.need_awards:
            award.awarded_on = max(award.awarded_on, registered[award.household_id])
            if award.withdrawn_on is not None:
                award.withdrawn_on = max(award.withdrawn_on, award.awarded_on)

    def started_by(self, owners: dict[uuid.UUID, User]) -> None:
        """The name each household's application was started under (`application_start`):
        an applicant sign-in's own, as lead of the household it owns from the start (it
        started the application itself), or the lead's, as the officer who started it typed."""
        leads = {p.household_id: p for p in self.people if p.relationship == Relationship.LEAD}
        for household in self.households:
            lead = leads[household.id]
            owner = owners.get(household.id)
            if owner is not None:
                household.applicant = owner
                lead.full_name = owner.full_name
            household.contact_name = lead.full_name

    def assign_references(self) -> None:
        """Number each council's households in order of registration, from the council prefix."""
        by_council: dict[str, list[Household]] = defaultdict(list)
        prefixes = {c.slug: c.prefix for c in COUNCILS}
        slugs = {org.pk: slug for slug, org in self.councils.items()}
        for household in self.households:
            by_council[slugs[household.council_id]].append(household)
        for slug in sorted(by_council):
            number = self.rng.randint(1_000, 4_000)
            for household in sorted(by_council[slug], key=lambda h: (h.registration_date, h.id)):
                number += self.rng.choice((1, 1, 1, 2, 3))  # gaps: applications since closed
                household.reference = household_reference(prefixes[slug], number)
