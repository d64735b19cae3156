"""The policy document: one council's allocation scheme as data.

A document is written in YAML or JSON (see docs/policy/configuration-guide.md), read into the
frozen dataclasses below by `hearth.policy.rules.document_read`, and written back out by
`document_data`. Every rule carries the plain-English `text` shown to applicants and officers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SCHEMA = "hearth-policy/1"

# What the law requires reasonable preference for (Housing Act 1996 s166A(3)). A scheme must
# give each group a route to priority; the editor warns when one has none.
PREFERENCE_GROUPS: dict[str, str] = {
    "homeless": "People who are homeless",
    "homelessness_duty": "People owed a duty under s190(2), s193(2) or s195(2)",
    "unsatisfactory_housing": "People in insanitary, overcrowded or unsatisfactory housing",
    "medical_welfare": "People who need to move on medical or welfare grounds",
    "hardship": "People who need to move to a particular area to avoid hardship",
}

SCHEME_KINDS = ("bands", "points")
LETTINGS_MODES = ("choice_based", "direct_match")
QUALIFICATION_OUTCOMES = ("not_qualifying", "ineligible")
AWARD_ROUTES = ("officer", "derived")
ON_BAND_UP = ("change_date",)
ON_BAND_DOWN = ("keep", "change_date", "registration_date")
EXEMPTIONS = ("armed_forces", "domestic_abuse", "care_leaver", "homelessness_duty")
ORDER_KEYS = (
    "band",
    "points",
    "priority_date",
    "registration_date",
    "bedroom_match",
    "no_housing_debt",
    "local_connection",
    "transfer",
    "random",
    "expression",
)
PREFER = ("higher", "lower", "transfer", "new", "true", "false")
# Where the `local_connection` order key looks for a connection: the advertising council's area
# (the default), or the advertised home's own area or parish; whichever register the household
# is on, by residence, work or family as the policy's local connection test says.
ADVERT_COUNCIL, ADVERT_PARISH = "advert_council", "advert_parish"
CONNECTION_TO = (ADVERT_COUNCIL, ADVERT_PARISH)
# How an advert's mobility label may be used: only matching households may bid, or they come first.
MOBILITY_LABEL_USES = ("filter", "priority")
BID_LIMIT_PER = ("cycle", "live")
REFUSAL_CONSEQUENCES = ("band_review", "suspend", "lower_band")
QUOTA_SCOPES = ("council", "partners")
QUESTION_KINDS = ("yes_no", "text", "choice")


@dataclass(frozen=True, slots=True)
class Band:
    code: str
    label: str
    meaning: str  # what being in this band means, for applicants


@dataclass(frozen=True, slots=True)
class QualificationRule:
    code: str
    when: str  # expression: true means the household does NOT qualify
    outcome: str  # not_qualifying | ineligible
    text: str


@dataclass(frozen=True, slots=True)
class ResidenceTest:
    """Lived in the area for `months` of the last `within_months` months."""

    months: int
    within_months: int


@dataclass(frozen=True, slots=True)
class ConnectionTest:
    """A connection to a place (a council area, or a parish for a local lettings plan).

    Any one route is enough: residence, work, close family there long enough, or an exemption.
    """

    residence: tuple[ResidenceTest, ...] = ()
    work_hours_per_week: int | None = None
    family_years: int | None = None
    exemptions: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class NeedReason:
    code: str
    label: str
    text: str
    awarded: str  # officer | derived
    when: str = ""  # expression, for derived reasons
    band: str = ""  # for banded schemes
    points: int = 0  # for points schemes
    preference: str = ""  # a PREFERENCE_GROUPS key, if this reason gives reasonable preference


@dataclass(frozen=True, slots=True)
class CumulativeRule:
    count: int
    band: str
    gives: str
    text: str


@dataclass(frozen=True, slots=True)
class BandCap:
    when: str
    max_band: str
    rank_below_uncapped: bool
    text: str


@dataclass(frozen=True, slots=True)
class PointsScheme:
    waiting_points_per_month: int = 0
    waiting_points_cap: int | None = None
    total_cap: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class BedroomRules:
    adult_age: int = 21
    pairing_age: int = 10
    extra_room_for_overnight_carer: bool = True
    extra_room_reasons: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class PriorityDateRules:
    on_band_up: str = "change_date"
    on_band_down: str = "keep"
    text: str = ""


@dataclass(frozen=True, slots=True)
class OrderKey:
    key: str
    prefer: str = ""  # direction where the key allows a choice
    expression: str = ""  # for key "expression"
    label: str = ""  # for key "expression": what officers see
    to: str = ""  # for key "local_connection": one of CONNECTION_TO ("": the advertising council)


@dataclass(frozen=True, slots=True)
class PlanGroup:
    name: str
    connection: ConnectionTest
    when: str = ""


@dataclass(frozen=True, slots=True)
class LocalLettingsPlan:
    code: str
    name: str
    text: str
    groups: tuple[PlanGroup, ...]
    # The plan's own order within its groups (say, longest registered first whatever the
    # band); empty: the scheme's usual order (`Shortlist.order`). Same keys as that order.
    order: tuple[OrderKey, ...] = ()


@dataclass(frozen=True, slots=True)
class Quota:
    scope: str  # council | partners
    share: int  # per cent of the council's adverts


@dataclass(frozen=True, slots=True)
class BypassReason:
    """A reason an officer may give for passing over a bidder on a shortlist."""

    code: str
    label: str  # what officers choose from
    text: str  # what the applicant is told, in plain English


# The reasons a council has unless its policy lists its own.
DEFAULT_BYPASS_REASONS = (
    BypassReason(
        "rent_arrears",
        "Rent arrears with no repayment arrangement",
        "You owe rent and have not agreed a plan to pay it back.",
    ),
    BypassReason(
        "unsuitable",
        "The home does not meet the household's assessed needs",
        "This home does not meet your household's needs, for example its access or adaptations.",
    ),
    BypassReason(
        "verification",
        "Documents or details could not be checked",
        "We could not check the documents or details we need before an offer.",
    ),
    BypassReason(
        "no_response",
        "Did not respond to contact",
        "We tried to contact you about this home and did not hear back in time.",
    ),
    BypassReason(
        "support",
        "Support needed to sustain the tenancy is not in place",
        "The support you need to live in this home is not in place yet.",
    ),
)


@dataclass(frozen=True, slots=True)
class Shortlist:
    order: tuple[OrderKey, ...]
    text: str = ""
    quotas: tuple[Quota, ...] = ()
    local_lettings_plans: tuple[LocalLettingsPlan, ...] = ()
    bypass_reasons: tuple[BypassReason, ...] = DEFAULT_BYPASS_REASONS
    # The uses of an advert's mobility label the council allows (both unless it says).
    mobility_labels: tuple[str, ...] = MOBILITY_LABEL_USES


@dataclass(frozen=True, slots=True)
class BidLimit:
    count: int
    per: str  # cycle | live
    text: str = ""


@dataclass(frozen=True, slots=True)
class RefusalRule:
    count: int
    consequence: str  # band_review | suspend | lower_band
    months: int = 0  # how long a suspension or a lower band lasts; it ends by itself
    text: str = ""
    # Count only refusals in the last this many months (0: every refusal since joining).
    within_months: int = 0


# --- Rules about the household itself: who may bid, and a band lower than need ----------------
UNDER_OFFER_MODES = ("cannot_bid", "skipped")


@dataclass(frozen=True, slots=True)
class BidRefusal:
    """A reason the policy names for refusing a bid while the household stays on the register
    (rent arrears with no repayment arrangement, say)."""

    code: str
    when: str  # expression over the household: true means its bids are refused
    text: str  # what the applicant and the shortlist are told


@dataclass(frozen=True, slots=True)
class Bidding:
    refusals: tuple[BidRefusal, ...] = ()
    # A household under offer, or nominated for another home and awaiting the decision: it
    # cannot bid (and is skipped on shortlists it bid on before), or it bids and is skipped.
    under_offer: str = "cannot_bid"


@dataclass(frozen=True, slots=True)
class BandLower:
    """A household this holds for is placed one band lower than its need."""

    when: str
    text: str


@dataclass(frozen=True, slots=True)
class ApplicationQuestion:
    """A question the council adds to the common application form (one page each)."""

    code: str
    text: str
    kind: str  # yes_no | text | choice
    hint: str = ""
    choices: tuple[str, ...] = ()  # for kind "choice"


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    council: str  # the council's slug
    title: str
    summary: str
    scheme: str  # bands | points
    lettings: str  # choice_based | direct_match
    qualification: tuple[QualificationRule, ...]
    local_connection: ConnectionTest
    need_reasons: tuple[NeedReason, ...]
    bedrooms: BedroomRules
    priority_date: PriorityDateRules
    shortlist: Shortlist
    bands: tuple[Band, ...] = ()
    default_band: str = ""
    cumulative: tuple[CumulativeRule, ...] = ()
    caps: tuple[BandCap, ...] = ()
    points: PointsScheme | None = None
    bid_limit: BidLimit | None = None
    refusals: tuple[RefusalRule, ...] = ()
    # The council's own extra questions on the application form, and the areas (towns,
    # parishes, neighbourhoods) applicants can say they want to live in.
    application_questions: tuple[ApplicationQuestion, ...] = ()
    areas: tuple[str, ...] = ()
    bidding: Bidding = Bidding()
    band_lower: tuple[BandLower, ...] = ()
    effective_from: dt.date | None = field(default=None, compare=False)

    def band(self, code: str) -> Band:
        return next(b for b in self.bands if b.code == code)

    def band_rank(self, code: str) -> int:
        """0 for the highest band; larger is lower priority."""
        return next(i for i, b in enumerate(self.bands) if b.code == code)

    def reason(self, code: str) -> NeedReason | None:
        return next((r for r in self.need_reasons if r.code == code), None)
