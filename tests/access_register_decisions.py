"""Access rules for the register's decisions pages, merged into tests/test_access_matrix.py.

The records the URLs name come from tests/access_register_world.py (shared by every register
area, built once per matrix world). The world's decision has a review waiting, so the
applicant's review steps show "you have already asked"; the outcome letters name a review of
this module's own that a team leader has decided.

Who gets what:
- deciding (`decision_new`): officers who assess applications, their own council's only;
- letters for staff: anyone who reads the council's register;
- the review queue and deciding a review: team leaders (`APPROVE_DECISIONS`), own council;
- the decision, its letter and the review journey (asking, and withdrawing the open review): the
  applicant whose decision it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hearth.core.access.roles import Capability
from hearth.register.models import ReviewRequest, ReviewStatus
from hearth.register.tests.factories import DecisionFactory, ReviewRequestFactory
from tests.access_register_world import ON, RegisterRecords, register_records
from tests.access_rules import Principal, Rule, applicant, capability

RULES: dict[str, Rule] = {
    "register:decision_new": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:decision_letter_staff": capability(Capability.VIEW_REGISTER, scoped=True),
    "register:review_queue": capability(Capability.APPROVE_DECISIONS),
    "register:review_decide": capability(Capability.APPROVE_DECISIONS, scoped=True),
    "register:review_letter_staff": capability(Capability.VIEW_REGISTER, scoped=True),
    "register:decision": applicant,
    "register:decision_letter": applicant,
    "register:review_request": applicant,
    "register:review_why": applicant,
    "register:review_check": applicant,
    "register:review_sent": applicant,
    "register:review_letter": applicant,
    "register:review_withdraw": applicant,
}

ON_DECISION = {
    "register:decision_letter_staff",
    "register:decision",
    "register:decision_letter",
    "register:review_request",
    "register:review_why",
    "register:review_check",
    "register:review_sent",
}
ON_DECIDED_REVIEW = {"register:review_letter_staff", "register:review_letter"}


@dataclass(frozen=True)
class Objects:
    records: RegisterRecords
    decided_review: ReviewRequest


def objects(world: Any) -> Objects:
    records = register_records(world)
    # An earlier decision on the world application, reviewed and upheld: its outcome letter.
    earlier = DecisionFactory(
        application=records.application,
        assessment=records.assessment,
        decided_on=ON - dt.timedelta(days=90),
        review_by=ON - dt.timedelta(days=69),
    )
    decided = ReviewRequestFactory(
        decision=earlier,
        requested_on=ON - dt.timedelta(days=80),
        status=ReviewStatus.UPHELD,
        outcome_reasons="The band was right for the household's needs.",
        decided_on=ON - dt.timedelta(days=60),
    )
    return Objects(records=records, decided_review=decided)


def url_kwargs(objects: Objects, name: str, principal: Principal) -> dict[str, object] | None:
    if name not in RULES:
        return None
    records = objects.records
    if name == "register:decision_new":
        return {"pk": records.application.pk}
    if name in ON_DECISION:
        return {"pk": records.decision.pk}
    if name in {"register:review_decide", "register:review_withdraw"}:
        return {"pk": records.review.pk}
    if name in ON_DECIDED_REVIEW:
        return {"pk": objects.decided_review.pk}
    return {}
