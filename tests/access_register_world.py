"""The register records every register area of the access matrix names in its URLs.

`register_records(world)` builds them once per matrix world (cached on it): in the home council,
the world applicant's household and active application, with an assessment under a published
policy, a decision, an open review, a document request and an uploaded document, messages, a
reported change of circumstances, a pending override, a possible duplicate, and a second
application (a draft started by an officer for someone without an account). The away council
has an application of its own, for checking that officers never see another council's records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hearth.accounts.tests.factories import staff_member
from hearth.core import clock
from hearth.core.access.roles import OrganisationKind, Role
from hearth.demo.policies import demo_policy_texts
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.register.models import (
    Application,
    ApplicationStatus,
    Assessment,
    AssessmentOverride,
    CircumstanceChange,
    Decision,
    DuplicateFlag,
    EvidenceDocument,
    EvidenceRequest,
    Message,
    ReviewRequest,
)
from hearth.register.tests.factories import (
    ApplicationFactory,
    AssessmentOverrideFactory,
    CircumstanceChangeFactory,
    DecisionFactory,
    EvidenceDocumentFactory,
    EvidenceRequestFactory,
    HouseholdFactory,
    MessageFactory,
    ReviewRequestFactory,
)

ON = dt.date(2026, 6, 15)


@dataclass(frozen=True)
class RegisterRecords:
    policy: PolicyVersion
    application: Application  # the world applicant's, in the home council, active
    draft: Application  # home council, a draft an officer started (no applicant account)
    away: Application  # the away council's
    assessment: Assessment
    decision: Decision
    review: ReviewRequest
    evidence_request: EvidenceRequest
    document: EvidenceDocument
    message: Message
    change: CircumstanceChange
    override: AssessmentOverride
    duplicate: DuplicateFlag


def register_records(world: Any) -> RegisterRecords:
    found = getattr(world, "_register_records", None)
    if found is None:
        found = _build(world)
        world._register_records = found
    return found


def _build(world: Any) -> RegisterRecords:
    council = world.home[OrganisationKind.COUNCIL]
    away_council = world.away[OrganisationKind.COUNCIL]
    text = demo_policy_texts()["marshvale-city"]
    policy = PolicyVersion.objects.create(
        council=council,
        number=90,
        status=PolicyStatus.PUBLISHED,
        title="Allocation scheme (access matrix)",
        document=document_data(document_from_text(text)),
        source_text=text,
        effective_from=dt.date(2024, 1, 1),
        published_at=clock.now(),
    )
    household = HouseholdFactory(council=council, applicant=world.applicant, application=None)
    application = ApplicationFactory(household=household)
    draft = ApplicationFactory(
        household=HouseholdFactory(council=council, application=None),
        status=ApplicationStatus.DRAFT,
        submitted_at=None,
        declaration_at=None,
        activated_on=None,
    )
    away = ApplicationFactory(household__council=away_council)
    assessment = Assessment.objects.create(
        household=household,
        policy_version=policy,
        assessed_on=ON,
        qualifies=True,
        status="qualifies",
        band="C",
        priority_date=dt.date(2024, 4, 1),
        bedroom_need=1,
        local_connection=True,
        explanation=["You qualify to join the register."],
    )
    decision = DecisionFactory(application=application, assessment=assessment, decided_on=ON)
    review = ReviewRequestFactory(decision=decision, requested_on=ON)
    evidence_request = EvidenceRequestFactory(application=application)
    document = EvidenceDocumentFactory(application=application, request=evidence_request)
    message = MessageFactory(application=application)
    change = CircumstanceChangeFactory(application=application)
    officer = staff_member(council, [Role.REGISTER_OFFICER]).user
    override = AssessmentOverrideFactory(
        application=application, assessment=assessment, requested_by=officer
    )
    duplicate = DuplicateFlag.objects.create(
        application=application,
        council=application.council,
        other_household=away.household,
        matched_on=["name", "date_of_birth", "national_insurance_number"],
        flagged_at=document.uploaded_at,
    )
    return RegisterRecords(
        policy=policy,
        application=application,
        draft=draft,
        away=away,
        assessment=assessment,
        decision=decision,
        review=review,
        evidence_request=evidence_request,
        document=document,
        message=message,
        change=change,
        override=override,
        duplicate=duplicate,
    )
