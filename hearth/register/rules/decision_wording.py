"""What a decision says to the applicant, in plain English: the headline, the reasons, what it
means and what to do next. Used by the decision pages, the letters and the account message.

Pure wording over an assessment and the policy document it used; no database reads.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hearth.policy.rules.assess import INELIGIBLE_TEXT, long_date
from hearth.policy.rules.document import PolicyDocument
from hearth.register.models import Assessment, AssessmentStatus, DecisionKind

# How many days a team leader has to decide a review (8 weeks), from the day it was asked for.
REVIEW_DECIDE_WITHIN_DAYS = 56

# The engine writes a failed qualification rule as "Does not qualify (<code>): <text>".
_NOT_QUALIFYING_LINE = re.compile(r"^Does not qualify \([^)]*\): (?P<text>.+)$", re.DOTALL)

KIND_FOR_OUTCOME: dict[str, str] = {
    AssessmentStatus.QUALIFIES: DecisionKind.ACCEPTED,
    AssessmentStatus.NOT_QUALIFYING: DecisionKind.NOT_QUALIFYING,
    AssessmentStatus.INELIGIBLE: DecisionKind.INELIGIBLE,
}

HEADLINES: dict[str, str] = {
    DecisionKind.ACCEPTED: "You are on the housing register",
    DecisionKind.NOT_QUALIFYING: "You do not qualify to join the housing register",
    DecisionKind.INELIGIBLE: "You are not eligible for social housing",
}

_ORDINALS = ("highest", "second-highest", "third-highest", "fourth-highest", "fifth-highest")


@dataclass(frozen=True)
class DecisionWording:
    headline: str
    meaning: tuple[str, ...]  # what the decision means for the household
    next_steps: tuple[str, ...]  # what to do now


def kind_for(assessment: Assessment) -> str:
    """The decision an assessment supports."""
    return KIND_FOR_OUTCOME[assessment.status]


def decision_reasons(assessment: Assessment) -> list[str]:
    """The reasons the applicant is given: for an accepted household, the assessment's
    explanation; otherwise why they do not qualify or are not eligible."""
    if assessment.status == AssessmentStatus.QUALIFIES:
        return [str(line) for line in assessment.explanation]
    refusals = [
        found.group("text").strip()
        for line in assessment.explanation
        if (found := _NOT_QUALIFYING_LINE.match(str(line)))
    ]
    if assessment.status == AssessmentStatus.INELIGIBLE and not refusals:
        refusals = [INELIGIBLE_TEXT]
    return refusals or [str(line) for line in assessment.explanation]


def bedrooms_text(count: int) -> str:
    return f"{count} bedroom" if count == 1 else f"{count} bedrooms"


def band_position(document: PolicyDocument | None, band: str) -> str:
    """ "Band B is the second-highest of 4 bands", as far as the policy says."""
    if document is None or not document.bands:
        return f"You are in Band {band}."
    codes = [b.code for b in document.bands]
    if band not in codes:
        return f"You are in Band {band}."
    index, total = codes.index(band), len(codes)
    if index == total - 1 and total > 1:
        where = "the lowest"
    elif index < len(_ORDINALS):
        where = f"the {_ORDINALS[index]}"
    else:
        where = f"number {index + 1}"
    sentence = f"Band {band} is {where} of the {total} bands in our allocation scheme."
    meaning = document.band(band).meaning.strip()
    return f"{sentence} {meaning}" if meaning else sentence


def decision_wording(
    *, kind: str, assessment: Assessment | None, document: PolicyDocument | None
) -> DecisionWording:
    """What a decision of `kind`, resting on `assessment`, means and what to do next."""
    if kind == DecisionKind.ACCEPTED and assessment is not None:
        return _accepted(assessment, document)
    if kind == DecisionKind.INELIGIBLE:
        return DecisionWording(
            headline=HEADLINES[kind],
            meaning=(
                "The law says who can be given social housing. Because of your immigration "
                "status, we cannot put you on the housing register or offer you a home.",
            ),
            next_steps=(
                "If your immigration status changes, tell us and apply again.",
                "If you are homeless or may lose your home soon, contact us straight away: we "
                "may still be able to help you find somewhere to live.",
            ),
        )
    return DecisionWording(
        headline=HEADLINES[DecisionKind.NOT_QUALIFYING],
        meaning=(
            "You cannot join the housing register or bid for council and housing association "
            "homes for now. The reasons are set out above.",
        ),
        next_steps=(
            "If your circumstances change so that these reasons no longer apply, tell us and "
            "we will look at your application again.",
            "If you are homeless or may lose your home soon, contact us straight away: we may "
            "still be able to help you find somewhere to live.",
        ),
    )


def _accepted(assessment: Assessment, document: PolicyDocument | None) -> DecisionWording:
    meaning: list[str] = []
    if assessment.band:
        meaning.append(band_position(document, assessment.band))
    elif assessment.points is not None:
        meaning.append(
            f"You have {assessment.points} points. The more points you have, the higher you "
            "are on the list for the homes you bid for."
        )
    if assessment.priority_date is not None:
        same = "band" if assessment.band else "number of points"
        meaning.append(
            f"Your priority date is {long_date(assessment.priority_date)}. When households in "
            f"the same {same} bid for a home, the one with the earliest priority date comes "
            "first."
        )
    rooms = bedrooms_text(assessment.bedroom_need)
    meaning.append(
        f"Your household needs {rooms}. You can bid for homes with {rooms}. Some homes for "
        "older people or with adaptations have rules of their own, shown on the advert."
    )
    return DecisionWording(
        headline=HEADLINES[DecisionKind.ACCEPTED],
        meaning=tuple(meaning),
        next_steps=(
            f"Look at the homes we advertise each week and bid for ones with {rooms} in the "
            "areas you want to live in.",
            "Tell us straight away if anything changes, such as someone moving in or out, your "
            "health, or your address: it may change your band or bedroom need.",
            "Renew your application when we ask you, once a year, or it will be cancelled.",
        ),
    )


def review_due_on(requested_on: dt.date) -> dt.date:
    """The day a team leader should have decided a review by: 8 weeks after it was asked for."""
    return requested_on + dt.timedelta(days=REVIEW_DECIDE_WITHIN_DAYS)
